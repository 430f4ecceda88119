//! The loudspeaker bulletin for one plan on one day: opening, progress, coming events, one guide,
//! notices (each said twice), closing, and how long it all takes to read.
//!
//! Every sentence is composed in ordinary written Vietnamese — digits, `16/4/2024`, `7h30`,
//! abbreviations as the content has them — and passed through [`Speaker::say`], so the normaliser
//! is the one place that decides how anything is read.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::sync::OnceLock;

use super::airtime::{self, Pace};
use crate::content::model::{Event, Guide, Indicator, News, Plan, Repeat, Site, Status};
use crate::format::{self, date as dmy, int};
use crate::indicator::words::risk_reason;
use crate::indicator::{IndicatorProgress, Standing, Target, UnitProgress};
use crate::markdown::{self, Block};
use crate::progress;
use crate::schedule::{self, When};
use crate::speech::Speaker;

/// Notices this many days old or newer are read.
pub const NOTICE_DAYS: i64 = 14;
/// At most this many coming events are read.
pub const MAX_EVENTS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Opening,
    Progress,
    Events,
    Guide,
    Notices,
    Closing,
}

/// How much a part of the bulletin matters when it must be cut to fit the air time: the lowest
/// is left out first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// The guide is also on the site and at every hamlet office.
    Guide,
    /// An indicator on track, reached, or without figures: its units behind, if any, go with it.
    ProgressOnTrack,
    /// Any notice but the newest.
    OlderNotice,
    /// Events after the next two.
    LaterEvent,
    /// An indicator behind the path to its target.
    ProgressBehind,
    SecondEvent,
    NewestNotice,
    /// Opening, closing and the nearest event are always read.
    Always,
}

/// One thing the bulletin says: an indicator, an event, a notice, the guide.
#[derive(Debug, Clone)]
pub struct Part {
    pub urgency: Urgency,
    /// Opening words: a section's, kept as long as anything else of its section is; or, with a
    /// `group`, the words said once for the parts of that group, kept as long as one of them is.
    pub intro: bool,
    /// The parts said after one opening of their own within their section (indicators that
    /// share a deadline), by a number of the section's choosing.
    pub group: Option<usize>,
    /// What it is, for the message saying what was left out.
    pub label: String,
    /// Spoken text, one item per line.
    pub lines: Vec<String>,
    pub seconds: f64,
    /// At the bulletin's slow rate, when it has one.
    pub slow_seconds: f64,
    /// Whether the part was timed as the bulletin's opening (no pause before it), or `None`
    /// before it is timed: a part is timed again only when its lines or that change.
    timed_first: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Section {
    pub kind: Kind,
    pub title: String,
    pub parts: Vec<Part>,
    pub seconds: f64,
}

impl Section {
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().flat_map(|p| p.lines.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone)]
pub struct Bulletin {
    pub date: NaiveDate,
    /// The plan's slug.
    pub plan: String,
    /// The plan's document number, when it has one ("46/KH-UBND").
    pub plan_number: Option<String>,
    pub site_title: String,
    pub station: String,
    /// The latest progress report the bulletin reads from.
    pub as_of: Option<NaiveDate>,
    /// The slug of the guide it reads, if any.
    pub guide: Option<String>,
    pub sections: Vec<Section>,
    pub pace: Pace,
    pub seconds: f64,
    pub slow: Option<(Pace, f64)>,
}

/// The bulletin of `plan` for `date`: progress as the reports up to that day give it, events
/// after it, notices of the fortnight before it.
pub fn compose(site: &Site, plan: &Plan, date: NaiveDate, sp: &Speaker) -> Bulletin {
    let reports: Vec<_> = site.reports.iter().filter(|r| r.plan == plan.slug && r.date <= date).collect();
    let last = reports.last().map(|r| (r.date, r.illustrative));
    let progress = progress::Tracker::after(site, plan, reports.iter().copied()).indicators(date);
    compose_with(site, plan, date, sp, last, progress, &Spoken::new(site))
}

/// What every bulletin that reads it says alike, said once for all of them: each news item's
/// notice, and each guide's section.
///
/// A notice is read by every bulletin of the fortnight after it, and saying the ~300 notices of
/// each of a province's bulletins was most of their cost; the notices of a province's 8,000
/// news items take about 4 MB said. A guide is read by every bulletin while the indicator it
/// helps stays the furthest behind, often all of a plan's: its steps said again each week were
/// a third of a bulletin's cost. Both are kept timed as well: neither ever opens a bulletin, so
/// their air time is the same in every bulletin, and timing 300 notices in each was a seventh
/// of the bulletins' time.
pub struct Spoken {
    /// Each notice's part, timed; its urgency and label are its bulletin's to set.
    notices: Vec<OnceLock<Part>>,
    guides: Vec<OnceLock<Section>>,
}

/// News item `n`'s notice said and timed, as [`Spoken`] keeps it.
fn said_notice(n: &News, say: &impl Fn(&str) -> String, site: &Site) -> Part {
    timed(part(Urgency::OlderNotice, "", notice_lines(n, say).to_vec()), site)
}

/// `p` timed as a part that does not open its bulletin, which no part kept in [`Spoken`] does:
/// the opening always comes first.
fn timed(mut p: Part, site: &Site) -> Part {
    let cfg = &site.config.radio;
    time(&mut p, &Pace::of(cfg), Pace::slow(cfg).as_ref(), false);
    p
}

/// Sets `p`'s air time, as the bulletin's opening part when `first` is set.
fn time(p: &mut Part, pace: &Pace, slow: Option<&Pace>, first: bool) {
    p.seconds = airtime::seconds(p.lines.iter().map(String::as_str), pace, first);
    p.slow_seconds = slow.map_or(0.0, |sp| airtime::seconds(p.lines.iter().map(String::as_str), sp, first));
    p.timed_first = Some(first);
}

impl Spoken {
    /// Room for every news item and guide of `site`, none said yet.
    pub fn new(site: &Site) -> Spoken {
        Spoken {
            notices: site.news.iter().map(|_| OnceLock::new()).collect(),
            guides: site.guides.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Says news item `k`'s notice again after its body changed; whether the bulletins that
    /// read it now read something else. A notice no bulletin read was never said, and stays so.
    pub fn say_again(&mut self, site: &Site, k: usize, sp: &Speaker) -> bool {
        let (Some(once), Some(n)) = (self.notices.get_mut(k), site.news.get(k)) else { return false };
        let Some(old) = once.get() else { return false };
        let new = said_notice(n, &|written: &str| sp.say(&one_line(written)), site);
        if old.lines == new.lines {
            return false;
        }
        *once = OnceLock::from(new);
        true
    }

    /// Forgets how guide `g` of `site` was said, after its body changed: the next bulletin to
    /// read it says it anew. Whether or not a bulletin reads it now, since a report edited later
    /// may make it the one they read.
    pub fn guide_changed(&mut self, site: &Site, g: &Guide) {
        if let Some(once) = guide_index(site, g).and_then(|k| self.guides.get_mut(k)) {
            *once = OnceLock::new();
        }
    }

    /// Guide `g`'s section, said on first use.
    fn guide(&self, site: &Site, g: &Guide, say: &impl Fn(&str) -> String) -> Section {
        match guide_index(site, g).and_then(|k| self.guides.get(k)) {
            Some(once) => {
                let timed_section = || {
                    let mut s = guide_section(g, say);
                    s.parts = s.parts.into_iter().map(|p| timed(p, site)).collect();
                    s
                };
                once.get_or_init(timed_section).clone()
            }
            None => guide_section(g, say),
        }
    }
}

/// Where `g` stands among `site`'s guides.
fn guide_index(site: &Site, g: &Guide) -> Option<usize> {
    site.guides.iter().position(|x| std::ptr::eq(x, g))
}

/// The days of the bulletins that read notice `n`, first and last: its own day and the
/// fortnight after ([`notices_section`]).
pub fn notice_days(n: &News) -> (NaiveDate, NaiveDate) {
    (n.date, n.date + Duration::days(NOTICE_DAYS))
}

/// [`compose`], given the progress of each of the plan's indicators as of `date` and the date of
/// the report it stands at (with whether that report is illustrative): the site's bulletins read
/// the reports once for all of them.
pub fn compose_with(
    site: &Site,
    plan: &Plan,
    date: NaiveDate,
    sp: &Speaker,
    last_report: Option<(NaiveDate, bool)>,
    progress: Vec<IndicatorProgress>,
    spoken: &Spoken,
) -> Bulletin {
    let cfg = &site.config.radio;
    let say = |written: &str| sp.say(&one_line(written));
    let as_of = last_report.map(|(d, _)| d);
    let illustrative = last_report.is_some_and(|(_, i)| i);
    let indicators: Vec<(&Indicator, IndicatorProgress)> = plan.indicators.iter().zip(progress).collect();
    let mut sections = vec![opening(site, plan, date, &say)];
    if !indicators.is_empty() {
        sections.push(progress_section(site, &indicators, date, as_of, illustrative, &say));
    }
    if let Some(s) = events_section(site, plan, date, &say) {
        sections.push(s);
    }
    let guide = pick_guide(site, &indicators);
    if let Some(g) = guide {
        sections.push(spoken.guide(site, g, &say));
    }
    if let Some(s) = notices_section(site, plan, date, &say, spoken) {
        sections.push(s);
    }
    sections.push(closing(site, &say));

    let mut b = Bulletin {
        date,
        plan: plan.slug.clone(),
        plan_number: plan.number.clone(),
        site_title: site.config.title.clone(),
        station: cfg.station.clone(),
        as_of,
        guide: guide.map(|g| g.slug.clone()),
        sections,
        pace: Pace::of(cfg),
        seconds: 0.0,
        slow: Pace::slow(cfg).map(|p| (p, 0.0)),
    };
    recount(&mut b);
    b
}

/// The section that reads guide `g`, as [`compose_with`] says it.
pub fn spoken_guide(g: &Guide, sp: &Speaker) -> Section {
    guide_section(g, &|written: &str| sp.say(&one_line(written)))
}

/// The bulletin as [`compose_with`] would make it once the guide it reads has a new body, given
/// that guide's [`spoken_guide`]: the section is replaced and the air time recounted. Which guide
/// a bulletin reads depends only on progress and front matter, so the rest is unchanged.
pub fn replace_guide(b: &mut Bulletin, spoken: &Section) {
    if let Some(s) = b.sections.iter_mut().find(|s| s.kind == Kind::Guide) {
        *s = spoken.clone();
        recount(b);
    }
}

/// Sets every part's, section's and the whole bulletin's air time. Only the parts not timed
/// yet, or whose place at the opening changed, are timed again: a bulletin reads hundreds of
/// notices, and a guide's edit in preview or a part left out changes one section.
fn recount(b: &mut Bulletin) {
    let pace = b.pace;
    let slow = b.slow.map(|(p, _)| p);
    let mut first = true;
    let (mut total, mut slow_total) = (0.0, 0.0);
    for s in &mut b.sections {
        s.seconds = 0.0;
        for p in &mut s.parts {
            if p.timed_first != Some(first) {
                time(p, &pace, slow.as_ref(), first);
            }
            first &= p.lines.is_empty();
            s.seconds += p.seconds;
            slow_total += p.slow_seconds;
        }
        total += s.seconds;
    }
    b.seconds = total;
    if let Some((sp, _)) = b.slow {
        b.slow = Some((sp, slow_total));
    }
}

/// Leaves out the least urgent parts until the bulletin fits in `max_seconds`, or nothing more
/// can go; returns what was left out, in the order it went.
pub fn trim(b: &mut Bulletin, max_seconds: f64) -> Vec<String> {
    let mut left_out = Vec::new();
    while b.seconds > max_seconds + 1e-9 {
        // Among equally urgent parts the one read last goes first: the farthest event, the oldest
        // notice, the last indicator.
        let mut pick: Option<(Urgency, usize, usize)> = None;
        for (si, s) in b.sections.iter().enumerate() {
            for (pi, p) in s.parts.iter().enumerate() {
                if p.intro || p.urgency == Urgency::Always {
                    continue;
                }
                if pick.is_none_or(|(u, _, _)| p.urgency <= u) {
                    pick = Some((p.urgency, si, pi));
                }
            }
        }
        let Some((_, si, pi)) = pick else { break };
        let part = b.sections[si].parts.remove(pi);
        left_out.push(part.label);
        let parts = &mut b.sections[si].parts;
        // What was said once for a group goes with the last of it.
        if let Some(g) = part.group {
            if !parts.iter().any(|p| !p.intro && p.group == Some(g)) {
                parts.retain(|p| p.group != Some(g));
            }
        }
        if parts.iter().all(|p| p.intro) {
            b.sections.remove(si);
        }
        recount(b);
    }
    left_out
}

/// The bulletin as the station receives it: a short header of notes for the announcer, then the
/// text to read, section by section. Every note is a line in square brackets, which is not read:
/// the header's lines too, so that none of them can be taken for the bulletin's first words.
pub fn text(b: &Bulletin) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    let date = format::long_date(b.date);
    line(&note(&format!("BẢN TIN PHÁT THANH — {}", b.site_title)));
    line(&note(&format!("Đài: {}", b.station)));
    line(&note(&format!("Ngày phát: {date}")));
    match &b.plan_number {
        Some(n) => line(&note(&format!("Kế hoạch: số {n}, mã {}", b.plan))),
        None => line(&note(&format!("Kế hoạch: mã {}", b.plan))),
    }
    let as_of = b.as_of.map(dmy).unwrap_or_else(|| "chưa có báo cáo".to_string());
    line(&note(&format!("Số liệu tiến độ đến ngày: {as_of}")));
    let seconds = airtime::duration(b.seconds);
    line(&note(&format!("Thời lượng ước tính: {seconds}, đọc {} tiếng một phút", rate(&b.pace))));
    if let Some((slow, secs)) = &b.slow {
        line(&note(&format!("Nếu đọc chậm, {} tiếng một phút: {}", rate(slow), airtime::duration(*secs))));
    }
    line(&note("Các dòng trong ngoặc vuông là ghi chú cho phát thanh viên, không đọc."));
    for (i, s) in b.sections.iter().enumerate() {
        line("");
        line(&note(&format!("{}. {} — khoảng {}", i + 1, s.title, airtime::duration(s.seconds))));
        for l in s.lines() {
            line(l);
        }
    }
    line("");
    line(&note("Hết bản tin"));
    out
}

/// `s` as a note of the text, one line in square brackets. Names from content may hold line
/// breaks, which would start a line the announcer reads, and brackets, which would end the note
/// early: both are written otherwise.
fn note(s: &str) -> String {
    format!("[{}]", one_line(s).replace('[', "(").replace(']', ")"))
}

/// Only the words to read, one item per line: what a speech engine is given.
pub fn spoken(b: &Bulletin) -> String {
    let mut out = String::new();
    for l in b.sections.iter().flat_map(Section::lines) {
        out.push_str(l);
        out.push('\n');
    }
    out
}

fn rate(p: &Pace) -> String {
    format::decimal(p.rate)
}

/// Content may hold line breaks (YAML block strings); the normaliser reads line by line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "." at the end of a sentence that has no mark of its own.
fn sentence(s: &str) -> String {
    let s = one_line(s);
    if s.ends_with(['.', '!', '?', '…']) {
        s
    } else {
        format!("{}.", s.trim_end_matches([':', ';', ',']))
    }
}

/// "thứ Tư, 14/6/2023": the weekday in the middle of a sentence.
fn day(d: NaiveDate) -> String {
    format!("{}, {}", format::weekday(d).replace("Thứ", "thứ"), dmy(d))
}

/// "30/6" in `year`, the air day's, "30/6/2024" in another: a date as a person says it once the
/// opening has said the day in full.
fn dm(d: NaiveDate, year: i32) -> String {
    if d.year() == year {
        format!("{}/{}", d.day(), d.month())
    } else {
        dmy(d)
    }
}

/// "thứ Tư, 14/6", as [`day`] with the year as [`dm`] says it.
fn day_in(d: NaiveDate, year: i32) -> String {
    format!("{}, {}", format::weekday(d).replace("Thứ", "thứ"), dm(d, year))
}

/// "a, b và c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// "Thẻ CCCD gắn chip" → "thẻ CCCD gắn chip" inside a sentence; "VNeID …" stays as written.
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            let mut out: String = a.to_lowercase().collect();
            out.push(b);
            out.extend(chars);
            out
        }
        _ => s.to_string(),
    }
}

fn part(urgency: Urgency, label: impl Into<String>, lines: Vec<String>) -> Part {
    Part {
        urgency,
        intro: false,
        group: None,
        label: label.into(),
        lines,
        seconds: 0.0,
        slow_seconds: 0.0,
        timed_first: None,
    }
}

fn intro(line: String) -> Part {
    Part {
        urgency: Urgency::Always,
        intro: true,
        group: None,
        label: String::new(),
        lines: vec![line],
        seconds: 0.0,
        slow_seconds: 0.0,
        timed_first: None,
    }
}

fn section(kind: Kind, title: impl Into<String>, parts: Vec<Part>) -> Section {
    Section { kind, title: title.into(), parts, seconds: 0.0 }
}

fn opening(site: &Site, plan: &Plan, date: NaiveDate, say: &impl Fn(&str) -> String) -> Section {
    let cfg = &site.config.radio;
    // A document number already says who issued it ("46/KH-UBND" is read "… Ủy ban nhân dân");
    // naming the issuer after it would say it twice.
    let plan_words = match &plan.number {
        Some(n) => format!("Kế hoạch số {n}"),
        None => format!("kế hoạch của {}", plan.issuer),
    };
    let lines = vec![
        say(&format!("Đây là {}. Hôm nay, {}.", cfg.station, day(date))),
        say(&format!("Kính mời bà con nghe bản tin {}, thực hiện {plan_words}.", site.config.title)),
    ];
    section(Kind::Opening, "Mở đầu", vec![part(Urgency::Always, "phần mở đầu", lines)])
}

fn closing(site: &Site, say: &impl Fn(&str) -> String) -> Section {
    let mut lines = Vec::new();
    if let Some(phone) = &site.config.contact.phone {
        lines.push(say(&format!("Cần hỏi thêm, bà con liên hệ {} qua số điện thoại {phone}.", site.config.authority)));
    }
    lines.push(say(&format!(
        "{} vừa phát bản tin {}. Cảm ơn bà con đã lắng nghe.",
        site.config.radio.station, site.config.title
    )));
    section(Kind::Closing, "Kết thúc", vec![part(Urgency::Always, "phần kết", lines)])
}

/// One indicator in full sentences: where it stands, the deadline unless `shared` (said once
/// before it and the others that have it), on track or behind, and the units behind by name.
fn indicator_line(site: &Site, ind: &Indicator, p: &IndicatorProgress, shared: bool, year: i32) -> String {
    let terms = site.units.terms(ind);
    let mut s = ind.target.bulletin_figures(&ind.name, &terms, p);
    if p.standing == Standing::DaDat {
        // A count's figures end "đạt 100% chỉ tiêu", a milestone's "đã hoàn thành": said. A
        // share's or a ratio's say the share and the goal, and this says what follows.
        let said = match &ind.target {
            Target::Count(_) | Target::Milestone => true,
            Target::PercentOf { .. } => p.share_of_base.is_none(),
            Target::Ratio { .. } => false,
        };
        if !said {
            s.push_str(" Đã đạt chỉ tiêu.");
        }
        return s;
    }
    if !shared {
        s.push(' ');
        s.push_str(&match p.days_left {
            d if d > 0 => format!("Còn {} ngày đến hạn {}.", int(d as u64), dm(ind.deadline, year)),
            0 => "Hôm nay là hạn cuối.".to_string(),
            d => format!("Đã quá hạn {} ngày, hạn là {}.", int(d.unsigned_abs()), dm(ind.deadline, year)),
        });
    }
    match p.standing {
        Standing::DungTienDo => s.push_str(&format!(" {}.", Standing::DungTienDo.label())),
        // On the path today, yet the recent rate misses the deadline: said, with why.
        Standing::CoNguyCoTreHan => {
            s.push_str(&format!(" {}: {}.", Standing::CoNguyCoTreHan.label(), risk_reason(p, None)))
        }
        // Past the deadline the path no longer says what is due: all of it was.
        Standing::TreHan => s.push_str(&format!(" {}: chưa đạt chỉ tiêu.", Standing::TreHan.label())),
        Standing::ChamTienDo => s.push_str(&ind.target.bulletin_behind(p, &terms)),
        Standing::DaDat | Standing::ChuaCoSoLieu => {}
    }
    s.push_str(&units_behind(site, p));
    s
}

/// The units behind an indicator, as a person says them: ` Cả 3 ấp đều còn chậm.` when all are,
/// ` Tất cả các phường, xã đều còn chậm, trừ các phường Ba Đình và Bắc Sơn.` when the few that
/// are not are fewer to say, else those behind by name (the furthest of many, counted). After
/// "Đúng tiến độ." of the whole, with "Tuy vậy, …".
fn units_behind(site: &Site, p: &IndicatorProgress) -> String {
    let kind = site.units.kind.to_lowercase();
    let behind: Vec<&UnitProgress> = p.behind().collect();
    let names = |us: &[&UnitProgress]| us.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
    // "All but these" says the others are not behind: only of units that have figures.
    let others: Vec<&UnitProgress> = p.units.iter().filter(|u| !u.standing.is_behind()).collect();
    let few_others = others.len() <= NAMED_BEHIND && others.iter().all(|u| u.standing != Standing::ChuaCoSoLieu);
    let total = p.units.len();
    // Each sentence as it reads after "Tuy vậy,": a unit's name keeps its capital.
    let said = match behind.len() {
        0 => return String::new(),
        n if n == total && n > 1 => format!("cả {} {kind} đều còn chậm.", int(n as u64)),
        1 => format!("{} còn chậm.", behind[0].name),
        n if n > 2 && 2 * n > total && few_others => {
            format!("tất cả các {kind} đều còn chậm, trừ {}.", unit_names(&site.units.kind, &names(&others)))
        }
        n if n <= NAMED_BEHIND => {
            let named = names(&behind);
            match shared_kind(&site.units.kind, &named) {
                Some(_) => format!("{} còn chậm.", unit_names(&site.units.kind, &named)),
                None => format!("các {kind} còn chậm: {}.", and_list(&named)),
            }
        }
        n => format!(
            "có {} trên {} {kind} còn chậm, chậm nhất là {}.",
            int(n as u64),
            int(total as u64),
            unit_names(&site.units.kind, &names(&furthest_behind(&behind)))
        ),
    };
    match p.standing {
        Standing::DungTienDo => format!(" Tuy vậy, {said}"),
        _ => format!(" {}", upper_first(&said)),
    }
}

/// Units by name, as a list is said: the kind word once when every name starts with it (`các ấp
/// Tân Phú, Tân Mỹ và Tân Đông`, `các khu phố 1 và 4`), else each name whole.
fn unit_names(kind: &str, names: &[String]) -> String {
    match shared_kind(kind, names) {
        Some((kind, rests)) => format!("các {kind} {}", and_list(&rests)),
        None => and_list(names),
    }
}

/// The word of the site's `kind` of unit (`units.yaml`'s: "Ấp", or "Phường, xã" for two) that
/// each of two or more `names` starts with, and what follows it in each.
fn shared_kind(kind: &str, names: &[String]) -> Option<(String, Vec<String>)> {
    if names.len() < 2 {
        return None;
    }
    let kinds = kind.split([',', '/', ';']).flat_map(|k| k.split(" và ")).flat_map(|k| k.split(" hoặc "));
    kinds.map(|k| one_line(k).to_lowercase()).filter(|k| !k.is_empty()).find_map(|kind| {
        let rests: Option<Vec<String>> = names.iter().map(|n| after_word(n, &kind).map(str::to_string)).collect();
        Some((kind, rests?))
    })
}

/// What follows `word` (lowercase) at the start of `name`, whatever the case it is written in:
/// "Tân Phú" of "Ấp Tân Phú"; nothing when `name` is only the word or goes on within a word.
fn after_word<'a>(name: &'a str, word: &str) -> Option<&'a str> {
    let mut chars = name.chars();
    for w in word.chars() {
        if !chars.next()?.to_lowercase().eq(w.to_lowercase()) {
            return None;
        }
    }
    let rest = chars.as_str().strip_prefix(' ')?.trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// "các ấp …" → "Các ấp …" at the start of a sentence.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The units behind that the bulletin names: all of a few, in the site's order; of more, the
/// [`NAMED_BEHIND`] furthest from their own target, furthest first (a unit with no figure yet
/// is furthest of all; ties keep the site's order).
fn furthest_behind<'p>(behind: &[&'p UnitProgress]) -> Vec<&'p UnitProgress> {
    let mut named = behind.to_vec();
    if named.len() > NAMED_BEHIND {
        named.sort_by(|a, b| a.share_of_target.unwrap_or(0.0).total_cmp(&b.share_of_target.unwrap_or(0.0)));
        named.truncate(NAMED_BEHIND);
    }
    named
}

/// How many units behind an indicator the bulletin names. A ward's handful of hamlets are all
/// named, which is what moves them; beyond that the furthest behind are named and the rest
/// counted: a province's 300 units, all read out, made a bulletin of an hour, 17 minutes of it
/// names no listener could follow.
const NAMED_BEHIND: usize = 5;

fn progress_section(
    site: &Site,
    indicators: &[(&Indicator, IndicatorProgress)],
    date: NaiveDate,
    as_of: Option<NaiveDate>,
    illustrative: bool,
    say: &impl Fn(&str) -> String,
) -> Section {
    let title = "Tiến độ thực hiện kế hoạch";
    let Some(as_of) = as_of else {
        let line = say("Về tiến độ thực hiện kế hoạch: đến nay chưa có số liệu báo cáo.");
        return section(Kind::Progress, title, vec![part(Urgency::ProgressOnTrack, "phần tiến độ", vec![line])]);
    };
    let year = date.year();
    let mut head = format!("Về tiến độ thực hiện kế hoạch, tính đến {}", dm(as_of, year));
    if illustrative {
        head.push_str(", theo số liệu minh họa, chưa phải số liệu chính thức");
    }
    head.push(':');
    let mut parts = vec![intro(say(&head))];
    for block in deadline_blocks(indicators) {
        if let Some((deadline, days_left, all)) = block.lead {
            let mut lead = intro(say(&shared_deadline(dm(deadline, year), days_left, all)));
            lead.group = Some(block.group);
            parts.push(lead);
        }
        for &k in &block.members {
            let (ind, p) = &indicators[k];
            let urgency = if p.standing.is_urgent() { Urgency::ProgressBehind } else { Urgency::ProgressOnTrack };
            let label = format!("tiến độ “{}” ({})", ind.name, p.standing.label().to_lowercase());
            let shared = block.lead.is_some() && says_deadline(p);
            let mut part = part(urgency, label, vec![say(&indicator_line(site, ind, p, shared, year))]);
            part.group = block.lead.map(|_| block.group);
            parts.push(part);
        }
    }
    section(Kind::Progress, title, parts)
}

/// Whether the bulletin says an indicator's deadline: not once it is reached.
fn says_deadline(p: &IndicatorProgress) -> bool {
    p.standing != Standing::DaDat
}

/// Indicators read one after the other, with what is said once before them when they share a
/// deadline: the deadline, its days left, and whether every indicator of the plan has it.
struct Reading {
    group: usize,
    lead: Option<(NaiveDate, i64, bool)>,
    /// Indices into the plan's indicators, in the plan's order.
    members: Vec<usize>,
}

/// The order the indicators are read in, in blocks. The deadline two or more of them still say
/// is said once, before them, and they are read together from where the first of them stands in
/// the plan; one with a deadline of its own says it itself. When every indicator of the plan has
/// the same deadline it is said first, and they are all read in the plan's order.
fn deadline_blocks(indicators: &[(&Indicator, IndicatorProgress)]) -> Vec<Reading> {
    let sharing = |deadline: NaiveDate| {
        indicators.iter().filter(|(i, p)| i.deadline == deadline && says_deadline(p)).count() >= 2
    };
    let all_one = indicators
        .first()
        .map(|(i, _)| i.deadline)
        .filter(|&d| indicators.iter().all(|(i, _)| i.deadline == d) && sharing(d));
    if let Some(d) = all_one {
        let days_left = indicators.iter().find(|(_, p)| says_deadline(p)).map_or(0, |(_, p)| p.days_left);
        return vec![Reading { group: 0, lead: Some((d, days_left, true)), members: (0..indicators.len()).collect() }];
    }
    let mut blocks: Vec<Reading> = Vec::new();
    let mut said: Vec<NaiveDate> = Vec::new();
    for (k, (ind, p)) in indicators.iter().enumerate() {
        let group = blocks.len();
        if !says_deadline(p) || !sharing(ind.deadline) {
            blocks.push(Reading { group, lead: None, members: vec![k] });
        } else if !said.contains(&ind.deadline) {
            said.push(ind.deadline);
            let members = (k..indicators.len())
                .filter(|&j| indicators[j].0.deadline == ind.deadline && says_deadline(&indicators[j].1))
                .collect();
            blocks.push(Reading { group, lead: Some((ind.deadline, p.days_left, false)), members });
        }
    }
    blocks
}

/// What is said once before the indicators that share a `deadline` (as it is said): `Các chỉ tiêu
/// sau cùng hạn 30/6, còn 16 ngày.`; when it is every indicator's, `Các chỉ tiêu đều có hạn …`.
fn shared_deadline(deadline: String, days_left: i64, all: bool) -> String {
    let (which, have) = if all {
        ("các chỉ tiêu", "Các chỉ tiêu đều có hạn")
    } else {
        ("các chỉ tiêu sau", "Các chỉ tiêu sau cùng hạn")
    };
    match days_left {
        d if d > 0 => format!("{have} {deadline}, còn {} ngày.", int(d as u64)),
        0 => format!("Hôm nay là hạn cuối của {which}."),
        d => format!("{have} {deadline}, đã quá hạn {} ngày.", int(d.unsigned_abs())),
    }
}

/// "từ 7h30 đến 11h00", "lúc 7h30", or nothing for an all-day event.
fn hours(e: &Event) -> String {
    match (e.starts.and_then(|s| s.time), e.ends.and_then(|s| s.time)) {
        (Some(a), Some(b)) if a != b => format!("từ {} đến {}", format::time(a), format::time(b)),
        (Some(a), _) => format!("lúc {}", format::time(a)),
        _ => String::new(),
    }
}

fn repeat_words(r: &Repeat, year: i32) -> String {
    let days = if r.days.len() == 7 {
        "hằng ngày".to_string()
    } else if r.days == [0, 1, 2, 3, 4] {
        "từ thứ Hai đến thứ Sáu hằng tuần".to_string()
    } else {
        let names: Vec<String> = r.days.iter().map(|d| format::weekday_index(*d).replace("Thứ", "thứ")).collect();
        format!("{} hằng tuần", and_list(&names))
    };
    format!("{days}, đến hết {}", dm(r.until, year))
}

/// An event's title and where it is, each said once.
enum Place {
    /// The title says where: as written, or with the location in place of the words of the
    /// title that it says more fully.
    InTitle(String),
    /// The title, then the place ("…, tại Hội trường UBND Phường 3").
    After(String, String),
    /// The title; the place is the whole locality, said "trên toàn xã Tịnh Hiệp".
    Everywhere(String, String),
}

/// How event `title` at `location` says where it is. The title may name the place already
/// ("… trực tại Bộ phận Một cửa" at "Bộ phận Một cửa, Ủy ban nhân dân xã Mỹ Phú Đông"): then the
/// location is said once, in the title's words' place, or not again when the title says it all.
/// A location that is the locality itself ("Toàn xã Tịnh Hiệp") is said as the whole of it.
fn where_said(site: &Site, title: &str, location: &str) -> Place {
    let location = one_line(location).trim_end_matches(['.', ',', ';']).to_string();
    let locality = site.config.locality.split(',').next().map(one_line).unwrap_or_default();
    let bare = ["trên toàn ", "toàn ", "tại ", "trên "]
        .iter()
        .find_map(|lead| after_word(&location, lead.trim_end()))
        .unwrap_or(&location);
    let kind_of_locality = locality.split(' ').next().unwrap_or_default();
    if !locality.is_empty()
        && (bare.to_lowercase() == locality.to_lowercase() || bare.to_lowercase() == kind_of_locality.to_lowercase())
    {
        return Place::Everywhere(title.to_string(), locality);
    }
    if words_within(title, &location) {
        return Place::InTitle(title.to_string());
    }
    if let Some((before, named)) = title.rsplit_once(" tại ") {
        if !named.contains([':', ';', '(', ')', '—', '–']) && words_within(&location, named) {
            return Place::InTitle(format!("{before} tại {}", lower_list(&location)));
        }
    }
    Place::After(title.to_string(), lower_list(&location))
}

/// Whether the words of `part` are among those of `whole`, in order, whatever their case:
/// "các thôn" in "các điểm thôn", "Bộ phận Một cửa" in "Bộ phận Một cửa, UBND xã".
fn words_within(whole: &str, part: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (whole, part) = (words(whole), words(part));
    let mut rest = whole.iter();
    !part.is_empty() && part.iter().all(|w| rest.any(|x| x == w))
}

/// "Các điểm thôn" → "các điểm thôn" after "tại"; a name ("Bộ phận Một cửa") stays as written.
fn lower_list(place: &str) -> String {
    match after_word(place, "các") {
        Some(rest) => format!("các {rest}"),
        None => place.to_string(),
    }
}

/// Day of week, date (the year only when not the air day's, `year`), time, place, and who should
/// come.
fn event_line(site: &Site, e: &Event, next: NaiveDate, year: i32) -> String {
    let title = one_line(&e.title);
    let day = |d: NaiveDate| day_in(d, year);
    let hours = hours(e);
    let with_hours = |d: NaiveDate| if hours.is_empty() { day(d) } else { format!("{}, {hours}", day(d)) };
    let when = match (&e.repeat, e.starts, e.ends) {
        (Some(_), ..) => format!("buổi gần nhất vào {}", with_hours(next)),
        (None, Some(s), Some(end)) if end.date != s.date && s.date < next => {
            format!("đang diễn ra, đến hết {}", day(end.date))
        }
        (None, Some(s), Some(end)) if end.date != s.date => {
            format!("từ {} đến {}", day(s.date), day(end.date))
        }
        _ => format!("vào {}", with_hours(next)),
    };
    if e.status == Status::Cancelled {
        return format!("{title}, dự kiến {when}, đã hủy.");
    }
    let place = e.location.as_deref().map(|l| where_said(site, &title, l)).unwrap_or(Place::InTitle(title));
    let mut s = match &place {
        Place::InTitle(title) => format!("{title}, {when}."),
        Place::After(title, place) => format!("{title}, {when}, tại {place}."),
        Place::Everywhere(title, locality) => format!("{title}, {when}, trên toàn {locality}."),
    };
    if let Some(r) = &e.repeat {
        s.push_str(&format!(" Lịch này lặp lại {}.", repeat_words(r, year)));
    }
    let units: Vec<String> =
        e.units.iter().map(|u| site.units.get(u).map(|x| x.name.clone()).unwrap_or_else(|| u.clone())).collect();
    if !e.attendees.is_empty() {
        let who: Vec<String> = e.attendees.iter().map(|a| lower_first(&one_line(a))).collect();
        s.push_str(&format!(" Thành phần: {}.", who.join("; ")));
    }
    if matches!(place, Place::Everywhere(..)) && units.len() == site.units.units.len() {
        // "trên toàn xã" said it.
    } else if units.len() > 1 && units.len() == site.units.units.len() {
        s.push_str(&format!(" Dành cho bà con tất cả các {}.", site.units.kind.to_lowercase()));
    } else if !units.is_empty() {
        s.push_str(&format!(" Dành cho bà con {}.", unit_names(&site.units.kind, &units)));
    }
    if e.status == Status::Tentative {
        s.push_str(" Thời gian và địa điểm là dự kiến, có thể thay đổi.");
    }
    s
}

/// Events of this plan, or of none, from the day after the bulletin's, soonest first.
fn events_section(site: &Site, plan: &Plan, date: NaiveDate, say: &impl Fn(&str) -> String) -> Option<Section> {
    let after = date + Duration::days(1);
    let coming: Vec<(&Event, NaiveDate)> = schedule::order(&site.events, after)
        .into_iter()
        .filter(|(e, _)| e.plan.as_deref().is_none_or(|p| p == plan.slug))
        .filter_map(|(e, w)| match w {
            When::Upcoming(d) => Some((e, d)),
            _ => None,
        })
        .take(MAX_EVENTS)
        .collect();
    if coming.is_empty() {
        return None;
    }
    let mut parts = vec![intro(say("Sau đây là lịch các buổi sắp tới."))];
    for (i, (e, next)) in coming.iter().enumerate() {
        let urgency = match i {
            0 => Urgency::Always,
            1 => Urgency::SecondEvent,
            _ => Urgency::LaterEvent,
        };
        let label = format!("sự kiện “{}” ({})", one_line(&e.title), format::long_date(*next));
        parts.push(part(urgency, label, vec![say(&event_line(site, e, *next, date.year()))]));
    }
    Some(section(Kind::Events, "Lịch sắp tới", parts))
}

/// The guide for the indicator furthest behind its path, else the first guide in order.
fn pick_guide<'a>(site: &'a Site, indicators: &[(&Indicator, IndicatorProgress)]) -> Option<&'a Guide> {
    let mut behind: Vec<(&Indicator, f64)> = indicators
        .iter()
        .filter(|(_, p)| p.standing.is_behind())
        .map(|(i, p)| {
            // How far below the path, as a share of the target: comparable across indicators.
            let gap = match (p.expected, p.value) {
                (Some(e), Some(v)) if p.target > 0.0 => (e - v) / p.target,
                _ => 0.0,
            };
            (*i, gap)
        })
        .collect();
    behind.sort_by(|a, b| b.1.total_cmp(&a.1));
    let linked = |ind: &Indicator| {
        ind.guide
            .as_deref()
            .and_then(|g| site.guide(g))
            .or_else(|| site.guides.iter().find(|g| g.indicators.contains(&ind.id)))
    };
    behind.iter().find_map(|(i, _)| linked(i)).or_else(|| site.guides.first())
}

/// The first sentence of `text` and what follows it.
fn split_sentence(text: &str) -> (String, &str) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, (i, c)) in chars.iter().enumerate() {
        if matches!(c, '.' | '!' | '?') && chars.get(k + 1).is_some_and(|(_, n)| n.is_whitespace()) {
            let end = i + c.len_utf8();
            return (text[..end].to_string(), text[end..].trim_start());
        }
    }
    (sentence(text), "")
}

/// The first sentence of `text`.
fn first_sentence(text: &str) -> String {
    split_sentence(text).0
}

/// At most this many words of a step's text are read, in whole sentences, some fifteen seconds:
/// a step of a guide is a few short instructions, and a long paragraph read out is more than a
/// listener keeps.
const STEP_WORDS: usize = 50;

/// What is read of a step's first paragraph: its sentences up to [`STEP_WORDS`] words, always
/// the first whole however long, never a sentence cut.
fn step_words(text: &str) -> String {
    let (first, mut rest) = split_sentence(text);
    let mut words = first.split_whitespace().count();
    let mut said = first;
    while !rest.is_empty() {
        let (next, after) = split_sentence(rest);
        words += next.split_whitespace().count();
        if words > STEP_WORDS {
            break;
        }
        said.push(' ');
        said.push_str(&next);
        rest = after;
    }
    said
}

/// Steps as "Bước 1: heading. What to do.": the guide's own sentence for the radio when it gives
/// one (`radio_steps`), else the first paragraph of the step, as [`step_words`] shortens it.
fn guide_steps(g: &Guide) -> Vec<String> {
    let mut steps: Vec<(String, Option<String>)> = Vec::new();
    let mut in_step = false;
    for b in markdown::blocks(&g.body) {
        match b {
            Block::Heading(h) => {
                in_step = markdown::step_number(&h).is_some();
                if in_step {
                    steps.push((h, None));
                }
            }
            Block::Text(t) if in_step => {
                if let Some((_, text @ None)) = steps.last_mut() {
                    *text = Some(t);
                }
            }
            Block::Text(_) => {}
        }
    }
    // The load holds one sentence for each step, or none.
    let own = (g.radio_steps.len() == steps.len()).then_some(&g.radio_steps);
    steps
        .into_iter()
        .enumerate()
        .map(|(k, (h, t))| match (own.and_then(|o| o.get(k)), t) {
            (Some(said), _) => format!("{} {}", sentence(&h), sentence(said)),
            (None, Some(t)) => format!("{} {}", sentence(&h), step_words(&t)),
            (None, None) => sentence(&h),
        })
        .collect()
}

fn guide_section(g: &Guide, say: &impl Fn(&str) -> String) -> Section {
    // What the guide says to its reader, said to the listeners.
    let say = |written: &str| say(&to_listeners(written));
    let mut lines = vec![say(&format!("Hướng dẫn bà con: {}", sentence(&g.title))), say(&sentence(&g.summary))];
    if !g.needs.is_empty() {
        let needs: Vec<String> = g.needs.iter().map(|n| lower_first(&one_line(n))).collect();
        lines.push(say(&format!("Bà con cần mang theo: {}.", needs.join("; "))));
    }
    lines.extend(guide_steps(g).iter().map(|s| say(s)));
    if !g.help.is_empty() {
        let help: Vec<String> = g.help.iter().map(|h| one_line(h)).collect();
        lines.push(say(&format!("Cần giúp đỡ, bà con đến: {}.", help.join("; "))));
    }
    let label = format!("hướng dẫn “{}”", one_line(&g.title));
    section(Kind::Guide, format!("Hướng dẫn: {}", one_line(&g.title)), vec![part(Urgency::Guide, label, lines)])
}

/// A guide speaks to its reader as "bạn"; the bulletin to its listeners as "bà con". "bạn" and
/// "các bạn" as the pronoun become "bà con", in the case they are written in; a word that only
/// holds the letters stays, and so does "bạn" the friend ("bạn bè", "kết bạn", "người bạn") or
/// the young ("các bạn trẻ", "các bạn nhỏ").
fn to_listeners(text: &str) -> String {
    // Each word with where it starts and ends.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    let word = |k: usize| words.get(k).map(|&(a, b)| text[a..b].to_lowercase());
    let is = |k: usize, any: &[&str]| word(k).is_some_and(|w| any.contains(&w.as_str()));
    let mut out = String::with_capacity(text.len() + 8);
    let mut done = 0;
    for (k, &(a, b)) in words.iter().enumerate() {
        let friend = is(k + 1, &["bè", "đọc", "đời", "học", "thân", "hàng", "trai", "gái", "đồng", "trẻ", "nhỏ"])
            || (k > 0 && is(k - 1, &["kết", "người", "làm", "những", "một"]));
        if word(k).as_deref() != Some("bạn") || friend {
            continue;
        }
        // "các bạn" is "bà con" too, written from the start of "các".
        let (from, first) = match k.checked_sub(1) {
            Some(j) if is(j, &["các"]) && text[words[j].1..a].chars().all(|c| c == ' ') => (words[j].0, words[j]),
            _ => (a, (a, b)),
        };
        let lead = &text[first.0..first.1];
        let said = if lead.chars().all(char::is_uppercase) && lead.chars().count() > 1 {
            "BÀ CON"
        } else if lead.starts_with(char::is_uppercase) {
            "Bà con"
        } else {
            "bà con"
        };
        out.push_str(&text[done..from]);
        out.push_str(said);
        done = b;
    }
    out.push_str(&text[done..]);
    out
}

/// A notice's title and what it says: its summary, else the first two sentences of its text.
fn notice_words(n: &News) -> String {
    let what = match &n.summary {
        Some(s) => sentence(s),
        None => {
            let text = markdown::first_text(&n.body).unwrap_or_default();
            let (first, rest) = split_sentence(&text);
            if rest.is_empty() {
                first
            } else {
                format!("{first} {}", first_sentence(rest))
            }
        }
    };
    format!("{} {what}", sentence(&n.title)).trim().to_string()
}

/// Notices of this plan, or of none, from the fortnight up to the bulletin's day, newest first;
/// each is read, then "Xin nhắc lại" and read again.
fn notices_section(
    site: &Site,
    plan: &Plan,
    date: NaiveDate,
    say: &impl Fn(&str) -> String,
    said: &Spoken,
) -> Option<Section> {
    let since = date - Duration::days(NOTICE_DAYS);
    let recent: Vec<(usize, &News)> = site
        .news
        .iter()
        .enumerate()
        .filter(|(_, n)| n.date <= date && n.date >= since)
        .filter(|(_, n)| n.plan.as_deref().is_none_or(|p| p == plan.slug))
        .collect();
    if recent.is_empty() {
        return None;
    }
    let mut parts = vec![intro(say("Sau đây là các thông báo."))];
    for (i, (k, n)) in recent.iter().enumerate() {
        let urgency = if i == 0 { Urgency::NewestNotice } else { Urgency::OlderNotice };
        let label = format!("thông báo “{}” ({})", one_line(&n.title), dmy(n.date));
        let p = match said.notices.get(*k) {
            Some(once) => Part { urgency, label, ..once.get_or_init(|| said_notice(n, say, site)).clone() },
            None => part(urgency, label, notice_lines(n, say).to_vec()),
        };
        parts.push(p);
    }
    Some(section(Kind::Notices, "Thông báo", parts))
}

/// A notice read, then "Xin nhắc lại" and read again.
fn notice_lines(n: &News, say: &impl Fn(&str) -> String) -> [String; 2] {
    let words = notice_words(n);
    let first = say(&format!("Thông báo: {words}"));
    // The repeat is the same words behind another lead, so they are said once; both leads end
    // in ": ", after which the reading of the words starts afresh. Said in full only where a
    // site's lexicon changed the lead itself.
    let again = match first.strip_prefix(&format!("{} ", say("Thông báo:"))) {
        Some(what) => format!("{} {what}", say("Xin nhắc lại:")),
        None => say(&format!("Xin nhắc lại: {words}")),
    };
    [first, again]
}

/// Whether the site has a bulletin of `today`, the day it is built for, besides those of the
/// report dates of `plan` (the last on `last_report`): when a notice came after that report that
/// the day's bulletin reads. A notice of no plan counts only for a plan in force that day, so a
/// ward notice does not bring back the bulletins of a finished campaign.
pub fn of_build_day(site: &Site, plan: &Plan, last_report: Option<NaiveDate>, today: NaiveDate) -> bool {
    let in_force = plan.from <= today && today <= plan.to;
    let since = today - Duration::days(NOTICE_DAYS);
    site.news.iter().any(|n| {
        let ours = match &n.plan {
            Some(p) => *p == plan.slug,
            None => in_force,
        };
        ours && n.date <= today && n.date >= since && last_report.is_none_or(|d| n.date > d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every part timed from scratch, in reading order, the bulletin's opening without a pause.
    fn timed_afresh(b: &Bulletin) -> (f64, f64) {
        let all: Vec<&str> = b.sections.iter().flat_map(Section::lines).collect();
        let slow = b.slow.map_or(0.0, |(sp, _)| airtime::seconds(all.iter().copied(), &sp, true));
        (airtime::seconds(all, &b.pace, true), slow)
    }

    #[test]
    fn of_many_units_behind_the_furthest_are_named_furthest_first() {
        let unit = |id: &str, share: Option<f64>| UnitProgress {
            unit_id: id.into(),
            name: id.into(),
            value: share,
            ratio: None,
            target: Some(1.0),
            base: None,
            share_of_target: share,
            standing: Standing::ChamTienDo,
        };
        let few = [unit("a", Some(0.5)), unit("b", Some(0.1)), unit("c", Some(0.3))];
        let ids = |us: Vec<&UnitProgress>| us.iter().map(|u| u.unit_id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(furthest_behind(&few.iter().collect::<Vec<_>>())),
            ["a", "b", "c"],
            "a few keep the site's order"
        );

        let shares = [Some(0.6), Some(0.2), None, Some(0.9), Some(0.2), Some(0.05), Some(0.7), Some(0.4)];
        let many: Vec<UnitProgress> = shares.iter().enumerate().map(|(i, s)| unit(&format!("u{i}"), *s)).collect();
        let named = furthest_behind(&many.iter().collect::<Vec<_>>());
        assert_eq!(ids(named), ["u2", "u5", "u1", "u4", "u7"], "no figure first, then lowest share, ties in order");
    }

    #[test]
    fn air_time_kept_from_untouched_parts_is_the_time_of_the_whole() {
        let pauses = crate::content::model::RadioConfig::PAUSES;
        let (pace, slow) = (Pace { rate: 240.0, pauses }, Pace { rate: 200.0, pauses });
        let lines = |n: usize, what: &str| (0..n).map(|i| format!("{what} số {i}, bà con lưu ý.")).collect();
        let section = |kind, parts: Vec<Part>| Section { kind, title: String::new(), parts, seconds: 0.0 };
        let mut b = Bulletin {
            date: NaiveDate::from_ymd_opt(2024, 6, 3).unwrap(),
            plan: "kh".into(),
            plan_number: None,
            site_title: String::new(),
            station: String::new(),
            as_of: None,
            guide: Some("vneid".into()),
            sections: vec![
                section(Kind::Opening, vec![intro("Xin chào bà con.".into())]),
                section(Kind::Guide, vec![part(Urgency::Guide, "hướng dẫn", lines(3, "Bước"))]),
                section(
                    Kind::Notices,
                    vec![
                        part(Urgency::OlderNotice, "tin 1", lines(4, "Tin")),
                        part(Urgency::OlderNotice, "tin 2", lines(2, "Tin")),
                    ],
                ),
            ],
            pace,
            seconds: 0.0,
            slow: Some((slow, 0.0)),
        };
        let close = |(a, b): (f64, f64), (c, d): (f64, f64)| (a - c).abs() < 1e-9 && (b - d).abs() < 1e-9;
        recount(&mut b);
        let now = |b: &Bulletin| (b.seconds, b.slow.map_or(0.0, |s| s.1));
        assert!(close(now(&b), timed_afresh(&b)), "{:?} {:?}", now(&b), timed_afresh(&b));
        // A new guide section: only it is timed again.
        let spoken = section(Kind::Guide, vec![part(Urgency::Guide, "hướng dẫn", lines(6, "Bước mới"))]);
        replace_guide(&mut b, &spoken);
        assert!(close(now(&b), timed_afresh(&b)), "{:?} {:?}", now(&b), timed_afresh(&b));
        // The opening left out: the part now first loses its pause, and is timed again for it.
        b.sections.remove(0);
        recount(&mut b);
        assert!(close(now(&b), timed_afresh(&b)), "{:?} {:?}", now(&b), timed_afresh(&b));
        let before = b.seconds;
        let left_out = trim(&mut b, before - 1.0);
        assert_eq!(left_out, ["hướng dẫn"]);
        assert!(close(now(&b), timed_afresh(&b)));
    }

    #[test]
    fn what_is_said_once_for_a_group_goes_with_the_last_of_it() {
        let pauses = crate::content::model::RadioConfig::PAUSES;
        let in_group = |mut p: Part, g: usize| {
            p.group = Some(g);
            p
        };
        let line = |s: &str| vec![format!("{s}, bà con lưu ý.")];
        let parts = vec![
            intro("Về tiến độ:".into()),
            part(Urgency::ProgressBehind, "riêng", line("Chỉ tiêu có hạn riêng")),
            in_group(intro("Các chỉ tiêu sau cùng hạn 30/6.".into()), 1),
            in_group(part(Urgency::ProgressOnTrack, "a", line("Chỉ tiêu a")), 1),
            in_group(part(Urgency::ProgressBehind, "b", line("Chỉ tiêu b")), 1),
        ];
        let mut b = Bulletin {
            date: NaiveDate::from_ymd_opt(2024, 6, 3).unwrap(),
            plan: "kh".into(),
            plan_number: None,
            site_title: String::new(),
            station: String::new(),
            as_of: None,
            guide: None,
            sections: vec![
                Section {
                    kind: Kind::Opening,
                    title: String::new(),
                    parts: vec![intro("Xin chào.".into())],
                    seconds: 0.0,
                },
                Section { kind: Kind::Progress, title: String::new(), parts, seconds: 0.0 },
            ],
            pace: Pace { rate: 240.0, pauses },
            seconds: 0.0,
            slow: None,
        };
        recount(&mut b);
        let lines = |b: &Bulletin| b.sections.iter().flat_map(Section::lines).count();
        let shorter = |b: &mut Bulletin| {
            let max = b.seconds - 0.5;
            trim(b, max)
        };
        // The indicator on track goes first; the deadline stays with the other.
        assert_eq!(shorter(&mut b), ["a"]);
        assert_eq!(lines(&b), 5);
        // The last indicator read goes next among the urgent; the deadline goes with it.
        assert_eq!(shorter(&mut b), ["b"]);
        assert_eq!(b.sections[1].lines().collect::<Vec<_>>(), ["Về tiến độ:", "Chỉ tiêu có hạn riêng, bà con lưu ý."]);
        assert!((b.seconds - timed_afresh(&b).0).abs() < 1e-9);
        assert_eq!(shorter(&mut b), ["riêng"]);
        assert_eq!(b.sections.len(), 1, "the section's opening goes with the last of it");
    }

    #[test]
    fn units_are_named_with_their_kind_word_once() {
        let names = |ns: &[&str]| ns.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let said = |kind: &str, ns: &[&str]| unit_names(kind, &names(ns));
        assert_eq!(
            said("Tổ dân phố", &["Tổ dân phố Đồi Ngang", "Tổ dân phố Cổ Đam", "Tổ dân phố Bình Minh"]),
            "các tổ dân phố Đồi Ngang, Cổ Đam và Bình Minh"
        );
        assert_eq!(said("Ấp", &["Ấp Tân Phú", "Ấp Tân Mỹ"]), "các ấp Tân Phú và Tân Mỹ");
        assert_eq!(said("Khu phố", &["Khu phố 1", "KHU PHỐ 4"]), "các khu phố 1 và 4");
        assert_eq!(said("Phường, xã", &["Phường Ba Đình", "Phường Bắc Sơn"]), "các phường Ba Đình và Bắc Sơn");
        assert_eq!(said("Phường, xã", &["Xã Hà Lan", "Xã Quang Trung"]), "các xã Hà Lan và Quang Trung");
        // Names that do not all start with the word are said whole; one name is said as it is.
        assert_eq!(said("Phường, xã", &["Phường Lam Sơn", "Xã Hà Lan"]), "Phường Lam Sơn và Xã Hà Lan");
        assert_eq!(said("Thôn", &["Thôn An Kỳ", "Xóm Mới"]), "Thôn An Kỳ và Xóm Mới");
        assert_eq!(said("Ấp", &["Ấp Tân Phú"]), "Ấp Tân Phú");
        // The word must be a word of the name: not a name that is only it, nor one that goes on.
        assert_eq!(said("Ấp", &["Ấp", "Ấp Tân Mỹ"]), "Ấp và Ấp Tân Mỹ");
        assert_eq!(said("Khu", &["Khu phố 1", "Khuê Trung"]), "Khu phố 1 và Khuê Trung");
        assert_eq!(after_word("Ấpbắc", "ấp"), None);
    }

    #[test]
    fn words_of_a_place_within_another() {
        assert!(words_within("Bộ phận Một cửa, Ủy ban nhân dân xã", "Bộ phận Một cửa"));
        assert!(words_within("Các điểm thôn", "các thôn"));
        assert!(words_within("Trực tại Văn phòng các ấp", "Văn phòng các ấp"));
        assert!(!words_within("Văn phòng ấp Tân Mỹ", "Văn phòng các ấp"));
        // Whole words: "ấp" is not in "cấp".
        assert!(!words_within("Thu nhận hồ sơ cấp CCCD", "ấp"));
        assert!(!words_within("Hội trường", ""));
        assert_eq!(lower_list("Các điểm thôn"), "các điểm thôn");
        assert_eq!(lower_list("Bộ phận Một cửa"), "Bộ phận Một cửa");
    }

    #[test]
    fn a_guides_reader_is_said_as_the_listeners() {
        assert_eq!(to_listeners("Bạn cần làm nếu: thẻ của bạn bị mất."), "Bà con cần làm nếu: thẻ của bà con bị mất.");
        assert_eq!(to_listeners("Tổ công nghệ số ở thôn của bạn"), "Tổ công nghệ số ở thôn của bà con");
        assert_eq!(
            to_listeners("Các bạn mang theo thẻ; các bạn trẻ cũng vậy."),
            "Bà con mang theo thẻ; các bạn trẻ cũng vậy."
        );
        assert_eq!(to_listeners("(bạn) \"bạn\", bạn."), "(bà con) \"bà con\", bà con.");
        assert_eq!(to_listeners("BẠN CẦN"), "BÀ CON CẦN");
        // Friends stay friends; words that hold the letters stay as they are.
        assert_eq!(to_listeners("Kết bạn Zalo với bạn bè, người bạn"), "Kết bạn Zalo với bạn bè, người bạn");
        assert_eq!(to_listeners("Bạnh bạn2 xbạn"), "Bạnh bạn2 xbạn");
        assert_eq!(to_listeners("không có gì"), "không có gì");
    }

    #[test]
    fn sentences_and_lists() {
        assert_eq!(sentence("Bước 1: Tải VNeID"), "Bước 1: Tải VNeID.");
        assert_eq!(sentence("Xong rồi!"), "Xong rồi!");
        assert_eq!(first_sentence("Mở CH Play. Tìm VNeID."), "Mở CH Play.");
        assert_eq!(first_sentence("Nhập 1.057 hộ"), "Nhập 1.057 hộ.");
        // A step is read in whole sentences, up to fifty words, the first however long.
        assert_eq!(step_words("Mở VNeID. Bấm Kích hoạt tài khoản."), "Mở VNeID. Bấm Kích hoạt tài khoản.");
        let long = format!("Mở VNeID{}.", " rồi bấm".repeat(25));
        assert_eq!(step_words(&format!("{long} Bấm Gửi.")), long);
        let words = |n: usize| format!("Một{}.", " hai".repeat(n - 1));
        let forty = format!("{} {}", words(20), words(20));
        assert_eq!(step_words(&format!("{forty} {}", words(11))), forty);
        assert_eq!(step_words(&format!("{forty} {}", words(10))), format!("{forty} {}", words(10)));
        assert_eq!(step_words("Không có dấu chấm"), "Không có dấu chấm.");
        assert_eq!(and_list(&["a".into(), "b".into(), "c".into()]), "a, b và c");
        assert_eq!(lower_first("Thẻ CCCD gắn chip"), "thẻ CCCD gắn chip");
        assert_eq!(lower_first("VNeID"), "VNeID");
        assert_eq!(day(NaiveDate::from_ymd_opt(2023, 6, 14).unwrap()), "thứ Tư, 14/6/2023");
        assert_eq!(day(NaiveDate::from_ymd_opt(2023, 6, 18).unwrap()), "Chủ nhật, 18/6/2023");
        // After the opening, a date of the air day's year is said without it.
        assert_eq!(day_in(NaiveDate::from_ymd_opt(2023, 6, 18).unwrap(), 2023), "Chủ nhật, 18/6");
        assert_eq!(dm(NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(), 2023), "2/1/2024");
    }
}
