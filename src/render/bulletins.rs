//! `/phat-thanh/`: the loudspeaker bulletin of every report date of every plan, and of the day the
//! site is built for when news came after the last report ([`bulletin::of_build_day`]), as a
//! page and as the plain-text file the station reads from — the same text `bangtin radio --date`
//! prints.

use chrono::NaiveDate;
use serde::Serialize;

use super::views::Link;
use super::Renderer;
use crate::content::model::{Plan, Site};
use crate::format::{self, date, long_date};
use crate::paths;
use crate::radio::airtime;
use crate::radio::bulletin::{self, Bulletin, Kind};

#[derive(Serialize)]
pub struct SectionView {
    pub id: &'static str,
    pub kind: Kind,
    pub title: String,
    pub duration_text: String,
    /// Spoken text, one paragraph per item.
    pub lines: Vec<String>,
}

#[derive(Serialize)]
pub struct RadioView {
    pub path: String,
    /// The plain-text file's name, beside the page.
    pub txt: String,
    pub iso: String,
    pub date_text: String,
    pub station: String,
    pub plan: Link,
    pub plan_number: Option<String>,
    pub as_of_text: String,
    pub duration_text: String,
    pub rate_text: String,
    /// "5 phút 10 giây khi đọc 200 tiếng một phút", when the site gives a slow rate.
    pub slow_text: Option<String>,
    pub sections: Vec<SectionView>,
}

/// One line of the list at `/phat-thanh/`.
#[derive(Serialize)]
pub struct RadioCard {
    pub path: String,
    pub txt_path: String,
    pub iso: String,
    pub date_text: String,
    pub plan_title: String,
    pub plan_number: Option<String>,
    pub duration_text: String,
    /// "31/5/2024" when the figures are of a report before the bulletin's day: a bulletin of the
    /// build day, for news that came after the last report.
    pub as_of_text: Option<String>,
}

#[derive(Serialize)]
pub struct RadioList<'c> {
    pub bulletins: Vec<&'c RadioCard>,
    pub station: String,
}

fn section_id(kind: Kind) -> &'static str {
    match kind {
        Kind::Opening => "mo-dau",
        Kind::Progress => "tien-do",
        Kind::Events => "lich-sap-toi",
        Kind::Guide => "huong-dan",
        Kind::Notices => "thong-bao",
        Kind::Closing => "ket-thuc",
    }
}

fn view(b: &Bulletin, plan_title: &str) -> RadioView {
    RadioView {
        path: paths::bulletin(&b.plan, b.date),
        txt: paths::bulletin_text(&b.plan, b.date),
        iso: format::iso(b.date),
        date_text: long_date(b.date),
        station: b.station.clone(),
        plan: Link { title: plan_title.to_string(), path: paths::plan(&b.plan) },
        plan_number: b.plan_number.clone(),
        as_of_text: b.as_of.map(date).unwrap_or_default(),
        duration_text: airtime::duration(b.seconds),
        rate_text: format::decimal(b.pace.rate),
        slow_text: b
            .slow
            .map(|(p, secs)| format!("{} khi đọc {} tiếng một phút", airtime::duration(secs), format::decimal(p.rate))),
        sections: b
            .sections
            .iter()
            .map(|s| SectionView {
                id: section_id(s.kind),
                kind: s.kind,
                title: s.title.clone(),
                duration_text: airtime::duration(s.seconds),
                lines: s.lines().map(str::to_string).collect(),
            })
            .collect(),
    }
}

/// What the site's bulletins are, kept by a preview so that an edit re-renders only the
/// bulletins it touches: each bulletin with its plan's title and its line of the list, newest
/// first; and the notices and guides as they were said.
pub struct Kept {
    list: Vec<(RadioCard, Bulletin, String)>,
    spoken: bulletin::Spoken,
    /// The day the site is built for.
    today: NaiveDate,
}

/// Every bulletin's page and `.txt`, and the list of them, newest first; what they are when
/// `keep` is set. `today` is the day the site is built for.
pub(super) fn pages(r: &Renderer, site: &Site, today: NaiveDate, keep: bool) -> Option<Kept> {
    let spoken = bulletin::Spoken::new(site);
    let mut list = Vec::new();
    for plan in &site.plans {
        let made = compose(r, site, plan, None, today, &spoken);
        list.extend(made.into_iter().map(|(card, b)| (card, keep.then_some(b), plan.title.clone())));
    }
    sort(&mut list);
    list_page(r, site, list.iter().map(|(card, ..)| card));
    keep.then(|| Kept { list: list.into_iter().filter_map(|(c, b, t)| Some((c, b?, t))).collect(), spoken, today })
}

/// Newest first, as the list shows them.
fn sort<B>(list: &mut [(RadioCard, B, String)]) {
    list.sort_by(|a, b| b.0.iso.cmp(&a.0.iso).then(a.0.path.cmp(&b.0.path)));
}

/// The bulletins of `plan`, one per report date (a plan has one report a day) and one of
/// `today` when [`bulletin::of_build_day`] says so, or only those dated within `days` (first
/// and last): their pages and `.txt`, their lines of the list, and each bulletin. As the reports
/// up to each day give the progress: read once, in date order, while the bulletins are composed
/// on every core.
fn compose(
    r: &Renderer,
    site: &Site,
    plan: &Plan,
    days: Option<(NaiveDate, NaiveDate)>,
    today: NaiveDate,
    spoken: &bulletin::Spoken,
) -> Vec<(RadioCard, Bulletin)> {
    use rayon::prelude::*;
    let cfg = &site.config.radio;
    let sp = cfg.speaker(None);
    let mut tracker = crate::progress::Tracker::new(site, plan);
    let (from, until) = days.unwrap_or((NaiveDate::MIN, NaiveDate::MAX));
    let reports = site.reports.iter().filter(|x| x.plan == plan.slug).take_while(|x| x.date <= until);
    // No report is after `today` (the load refuses one), so once they are all read the
    // tracker stands where the build day's bulletin reads it.
    let build_day = from <= today && today <= until;
    let mut last = None;
    let snapshots = reports.map(Some).chain(build_day.then_some(None)).filter_map(|report| match report {
        Some(report) => {
            tracker.read(report);
            last = Some((report.date, report.illustrative));
            (report.date >= from).then(|| (report.date, last, tracker.indicators(report.date)))
        }
        None => bulletin::of_build_day(site, plan, last.map(|(d, _)| d), today)
            .then(|| (today, last, tracker.indicators(today))),
    });
    snapshots
        .par_bridge()
        .map(|(day, last, progress)| {
            let b = bulletin::compose_with(site, plan, day, &sp, last, progress, spoken);
            (one(r, site, &plan.title, &b), b)
        })
        .collect()
}

/// The bulletins of `plan` dated `from` or later composed again after its reports changed, a
/// new report's bulletin with them, and the list. A bulletin reads the reports up to its day,
/// so those before `from` are as they were.
///
/// `false` when a bulletin is gone: the build day's, once a report came after the news it was
/// for. Its page would have to go, which is a whole build's to do.
pub(super) fn refresh_reports(r: &Renderer, site: &Site, kept: &mut Kept, plan: &Plan, from: NaiveDate) -> bool {
    let whole = recompose(r, site, kept, plan, (from, NaiveDate::MAX));
    sort(&mut kept.list);
    list_page(r, site, kept.list.iter().map(|(card, ..)| card));
    whole
}

/// The bulletins of `plan` dated within `days` composed again, in place of those kept; whether
/// each of those is made again.
fn recompose(r: &Renderer, site: &Site, kept: &mut Kept, plan: &Plan, days: (NaiveDate, NaiveDate)) -> bool {
    let made = compose(r, site, plan, Some(days), kept.today, &kept.spoken);
    let within = |b: &Bulletin| b.plan == plan.slug && days.0 <= b.date && b.date <= days.1;
    let whole =
        kept.list.iter().filter(|(_, b, _)| within(b)).all(|(_, old, _)| made.iter().any(|(_, b)| b.date == old.date));
    kept.list.retain(|(_, b, _)| !within(b));
    kept.list.extend(made.into_iter().map(|(card, b)| (card, b, plan.title.clone())));
    whole
}

/// The bulletins that read news item `k` as a notice composed again after its body changed,
/// and the list when any did (their air time is on it). Most edits change nothing read: a
/// notice is its title and summary, or the first sentences of its body when it has none.
pub(super) fn refresh_news(r: &Renderer, site: &Site, kept: &mut Kept, k: usize) {
    let cfg = &site.config.radio;
    if !kept.spoken.say_again(site, k, &cfg.speaker(None)) {
        return;
    }
    let n = &site.news[k];
    for plan in site.plans.iter().filter(|p| n.plan.as_deref().is_none_or(|s| s == p.slug)) {
        // Which days have a bulletin follows the news items' dates, not their bodies.
        recompose(r, site, kept, plan, bulletin::notice_days(n));
    }
    sort(&mut kept.list);
    list_page(r, site, kept.list.iter().map(|(card, ..)| card));
}

/// The bulletins that read guide `g` rendered again after its body changed, and the list when
/// any did (their air time is on it).
pub(super) fn refresh_guide(r: &Renderer, site: &Site, kept: &mut Kept, g: &crate::content::model::Guide) {
    let cfg = &site.config.radio;
    kept.spoken.guide_changed(site, g);
    let reading = |b: &Bulletin| b.guide.as_deref() == Some(g.slug.as_str());
    if !kept.list.iter().any(|(_, b, _)| reading(b)) {
        return;
    }
    // Spoken once, however many bulletins read it; most edits change nothing that is read.
    let spoken = bulletin::spoken_guide(g, &cfg.speaker(None));
    let said = |b: &Bulletin| {
        b.sections
            .iter()
            .find(|s| s.kind == bulletin::Kind::Guide)
            .is_some_and(|s| s.title == spoken.title && s.lines().eq(spoken.lines()))
    };
    if kept.list.iter().filter(|(_, b, _)| reading(b)).all(|(_, b, _)| said(b)) {
        return;
    }
    use rayon::prelude::*;
    kept.list.par_iter_mut().filter(|(_, b, _)| reading(b)).for_each(|(card, b, title)| {
        bulletin::replace_guide(b, &spoken);
        *card = one(r, site, title, b);
    });
    list_page(r, site, kept.list.iter().map(|(card, ..)| card));
}

/// One bulletin's page and `.txt`; its line of the list.
fn one(r: &Renderer, site: &Site, plan_title: &str, b: &Bulletin) -> RadioCard {
    let d = b.date;
    let v = view(b, plan_title);
    r.file(format!("{}{}", v.path, v.txt), bulletin::text(b).into_bytes());
    let title = format!("Bản tin phát thanh ngày {}", date(d));
    let desc = format!(
        "Bản tin “Công dân số” của {} ngày {}, viết sẵn cách đọc để phát trên loa; khoảng {}.",
        b.station,
        date(d),
        v.duration_text
    );
    let meta = super::views::PageMeta::new(site, &v.path, &title, &desc);
    r.page("radio.html", &v.path, meta, &v);
    RadioCard {
        txt_path: format!("{}{}", v.path, v.txt),
        path: v.path,
        iso: v.iso,
        date_text: v.date_text,
        plan_title: plan_title.to_string(),
        plan_number: v.plan_number,
        duration_text: v.duration_text,
        as_of_text: b.as_of.filter(|&a| a != d).map(date),
    }
}

fn list_page<'c>(r: &Renderer, site: &Site, cards: impl Iterator<Item = &'c RadioCard>) {
    let meta = super::views::PageMeta::new(
        site,
        paths::RADIO,
        "Phát thanh",
        "Bản tin “Công dân số” để Đài truyền thanh đọc trên loa: tiến độ, lịch sắp tới, hướng dẫn và thông báo, viết sẵn cách đọc.",
    );
    let bulletins: Vec<&RadioCard> = cards.collect();
    r.page("radio_list.html", paths::RADIO, meta, &RadioList { bulletins, station: site.config.radio.station.clone() });
}
