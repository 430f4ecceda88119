//! What a plan's text commits to: its indicators ("phấn đấu 95% công dân …", "tối thiểu 50%
//! hồ sơ …", "hoàn thành 100% chỉ tiêu … (97 trường hợp)", "1.057 tài khoản …"), its
//! milestones (a target without a figure, a task "hoàn thành trong quý III/2026") and the
//! period it runs. Each is kept with the sentence it was read from; nothing is guessed that the
//! text does not say, and what it does not say is left for the officer.

use chrono::NaiveDate;

use super::outline::{Item, Kind};
use super::vi::{self, Tok};
use crate::text;

/// What a base is: one of the three built in, the reports' own ratio, or one the text names
/// ("công dân đủ điều kiện"), which units.yaml must then give.
#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    Households,
    Population,
    Adults,
    Reported,
    Named { id: String, label: String },
}

impl Base {
    pub fn id(&self) -> &str {
        match self {
            Base::Households => "households",
            Base::Population => "population",
            Base::Adults => "adults",
            Base::Reported => "reported",
            Base::Named { id, .. } => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Count(u64),
    Share { percent: f64, above: bool, base: Base },
    Milestone,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub id: String,
    pub name: String,
    pub target: Target,
    pub noun: Option<String>,
    pub deadline: Option<NaiveDate>,
    /// The sentences it was read from, the first first.
    pub sources: Vec<String>,
}

impl Found {
    fn milestone(name: String, deadline: Option<NaiveDate>, source: String) -> Found {
        Found { id: String::new(), name, target: Target::Milestone, noun: None, deadline, sources: vec![source] }
    }
}

/// The period a plan runs, as far as its text says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Where each end was read: the sentence, and how ("từ … đến …", "ngày sớm nhất …").
    pub sources: Vec<String>,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Words that say a figure is a target.
const TARGET_VERBS: &[&str] = &[
    "phấn đấu",
    "phân đầu",
    "phần đầu",
    "phấn dấu",
    "đảm bảo",
    "bảo đảm",
    "đạt",
    "tối thiểu",
    "ít nhất",
    "khuyến khích",
    "hoàn thành",
];

/// Words before a figure that are the target's verb, not its subject.
const QUALIFIERS: &[&str] = &[
    "đạt tối thiểu",
    "tối thiểu",
    "đạt trên",
    "đạt được",
    "đạt",
    "trên",
    "hơn",
    "ít nhất",
    "phấn đấu",
    "phần đầu",
    "phân đầu",
    "phấn dấu",
    "đảm bảo",
    "bảo đảm",
    "khuyến khích",
    "hoàn thành",
    "là",
    "lên",
    "có",
    "được",
];

/// Words that end the subject after a percentage ("95% công dân | được cấp thẻ …").
const SUBJECT_ENDS: &[&str] = &[
    "được", "có", "cài", "kích", "đăng", "thực", "sử", "tham", "phải", "trên", "tại", "đến", "nộp", "hoàn", "đã",
    "biết", "đạt", "là",
];

/// What is counted, in a count target ("97 trường hợp", "1.057 tài khoản").
const COUNT_NOUNS: &[&str] =
    &["tài khoản", "hồ sơ", "trường hợp", "lượt", "giao dịch", "doanh nghiệp", "công dân", "người", "hộ"];

/// Whether the folded section headings above an item say it lists targets.
fn target_heading(h: &str) -> bool {
    let f = text::fold(h);
    f.contains("muc tieu") || f.contains("chi tieu")
}

/// A sentence ends at ".", "!" or "?" before a capital or a digit, or at "./.".
pub fn sentences(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for k in 0..chars.len() {
        let (at, c) = chars[k];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|x| x.1);
        let after = chars.get(k + 2).map(|x| x.1);
        let ends = next.is_none()
            || next == Some(' ') && after.is_some_and(|a| a.is_uppercase() || a.is_ascii_digit() || a == '(');
        if ends {
            let piece = s[start..at + 1].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = at + 1;
        }
    }
    let rest = s[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Text of `toks[a..b]` in `s`, as written.
fn slice<'a>(s: &'a str, toks: &[Tok], a: usize, b: usize) -> &'a str {
    if a >= b || a >= toks.len() {
        return "";
    }
    &s[toks[a].start..toks[b - 1].end]
}

/// Leading verbs off a name ("Phấn đấu đến 20/6/2023 hoàn thành …"), trailing places off it
/// ("… trên địa bàn xã"), and its first letter a capital.
fn clean_name(name: &str) -> String {
    let mut n = vi::tidy(name, &['.', ',', ';', ':', '-', '+']);
    loop {
        let l = lower(&n);
        let Some(q) = QUALIFIERS.iter().find(|q| l.starts_with(*q) && l[q.len()..].starts_with(' ')) else { break };
        n = n[q.len()..].trim().to_string();
    }
    for place in [
        "trên địa bàn xã",
        "trên địa bàn phường",
        "trên địa bàn thị xã",
        "trên địa bàn thị trấn",
        "trên địa bàn",
        "tại cấp xã",
    ] {
        let l = lower(&n);
        if let Some(cut) = l.strip_suffix(place) {
            if !cut.trim().is_empty() {
                n = n[..cut.len()].trim().to_string();
            }
        }
    }
    vi::sentence_start(&vi::tidy(&n, &['.', ',', ';', ':']))
}

/// The text without the tokens `a..=b` (a deadline phrase), and without parentheses it leaves
/// empty.
fn without(s: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let mut out = format!("{} {}", &s[..toks[a].start], &s[toks[b].end..]);
    out = out.replace("( )", "").replace("()", "");
    vi::tidy(&out, &[])
}

/// A base from the words that name it.
fn base_of(subject: &str) -> (Base, Option<String>) {
    let f = text::fold(subject);
    let has = |ws: &[&str]| ws.iter().any(|w| f.split_whitespace().collect::<Vec<_>>().join(" ").contains(w));
    if has(&["ho so", "thu tuc", "tthc", "giao dich", "thanh toan", "van ban"]) {
        let noun = if has(&["ho so"]) {
            Some("hồ sơ")
        } else if has(&["giao dich", "thanh toan"]) {
            Some("giao dịch")
        } else {
            None
        };
        return (Base::Reported, noun.map(str::to_string));
    }
    if has(&[
        "can bo",
        "cong chuc",
        "vien chuc",
        "dang vien",
        "doan vien",
        "hoi vien",
        "hoc sinh",
        "thanh vien",
        "giao vien",
        "cong nhan",
        "sinh vien",
    ]) {
        return (Base::Reported, Some("người".into()));
    }
    // "từ đủ 14 tuổi", "đủ điều kiện": a part of the people, not a base of its own; "trong độ
    // tuổi trưởng thành" is the adults.
    let aged = f
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].chars().all(|c| c.is_ascii_digit()) && w[1] == "tuoi");
    let qualified = aged || has(&["du dieu kien", "con lai", "tu du", "tro len", "thuong tru", "tam tru"]);
    let people = has(&["cong dan", "nguoi dan", "dan so", "nhan dan", "nguoi"]);
    if has(&["truong thanh"]) && !qualified {
        return (Base::Adults, Some("người".into()));
    }
    let words: Vec<&str> = f.split_whitespace().collect();
    if words.first() == Some(&"ho") || has(&["ho dan", "ho gia dinh"]) {
        if !qualified {
            return (Base::Households, Some("hộ".into()));
        }
    } else if people && !qualified {
        return (Base::Population, Some("người".into()));
    }
    // A base the text names: "công dân đủ điều kiện", "công dân còn lại".
    let mut label = vi::tidy(subject, &['.', ',', ';', ':']);
    for lead in ["số ", "các ", "những "] {
        if lower(&label).starts_with(lead) {
            label = label[lead.len()..].to_string();
        }
    }
    let label = label.split(" (").next().unwrap_or(&label).trim().to_lowercase();
    let id = slug(&label, 40);
    let noun = people.then(|| "người".to_string());
    (Base::Named { id, label }, noun)
}

fn slug(s: &str, max: usize) -> String {
    let mut s = text::slugify(s);
    if s.len() > max {
        let cut = s[..max].rfind('-').unwrap_or(max);
        s.truncate(cut);
    }
    s
}

/// Ids from what an indicator is about; the first one its name mentions.
const ID_WORDS: &[(&str, &str)] = &[
    ("chu ky so", "chu-ky-so"),
    ("chu ky dien tu", "chu-ky-so"),
    ("cccd", "cccd"),
    ("can cuoc", "cccd"),
    ("vneid", "vneid"),
    ("dinh danh", "dinh-danh"),
    ("dich vu cong", "dich-vu-cong"),
    ("ho so truc tuyen", "ho-so-truc-tuyen"),
    ("nop truc tuyen", "ho-so-truc-tuyen"),
    ("so hoa", "so-hoa"),
    ("thanh toan", "thanh-toan"),
    ("zalo", "zalo"),
];

/// Whom an indicator is about, when its name starts with them.
const ID_SUBJECTS: &[(&str, &str)] = &[
    ("can bo", "can-bo"),
    ("doan vien", "doan-vien"),
    ("hoi vien", "hoi-vien"),
    ("hoc sinh", "hoc-sinh"),
    ("cac hoi vien", "hoi-vien"),
];

fn id_for(name: &str, taken: &[String]) -> String {
    let f = text::fold(name);
    let words = f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let base = ID_SUBJECTS
        .iter()
        .find(|(w, _)| words.starts_with(w))
        .map(|(_, id)| id.to_string())
        .or_else(|| {
            ID_WORDS
                .iter()
                .filter_map(|(w, id)| words.find(w).map(|at| (at, *id)))
                .min_by_key(|(at, _)| *at)
                .map(|(_, id)| id.to_string())
        })
        .unwrap_or_else(|| {
            let skip = ["ty", "le", "cac", "so", "nhung"];
            let ws: Vec<&str> = words.split(' ').filter(|w| !skip.contains(w)).take(4).collect();
            slug(&ws.join(" "), 40)
        });
    let base = if base.is_empty() { "chi-tieu".to_string() } else { base };
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn words_of(s: &str) -> std::collections::BTreeSet<String> {
    text::fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1).map(str::to_string).collect()
}

/// Whether two names say the same thing: four in five of the shorter one's words are the
/// other's, and they start alike ("Cán bộ …" and "Đoàn viên …" with the same ending are two
/// targets).
fn similar(a: &str, b: &str) -> bool {
    let start = |s: &str| words_of(&s.split_whitespace().take(2).collect::<Vec<_>>().join(" "));
    if start(a) != start(b) {
        return false;
    }
    let (a, b) = (words_of(a), words_of(b));
    let common = a.intersection(&b).count();
    let small = a.len().min(b.len()).max(1);
    common * 5 >= small * 4
}

/// Adds `f`, or its sentence to the one it repeats ("(1.057 tài khoản định danh điện tử)"
/// said twice).
fn add(found: &mut Vec<Found>, f: Found) {
    let same = found.iter_mut().find(|g| match (&g.target, &f.target) {
        (Target::Count(a), Target::Count(b)) => a == b,
        (Target::Share { percent: a, above: x, base: p }, Target::Share { percent: b, above: y, base: q }) => {
            a == b && x == y && p == q && similar(&g.name, &f.name)
        }
        (Target::Milestone, Target::Milestone) => similar(&g.name, &f.name) && g.deadline == f.deadline,
        _ => false,
    });
    match same {
        Some(g) => {
            for s in f.sources {
                if !g.sources.contains(&s) {
                    g.sources.push(s);
                }
            }
        }
        None => found.push(f),
    }
}

/// The headings above an item, as text.
fn headings<'a>(items: &'a [Item], item: &Item) -> Vec<&'a str> {
    item.parents.iter().map(|&p| items[p].text.as_str()).collect()
}

fn in_appendix(items: &[Item], item: &Item) -> bool {
    headings(items, item).iter().any(|h| text::fold(h).starts_with("phu luc"))
}

/// What `find` reads: the indicators, and the day the text says the whole plan ends
/// ("hoàn thành kế hoạch trước tháng 10 năm 2024").
pub struct Findings {
    pub indicators: Vec<Found>,
    pub plan_end: Option<(NaiveDate, String)>,
}

pub fn indicators(items: &[Item], year: Option<i32>) -> Findings {
    let mut found: Vec<Found> = Vec::new();
    let mut plan_end = None;
    for item in items {
        if !matches!(item.kind, Kind::Para | Kind::Item(_)) || in_appendix(items, item) {
            continue;
        }
        let heads = headings(items, item);
        let in_targets = heads.iter().any(|h| target_heading(h));
        let innermost_targets = heads.last().is_some_and(|h| target_heading(h));
        let sents = sentences(&item.text);
        for (si, sentence) in sents.iter().enumerate() {
            let stoks = vi::tokens(sentence);
            let smentions = vi::dates(&stoks, year);
            let sdeadline = vi::deadline(&stoks, &smentions);
            let ls = lower(sentence);
            let has_verb = TARGET_VERBS.iter().any(|v| contains_word(&ls, v));
            let before = found.len();
            let mut figures = false;
            for clause in sentence.split(';') {
                let toks = vi::tokens(clause);
                let (shares, any) = shares(clause, &toks, in_targets || has_verb, sentence, sdeadline.map(|d| d.0));
                figures |= any;
                for f in shares {
                    add(&mut found, f);
                }
                if in_targets || has_verb {
                    let counts = counts(clause, &toks, sentence, sdeadline.map(|d| d.0));
                    figures |= !counts.is_empty();
                    for f in counts {
                        add(&mut found, f);
                    }
                }
            }
            if figures || found.len() > before {
                continue;
            }
            // A target without a figure, listed under "Mục tiêu": a milestone.
            let listed = matches!(item.kind, Kind::Item(_)) && innermost_targets && si == 0;
            let f0 = text::fold(sentence);
            if listed
                && !f0.starts_with("tu ngay")
                && !f0.starts_with("den ngay")
                && !item.text.trim_end().ends_with(':')
            {
                let name = match sdeadline {
                    Some((_, a, b)) => task_name(sentence, &stoks, a, b),
                    None => clean_name(&item.text),
                };
                add(&mut found, Found::milestone(name, sdeadline.map(|d| d.0), item.text.clone()));
                continue;
            }
            // A task to be done by a day: a milestone; the whole plan's end: its period.
            let Some((day, a, b)) = sdeadline else { continue };
            let done = f0.contains("hoan thanh") || f0.split(|c: char| !c.is_alphanumeric()).any(|w| w == "xong");
            if !done {
                continue;
            }
            let near: String = stoks[a.saturating_sub(4)..a].iter().map(|t| t.f.as_str()).collect::<Vec<_>>().join(" ");
            if near.contains("ke hoach") {
                plan_end.get_or_insert((day, sentence.to_string()));
                continue;
            }
            if near.contains("chi tieu") || near.contains("muc tieu") {
                continue;
            }
            let mut name = task_name(sentence, &stoks, a, b);
            if name.split_whitespace().count() < 3 && si > 0 {
                name = clean_name(sents[si - 1]);
            }
            if name.split_whitespace().count() < 2 {
                continue;
            }
            let head: String = name.chars().take(8).collect();
            let source = if si > 0 && !sentence.contains(&head) {
                format!("{} {sentence}", sents[si - 1])
            } else {
                sentence.to_string()
            };
            add(&mut found, Found::milestone(name, Some(day), source));
        }
    }
    let mut ids: Vec<String> = Vec::new();
    for f in &mut found {
        f.id = match f.target {
            // A task is told by what it does: its first words.
            Target::Milestone => {
                let base = slug(&f.name.split_whitespace().take(4).collect::<Vec<_>>().join(" "), 40);
                let mut id = base.clone();
                let mut n = 2;
                while ids.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                id
            }
            _ => id_for(&f.name, &ids),
        };
        ids.push(f.id.clone());
    }
    Findings { indicators: found, plan_end }
}

/// A task's name: its sentence without the deadline phrase `toks[a..=b]`, the verb before it
/// ("hoàn thành trong quý III/2026", "xong trước ngày 25/3/2023") and a bracket it is in
/// ("(danh sách lập xong trước ngày 23/3/2023)").
fn task_name(sentence: &str, toks: &[Tok], a: usize, b: usize) -> String {
    let (mut a, mut b) = (a, b);
    while a > 0 && matches!(toks[a - 1].f.as_str(), "xong" | "phai" | "thanh" | "hoan" | "da") {
        a -= 1;
    }
    let open = toks[..a].iter().rposition(|t| t.s == "(" || t.s == ")").filter(|&o| toks[o].s == "(");
    if let Some(o) = open {
        if let Some(c) = (b + 1..toks.len()).find(|&j| toks[j].s == ")") {
            a = o;
            b = c;
        }
    }
    clean_name(&without(sentence, toks, a, b))
}

fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().last();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Percentages in a clause, each a target: its value, "trên" for above, the base its subject
/// names. A percentage of "chỉ tiêu" with the count in brackets is that count. Whether the
/// clause had a figure at all.
fn shares(
    clause: &str,
    toks: &[Tok],
    targets: bool,
    sentence: &str,
    deadline: Option<NaiveDate>,
) -> (Vec<Found>, bool) {
    let pcts: Vec<usize> = (0..toks.len())
        .filter(|&k| toks.get(k + 1).is_some_and(|t| t.s == "%") && vi::number(toks[k].s).is_some())
        .collect();
    let mut out = Vec::new();
    if pcts.is_empty() {
        return (out, false);
    }
    if !targets {
        return (out, true);
    }
    let mut region_start = 0usize;
    for (n, &k) in pcts.iter().enumerate() {
        let Some(value) = vi::number(toks[k].s).filter(|v| *v > 0.0 && *v <= 100.0) else { continue };
        let above = k > 0 && matches!(toks[k - 1].f.as_str(), "tren" | "hon" | "vuot");
        // Where this percentage's words end: the comma before the next one, or the clause's end.
        let region_end = match pcts.get(n + 1) {
            Some(&next) => (k + 2..next).rev().find(|&j| toks[j].s == ",").unwrap_or(next),
            None => toks.len(),
        };
        let after = k + 2;
        // "100% chỉ tiêu thu nhận hồ sơ cấp CCCD (97 trường hợp)": the count in brackets.
        if toks.get(after).is_some_and(|t| t.f == "chi") && toks.get(after + 1).is_some_and(|t| t.f == "tieu") {
            if let Some(f) = bracketed_count(clause, toks, after + 2, sentence, deadline) {
                out.push(f);
            }
            region_start = region_end + 1;
            continue;
        }
        let mut j = after;
        while j < region_end && j - after < 8 {
            let w = lower(toks[j].s);
            if SUBJECT_ENDS.contains(&w.as_str()) || matches!(toks[j].s, "," | "(" | ";" | "." | ":" | ")") {
                break;
            }
            j += 1;
        }
        let subject_after = slice(clause, toks, after, j);
        let before = slice(clause, toks, region_start.min(k), k.saturating_sub(usize::from(above)));
        let before = vi::tidy(before, &[',', ';', ':', '-', '+']);
        let rest = slice(clause, toks, after, region_end);
        let (subject, name) = if !subject_after.trim().is_empty() {
            (subject_after.to_string(), rest.to_string())
        } else {
            let b = strip_qualifiers(&before);
            let name = format!("{b} {rest}");
            (b, name)
        };
        let name = clean_name(&strip_deadline(&name));
        if name.is_empty() {
            region_start = region_end + 1;
            continue;
        }
        let (base, noun) = base_of(&subject);
        out.push(Found {
            id: String::new(),
            name,
            target: Target::Share { percent: value, above, base },
            noun,
            deadline,
            sources: vec![sentence.to_string()],
        });
        region_start = region_end + 1;
    }
    (out, true)
}

/// A name without the date phrase it carries ("đến 20/6/2023").
fn strip_deadline(s: &str) -> String {
    let toks = vi::tokens(s);
    let m = vi::dates(&toks, None);
    match vi::deadline(&toks, &m) {
        Some((_, a, b)) => without(s, &toks, a, b),
        None => s.to_string(),
    }
}

fn strip_qualifiers(s: &str) -> String {
    let mut s = s.trim().to_string();
    loop {
        let l = lower(&s);
        let Some(q) = QUALIFIERS.iter().find(|q| l.ends_with(*q) && l[..l.len() - q.len()].ends_with(' ')) else {
            break;
        };
        s = s[..s.len() - q.len()].trim().to_string();
    }
    s
}

/// "(97 trường hợp)" after "chỉ tiêu …": a count target named by the words between.
fn bracketed_count(
    clause: &str,
    toks: &[Tok],
    from: usize,
    sentence: &str,
    deadline: Option<NaiveDate>,
) -> Option<Found> {
    let open = (from..toks.len()).find(|&j| toks[j].s == "(")?;
    let n = vi::whole(toks.get(open + 1)?.s).filter(|n| *n > 0)?;
    let close = (open..toks.len()).find(|&j| toks[j].s == ")").unwrap_or(toks.len());
    let (noun, noun_len) = count_noun(toks, open + 2)?;
    let between = strip_deadline(slice(clause, toks, from, open));
    let name = if between.split_whitespace().count() >= 2 {
        between
    } else {
        slice(clause, toks, open + 2, close).to_string()
    };
    let _ = noun_len;
    Some(Found {
        id: String::new(),
        name: clean_name(&name),
        target: Target::Count(n),
        noun: Some(noun),
        deadline,
        sources: vec![sentence.to_string()],
    })
}

/// The counted noun at `toks[at..]`, as written, and how many tokens it takes.
fn count_noun(toks: &[Tok], at: usize) -> Option<(String, usize)> {
    for noun in COUNT_NOUNS {
        let n = noun.split(' ').count();
        if at + n <= toks.len() && toks[at..at + n].iter().map(|t| lower(t.s)).collect::<Vec<_>>().join(" ") == *noun {
            return Some((noun.to_string(), n));
        }
    }
    None
}

/// Counts in a clause: "1.057 tài khoản định danh điện tử cho đại diện hộ dân …".
fn counts(clause: &str, toks: &[Tok], sentence: &str, deadline: Option<NaiveDate>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    for k in 0..toks.len() {
        match toks[k].s {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        // Bracketed counts belong to a "chỉ tiêu" before them.
        if depth > 0 {
            continue;
        }
        let Some(n) = vi::whole(toks[k].s).filter(|n| *n >= 10) else { continue };
        if toks.get(k + 1).is_some_and(|t| t.s == "%")
            || k > 0 && matches!(toks[k - 1].f.as_str(), "so" | "nam" | "ngay" | "thang")
        {
            continue;
        }
        let Some((noun, len)) = count_noun(toks, k + 1) else { continue };
        // Up to the next figure, or the clause's end.
        let end = (k + 1 + len..toks.len())
            .find(|&j| vi::whole(toks[j].s).is_some_and(|n| n >= 10) && count_noun(toks, j + 1).is_some())
            .unwrap_or(toks.len());
        let name = clean_name(&strip_deadline(slice(clause, toks, k + 1, end)));
        out.push(Found {
            id: String::new(),
            name,
            target: Target::Count(n),
            noun: Some(noun),
            deadline,
            sources: vec![sentence.to_string()],
        });
    }
    out
}

/// The period: a span in the paragraph or section that says "thời gian thực hiện"; else the
/// spans of sections about time ("Thời gian", "Thời gian, địa điểm"); else the earliest day such
/// a section names, to the day the text says the whole plan ends.
pub fn period(items: &[Item], year: Option<i32>, plan_end: Option<&(NaiveDate, String)>) -> Period {
    let mut p = Period::default();
    let about_time = |s: &str| text::fold(s).contains("thoi gian");
    let mut section_spans: Vec<(NaiveDate, NaiveDate, String)> = Vec::new();
    let mut section_days: Vec<(NaiveDate, String)> = Vec::new();
    for item in items {
        if !matches!(item.kind, Kind::Para | Kind::Item(_) | Kind::Heading(_)) || in_appendix(items, item) {
            continue;
        }
        let heads = headings(items, item);
        let own = text::fold(&item.text).contains("thoi gian thuc hien");
        let under = heads.last().is_some_and(|h| text::fold(h).contains("thoi gian thuc hien"));
        // Spans count in a section whose own heading is about time ("1. Thời gian"), days in
        // any part of one ("III. THỜI GIAN, ĐỊA ĐIỂM" > "1. Hội nghị thứ Nhất").
        let time_section =
            own || heads.last().is_some_and(|h| about_time(h)) || text::fold(&item.text).starts_with("thoi gian");
        let in_time = time_section || heads.iter().any(|h| about_time(h));
        if !in_time {
            continue;
        }
        for sentence in sentences(&item.text) {
            let toks = vi::tokens(sentence);
            let m = vi::dates(&toks, year);
            let spans = vi::spans(&toks, &m);
            if let Some(s) = spans.first() {
                if own || under {
                    p.from = Some(s.from);
                    p.to = Some(s.to);
                    p.sources = vec![sentence.to_string()];
                    return p;
                }
            }
            if time_section {
                for s in &spans {
                    section_spans.push((s.from, s.to, sentence.to_string()));
                }
            }
            for x in &m {
                if let vi::When::Day(d) = x.when {
                    if !super::layout::names_document(&toks, x.first) {
                        section_days.push((d, sentence.to_string()));
                    }
                }
            }
        }
    }
    if !section_spans.is_empty() {
        let from = section_spans.iter().min_by_key(|s| s.0).cloned();
        let to = section_spans.iter().max_by_key(|s| s.1).cloned();
        if let (Some(f), Some(t)) = (from, to) {
            p.from = Some(f.0);
            p.to = Some(t.1);
            p.sources.push(f.2.clone());
            if t.2 != f.2 {
                p.sources.push(t.2);
            }
            return p;
        }
    }
    if let Some((d, s)) = section_days.iter().min_by_key(|s| s.0) {
        p.from = Some(*d);
        p.sources.push(s.clone());
    }
    if let Some((d, s)) = plan_end {
        if p.from.is_none_or(|f| f <= *d) {
            p.to = Some(*d);
            p.sources.push(s.clone());
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::outline::of_lines as outline_of;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn shares_of_a_base_the_text_names() {
        let items = outline_of(&[
            "II. NỘI DUNG",
            "1. Mục tiêu",
            "- Phân đầu 95% công dân được cấp thẻ CCCD gắn chip điện tử; 70% công dân được cài đặt ứng dụng VNeID.",
            "- Phấn đấu 40% người dân trong độ tuổi trưởng thành có chữ ký số.",
            "- Thiết lập kênh ZALO tiếp nhận phản ánh.",
            "d) Tỷ lệ TTHC có giao dịch thanh toán trực tuyến đạt tối thiểu 90%, tỷ lệ hồ sơ thanh toán trực tuyến đạt tối thiểu 95%.",
            "+ Các tổ chức chính trị xã hội đảm bảo trên 50% các hội viên được kích hoạt.",
            "- Phấn đấu 100% công dân đủ điều kiện trên địa bàn cài đặt VNeID.",
        ]);
        let f = indicators(&items, Some(2024)).indicators;
        let got: Vec<(String, String, Target)> =
            f.iter().map(|f| (f.id.clone(), f.name.clone(), f.target.clone())).collect();
        let share = |percent: f64, above: bool, base: Base| Target::Share { percent, above, base };
        assert_eq!(
            got,
            vec![
                (
                    "cccd".into(),
                    "Công dân được cấp thẻ CCCD gắn chip điện tử".into(),
                    share(95.0, false, Base::Population)
                ),
                ("vneid".into(), "Công dân được cài đặt ứng dụng VNeID".into(), share(70.0, false, Base::Population)),
                (
                    "chu-ky-so".into(),
                    "Người dân trong độ tuổi trưởng thành có chữ ký số".into(),
                    share(40.0, false, Base::Adults)
                ),
                ("thiet-lap-kenh-zalo".into(), "Thiết lập kênh ZALO tiếp nhận phản ánh".into(), Target::Milestone),
                (
                    "thanh-toan".into(),
                    "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến".into(),
                    share(90.0, false, Base::Reported)
                ),
                ("thanh-toan-2".into(), "Tỷ lệ hồ sơ thanh toán trực tuyến".into(), share(95.0, false, Base::Reported)),
                ("hoi-vien".into(), "Các hội viên được kích hoạt".into(), share(50.0, true, Base::Reported)),
                (
                    "vneid-2".into(),
                    "Công dân đủ điều kiện trên địa bàn cài đặt VNeID".into(),
                    share(
                        100.0,
                        false,
                        Base::Named {
                            id: "cong-dan-du-dieu-kien".into(), label: "công dân đủ điều kiện".into()
                        }
                    )
                ),
            ]
        );
        assert_eq!(
            f[0].sources,
            vec!["Phân đầu 95% công dân được cấp thẻ CCCD gắn chip điện tử; 70% công dân được cài đặt ứng dụng VNeID."]
        );
    }

    #[test]
    fn counts_said_twice_are_one_indicator_with_both_sentences() {
        let items = outline_of(&[
            "3. Chỉ tiêu thực hiện",
            "- Phấn đấu đến 20/6/2023 hoàn thành 100% chỉ tiêu thu nhận hồ sơ cấp CCCD (97 trường hợp) và 1.057 tài khoản định danh điện tử cho đại diện hộ dân đủ điều kiện trên địa bàn xã.",
            "Phối hợp với các ấp, phấn đấu hoàn thành 100% chỉ tiêu trước ngày 30/6/2023 (1.057 tài khoản định danh điện tử).",
        ]);
        let f = indicators(&items, Some(2023)).indicators;
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(
            (f[0].name.as_str(), &f[0].target, f[0].noun.as_deref()),
            ("Thu nhận hồ sơ cấp CCCD", &Target::Count(97), Some("trường hợp"))
        );
        assert_eq!(f[0].deadline, Some(d(2023, 6, 20)));
        assert_eq!(f[1].name, "Tài khoản định danh điện tử cho đại diện hộ dân đủ điều kiện");
        assert_eq!(f[1].target, Target::Count(1057));
        assert_eq!(f[1].sources.len(), 2);
    }

    #[test]
    fn tasks_due_by_a_day_are_milestones_and_the_plan_end_is_its_period() {
        let items = outline_of(&[
            "III. THỜI GIAN, ĐỊA ĐIỂM",
            "1. Hội nghị thứ Nhất",
            "- Thời gian: Dự kiến tổ chức vào ngày 16/4/2024 tại Hội trường UBND Phường 3.",
            "3. Sau thời gian trên sẽ triển khai tại các khu phố và phải hoàn thành kế hoạch trước tháng 10 năm 2024.",
            "IV. TỔ CHỨC THỰC HIỆN",
            "- Lớp tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng hoàn thành trong quý III/2026.",
            "- Đẩy mạnh thu nhận hồ sơ cho đối tượng đủ điều kiện. Hoàn thành trước ngày 20/4/2026.",
        ]);
        let found = indicators(&items, Some(2024));
        let f = &found.indicators;
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].name, "Lớp tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng");
        assert_eq!((f[0].target.clone(), f[0].deadline), (Target::Milestone, Some(d(2026, 9, 30))));
        assert_eq!(f[1].name, "Đẩy mạnh thu nhận hồ sơ cho đối tượng đủ điều kiện");
        let p = period(&items, Some(2024), found.plan_end.as_ref());
        assert_eq!((p.from, p.to), (Some(d(2024, 4, 16)), Some(d(2024, 9, 30))));
    }

    #[test]
    fn the_period_said_in_so_many_words() {
        let items = outline_of(&["II. CHỈ TIÊU", "4. Thời gian thực hiện: Từ ngày 25/5/2023 đến ngày 30/6/2023."]);
        let p = period(&items, None, None);
        assert_eq!((p.from, p.to), (Some(d(2023, 5, 25)), Some(d(2023, 6, 30))));
        let items = outline_of(&[
            "II. THỜI GIAN",
            "1. Thời gian",
            "- Từ ngày 20/3/2023 đến ngày 23/3/2023:",
            "- Từ ngày 24/3 đến ngày 20/4/2023: Các tổ công tác ra quân.",
        ]);
        let p = period(&items, None, None);
        assert_eq!((p.from, p.to), (Some(d(2023, 3, 20)), Some(d(2023, 4, 20))));
    }
}
