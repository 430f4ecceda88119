//! Written Vietnamese to spoken Vietnamese, one line at a time.
//!
//! A line goes through three steps: Markdown is reduced to its text ([`plain`]); the text is cut
//! into items, each already in spoken form, by recognisers tried in a fixed order at each
//! position (URL, date, time, phone number, document number, number, word); a last pass reads
//! dashes and slashes by what stands on either side of them ("7h30 – 11h00" is a range,
//! "614/1.057" a ratio, "khu phố/ấp" a choice). The words before a number decide how it is
//! read: "tháng 4" is "tháng tư", "thứ 4" "thứ tư", "quý III" "quý ba", "Đề án 06" keeps its zero.
//!
//! The output has no digits, no Markdown and no abbreviation from the lexicon, and reading it
//! again changes nothing; `tests` holds the rules as a table and checks those properties.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::number::{self, digits};
use super::{Dialect, Speaker};

/// The spoken form of `text`, one output line per input line.
pub fn say(text: &str, sp: &Speaker) -> String {
    text.split('\n').map(|l| line(l.strip_suffix('\r').unwrap_or(l), sp)).collect::<Vec<_>>().join("\n")
}

/// One line: never contains a line break, whatever the input.
pub fn line(l: &str, sp: &Speaker) -> String {
    // Fullwidth digits from a Chinese or Japanese input method are digits all the same.
    let l: String = crate::text::nfc(l)
        .chars()
        // Control characters are never said, and a NUL between "I" and "." hid a heading's
        // Roman numeral the first time only (the fuzzer found "- # I\0\0").
        .filter(|c| !c.is_control() || *c == '\t')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            // Turkish dotted capital I: its lower case is two characters ("i" and a combining
            // dot), which no Vietnamese word has; the fuzzer found "İN" read twice differently.
            'İ' => 'I',
            _ => c,
        })
        .collect();
    let text = plain(&l);
    let chars: Vec<char> = text.chars().collect();
    let items = Reader {
        s: &chars,
        sp,
        i: 0,
        items: Vec::new(),
        ctx: Ctx::None,
        prev: String::new(),
        recent: Vec::new(),
        caps: false,
    }
    .read();
    unbracket(drop_echoes(join(items)))
}

/// Parentheses are not read aloud: "(58,1%)" is a pause before and after, as an announcer reads
/// an aside. Done on the spoken line, once [`drop_echoes`] has seen the brackets.
fn unbracket(said: String) -> String {
    if !said.contains(['(', ')']) {
        return said;
    }
    let cs: Vec<char> = said.chars().collect();
    let mut out = String::with_capacity(said.len());
    for (k, &c) in cs.iter().enumerate() {
        match c {
            '(' | ')' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                let next = cs[k + 1..].iter().find(|c| !c.is_whitespace() && !matches!(c, '(' | ')'));
                let ends = next.is_none_or(|n| matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | '…' | '”' | '"'));
                if ends || out.is_empty() {
                    continue;
                }
                if !out.ends_with([',', '.', ';', ':', '!', '?', '…', '“', '"']) {
                    out.push(',');
                }
                out.push(' ');
            }
            _ if c.is_whitespace() && (out.is_empty() || out.ends_with(' ')) => {}
            // What a bracket stood between is said once, as `join` says it: no line opens
            // with a pause, and "Facebook,...)," pauses once.
            ',' | '.' | ';' | ':' if out.is_empty() => {}
            ',' if out.ends_with([',', '.', ';', ':']) => {}
            _ => out.push(c),
        }
    }
    out.trim_end_matches([' ', ',', ';']).to_string()
}

/// "thẻ căn cước công dân (CCCD)" would say the same words twice once "CCCD" is read out: a
/// parenthesis that only repeats the words right before it is left out.
fn drop_echoes(said: String) -> String {
    if !said.contains('(') {
        return said;
    }
    let mut out = String::with_capacity(said.len());
    let mut rest = said.as_str();
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = after[..close].trim().to_lowercase();
        let before = out.trim_end().to_lowercase();
        let echo = !inner.is_empty()
            && !inner.contains('(')
            && ((before.ends_with(&inner)
                && before[..before.len() - inner.len()].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
                || repeats_in_order(&before, &inner));
        if echo {
            out.truncate(out.trim_end().len());
            rest = &after[close + 1..];
            // A pause is said once, as `join` says it: "không:(:), nờ" is "không: nờ".
            if out.ends_with([',', '.', ';', ':']) {
                if let Some(after_comma) = rest.trim_start().strip_prefix(',') {
                    rest = after_comma;
                }
            }
        } else {
            out.push('(');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// "Tổ Công tác triển khai thực hiện Đề án 06 (TCTTKĐA 06)": the words in brackets are the
/// last words before them, in order, with at most three more between: nothing new is said.
fn repeats_in_order(before: &str, inner: &str) -> bool {
    let inner: Vec<&str> = inner.split_whitespace().collect();
    let words: Vec<&str> = before.split_whitespace().collect();
    if inner.len() < 2 || words.last() != inner.last() {
        return false;
    }
    let window = &words[words.len().saturating_sub(inner.len() + 3)..];
    let mut w = window.iter();
    inner.iter().all(|i| w.any(|x| x == i))
}

/// "tháng tư", not "tháng bốn".
pub fn month(m: u32, sp: &Speaker) -> String {
    match m {
        4 => "tư".to_string(),
        _ => sp.number(m as u64),
    }
}

pub fn date(d: NaiveDate, sp: &Speaker) -> String {
    format!("ngày {} tháng {} năm {}", sp.number(d.day() as u64), month(d.month(), sp), year(d.year(), sp))
}

fn year(y: i32, sp: &Speaker) -> String {
    sp.number(y.unsigned_abs() as u64)
}

pub fn time(t: NaiveTime, sp: &Speaker) -> String {
    hms(t.hour(), t.minute(), t.second(), sp)
}

/// ":00" is not read: 22h00 is "hai mươi hai giờ".
fn hms(h: u32, m: u32, s: u32, sp: &Speaker) -> String {
    let mut out = format!("{} giờ", sp.number(h as u64));
    if m > 0 || s > 0 {
        out.push_str(&format!(" {} phút", sp.number(m as u64)));
    }
    if s > 0 {
        out.push_str(&format!(" {} giây", sp.number(s as u64)));
    }
    out
}

/// The text of a line of Markdown: emphasis, links, images, code and HTML reduced to what a
/// reader sees; a heading gains a full stop so the announcer pauses after it.
fn plain(l: &str) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(l.len());
    let mut lists: Vec<Option<u64>> = Vec::new();
    for ev in Parser::new_ext(l, opts) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::List(start)) => lists.push(start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                if let Some(Some(n)) = lists.last_mut() {
                    out.push_str(&format!("{n}. "));
                    *n += 1;
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let t = out.trim_end().len();
                out.truncate(t);
                if t > 0 && !out.ends_with(['.', '!', '?', ':', '…']) {
                    out.push('.');
                }
            }
            Event::End(TagEnd::TableCell) => out.push_str(", "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                let t = out.trim_end().trim_end_matches(',').len();
                out.truncate(t);
                out.push_str(". ");
            }
            _ => {}
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// A number, date, time, percentage: what a range can join.
    Numeric,
    Space,
    /// Punctuation that stays: . , ; : ! ? ( ) quotes.
    Punct,
    /// A dash or a slash standing alone, read by its neighbours.
    Dash,
    Slash,
}

#[derive(Debug, Clone)]
struct Item {
    kind: Kind,
    spoken: String,
    /// The written form starts with a capital or a digit: it may open a sentence with a capital.
    capital: bool,
}

/// What the words just before a number make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    None,
    /// After "ngày": a date needs no second "ngày".
    Day,
    /// After "tháng": 4 is "tư"; 6/2023 is a month and a year.
    Month,
    /// After "thứ": 1 is "nhất", 4 "tư" (ordinals and days of the week).
    Ordinal,
    /// After "quý": Roman numerals are read, 3/2026 is a quarter and a year.
    Quarter,
    /// After "Đề án": "06" is "không sáu", a name, not a quantity.
    Literal,
    /// After "gọi", "điện thoại", "hotline": digits one by one.
    Phone,
    /// After "phụ lục", "phần", "mục", "chương", "khóa", "thế kỷ": Roman numerals are read.
    Heading,
    /// After "mức", "mức độ": "1,2" is a list of levels, "mức một, hai", not a decimal.
    Level,
}

fn ctx_of(word: &str) -> Ctx {
    match word {
        "ngày" => Ctx::Day,
        "tháng" => Ctx::Month,
        "thứ" => Ctx::Ordinal,
        "quý" => Ctx::Quarter,
        "án" => Ctx::Literal,
        "gọi" | "thoại" | "hotline" | "đt" | "sđt" | "máy" | "nóng" | "zalo" => Ctx::Phone,
        "lục" | "phần" | "mục" | "chương" | "khóa" | "khoá" | "hội" | "kỳ" | "kỷ" | "kỉ" | "đợt" | "điều" | "tập" => {
            Ctx::Heading
        }
        "mức" => Ctx::Level,
        _ => Ctx::None,
    }
}

struct Reader<'a> {
    s: &'a [char],
    sp: &'a Speaker,
    i: usize,
    items: Vec<Item>,
    ctx: Ctx,
    /// The last word, lower case.
    prev: String,
    /// The last few words, lower case: "kế hoạch số" before a document number.
    recent: Vec<String>,
    /// The last word was a word in capitals, said in lower case: "LƯU Ý" is "lưu ý".
    caps: bool,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '−' | '‐' | '‑')
}

/// Letters and ASCII digits; other digits (Arabic-Indic, circled) are not read.
fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit()
}

/// `s.to_lowercase()`, borrowed when nothing in it changes: most words a bulletin says are
/// lower case already. A character that is lower case, or no letter, is its own lower case
/// (a unit test asks every character).
fn lower_case(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(is_own_lower_case) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.to_lowercase())
}

fn is_own_lower_case(c: char) -> bool {
    match c.is_ascii() {
        true => !c.is_ascii_uppercase(),
        false => c.is_lowercase() || !is_letter(c),
    }
}

fn is_upper_letter(c: char) -> bool {
    c.is_uppercase() && is_letter(c)
}

/// `c.is_alphabetic()`, from a table for Latin-1 to Latin Extended-B and for Latin Extended
/// Additional, which hold every Vietnamese letter: std searches its Unicode table for every
/// character that is not ASCII, and that was a tenth of reading a bulletin aloud.
fn is_letter(c: char) -> bool {
    const LATIN: std::ops::Range<u32> = 0x80..0x250;
    const ADDITIONAL: std::ops::Range<u32> = 0x1E00..0x1F00;
    let n = c as u32;
    let bit = match n {
        ..0x80 => return c.is_ascii_alphabetic(),
        _ if LATIN.contains(&n) => n - LATIN.start,
        _ if ADDITIONAL.contains(&n) => n - ADDITIONAL.start + LATIN.len() as u32,
        _ => return c.is_alphabetic(),
    } as usize;
    static BITS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let bits = BITS.get_or_init(|| {
        let mut bits = vec![0u64; (LATIN.len() + ADDITIONAL.len()).div_ceil(64)];
        for (k, n) in LATIN.chain(ADDITIONAL).enumerate() {
            if char::from_u32(n).is_some_and(char::is_alphabetic) {
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        bits
    });
    bits[bit / 64] & (1 << (bit % 64)) != 0
}

impl Reader<'_> {
    fn at(&self, j: usize) -> Option<char> {
        self.s.get(j).copied()
    }

    fn digits_from(&self, j: usize) -> usize {
        self.s[j.min(self.s.len())..].iter().take_while(|c| c.is_ascii_digit()).count()
    }

    fn num_at(&self, j: usize, len: usize) -> u64 {
        self.s[j..j + len]
            .iter()
            .fold(0u64, |n, c| n.saturating_mul(10).saturating_add(c.to_digit(10).unwrap_or(0) as u64))
    }

    fn text(&self, j: usize, len: usize) -> String {
        self.s[j..j + len].iter().collect()
    }

    /// Nothing alphanumeric glued on at `j`: the recognised form really ends there.
    fn ends_at(&self, j: usize) -> bool {
        self.at(j).is_none_or(|c| !c.is_alphanumeric())
    }

    fn push(&mut self, kind: Kind, spoken: String, capital: bool) {
        self.items.push(Item { kind, spoken, capital });
    }

    fn read(mut self) -> Vec<Item> {
        while self.i < self.s.len() {
            let c = self.s[self.i];
            if c.is_whitespace() {
                let n = self.s[self.i..].iter().take_while(|c| c.is_whitespace()).count();
                // A tab between a table's cells (pasted from Word or Excel) is a pause.
                let cell = self.s[self.i..self.i + n].contains(&'\t') && self.said_any() && self.i + n < self.s.len();
                self.i += n;
                match cell {
                    true => self.push(Kind::Punct, ",".into(), false),
                    false => self.push(Kind::Space, " ".into(), false),
                }
                continue;
            }
            if self.list_letter(c) {
                continue;
            }
            if c.is_ascii_digit() || (c == '+' && self.at(self.i + 1).is_some_and(|c| c.is_ascii_digit())) {
                self.numeric();
                continue;
            }
            if is_letter(c) {
                if !self.link() {
                    self.word();
                }
                continue;
            }
            self.symbol(c);
        }
        self.items
    }

    /// The last word, lower case, when nothing but spaces came after it: "cấp cứu 115" but not
    /// "cấp cứu 115, 115 hộ", where the second number follows a number and a comma.
    fn word_before(&self) -> &str {
        match self.items.iter().rev().find(|it| it.kind != Kind::Space) {
            Some(it) if it.kind == Kind::Word => &self.prev,
            _ => "",
        }
    }

    /// Whether the character at `j` is said as nothing: a space, a dash that is no minus, or
    /// markup ([`other_symbol`]'s space).
    fn said_as_nothing(&self, j: usize) -> bool {
        let Some(c) = self.at(j) else { return false };
        let next = self.at(j + 1);
        if c.is_whitespace() {
            return true;
        }
        if is_dash(c) {
            return !next.is_some_and(|n| n.is_ascii_digit());
        }
        !PUNCTUATION.contains(&c) && c != '/' && !is_word_char(c) && other_symbol(c, next, false).0 == Kind::Space
    }

    /// Whether a word or a number was read on this line yet.
    fn said_any(&self) -> bool {
        self.items.iter().any(|it| matches!(it.kind, Kind::Word | Kind::Numeric))
    }

    /// "a) ", "b) ", "đ) " opening a line: the letter of a list item, said and followed by a
    /// full stop as "1. " is ("Bê. Đơn vị phối hợp").
    fn list_letter(&mut self, c: char) -> bool {
        let ok = c.is_lowercase()
            && (c.is_ascii_lowercase() || c == 'đ')
            && self.at(self.i + 1) == Some(')')
            && self.at(self.i + 2).is_none_or(char::is_whitespace)
            && !self.said_any();
        if !ok {
            return false;
        }
        self.i += 2;
        // A vowel is said as itself; "i" stays lower case, or "I." read again would be Roman.
        let (spoken, capital) = match letter(c) {
            Some(name) if !is_vowel(c) => (name.to_string(), true),
            _ => (c.to_string(), !matches!(c, 'i' | 'y')),
        };
        self.push(Kind::Word, spoken, capital);
        self.push(Kind::Punct, ".".into(), false);
        self.ctx = Ctx::None;
        true
    }

    /// Whatever starts with a digit, from the most specific form to the least.
    fn numeric(&mut self) {
        if self.zero_minutes() {
            return;
        }
        let recognisers: [fn(&mut Self) -> bool; 6] =
            [Self::iso_date, Self::date, Self::time, Self::phone, Self::document, Self::number];
        for r in recognisers {
            if r(self) {
                return;
            }
        }
        // A lone '+' before digits that no form took.
        self.i += 1;
        self.push(Kind::Word, "cộng".into(), false);
    }

    /// "22 giờ 00 phút", "14 giờ 00": no minutes are no minutes, as in "22h00".
    fn zero_minutes(&mut self) -> bool {
        let i = self.i;
        let n = self.digits_from(i);
        if self.word_before() != "giờ"
            || !(1..=2).contains(&n)
            || self.s[i..i + n].iter().any(|c| *c != '0')
            || !self.ends_at(i + n)
        {
            return false;
        }
        self.i += n;
        let phut: Vec<char> = " phút".chars().collect();
        if self.s[self.i..].starts_with(&phut) && self.ends_at(self.i + phut.len()) {
            self.i += phut.len();
        }
        true
    }

    fn spoken_numeric(&mut self, len: usize, spoken: String) -> bool {
        self.i += len;
        self.push(Kind::Numeric, spoken, true);
        true
    }

    /// "ngày " unless the text just said it.
    fn day_word(&self) -> &'static str {
        if self.ctx == Ctx::Day {
            ""
        } else {
            "ngày "
        }
    }

    /// 2024-06-03.
    fn iso_date(&mut self) -> bool {
        let i = self.i;
        let ok = self.digits_from(i) == 4
            && self.at(i + 4) == Some('-')
            && self.digits_from(i + 5) == 2
            && self.at(i + 7) == Some('-')
            && self.digits_from(i + 8) == 2
            && self.ends_at(i + 10);
        if !ok {
            return false;
        }
        let (y, m, d) = (self.num_at(i, 4), self.num_at(i + 5, 2), self.num_at(i + 8, 2));
        match NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32) {
            Some(date) => {
                let s = format!("{}{}", self.day_word(), date_words(date, self.sp));
                self.spoken_numeric(10, s)
            }
            None => false,
        }
    }

    /// 16/4/2024, 16.4.2024, 16-4-2024, 16/4, and after "tháng" or "quý" 6/2023.
    fn date(&mut self) -> bool {
        let i = self.i;
        let a = self.digits_from(i);
        if !(1..=2).contains(&a) {
            return false;
        }
        let Some(sep) = self.at(i + a).filter(|c| matches!(c, '/' | '.' | '-')) else { return false };
        let b = self.digits_from(i + a + 1);
        let (first, second) = (self.num_at(i, a) as u32, self.num_at(i + a + 1, b) as u32);
        // Month and year: "tháng 6/2023", "quý 3/2026", or "6/2023" alone.
        if b == 4 && sep == '/' && self.ends_at(i + a + 5) && self.at(i + a + 5) != Some('/') {
            let y = second as i32;
            let s = match self.ctx {
                // "Thông tư số 01/2023": a number of that year.
                _ if self.word_before() == "số" => format!("{} năm {}", self.code_number(i, a), year(y, self.sp)),
                Ctx::Quarter if (1..=4).contains(&first) => {
                    format!("{} năm {}", self.sp.number(first as u64), year(y, self.sp))
                }
                Ctx::Month if (1..=12).contains(&first) => {
                    format!("{} năm {}", month(first, self.sp), year(y, self.sp))
                }
                _ if (1..=12).contains(&first) => format!("tháng {} năm {}", month(first, self.sp), year(y, self.sp)),
                _ => return false,
            };
            return self.spoken_numeric(a + 5, s);
        }
        if !(1..=2).contains(&b) {
            return false;
        }
        let after = i + a + 1 + b;
        // With a year: the same separator again and four digits.
        if self.at(after) == Some(sep) && self.digits_from(after + 1) == 4 && self.ends_at(after + 5) {
            let y = self.num_at(after + 1, 4) as i32;
            if let Some(d) = NaiveDate::from_ymd_opt(y, second, first) {
                let s = format!("{}{}", self.day_word(), date_words(d, self.sp));
                return self.spoken_numeric(after + 5 - i, s);
            }
            return false;
        }
        // Day and month: only with '/', and only a day that month can have (in a leap year).
        let continues = self.at(after).is_some_and(|c| c == '/' || c.is_alphanumeric())
            || (self.at(after).is_some_and(|c| c == '.' || c == ',')
                && self.at(after + 1).is_some_and(|c| c.is_ascii_digit()));
        // "1/3 số hộ", "chiếm 2/3": a fraction, not the first of March.
        if sep == '/' && !continues && first >= 1 && first < second && second <= 10 && self.fraction_context(after) {
            // "3/4" is "ba phần tư", as "tháng 4" is "tháng tư".
            let s = format!("{} phần {}", self.sp.number(first as u64), month(second, self.sp));
            return self.spoken_numeric(after - i, s);
        }
        if sep != '/' || continues || NaiveDate::from_ymd_opt(2024, second, first).is_none() {
            return false;
        }
        // "24/7" is round the clock, not the 24th of July.
        if first == 24 && second == 7 && self.ctx != Ctx::Day {
            let s = format!("{} trên bảy", self.sp.number(24));
            return self.spoken_numeric(after - i, s);
        }
        let s = format!("{}{} tháng {}", self.day_word(), self.sp.number(first as u64), month(second, self.sp));
        self.spoken_numeric(after - i, s)
    }

    /// Whether "a/b" ending at `after` is a share: a word of quantity follows ("số hộ", "dân
    /// số", "tổng số", "diện tích"), or one that measures precedes ("chiếm", "gần", "hơn").
    fn fraction_context(&self, after: usize) -> bool {
        if self.ctx == Ctx::Day || self.ctx == Ctx::Month {
            return false;
        }
        let next: String = match self.at(after) {
            Some(' ') => self.s[after + 1..].iter().take_while(|c| c.is_alphabetic()).collect(),
            _ => String::new(),
        };
        matches!(next.as_str(), "số" | "dân" | "tổng" | "diện")
            || matches!(self.word_before(), "chiếm" | "gần" | "hơn" | "khoảng")
    }

    /// 7h30, 7h, 22h00, 07:30, 7:30:15, 7g30.
    fn time(&mut self) -> bool {
        let i = self.i;
        let a = self.digits_from(i);
        if !(1..=2).contains(&a) {
            return false;
        }
        let h = self.num_at(i, a) as u32;
        let Some(sep) = self.at(i + a).filter(|c| matches!(c, 'h' | 'H' | 'g' | ':')) else { return false };
        let b = self.digits_from(i + a + 1);
        let mut end = i + a + 1;
        let (mut m, mut s) = (0, 0);
        match b {
            // "7h" alone; "10g" is ten grams, but "lúc 8g", "11g sáng", "7g-11g" are hours.
            0 if matches!(sep, 'h' | 'H') => {}
            0 if sep == 'g' && self.hour_context(i, i + a + 1) => {}
            2 => {
                m = self.num_at(end, 2) as u32;
                end += 2;
                if sep == ':' && self.at(end) == Some(':') && self.digits_from(end + 1) == 2 {
                    s = self.num_at(end + 1, 2) as u32;
                    end += 3;
                }
                // "7h30p", "7h30'" spell out the minutes already.
                if sep != ':' && matches!(self.at(end), Some('p' | '\'' | '’')) && self.ends_at(end + 1) {
                    end += 1;
                }
            }
            _ => return false,
        }
        if h > 24 || m > 59 || s > 59 || !self.ends_at(end) {
            return false;
        }
        let spoken = hms(h, m, s, self.sp);
        self.spoken_numeric(end - i, spoken)
    }

    /// Whether "8g" written from `start` to `end` is an hour: after a word that says when,
    /// before a part of the day, or at either end of a range of hours.
    fn hour_context(&self, start: usize, end: usize) -> bool {
        const BEFORE: [&str; 10] = ["lúc", "từ", "đến", "vào", "khoảng", "trước", "sau", "tới", "hồi", "đúng"];
        const AFTER: [&str; 6] = ["sáng", "trưa", "chiều", "tối", "đêm", "ngày"];
        if BEFORE.contains(&self.word_before()) {
            return true;
        }
        let word_at =
            |j: usize| -> String { self.s[j.min(self.s.len())..].iter().take_while(|c| c.is_alphabetic()).collect() };
        let gap = usize::from(self.at(end) == Some(' '));
        if AFTER.contains(&word_at(end + gap).to_lowercase().as_str()) {
            return true;
        }
        // "7g-11g", "7g - 11g": a dash, then digits and "g" or "h".
        let mut j = end;
        while self.at(j) == Some(' ') || self.at(j).is_some_and(is_dash) {
            j += 1;
        }
        let d = self.digits_from(j);
        if j > end + gap && (1..=2).contains(&d) && matches!(self.at(j + d), Some('g' | 'h' | 'H')) {
            return true;
        }
        // The second end of such a range.
        let mut k = start;
        while k > 0 && (self.s[k - 1] == ' ' || is_dash(self.s[k - 1])) {
            k -= 1;
        }
        k < start && self.s[k..start].iter().any(|c| is_dash(*c)) && k > 0 && matches!(self.s[k - 1], 'g' | 'h' | 'H')
    }

    /// 0254 3852 123, 0912.345.678, +84 912 345 678, 1900 1234; after "gọi" or "điện thoại" any
    /// number of three or more digits. Digit by digit, a pause per written group.
    fn phone(&mut self) -> bool {
        let i = self.i;
        let mut j = i;
        let plus = self.at(j) == Some('+');
        if plus {
            j += 1;
        }
        let mut groups: Vec<String> = Vec::new();
        loop {
            let n = self.digits_from(j);
            if n == 0 {
                break;
            }
            groups.push(self.text(j, n));
            j += n;
            let total: usize = groups.iter().map(String::len).sum();
            let sep = self.at(j).is_some_and(|c| matches!(c, ' ' | '.' | '-'));
            if !(sep && self.at(j + 1).is_some_and(|c| c.is_ascii_digit()) && total < 11) {
                break;
            }
            // A group after a space must look like part of a number: "0254 3852 123", not "03 05".
            j += 1;
        }
        let Some(first) = groups.first() else { return false };
        let total: usize = groups.iter().map(String::len).sum();
        let mut end = j;
        // A trailing separator that was consumed without a group after it.
        while end > i && !self.s[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let looks = (plus && (10..=12).contains(&total))
            || (first.starts_with('0') && first.len() >= 2 && (10..=11).contains(&total))
            || ((first.starts_with("1900") || first.starts_with("1800")) && (8..=10).contains(&total))
            || (self.ctx == Ctx::Phone && total >= 3)
            || (groups.len() == 1 && self.emergency(first));
        if !looks || !self.ends_at(end) {
            // Only the first group, if it alone is a phone-context number.
            return false;
        }
        let mut spoken: Vec<String> = groups.iter().map(|g| digits(g)).collect();
        if plus {
            spoken[0] = format!("cộng {}", spoken[0]);
        }
        self.spoken_numeric(end - i, spoken.join(", "))
    }

    /// 111 to 115 after the service they call ("Cảnh sát 113", "cứu hỏa 114", "cấp cứu 115",
    /// "số khẩn cấp 112"): said digit by digit, as on every poster.
    fn emergency(&self, number: &str) -> bool {
        let n = self.recent.len();
        let last_two = |a: &str, b: &str| n >= 2 && self.recent[n - 2] == a && self.recent[n - 1] == b;
        matches!(number, "111" | "112" | "113" | "114" | "115")
            && !self.word_before().is_empty()
            && (matches!(self.word_before(), "sát" | "hỏa" | "hoả" | "nạn")
                || last_two("cấp", "cứu")
                || last_two("khẩn", "cấp"))
    }

    /// 46/KH-UBND, 59/2022/NĐ-CP, 57-NQ/TW, 06/CP: as an announcer reads them, "nghị định số
    /// năm mươi chín năm hai nghìn không trăm hai mươi hai của Chính phủ": the kind first, the
    /// number, the year, the issuer with "của". What the text says around the number is not
    /// said again: "Nghị định số 59/2022/NĐ-CP" names the kind once, and "… ngày 8/4/2020 của
    /// Chính phủ" names the issuer once.
    fn document(&mut self) -> bool {
        let i = self.i;
        let Some(d) = self.doc_at(i) else { return false };
        let mut spoken = self.code_number(i, d.digits);
        if let Some(y) = d.year {
            spoken = format!("{spoken} năm {}", year(y, self.sp));
        }
        let (kind, issuers) = self.kind_and_issuers(&d.codes);
        if let Some(kind) = kind {
            let last_is_so = self.recent.last().is_some_and(|w| w == "số");
            let before = &self.recent[..self.recent.len() - usize::from(last_is_so)];
            let words: Vec<String> = kind.split_whitespace().map(str::to_lowercase).collect();
            // Said just before, or a few words before: "Thông báo Kết luận số 81/TB-UBND".
            let said = before.windows(words.len()).any(|w| w == words.as_slice());
            spoken = match (said, last_is_so) {
                // "Kế hoạch số 46/KH-UBND", "Nghị định 69/2024/NĐ-CP".
                (true, _) => spoken,
                // "Số: 46/KH-UBND", a document's own header.
                (false, true) => format!("{spoken}, {kind}"),
                (false, false) => format!("{kind} số {spoken}"),
            };
        }
        if !issuers.is_empty() && !self.named_later(i + d.len, &d.codes, &issuers) {
            spoken = format!("{spoken} của {}", issuers.join(", "));
        }
        // The words said set the context for what follows, as when they are read again.
        for said in spoken.split_whitespace() {
            self.after_word(&said.trim_matches(',').to_lowercase());
        }
        self.spoken_numeric(d.len, spoken)
    }

    /// The document number at `i`, if one is written there.
    fn doc_at(&self, i: usize) -> Option<DocNumber> {
        let digits = self.digits_from(i);
        if digits == 0 {
            return None;
        }
        let mut j = i + digits;
        let mut year = None;
        if self.at(j) == Some('/') && self.digits_from(j + 1) == 4 && self.at(j + 5) == Some('/') {
            year = Some(self.num_at(j + 1, 4) as i32);
            j += 5;
        }
        let opens = |k: usize| matches!(self.at(k), Some('/' | '-')) && self.at(k + 1).is_some_and(is_upper_letter);
        if opens(j) {
            let (len, codes) = self.codes(j);
            return Some(DocNumber { len: j + len - i, digits, year, codes });
        }
        // Typed with a space: "934 /QĐ-BTTTT", "505 QĐ-TTg" (seed 001).
        if self.at(j) != Some(' ') {
            return None;
        }
        if self.at(j + 1) == Some('/') && opens(j + 1) {
            let (len, codes) = self.codes(j + 1);
            return Some(DocNumber { len: j + 1 + len - i, digits, year, codes });
        }
        let m = self.s[j + 1..].iter().take_while(|c| is_word_char(**c)).count();
        let kind = self.text(j + 1, m);
        if !KINDS.contains(&kind.as_str()) || !opens(j + 1 + m) {
            return None;
        }
        let (len, mut codes) = self.codes(j + 1 + m);
        codes.insert(0, kind);
        Some(DocNumber { len: j + 1 + m + len - i, digits, year, codes })
    }

    /// The codes of a document number from `j` (at the separator before the first): its
    /// length and each code as written ("/KH-UBND" is `["KH", "UBND"]`).
    fn codes(&self, j: usize) -> (usize, Vec<String>) {
        let mut k = j;
        let mut out = Vec::new();
        while matches!(self.at(k), Some('/' | '-' | '.')) && self.at(k + 1).is_some_and(is_upper_letter) {
            let n = self.s[k + 1..].iter().take_while(|c| is_word_char(**c)).count();
            out.push(self.text(k + 1, n));
            k += 1 + n;
        }
        (k - j, out)
    }

    /// A document's codes said: its kind ("kế hoạch") when the first code is one, and who
    /// issued it, then the office that drafted it ("Ủy ban nhân dân", "Nội vụ").
    fn kind_and_issuers(&self, codes: &[String]) -> (Option<String>, Vec<String>) {
        let (kind, rest) = match codes.split_first() {
            Some((k, rest)) if KINDS.contains(&k.as_str()) => (Some(self.word_spoken(k)), rest),
            _ => (None, codes),
        };
        let issuers = rest
            .iter()
            .map(|c| self.sp.lexicon().issuer(c).map_or_else(|| self.word_spoken(c), str::to_string))
            .collect();
        (kind, issuers)
    }

    /// Whether the clause after a document number, from `from`, goes on to name its issuer
    /// with "của": "Kế hoạch số 129/KH-UBND ngày 02/8/2024 của UBND huyện". The clause ends at
    /// a ';', a sentence's end or the next document number.
    fn named_later(&self, from: usize, codes: &[String], issuers: &[String]) -> bool {
        let limit = (from + 240).min(self.s.len());
        let mut end = from;
        while end < limit {
            let c = self.s[end];
            let sentence_end = matches!(c, '.' | '!' | '?') && self.at(end + 1).is_none_or(char::is_whitespace);
            let another = c.is_ascii_digit() && !self.s[end - 1].is_ascii_digit() && self.doc_at(end).is_some();
            if c == ';' || sentence_end || another {
                break;
            }
            end += 1;
        }
        let clause = self.s[from..end].iter().collect::<String>().to_lowercase();
        let Some(k) = clause.find("của ") else { return false };
        let after = &clause[k..];
        let (Some(issuer), Some(code)) = (issuers.first(), codes.iter().find(|c| !KINDS.contains(&c.as_str()))) else {
            return false;
        };
        let code = code.to_lowercase();
        // The Central Committee's documents are signed by its bodies.
        let aliases: &[&str] = match code.as_str() {
            "tw" => &["bộ chính trị", "ban bí thư", "ban chấp hành trung ương"],
            _ => &[],
        };
        after.contains(&issuer.to_lowercase())
            || aliases.iter().any(|a| after.contains(a))
            || after.split(|c: char| !c.is_alphanumeric()).any(|w| w == code)
    }

    /// A number that names rather than counts: "06" keeps its zero.
    fn code_number(&self, j: usize, n: usize) -> String {
        let t = self.text(j, n);
        if t.starts_with('0') && n > 1 {
            digits(&t)
        } else {
            self.count(&t)
        }
    }

    /// A count: read as a number, digit by digit beyond what numbers go up to.
    fn count(&self, digits_text: &str) -> String {
        match digits_text.parse::<u64>().ok().and_then(|n| number::integer(n, self.sp.dialect)) {
            Some(s) => s,
            None => digits(digits_text),
        }
    }

    /// 1.057, 1057, 58,1%, 12,05, 3.5, and after "thứ"/"tháng" the ordinal and month forms.
    fn number(&mut self) -> bool {
        let i = self.i;
        let n = self.digits_from(i);
        if n == 0 {
            return false;
        }
        let mut j = i + n;
        let mut whole = self.text(i, n);
        // Thousands separators: groups of exactly three digits after a '.'.
        if (1..=3).contains(&n) && !(n > 1 && whole.starts_with('0')) {
            while self.at(j) == Some('.') && self.digits_from(j + 1) == 3 {
                whole.push_str(&self.text(j + 1, 3));
                j += 4;
            }
        }
        // "tháng 04" is "tháng tư": the zero is not read, the rules still apply.
        let short = j == i + n && n <= 2 && self.ends_at(j);
        let value = whole.trim_start_matches('0');
        let mut spoken = if whole.len() > 1 && whole.starts_with('0') && (n >= 3 || self.ctx == Ctx::Literal) {
            // A code such as an area code "0254"; "Đề án 06" is a name.
            digits(&whole)
        } else if short && self.ctx == Ctx::Ordinal && value == "1" {
            "nhất".to_string()
        } else if short && matches!(self.ctx, Ctx::Ordinal | Ctx::Month) && value == "4" {
            "tư".to_string()
        } else {
            self.count(&whole)
        };
        // "mức 1,2", "mức độ 3,4": two levels, one after the other, not a decimal.
        let next_level = self.num_at(i, n).saturating_add(1);
        let levels = self.ctx == Ctx::Level
            && n == 1
            && j == i + n
            && self.at(j) == Some(',')
            && self.digits_from(j + 1) == 1
            && self.num_at(j + 1, 1) == next_level
            && self.ends_at(j + 2)
            && !matches!(self.at(j + 2), Some('%' | '‰'))
            && self.unit(j + 2).is_none();
        if levels {
            spoken = format!("{spoken}, {}", self.count(&self.text(j + 1, 1)));
            j += 2;
        } else if self.at(j) == Some(',') && self.digits_from(j + 1) > 0 {
            // Decimal comma: the digits after it are read as a number, leading zeros as "không".
            let f = self.digits_from(j + 1);
            let frac = self.text(j + 1, f);
            let zeros = frac.len() - frac.trim_start_matches('0').len();
            let rest = &frac[zeros..];
            let mut words: Vec<String> = vec!["không".to_string(); zeros];
            if !rest.is_empty() {
                words.push(self.count(rest));
            }
            spoken = format!("{spoken} phẩy {}", words.join(" "));
            j += 1 + f;
        } else if self.at(j) == Some('.') && self.digits_from(j + 1) > 0 {
            // Not a thousands group: a version or a decimal written the English way.
            let f = self.digits_from(j + 1);
            spoken = format!("{spoken} chấm {}", self.code_number(j + 1, f));
            j += 1 + f;
        }
        // Per cent, with or without a space.
        let pct = if self.at(j) == Some('%') {
            Some(1)
        } else if self.at(j) == Some(' ') && self.at(j + 1) == Some('%') {
            Some(2)
        } else {
            None
        };
        if let Some(p) = pct {
            spoken.push_str(" phần trăm");
            j += p;
        } else if self.at(j) == Some('‰') {
            spoken.push_str(" phần nghìn");
            j += 1;
        } else if let Some((len, unit)) = self.unit(j) {
            spoken = format!("{spoken} {unit}");
            j += len;
        }
        self.spoken_numeric(j - i, spoken)
    }

    /// A unit right after a number, glued or after one space: "100m", "5 ha", "60 km/h".
    fn unit(&self, j: usize) -> Option<(usize, &'static str)> {
        const UNITS: &[(&str, &str)] = &[
            ("km/h", "ki lô mét một giờ"),
            ("km²", "ki lô mét vuông"),
            ("km2", "ki lô mét vuông"),
            ("m²", "mét vuông"),
            ("m2", "mét vuông"),
            ("m³", "mét khối"),
            ("m3", "mét khối"),
            ("km", "ki lô mét"),
            ("cm", "xen ti mét"),
            ("mm", "mi li mét"),
            ("kg", "ki lô gam"),
            ("ha", "héc ta"),
            ("GB", "gi ga bai"),
            ("MB", "mê ga bai"),
            ("VNĐ", "đồng"),
            ("VND", "đồng"),
            ("°C", "độ xê"),
            ("tr", "triệu"),
            ("m", "mét"),
            ("g", "gam"),
            ("đ", "đồng"),
            ("k", "nghìn"),
            ("p", "phút"),
        ];
        let gap = usize::from(self.at(j) == Some(' '));
        for (w, spoken) in UNITS {
            let n = w.chars().count();
            let k = j + gap;
            if k + n <= self.s.len() && self.s[k..k + n].iter().copied().eq(w.chars()) && self.ends_at(k + n) {
                // "5 m" only for units that are not also words: "3 tr" yes, "5 g" (gam) no.
                if gap == 1 && matches!(*w, "g" | "k" | "p" | "m") {
                    continue;
                }
                let spoken = if *w == "k" && self.sp.dialect == Dialect::Nam { "ngàn" } else { spoken };
                return Some((gap + n, spoken));
            }
        }
        None
    }

    /// URLs and e-mail addresses, read piece by piece: "dichvucong chấm gov chấm vê en".
    fn link(&mut self) -> bool {
        let i = self.i;
        // ASCII alone, asked as bytes: a character that is not ASCII, which ends nearly every
        // Vietnamese word's run here, was searched for in the string of symbols as a string.
        let n = self.s[i..]
            .iter()
            .take_while(|c| c.is_ascii() && (c.is_ascii_alphanumeric() || b"._~:/?#@!$&=%+-".contains(&(**c as u8))))
            .count();
        // Every form below has a '.', ':' or '@' before the punctuation that ends it: a word
        // without one (nearly every word) is no link, and is not copied to be asked.
        let ends = self.s[i..i + n].iter().rposition(|c| !matches!(c, '.' | ',' | ':' | ';' | '!' | '?'));
        if !ends.is_some_and(|e| self.s[i..=i + e].iter().any(|c| matches!(c, '.' | ':' | '@'))) {
            return false;
        }
        let mut t = self.text(i, n);
        while t.ends_with(['.', ',', ':', ';', '!', '?']) {
            t.pop();
        }
        let lower = t.to_ascii_lowercase();
        let scheme = ["https://", "http://"].iter().find(|s| lower.starts_with(**s));
        let is_email = t.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.ends_with('.'));
        let tld = |h: &str| {
            let h = h.split(['/', '?', '#']).next().unwrap_or("");
            h.contains('.')
                && ["vn", "com", "net", "org", "gov", "edu", "info"].iter().any(|t| h.ends_with(&format!(".{t}")))
        };
        if scheme.is_none() && !is_email && !lower.starts_with("www.") && !tld(&lower) {
            return false;
        }
        let body = &t[scheme.map_or(0, |s| s.len())..];
        let body = body.trim_end_matches('/');
        let mut words: Vec<String> = Vec::new();
        let mut piece = String::new();
        let flush = |piece: &mut String, words: &mut Vec<String>, sp: &Speaker| {
            if !piece.is_empty() {
                words.push(link_piece(piece, sp));
                piece.clear();
            }
        };
        for c in body.chars() {
            let sym = match c {
                '.' => "chấm",
                '/' => "gạch chéo",
                '-' => "gạch ngang",
                '_' => "gạch dưới",
                '@' => "a còng",
                ':' => "hai chấm",
                '?' => "hỏi chấm",
                '=' => "bằng",
                '&' => "và",
                '#' => "thăng",
                '~' => "ngã",
                '+' => "cộng",
                '%' => "phần trăm",
                '!' | '$' => "",
                _ => {
                    // Letters and digits each make their own piece: "phuong3" is "phuong ba".
                    if piece.chars().last().is_some_and(|p| p.is_ascii_digit() != c.is_ascii_digit()) {
                        flush(&mut piece, &mut words, self.sp);
                    }
                    piece.push(c);
                    continue;
                }
            };
            flush(&mut piece, &mut words, self.sp);
            if !sym.is_empty() {
                words.push(sym.to_string());
            }
        }
        flush(&mut piece, &mut words, self.sp);
        self.i += t.chars().count();
        let spoken = words.join(" ");
        for said in spoken.split_whitespace() {
            self.after_word(&lower_case(said));
        }
        self.push(Kind::Word, spoken, false);
        true
    }

    /// A word: letters, maybe glued to digits ("KP3", "TCTĐA06", "A4"), maybe an abbreviation
    /// joined by '-' or '.' that the lexicon knows ("VH-XH", "TP.HCM").
    fn word(&mut self) {
        if self.phrase() {
            return;
        }
        let i = self.i;
        let mut n = self.s[i..].iter().take_while(|c| is_word_char(**c)).count();
        // The longest joined form the lexicon knows.
        let mut k = i + n;
        while matches!(self.at(k), Some('-' | '.' | '/' | '&')) && self.at(k + 1).is_some_and(is_word_char) {
            let m = self.s[k + 1..].iter().take_while(|c| is_word_char(**c)).count();
            if self.sp.lexicon().get(&self.text(i, k + 1 + m - i)).is_some() {
                n = k + 1 + m - i;
            }
            k += 1 + m;
        }
        let w = self.text(i, n);
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        // Roman numerals where a number is expected: "quý III", "Phụ lục II", "I." opening a heading.
        // What is said as nothing before the full stop ("# I -", "# I ~" are "I.") does not
        // stand between the numeral and the stop either: read again, "I." would be Roman.
        let mut after = i + n;
        while self.said_as_nothing(after) {
            after += 1;
        }
        let heading_start = self.items.iter().all(|it| !matches!(it.kind, Kind::Word | Kind::Numeric))
            && matches!(self.at(after), Some('.' | ')'));
        if let Some(r) = roman(&w) {
            if matches!(self.ctx, Ctx::Quarter | Ctx::Heading | Ctx::Ordinal) || heading_start {
                self.i += n;
                let spoken = match (self.ctx, r) {
                    (Ctx::Ordinal, 1) => "nhất".to_string(),
                    (Ctx::Ordinal, 4) => "tư".to_string(),
                    _ => self.sp.number(r),
                };
                // "quý III/2026": the year that follows.
                if self.at(self.i) == Some('/') && self.digits_from(self.i + 1) == 4 && self.ends_at(self.i + 5) {
                    let y = year(self.num_at(self.i + 1, 4) as i32, self.sp);
                    self.i += 5;
                    self.push(Kind::Numeric, format!("{spoken} năm {y}"), true);
                } else {
                    self.push(Kind::Numeric, spoken, true);
                }
                return;
            }
        }
        self.i += n;
        // Days of the week written short: T2 … T7.
        if let Some(d) = w.strip_prefix('T').filter(|d| d.len() == 1 && ("2"..="7").contains(d)) {
            let day = if d == "4" { "tư".to_string() } else { self.count(d) };
            // Numeric, so "T2-T6" is a range.
            self.push(Kind::Numeric, format!("thứ {day}"), true);
            self.ctx = Ctx::Ordinal;
            self.prev = "thứ".into();
            return;
        }
        // "KT. CHỦ TỊCH", "Tp. Vũng Tàu": the full stop of the abbreviation is not a sentence's.
        if DOTTED.contains(&w.as_str()) && self.at(self.i) == Some('.') {
            let gap = self.s[self.i + 1..].iter().take_while(|c| **c == ' ').count();
            if self.at(self.i + 1 + gap).is_some_and(is_letter) {
                self.i += 1;
            }
        }
        let mut spoken = self.by_context(&w).map_or_else(|| self.word_spoken(&w), str::to_string);
        let in_caps = w.chars().all(|c| !c.is_lowercase());
        if self.caps && in_caps && w.chars().count() == 1 && w.chars().all(is_vowel) {
            spoken = w.to_lowercase();
        }
        // "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ": the title signed for keeps its capital.
        if in_caps && self.caps_title_next() && spoken.chars().next().is_some_and(char::is_lowercase) {
            let mut cs = spoken.chars();
            spoken = cs.next().map(|f| f.to_uppercase().chain(cs).collect()).unwrap_or_default();
        }
        self.caps = in_caps && w.chars().count() > 1 && is_syllable(&w) && self.sp.lexicon().get(&w).is_none();
        // The context comes from the words as said, so reading the output again finds the
        // same context: "TTXH" ends in "hội", after which "I" is a number.
        for said in spoken.split_whitespace() {
            self.after_word(&lower_case(said));
        }
        self.push(Kind::Word, spoken, capital);
    }

    /// Whether the words just said are the formula a signature opens with (ký thay, thay mặt,
    /// thừa lệnh, thừa ủy quyền), after which the title signed for is a name.
    fn caps_title_next(&self) -> bool {
        let n = self.recent.len();
        n >= 2
            && self.word_before() == self.recent[n - 1]
            && matches!(
                (self.recent[n - 2].as_str(), self.recent[n - 1].as_str()),
                ("ký", "thay") | ("thay", "mặt") | ("thừa", "lệnh") | ("ủy", "quyền")
            )
    }

    /// Abbreviations read by the words around them: "TT Đảng ủy" is "Thường trực Đảng ủy", "TT
    /// Y tế" "Trung tâm Y tế", "TT số 01" a circular; "Lưu: VT" is "Văn thư".
    fn by_context(&self, w: &str) -> Option<&'static str> {
        match w {
            // "Phòng VH TT", "Trung tâm VH TT": culture and information.
            "TT" if self.prev == "hóa" || self.prev == "hoá" => Some("thông tin"),
            "TT" | "TTr" => {
                let gap = self.s[self.i..].iter().take_while(|c| c.is_whitespace()).count();
                let next: String = self.s[self.i + gap..].iter().take_while(|c| is_word_char(**c)).collect();
                if STANDING_OF.contains(&next.as_str()) {
                    Some("Thường trực")
                } else if w == "TT" && CENTRE_OF.contains(&next.as_str()) {
                    Some("Trung tâm")
                } else {
                    None
                }
            }
            "VT" if self.prev == "lưu" => Some("Văn thư"),
            _ => None,
        }
    }

    /// An entry of the lexicon of several words ("App ThanhHoa", "Tổ CNS"), whatever spaces
    /// stand between them, the longest that matches; not when a word goes on after it.
    fn phrase(&mut self) -> bool {
        let i = self.i;
        let found = self.sp.lexicon().phrases(self.s[i]).find_map(|(words, spoken)| {
            let mut j = i;
            for (k, w) in words.iter().enumerate() {
                if k > 0 {
                    let gap = self.s[j..].iter().take_while(|c| **c == ' ' || **c == '\t' || **c == '\u{a0}').count();
                    if gap == 0 {
                        return None;
                    }
                    j += gap;
                }
                let n = w.chars().count();
                if j + n > self.s.len() || !self.s[j..j + n].iter().copied().eq(w.chars()) {
                    return None;
                }
                j += n;
            }
            (!self.at(j).is_some_and(is_word_char)).then(|| (j - i, spoken.to_string()))
        });
        let Some((len, spoken)) = found else { return false };
        let capital = self.s[i].is_uppercase();
        self.i += len;
        self.caps = false;
        for said in spoken.split_whitespace() {
            self.after_word(&lower_case(said));
        }
        self.push(Kind::Word, spoken, capital);
        true
    }

    fn after_word(&mut self, lower: &str) {
        let next_ctx = ctx_of(lower);
        // "Đề án": only after "Đề".
        let next_ctx = if next_ctx == Ctx::Literal && self.prev != "đề" { Ctx::None } else { next_ctx };
        // "mức độ 3,4" as "mức 3,4"; "tổng đài 1022" as a phone number.
        let next_ctx = match (lower, self.prev.as_str()) {
            ("độ", "mức") => Ctx::Level,
            ("đài", "tổng") => Ctx::Phone,
            _ => next_ctx,
        };
        // Lists keep the context: "thứ 2, 4 và 6", "tháng 3 hoặc 4"; "gọi số 114", "gọi ngay 113".
        let keeps = (matches!(lower, "và" | "hoặc" | "đến" | "tới" | "hay") && self.ctx != Ctx::Literal)
            || (matches!(lower, "số" | "ngay" | "vào" | "cho") && self.ctx == Ctx::Phone);
        if next_ctx != Ctx::None || !keeps {
            self.ctx = next_ctx;
        }
        // The strings are reused: a bulletin's every word passes through here.
        self.prev.clear();
        self.prev.push_str(lower);
        let mut last = match self.recent.len() {
            6 => self.recent.remove(0),
            _ => String::new(),
        };
        last.clear();
        last.push_str(lower);
        self.recent.push(last);
    }

    /// How a word is said: the lexicon first, then letters and digits apart, then capitals:
    /// a Vietnamese syllable in capitals is a word ("DUNG"), anything else is spelled ("TPVT").
    fn word_spoken(&self, w: &str) -> String {
        if let Some(s) = self.sp.lexicon().get(w) {
            return s.to_string();
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            let mut parts: Vec<String> = Vec::new();
            let mut start = 0;
            let cs: Vec<char> = w.chars().collect();
            for k in 1..=cs.len() {
                if k == cs.len() || cs[k].is_ascii_digit() != cs[k - 1].is_ascii_digit() {
                    let piece: String = cs[start..k].iter().collect();
                    parts.push(if piece.starts_with(|c: char| c.is_ascii_digit()) {
                        if piece.len() > 1 && piece.starts_with('0') {
                            digits(&piece)
                        } else {
                            self.count(&piece)
                        }
                    } else if piece == "I" {
                        // Spelled, as "II" in "II2" is: a lone "I" read again after "quý" or
                        // "phụ lục" would be the Roman one.
                        "i".to_string()
                    } else {
                        self.word_spoken(&piece)
                    });
                    start = k;
                }
            }
            return parts.join(" ");
        }
        let mut letters = w.chars();
        // A lone consonant is spelled ("điểm b" is "điểm bê"); a lone vowel is a word ("y tế").
        if let (Some(only), None) = (letters.next(), letters.next()) {
            return match letter(only) {
                Some(name) if !is_vowel(only) => name.to_string(),
                _ => w.to_string(),
            };
        }
        let all_caps = w.chars().all(|c| !c.is_lowercase()) && w.chars().any(|c| c.is_uppercase());
        if all_caps {
            if is_syllable(w) {
                return w.to_lowercase();
            }
            return w
                .chars()
                .map(|c| letter(c).map_or_else(|| c.to_lowercase().collect(), str::to_string))
                .collect::<Vec<_>>()
                .join(" ");
        }
        w.to_string()
    }

    /// Punctuation and symbols: kept when they only pause, said when they mean a word,
    /// dropped when they are markup.
    fn symbol(&mut self, c: char) {
        self.i += 1;
        let next_digit = self.at(self.i).is_some_and(|c| c.is_ascii_digit());
        let prev_numeric =
            self.items.iter().rev().find(|it| it.kind != Kind::Space).is_some_and(|it| it.kind == Kind::Numeric);
        // "./." closes an administrative text: a full stop, not "chấm gạch chéo chấm".
        if c == '.' && self.at(self.i) == Some('/') && self.at(self.i + 1) == Some('.') {
            self.i += 2;
            self.ctx = Ctx::None;
            self.push(Kind::Punct, ".".into(), false);
            return;
        }
        let (kind, spoken): (Kind, &str) = match c {
            c if PUNCTUATION.contains(&c) => (Kind::Punct, ""),
            c if is_dash(c) => {
                // A minus: at the start, or after a space or '(' with a digit right behind it.
                let before = self.i.checked_sub(2).and_then(|k| self.at(k));
                if next_digit && !prev_numeric && before.is_none_or(|b| b.is_whitespace() || b == '(') {
                    self.push(Kind::Word, "âm".into(), true);
                    return;
                }
                (Kind::Dash, "")
            }
            '/' => {
                if self.at(self.i).is_some_and(is_upper_letter) && self.at(self.i + 1).is_some_and(is_upper_letter) {
                    // "Số: /KH-UBND": a document not yet numbered.
                    let (len, codes) = self.codes(self.i - 1);
                    self.i += len - 1;
                    let (kind, issuers) = self.kind_and_issuers(&codes);
                    let spoken = match (kind, issuers.is_empty()) {
                        (Some(k), false) => format!("{k} của {}", issuers.join(", ")),
                        (Some(k), true) => k,
                        (None, _) => issuers.join(", "),
                    };
                    for said in spoken.split_whitespace() {
                        self.after_word(&said.trim_matches(',').to_lowercase());
                    }
                    self.push(Kind::Word, spoken, false);
                    return;
                }
                (Kind::Slash, "")
            }
            _ => other_symbol(c, self.at(self.i), prev_numeric),
        };
        let spoken = if spoken.is_empty() { c.to_string() } else { spoken.to_string() };
        if kind == Kind::Word {
            for said in spoken.split_whitespace() {
                self.after_word(said);
            }
        } else if matches!(spoken.as_str(), "(" | ")") {
            // A bracket is said as a comma (`unbracket`): what reads letters as numbers ("thứ
            // (I)", "quý (IV)") goes on past it, as past the comma when the line is read again;
            // what reads digits ("10 ngày (01/10 - 10/10)") does not, and the comma has none.
            if !matches!(self.ctx, Ctx::Ordinal | Ctx::Quarter | Ctx::Heading) {
                self.ctx = Ctx::None;
            }
        } else if kind == Kind::Punct && spoken != "," {
            self.ctx = Ctx::None;
        }
        self.push(kind, spoken, kind == Kind::Word);
    }
}

/// Punctuation that stays in what is said, as written.
const PUNCTUATION: [char; 15] = ['.', ',', ';', ':', '!', '?', '(', ')', '“', '”', '"', '\'', '’', '‘', '…'];

/// A symbol read as a word, a comma, or a space, by the character after it (`next`) and
/// whether a number came before: what [`Reader::symbol`] makes of all but punctuation, dashes
/// and slashes.
fn other_symbol(c: char, next: Option<char>, prev_numeric: bool) -> (Kind, &'static str) {
    let before_number = next.is_some_and(|n| n.is_ascii_digit()) || next == Some(' ');
    match c {
        '%' => (Kind::Word, "phần trăm"),
        '‰' => (Kind::Word, "phần nghìn"),
        '&' => (Kind::Word, "và"),
        '+' => (Kind::Word, if prev_numeric { "cộng" } else { "và" }),
        '=' => (Kind::Word, "bằng"),
        '×' => (Kind::Word, "nhân"),
        '÷' => (Kind::Word, "chia"),
        '@' => (Kind::Word, "a còng"),
        '°' => (Kind::Word, "độ"),
        '№' => (Kind::Word, "số"),
        '~' | '≈' if before_number => (Kind::Word, "khoảng"),
        '>' if before_number => (Kind::Word, "hơn"),
        '<' if before_number => (Kind::Word, "dưới"),
        '≥' => (Kind::Word, "không dưới"),
        '≤' => (Kind::Word, "không quá"),
        '→' | '⇒' | '➔' | '|' => (Kind::Punct, ","),
        // Markup and decoration: a space keeps the words apart.
        _ => (Kind::Space, " "),
    }
}

fn date_words(d: NaiveDate, sp: &Speaker) -> String {
    date(d, sp).trim_start_matches("ngày ").to_string()
}

/// A piece of a URL: known words said, other letters kept as they are (a reader can say
/// "dichvucong"), digits one by one.
fn link_piece(p: &str, sp: &Speaker) -> String {
    if p.starts_with(|c: char| c.is_ascii_digit()) {
        return digits(p);
    }
    let known = match p.to_ascii_lowercase().as_str() {
        "www" => "vê kép vê kép vê kép",
        "gov" => "gốp",
        "vn" => "vê en",
        "com" => "com",
        "net" => "nét",
        "org" => "o rờ gờ",
        "edu" => "e đu",
        "dichvucong" => "dịch vụ công",
        "vneid" => "vê en e ai đi",
        "gmail" => "gờ meo",
        "html" => "hát tê mờ lờ",
        "zalo" => "Da lô",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    let mut cs = p.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if !is_vowel(c) {
            return letter(c).map_or_else(|| p.to_string(), str::to_string);
        }
    }
    // Capitals, or an abbreviation such as "ubnd", are spelled; a word-like piece is kept
    // in lower case for the reader to say ("vungtau").
    let abbreviation = p.chars().any(char::is_uppercase) || sp.lexicon().get(&p.to_uppercase()).is_some();
    if abbreviation && !is_syllable(p) {
        return p.chars().filter_map(letter).collect::<Vec<_>>().join(" ");
    }
    // A piece the lexicon reads as a word ("email", "online") is said so here too, or the
    // line read again would say it otherwise (the fuzzer found "….email?" read twice).
    let lower = p.to_lowercase();
    match sp.lexicon().get(&lower) {
        Some(said) => said.to_string(),
        None => lower,
    }
}

/// A document number as written: its length, the digits of its number, its year, its codes.
struct DocNumber {
    len: usize,
    digits: usize,
    year: Option<i32>,
    codes: Vec<String>,
}

/// The codes that name a kind of document when they come first in a document number (Nghị
/// định 30/2020/NĐ-CP, Phụ lục III, I.2; the seeds): "46/KH-UBND" is a plan of the committee.
/// A number whose first code is not one (a công văn: "1293/UBND-NV") is named by its issuer.
const KINDS: [&str; 20] = [
    "KH", "QĐ", "NĐ", "NQ", "TT", "CT", "TB", "BC", "CV", "TTr", "HD", "CTr", "PA", "ĐA", "GM", "KL", "QC", "QyĐ",
    "BB", "TTLT",
];

/// Abbreviations written with a full stop that is not the end of a sentence: "KT. CHỦ TỊCH",
/// "TM. ỦY BAN NHÂN DÂN", "TTr. HĐND", "Tp. Vũng Tàu", "ThS. Nguyễn".
const DOTTED: [&str; 12] = ["KT", "TM", "TL", "TUQ", "Tp", "TP", "TTr", "TT", "ThS", "TS", "BS", "PGS"];

/// The first words of a body that "TT"/"TTr" stand before as its standing committee,
/// "Thường trực" ("TT Đảng ủy", "TTr. HĐND").
const STANDING_OF: [&str; 16] = [
    "Đảng", "đảng", "HĐND", "UBND", "UB", "MTTQ", "UBMTTQ", "Huyện", "Thị", "Tỉnh", "Thành", "Quận", "ĐU", "HU", "TU",
    "BCĐ",
];

/// The first words of what "TT" stands before as "Trung tâm" ("TT Y tế", "TT VH TT").
const CENTRE_OF: [&str; 10] = ["Y", "Văn", "VH", "Hành", "HCC", "Phục", "Truyền", "Dịch", "Giáo", "Bồi"];

/// I … XXXIX: what plans number their parts with.
fn roman(w: &str) -> Option<u64> {
    if w.is_empty() || w.len() > 7 || !w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return None;
    }
    let val = |c| match c {
        'I' => 1,
        'V' => 5,
        _ => 10,
    };
    let cs: Vec<i64> = w.chars().map(val).collect();
    let mut n = 0i64;
    for (k, v) in cs.iter().enumerate() {
        if cs.get(k + 1).is_some_and(|next| next > v) {
            n -= v;
        } else {
            n += v;
        }
    }
    let n = u64::try_from(n).ok()?;
    // Only the canonical spelling, so "IIII" or "VX" stay letters.
    (to_roman(n) == w).then_some(n)
}

fn to_roman(mut n: u64) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// How a letter is said when an abbreviation is spelled out; vowels are said as themselves.
fn letter(c: char) -> Option<&'static str> {
    Some(match c.to_lowercase().next().unwrap_or(c) {
        'a' => "a",
        'ă' => "á",
        'â' => "ớ",
        'b' => "bê",
        'c' => "xê",
        'd' => "dê",
        'đ' => "đê",
        'e' => "e",
        'ê' => "ê",
        'f' => "ép",
        'g' => "gờ",
        'h' => "hát",
        'i' => "i",
        'j' => "gi",
        'k' => "ca",
        'l' => "lờ",
        'm' => "mờ",
        'n' => "nờ",
        'o' => "o",
        'ô' => "ô",
        'ơ' => "ơ",
        'p' => "pê",
        'q' => "quy",
        'r' => "rờ",
        's' => "ét",
        't' => "tê",
        'u' => "u",
        'ư' => "ư",
        'v' => "vê",
        'w' => "vê kép",
        'x' => "ích",
        'y' => "i",
        'z' => "dét",
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    crate::text::fold(&c.to_string()).chars().next().is_some_and(|c| "aeiouy".contains(c))
}

/// Vowel clusters of Vietnamese, diacritics folded away ("ươi" is "uoi").
const VOWELS: [&str; 41] = [
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe", "oi", "oo", "ua",
    "ue", "ui", "uo", "uu", "uy", "ya", "ye", "ieu", "oai", "oao", "oay", "oeo", "uai", "uay", "uoi", "uou", "uya",
    "uye", "uyu", "yeu", "uee",
];

/// Whether a word (in any case) can be one Vietnamese syllable: an onset, a vowel cluster, a coda.
fn is_syllable(w: &str) -> bool {
    let f = crate::text::fold(w);
    if !f.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    const ONSETS: [&str; 27] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k", "l", "m", "n",
        "p", "r", "s", "t", "v", "x", "",
    ];
    ONSETS.iter().filter(|o| f.starts_with(**o)).any(|o| {
        let rest = &f[o.len()..];
        let v = rest.chars().take_while(|c| "aeiouy".contains(*c)).count();
        let (nucleus, coda) = rest.split_at(v);
        VOWELS.contains(&nucleus) && ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"].contains(&coda)
    })
}

/// A word said with a capital, as a part of a proper name is ("Ngang", "Vũng"), not an
/// abbreviation said in lower case ("VNeID" is "vê en e ai đi").
/// The word next to the dash is the item's last (`before`) or first: "VPKT – Nội vụ" is two
/// offices, as "Văn phòng, Thống kê" ends in "kê".
fn name_part(it: Option<&Item>, before: bool) -> bool {
    it.is_some_and(|it| {
        let mut words = it.spoken.split_whitespace();
        let word = if before { words.next_back() } else { words.next() };
        it.kind == Kind::Word && word.and_then(|w| w.chars().next()).is_some_and(char::is_uppercase)
    })
}

/// What "/" before it means "per": "một ngày", "một người".
const PER: [&str; 12] = ["ngày", "tháng", "năm", "tuần", "giờ", "phút", "người", "hộ", "lượt", "lần", "buổi", "hồ sơ"];

/// Items into a line: dashes and slashes read by their neighbours, sentences opened with a
/// capital, spaces where words meet and none before punctuation.
fn join(items: Vec<Item>) -> String {
    let solid = |k: usize| items.get(k).map(|it| it.kind);
    let neighbour = |k: usize, dir: isize| {
        let mut j = k as isize + dir;
        while j >= 0 && (j as usize) < items.len() && items[j as usize].kind == Kind::Space {
            j += dir;
        }
        (j >= 0 && (j as usize) < items.len()).then(|| &items[j as usize])
    };
    // Borrowed from the items: what a dash or slash becomes is one of a few words.
    let mut words: Vec<(Kind, &str, bool)> = Vec::with_capacity(items.len());
    for (k, it) in items.iter().enumerate() {
        let (kind, spoken) = match it.kind {
            Kind::Dash | Kind::Slash => {
                let before = neighbour(k, -1);
                let after = neighbour(k, 1);
                let num_before = before.is_some_and(|b| b.kind == Kind::Numeric);
                let after_starts_range = after.is_some_and(|a| {
                    a.kind == Kind::Numeric
                        || (a.kind == Kind::Word
                            && ["thứ", "ngày", "tháng", "năm", "quý"].iter().any(|w| a.spoken.to_lowercase() == *w))
                });
                let spaced = solid(k.wrapping_sub(1)) == Some(Kind::Space) && solid(k + 1) == Some(Kind::Space);
                let per = after.is_some_and(|a| PER.contains(&a.spoken.as_str())) && solid(k + 1) != Some(Kind::Space);
                match (it.kind, num_before && after_starts_range) {
                    // "50.000đ/tháng" is "một tháng"; "khu phố/ấp" is "khu phố hoặc ấp".
                    (Kind::Slash, _) if per => (Kind::Word, "một"),
                    (Kind::Dash, true) => (Kind::Word, "đến"),
                    (Kind::Slash, true) => (Kind::Word, "trên"),
                    (Kind::Slash, false) if before.is_some() && after.is_some() => (Kind::Word, "hoặc"),
                    // "Bà Rịa – Vũng Tàu", "Tổ dân phố Đồi Ngang - Nghĩa Môn": one name, said
                    // without the pause that would make two places of it.
                    (Kind::Dash, false) if spaced && name_part(before, true) && name_part(after, false) => {
                        (Kind::Space, " ")
                    }
                    (Kind::Dash, false) if spaced && before.is_some() && after.is_some() => (Kind::Punct, ","),
                    _ => (Kind::Space, " "),
                }
            }
            _ => (it.kind, it.spoken.as_str()),
        };
        words.push((kind, spoken, it.capital));
    }
    let mut out = String::new();
    let mut sentence_start = true;
    for (kind, spoken, capital) in words {
        match kind {
            Kind::Space => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            Kind::Punct => {
                let c = spoken.chars().next().unwrap_or(' ');
                if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '…' | '”') {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    // A pause is said once: "Zalo → Cài đặt" gave ", ," before.
                    if c == ',' && out.ends_with([',', '.', ';', ':']) {
                        continue;
                    }
                }
                if out.is_empty() && matches!(c, ',' | '.' | ';' | ':') {
                    continue;
                }
                out.push_str(spoken);
                if matches!(c, '.' | '!' | '?') {
                    sentence_start = true;
                }
            }
            _ => {
                // Words glued in writing ("100m", "KP3") are apart when said.
                if !out.is_empty() && !out.ends_with([' ', '(', '“', '"', '‘', '\'']) {
                    out.push(' ');
                }
                if sentence_start && capital {
                    let mut cs = spoken.chars();
                    if let Some(f) = cs.next() {
                        out.extend(f.to_uppercase());
                        out.push_str(cs.as_str());
                    }
                } else {
                    out.push_str(spoken);
                }
                sentence_start = false;
            }
        }
    }
    // A table row or a list leaves a comma hanging at the end.
    out.trim_end_matches([' ', ',', ';']).trim_start().to_string()
}

#[cfg(test)]
mod tests;
