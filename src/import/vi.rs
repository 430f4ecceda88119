//! The Vietnamese of administrative documents, as the importer reads it: words with their
//! folded form and place in the text, dates ("ngày 08 tháng 6 năm 2023", "20/6/2023",
//! "tháng 8/2024", "quý III/2026"), numbers ("1.057", "93,5"), times ("7 giờ 30 phút") and
//! the letter case of names written in capitals ("ỦY BAN NHÂN DÂN XÃ MỸ PHÚ ĐÔNG").

use chrono::{NaiveDate, NaiveTime};

use crate::text;

/// A word or a punctuation mark of a text, with its folded form ("Ngày" → "ngay") and its
/// byte range in the text.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub s: &'a str,
    pub f: String,
    pub start: usize,
    pub end: usize,
}

/// Words are runs of letters and digits; `/ . , - :` stay inside a word between a digit and a
/// letter or digit ("20/6/2023", "1.057", "93,5", "III/2026", "07:30"); any other character
/// that is not a space is a token of its own.
pub fn tokens(s: &str) -> Vec<Tok<'_>> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() {
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_alphanumeric() {
                    j += 1;
                } else if matches!(c, '/' | '.' | ',' | '-' | ':')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                    && (chars[j - 1].1.is_ascii_digit() || chars[j + 1].1.is_ascii_digit())
                {
                    j += 2;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(s.len(), |(e, _)| *e);
        let word = &s[at..end];
        out.push(Tok { s: word, f: text::fold(word), start: at, end });
        i = j;
    }
    out
}

/// A number as Vietnamese documents write it: "1.057" is one thousand and fifty-seven,
/// "93,5" ninety-three and a half.
pub fn number(s: &str) -> Option<f64> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let int = if groups.len() > 1 {
        // "1.057": thousands; "93.5" with one or two digits after the point: a decimal point.
        if groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3 {
            groups.concat()
        } else if groups.len() == 2 && frac.is_none() {
            return format!("{}.{}", groups[0], groups[1]).parse().ok();
        } else {
            return None;
        }
    } else {
        int.to_string()
    };
    let text = match frac {
        Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => format!("{int}.{f}"),
        Some(_) => return None,
        None => int,
    };
    text.parse().ok()
}

/// A whole number ("1.057" → 1057).
pub fn whole(s: &str) -> Option<u64> {
    let n = number(s)?;
    (n.fract() == 0.0 && (0.0..1e15).contains(&n)).then_some(n as u64)
}

/// When something is, as finely as the text says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Year(i32),
}

impl When {
    /// The last day it covers: a month's last day, a quarter's.
    pub fn last_day(self) -> Option<NaiveDate> {
        match self {
            When::Day(d) => Some(d),
            When::Month(y, m) => month_end(y, m),
            When::Quarter(y, q) => month_end(y, q * 3),
            When::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31),
        }
    }

    /// The last day before it starts ("trước tháng 10 năm 2024" → 30 September).
    pub fn day_before(self) -> Option<NaiveDate> {
        let first = match self {
            When::Day(d) => return Some(d),
            When::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            When::Quarter(y, q) => NaiveDate::from_ymd_opt(y, q * 3 - 2, 1),
            When::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
        }?;
        first.pred_opt()
    }
}

pub fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// A date written in the text: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub first: usize,
    pub last: usize,
    pub when: When,
}

/// "20/6/2023", "20.6.2023", "24/3" (the year then comes from `year`).
fn dmy(s: &str, year: Option<i32>) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 4) {
        return None;
    }
    let d: u32 = parts.first()?.parse().ok()?;
    let m: u32 = parts.get(1)?.parse().ok()?;
    let y = match parts.get(2) {
        Some(y) if y.len() == 4 => y.parse().ok()?,
        Some(y) if y.len() == 2 => 2000 + y.parse::<i32>().ok()?,
        Some(_) => return None,
        None => year?,
    };
    if parts.len() > 3 || !(2000..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// How a month's or a quarter's number is read, and what it makes with its year.
type Reads = fn(&str) -> Option<u32>;
type Makes = fn(i32, u32) -> When;

/// "III" or "3" as a quarter.
fn quarter(s: &str) -> Option<u32> {
    match s {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

fn year_of(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    (s.len() == 4 && (2000..=2100).contains(&y)).then_some(y)
}

fn month_of(s: &str) -> Option<u32> {
    let m: u32 = s.parse().ok()?;
    (1..=12).contains(&m).then_some(m)
}

/// Every date the tokens write, in order. A day or month without its year takes the year of
/// the next date that has one in the same text, else `year`.
pub fn dates(toks: &[Tok], year: Option<i32>) -> Vec<Mention> {
    // The years written, so "từ ngày 24/3 đến ngày 20/4/2023" gives 24/3 the year 2023.
    let later_year = |from: usize| -> Option<i32> {
        toks[from..]
            .iter()
            .find_map(|t| {
                let parts: Vec<&str> = t.s.split(['/', '.']).collect();
                if parts.len() >= 2 {
                    parts.last().and_then(|p| year_of(p))
                } else {
                    year_of(t.s)
                }
            })
            .or(year)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let f = toks[i].f.as_str();
        let at = |k: usize| toks.get(k).map(|t| t.f.as_str()).unwrap_or("");
        let raw = |k: usize| toks.get(k).map(|t| t.s).unwrap_or("");
        // ngày 08 tháng 6 năm 2023
        if f == "ngay" && at(i + 2) == "thang" && at(i + 4) == "nam" {
            if let (Ok(d), Some(m), Some(y)) = (at(i + 1).parse::<u32>(), month_of(at(i + 3)), year_of(at(i + 5))) {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    out.push(Mention { first: i, last: i + 5, when: When::Day(date) });
                    i += 6;
                    continue;
                }
            }
        }
        // tháng 8/2024, tháng 8 năm 2024; quý III/2026, quý 3 năm 2026
        let period: Option<(Reads, Makes)> = match f {
            "thang" => Some((month_of, When::Month)),
            "quy" => Some((quarter, When::Quarter)),
            _ => None,
        };
        if let Some((number, when)) = period {
            let next = raw(i + 1);
            let found = match next.split_once('/') {
                Some((n, y)) => number(n).zip(year_of(y)).map(|(n, y)| (when(y, n), i + 1)),
                None if at(i + 2) == "nam" => number(next).zip(year_of(at(i + 3))).map(|(n, y)| (when(y, n), i + 3)),
                None => None,
            };
            if let Some((when, last)) = found {
                out.push(Mention { first: i, last, when });
                i = last + 1;
                continue;
            }
        }
        // năm 2024, only where a deadline is said by the year alone
        if f == "nam" && i > 0 && matches!(at(i - 1), "trong" | "het" | "cuoi" | "truoc") {
            if let Some(y) = year_of(at(i + 1)) {
                out.push(Mention { first: i, last: i + 1, when: When::Year(y) });
                i += 2;
                continue;
            }
        }
        // (ngày) 20/6/2023, 24/3
        if toks[i].s.contains(['/', '.']) && toks[i].s.starts_with(|c: char| c.is_ascii_digit()) {
            let parts = toks[i].s.split(['/', '.']).count();
            // "24/3" is a date only after “ngày” or before another date ("24/3 - 20/4/2023").
            let dated_context = parts == 3 || (i > 0 && at(i - 1) == "ngay");
            if dated_context && toks[i].s.contains('/') {
                if let Some(d) = dmy(toks[i].s, later_year(i + 1)) {
                    let first = if i > 0 && at(i - 1) == "ngay" { i - 1 } else { i };
                    out.push(Mention { first, last: i, when: When::Day(d) });
                    i += 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Two dates written as a span: "từ ngày 10/8/2024 đến hết ngày 10/10/2024",
/// "(01/10/2024 - 10/10/2024)". The tokens from the first word of the span to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: usize,
    pub last: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

pub fn spans(toks: &[Tok], mentions: &[Mention]) -> Vec<Span> {
    let mut out = Vec::new();
    for w in mentions.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (When::Day(from), Some(to)) = (a.when, b.when.last_day()) else { continue };
        let between: Vec<&str> = toks[a.last + 1..b.first].iter().map(|t| t.f.as_str()).collect();
        let joined = matches!(between.as_slice(), ["den"] | ["den", "het"] | ["-"] | ["–"] | ["—"] | ["den", "ngay"]);
        if joined && from <= to {
            let first = if a.first > 0 && toks[a.first - 1].f == "tu" { a.first - 1 } else { a.first };
            out.push(Span { first, last: b.last, from, to });
        }
    }
    out
}

/// A deadline said before a date: "trước ngày 20/6/2023", "đến 20/6/2023", "trong quý
/// III/2026", "trước tháng 10 năm 2024". The day it falls on, and the tokens of the phrase.
pub fn deadline(toks: &[Tok], mentions: &[Mention]) -> Option<(NaiveDate, usize, usize)> {
    // "từ ngày A đến (hết) ngày B" is a span, not a deadline.
    let in_span: Vec<(usize, usize)> = spans(toks, mentions).iter().map(|s| (s.first, s.last)).collect();
    for m in mentions {
        if in_span.iter().any(|&(a, b)| a <= m.first && m.last <= b) {
            continue;
        }
        let before = |k: usize| m.first.checked_sub(k).map(|i| toks[i].f.as_str()).unwrap_or("");
        let (word, at) = match (before(2), before(1)) {
            ("den", "het") => ("den", m.first - 2),
            (_, w @ ("truoc" | "den" | "trong" | "het" | "cuoi")) => (w, m.first - 1),
            ("cham", "nhat") => ("truoc", m.first - 2),
            _ => continue,
        };
        let day = match (word, m.when) {
            ("truoc", When::Day(d)) => Some(d),
            ("truoc", w) => w.day_before(),
            (_, w) => w.last_day(),
        }?;
        return Some((day, at, m.last));
    }
    None
}

/// A time of day: "7 giờ 30 phút", "7 giờ", "7h30", "07:30". The time and its last token.
pub fn time_at(toks: &[Tok], i: usize) -> Option<(NaiveTime, usize)> {
    let t = toks.get(i)?;
    if let Some((h, m)) = t.f.split_once(['h', ':']) {
        let h: u32 = h.parse().ok()?;
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        return NaiveTime::from_hms_opt(h, m, 0).map(|x| (x, i));
    }
    let h: u32 = t.f.parse().ok()?;
    if toks.get(i + 1)?.f != "gio" {
        return None;
    }
    let (m, last) = match toks.get(i + 2).and_then(|t| t.f.parse::<u32>().ok()) {
        Some(m) => (m, if toks.get(i + 3).is_some_and(|t| t.f == "phut") { i + 3 } else { i + 2 }),
        None => (0, i + 1),
    };
    NaiveTime::from_hms_opt(h, m, 0).map(|x| (x, last))
}

/// The first two times of day in the tokens ("từ 7 giờ 30 phút đến 22 giờ 00 phút").
pub fn times(toks: &[Tok]) -> Vec<NaiveTime> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() && out.len() < 2 {
        match time_at(toks, i) {
            Some((t, last)) => {
                out.push(t);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Abbreviations kept in capitals when a name written in capitals is put in ordinary case.
const ABBREVIATIONS: &[&str] = &[
    "UBND", "HĐND", "MTTQ", "UBMTTQ", "MTTQVN", "TTHC", "CCCD", "CNS", "BCĐ", "TCT", "ĐA", "KT.", "TM.", "TL.", "TUQ.",
    "Q.", "TP", "TX", "CA", "VNEID", "CP", "QĐ", "TTG", "KH", "THCS", "THPT", "VHTT", "CNTT",
];

/// Administrative levels: the words before a place's name, in lower case with their marks
/// ("tỉnh" is a level, "Tịnh" a name).
const LEVELS: &[&str] = &[
    "thị trấn",
    "thị xã",
    "thành phố",
    "khu phố",
    "tổ dân phố",
    "xã",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "ấp",
    "thôn",
];

/// Phrases with their usual capitals inside a name.
const PHRASES: &[(&str, &str)] = &[
    ("chu tich", "Chủ tịch"),
    ("de an", "Đề án"),
    ("mat tran to quoc", "Mặt trận Tổ quốc"),
    ("viet nam", "Việt Nam"),
    ("ho chi minh", "Hồ Chí Minh"),
];

/// Whether `s` has letters and none of them is lower case.
pub fn is_capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn capitalise(w: &str) -> String {
    let lower = w.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "ĐỀ ÁN" at `words[i..]` → its usual case, and how many words it took.
fn phrase_at(words: &[&str], i: usize) -> Option<(String, usize)> {
    for (folded, cased) in PHRASES {
        let n = folded.split(' ').count();
        if i + n <= words.len() && text::fold(&words[i..i + n].join(" ")) == *folded {
            return Some((cased.to_string(), n));
        }
    }
    None
}

fn level_at(words: &[&str], i: usize) -> Option<usize> {
    LEVELS.iter().find_map(|l| {
        let n = l.split(' ').count();
        (i + n <= words.len() && words[i..i + n].join(" ").to_lowercase() == *l).then_some(n)
    })
}

/// A name written in capitals, in ordinary case: "ỦY BAN NHÂN DÂN XÃ MỸ PHÚ ĐÔNG" → "Ủy ban
/// nhân dân xã Mỹ Phú Đông", "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "KT.CHỦ TỊCH" → "KT. Chủ
/// tịch", "ỦY BAN NHÂN DÂN PHƯỜNG 3" → "Ủy ban nhân dân Phường 3". The words before the
/// first administrative level are a common noun (first word capitalised), the place after
/// it a proper name; abbreviations stay. Text that is not all capitals is returned as it is.
pub fn ordinary_case(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !is_capitals(&s) {
        return s;
    }
    // "KT.CHỦ TỊCH" → "KT. CHỦ TỊCH"
    let mut spaced = String::new();
    for w in s.split(' ') {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        match w.split_once('.') {
            Some((a, b)) if !b.is_empty() && ABBREVIATIONS.contains(&format!("{a}.").as_str()) => {
                spaced.push_str(&format!("{a}. {b}"));
            }
            _ => spaced.push_str(w),
        }
    }
    let words: Vec<&str> = spaced.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    let mut place = false;
    let mut first = true;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if ABBREVIATIONS.iter().any(|a| *a == w || a.trim_end_matches('.') == w.trim_end_matches(['.', ','])) {
            out.push(if w == "VNEID" { "VNeID".into() } else { w.to_string() });
            i += 1;
            // "TM. ỦY BAN NHÂN DÂN": the words after a signing prefix start with a capital.
            first = w.ends_with('.');
            continue;
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            out.push(w.to_string());
            i += 1;
            continue;
        }
        if let Some(n) = level_at(&words, i).filter(|_| !place) {
            // "PHƯỜNG 3", "KHU PHỐ 1": the level is part of a numbered name.
            let numbered = words.get(i + n).is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            for (k, lw) in words[i..i + n].iter().enumerate() {
                out.push(if (first || numbered) && k == 0 { capitalise(lw) } else { lw.to_lowercase() });
            }
            i += n;
            place = true;
            first = false;
            continue;
        }
        if let Some((cased, n)) = phrase_at(&words, i) {
            out.push(cased);
            i += n;
            first = false;
            continue;
        }
        out.push(if first || place { capitalise(w) } else { w.to_lowercase() });
        first = false;
        i += 1;
    }
    out.join(" ")
}

/// A person's name in capitals ("VÕ HOÀNG TÂM") in ordinary case; otherwise as written.
pub fn name_case(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if is_capitals(&s) {
        s.split(' ').map(capitalise).collect::<Vec<_>>().join(" ")
    } else {
        s
    }
}

/// The first letter in capitals.
pub fn sentence_start(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Text with its spaces made single and its edges trimmed of spaces and `chars`.
pub fn tidy(s: &str, chars: &[char]) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| c.is_whitespace() || chars.contains(&c));
    // “ Công dân số” → “Công dân số”
    s.replace("“ ", "“").replace(" ”", "”").replace("( ", "(").replace(" )", ")")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_are_read_as_vietnamese_writes_them() {
        assert_eq!(number("1.057"), Some(1057.0));
        assert_eq!(number("93,5"), Some(93.5));
        assert_eq!(number("95"), Some(95.0));
        assert_eq!(number("12.853.000"), Some(12_853_000.0));
        assert_eq!(number("20/6"), None);
        assert_eq!(whole("1.057"), Some(1057));
    }

    #[test]
    fn dates_in_every_written_form() {
        let find = |s: &str| {
            let t = tokens(s);
            dates(&t, None).into_iter().map(|m| m.when).collect::<Vec<_>>()
        };
        assert_eq!(find("Mỹ Phú Đông, ngày 08 tháng 6 năm 2023"), vec![When::Day(d(2023, 6, 8))]);
        assert_eq!(find("đến 20/6/2023 hoàn thành"), vec![When::Day(d(2023, 6, 20))]);
        assert_eq!(
            find("Từ ngày 24/3 đến ngày 20/4/2023:"),
            vec![When::Day(d(2023, 3, 24)), When::Day(d(2023, 4, 20))]
        );
        assert_eq!(find("trong tháng 8/2024, Sở"), vec![When::Month(2024, 8)]);
        assert_eq!(find("trước tháng 10 năm 2024."), vec![When::Month(2024, 10)]);
        assert_eq!(find("hoàn thành trong quý III/2026"), vec![When::Quarter(2026, 3)]);
        assert_eq!(find("Kế hoạch số 46/KH-UBND"), vec![]);
        assert_eq!(find("Đề án 06/CP"), vec![]);
    }

    #[test]
    fn deadlines_and_spans() {
        let t = tokens("hoàn thành trong quý III/2026");
        assert_eq!(deadline(&t, &dates(&t, None)).map(|x| x.0), Some(d(2026, 9, 30)));
        let t = tokens("phải hoàn thành kế hoạch trước tháng 10 năm 2024");
        assert_eq!(deadline(&t, &dates(&t, None)).map(|x| x.0), Some(d(2024, 9, 30)));
        let t = tokens("Phấn đấu đến 20/6/2023 hoàn thành");
        assert_eq!(deadline(&t, &dates(&t, None)).map(|x| x.0), Some(d(2023, 6, 20)));
        let t = tokens("Từ ngày 10/8/2024 đến hết ngày 10/10/2024.");
        let m = dates(&t, None);
        assert_eq!(deadline(&t, &m), None, "a span is not a deadline");
        assert_eq!(spans(&t, &m).first().map(|s| (s.from, s.to)), Some((d(2024, 8, 10), d(2024, 10, 10))));
        let t = tokens("trong 10 ngày (01/10/2024 - 10/10/2024) tại");
        let s = spans(&t, &dates(&t, None));
        assert_eq!(s.first().map(|s| (s.from, s.to)), Some((d(2024, 10, 1), d(2024, 10, 10))));
    }

    #[test]
    fn times_of_day() {
        let t = tokens("liên tục từ 7 giờ 30 phút đến 22 giờ 00 phút hằng ngày");
        assert_eq!(
            times(&t),
            vec![NaiveTime::from_hms_opt(7, 30, 0).unwrap(), NaiveTime::from_hms_opt(22, 0, 0).unwrap()]
        );
        let t = tokens("lúc 7h30");
        assert_eq!(times(&t), vec![NaiveTime::from_hms_opt(7, 30, 0).unwrap()]);
    }

    #[test]
    fn names_in_capitals_in_ordinary_case() {
        assert_eq!(ordinary_case("ỦY BAN NHÂN DÂN XÃ MỸ PHÚ ĐÔNG"), "Ủy ban nhân dân xã Mỹ Phú Đông");
        assert_eq!(ordinary_case("ỦY BAN NHÂN DÂN PHƯỜNG 3"), "Ủy ban nhân dân Phường 3");
        assert_eq!(ordinary_case("UBND THỊ XÃ BỈM SƠN"), "UBND thị xã Bỉm Sơn");
        assert_eq!(ordinary_case("ỦY BAN NHÂN DÂN XÃ TỊNH HIỆP"), "Ủy ban nhân dân xã Tịnh Hiệp");
        assert_eq!(ordinary_case("TỔ CÔNG TÁC ĐỀ ÁN 06"), "Tổ công tác Đề án 06");
        assert_eq!(ordinary_case("KT.CHỦ TỊCH"), "KT. Chủ tịch");
        assert_eq!(ordinary_case("PHÓ CHỦ TỊCH"), "Phó Chủ tịch");
        assert_eq!(ordinary_case("TM. ỦY BAN NHÂN DÂN"), "TM. Ủy ban nhân dân");
        assert_eq!(ordinary_case("TM.ỦY BAN NHÂN DÂN"), "TM. Ủy ban nhân dân");
        assert_eq!(ordinary_case("CHỦ TỊCH UBND THỊ XÃ"), "Chủ tịch UBND thị xã");
        assert_eq!(ordinary_case("Ủy ban nhân dân xã Tịnh Hiệp"), "Ủy ban nhân dân xã Tịnh Hiệp");
        assert_eq!(name_case("VÕ HOÀNG TÂM"), "Võ Hoàng Tâm");
        assert_eq!(tidy("  “ Công dân số”  .", &['.']), "“Công dân số”");
    }
}
