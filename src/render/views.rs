//! What templates see: plain serialisable views with every number and date already in its
//! Vietnamese written form, so theme authors never format numbers themselves.

use chrono::NaiveDate;
use serde::Serialize;

use super::when::{repeat_text, status_note, time_range, when_text};
use crate::content::model::*;
use crate::format::{self, date, days_left, int, long_date, percent};
use crate::indicator::words::{behind_first, risk_sentence, risk_text, units_behind, Terms};
use crate::indicator::{IndicatorProgress, Kind, Standing};
use crate::markdown::{self, TocEntry};
use crate::paths;
use crate::progress::PlanProgress;
use crate::schedule::{self, When as Sched};

#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    /// `<title>`: page title then site title.
    pub head_title: String,
    pub description: String,
    /// Path under the site root (`ke-hoach/x/`), empty for home.
    pub path: String,
    /// Absolute canonical URL.
    pub url: String,
    /// Relative prefix back to the site root (`../../`), or the base path for 404.html, which
    /// a server shows at any depth.
    pub root: String,
    /// First path segment, to mark the current section in navigation.
    pub section: String,
    /// Which page of a list split over several this is, for its links to the others.
    pub pager: Option<Pager>,
}

/// One page of a list split over several pages, and the way to the others.
#[derive(Serialize, Debug, PartialEq)]
pub struct Pager {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first and last pages and those near this one, in order; a gap is a link without a
    /// number, shown as "…".
    pub links: Vec<PagerLink>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct PagerLink {
    pub number: Option<usize>,
    pub path: String,
    pub current: bool,
}

impl Pager {
    /// Page `current` of `total`, each at `path(k)`. A resident on a phone reaches any page in a
    /// few taps without a row of hundreds of numbers: the ends, and two either side of here.
    pub fn new(current: usize, total: usize, path: impl Fn(usize) -> String) -> Pager {
        let mut links = Vec::new();
        let mut last = 0;
        for k in 1..=total {
            if k == 1 || k == total || k.abs_diff(current) <= 2 {
                // "…" in place of a single page would hide it for no room saved.
                if k == last + 2 {
                    links.push(PagerLink { number: Some(k - 1), path: path(k - 1), current: false });
                } else if k > last + 2 {
                    links.push(PagerLink { number: None, path: String::new(), current: false });
                }
                links.push(PagerLink { number: Some(k), path: path(k), current: k == current });
                last = k;
            }
        }
        Pager {
            current,
            total,
            prev: (current > 1).then(|| path(current - 1)),
            next: (current < total).then(|| path(current + 1)),
            links,
        }
    }
}

fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// Plans, guides, events and news all live two folders down (`huong-dan/vneid/`).
const BODY_ROOT: &str = "../../";

impl PageMeta {
    pub fn new(site: &Site, path: &str, title: &str, description: &str) -> PageMeta {
        let root = if path == paths::NOT_FOUND {
            base_path(&site.config.base_url)
        } else {
            "../".repeat(path.matches('/').count())
        };
        let head_title = if path.is_empty() { title.to_string() } else { format!("{title} — {}", site.config.title) };
        PageMeta {
            title: title.to_string(),
            head_title,
            description: description.to_string(),
            path: path.to_string(),
            url: format!("{}{}", site.config.base_url, path),
            root,
            section: section(path).to_string(),
            pager: None,
        }
    }
}

#[derive(Serialize)]
pub struct NavItem {
    pub label: &'static str,
    pub path: String,
    pub section: String,
}

impl NavItem {
    fn new(label: &'static str, path: String) -> NavItem {
        NavItem { label, section: section(&path).to_string(), path }
    }
}

/// The first folder of `path`, which marks the current section in navigation.
fn section(path: &str) -> &str {
    path.split('/').next().unwrap_or("")
}

#[derive(Serialize)]
pub struct ContactView {
    pub address: Option<String>,
    pub phone: Option<String>,
    /// `tel:` link target: digits and a leading `+` only.
    pub phone_href: Option<String>,
    pub zalo: Option<String>,
    pub email: Option<String>,
}

#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub locality: String,
    pub authority: String,
    pub base_url: String,
    pub unit_kind: String,
    pub contact: ContactView,
    pub has_contact: bool,
    pub nav: Vec<NavItem>,
}

impl SiteView {
    pub fn new(site: &Site) -> SiteView {
        let c = &site.config.contact;
        let current = site.config.current_plan.clone().or_else(|| site.plans.first().map(|p| p.slug.clone()));
        let mut nav = vec![NavItem::new("Trang chủ", paths::HOME.into())];
        if let Some(p) = current {
            nav.push(NavItem::new("Kế hoạch", paths::plan(&p)));
            nav.push(NavItem::new("Tiến độ", paths::progress(&p)));
        }
        nav.push(NavItem::new("Hướng dẫn", paths::GUIDES.into()));
        nav.push(NavItem::new("Lịch", paths::EVENTS.into()));
        nav.push(NavItem::new("Tin tức", paths::NEWS.into()));
        nav.push(NavItem::new("Tìm kiếm", paths::SEARCH.into()));
        SiteView {
            title: site.config.title.clone(),
            locality: site.config.locality.clone(),
            authority: site.config.authority.clone(),
            base_url: site.config.base_url.clone(),
            unit_kind: site.units.kind.clone(),
            contact: ContactView {
                address: c.address.clone(),
                phone: c.phone.clone(),
                phone_href: c
                    .phone
                    .as_ref()
                    .map(|p| p.chars().filter(|ch| ch.is_ascii_digit() || *ch == '+').collect()),
                zalo: c.zalo.clone(),
                email: c.email.clone(),
            },
            has_contact: c.address.is_some() || c.phone.is_some() || c.zalo.is_some() || c.email.is_some(),
            nav,
        }
    }
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub path: String,
}

#[derive(Serialize)]
pub struct UnitRow {
    pub name: String,
    pub value_text: String,
    pub target_text: String,
    pub share_text: String,
    /// Bar width, 0–100, with a dot decimal for CSS.
    pub bar: String,
    pub status_id: Standing,
    /// "—" for a unit without a target of its own.
    pub status_label: &'static str,
}

#[derive(Serialize)]
pub struct HistoryRow {
    pub date_text: String,
    pub value_text: String,
    pub expected_text: String,
    /// The report behind this row is labelled as illustrative figures.
    pub illustrative: bool,
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub target_text: String,
    pub value_text: String,
    pub share_text: String,
    /// Under the headline of a share of a base, the counts behind it: `1.282/1.723 người,
    /// 74,4% chỉ tiêu`; empty for other kinds.
    pub detail_text: String,
    pub base_share_text: String,
    pub bar: String,
    pub status_id: Standing,
    pub status_label: &'static str,
    pub expected_text: String,
    pub deadline_text: String,
    pub days_left_text: String,
    pub lead: Option<String>,
    pub guide: Option<Link>,
    pub as_of_text: String,
    pub behind: Vec<String>,
    /// The units behind in a sentence that agrees with the status: `Toàn phường đúng tiến độ;
    /// 2 khu phố chậm: Khu phố 4, Khu phố 7`; empty when none is.
    pub behind_text: String,
    /// Why the status is what it is, when the badge alone would not say: for "có nguy cơ trễ
    /// hạn", `Theo tốc độ 4 tuần gần nhất, dự kiến đến 30/10/2024 mới đạt, sau hạn 30/9/2024`.
    pub status_reason: String,
    /// The units behind, furthest behind their own target first, with their shares, for the
    /// dashboard's contents: `2 khu phố chậm, chậm nhất trước: Khu phố 4 (41,2%), Khu phố 7
    /// (55%)`; empty when none is.
    pub behind_first_text: String,
    /// Of an indicator behind its path whose recent rate misses the deadline, the projection in
    /// words (the over-time chart draws it): `Theo tốc độ 4 tuần gần nhất, dự kiến đến
    /// 30/10/2024 mới đạt, sau hạn 30/9/2024`; empty otherwise (an indicator at risk says it in
    /// `status_reason`).
    pub risk_text: String,
    pub units: Vec<UnitRow>,
    pub history: Vec<HistoryRow>,
    pub charts: Charts,
}

/// The indicator's three charts as inline SVG, and where their standalone copies are written.
#[derive(Serialize, Default)]
pub struct Charts {
    pub overall: String,
    pub per_unit: String,
    pub over_time: String,
    /// File name prefix beside the progress page: `<id>-tong.svg`, `<id>-don-vi.svg`, `<id>-thoi-gian.svg`.
    pub file_stem: String,
}

fn charts(plan: &Plan, ind: &Indicator, p: &IndicatorProgress, terms: &Terms, today: NaiveDate) -> Charts {
    use crate::chart::{self, ChartInput, Coverage, UnitBar};
    let goal = ind.target.goal().unwrap_or_default();
    let coverage = match (ind.target.kind(), p.base) {
        (Kind::Percent, Some(base)) => Some(Coverage { base, label: terms.base.as_deref(), goal: &goal }),
        _ => None,
    };
    let input = ChartInput {
        name: &ind.name,
        noun: &terms.counted,
        kind: ind.target.kind(),
        target: p.target,
        value: p.value,
        ratio: p.ratio,
        coverage,
        units: p
            .units
            .iter()
            .map(|u| UnitBar { name: &u.name, value: u.value, target: u.target, ratio: u.ratio, base: u.base })
            .collect(),
        history: p.history.iter().map(|pt| (pt.date, pt.value)).collect(),
        from: plan.from,
        deadline: ind.deadline,
        as_of: p.as_of,
        today,
        done_on: p.done_on,
        done_late: p.done_late,
        standing: p.standing,
    };
    let id = format!("bd-{}", ind.id);
    Charts {
        overall: chart::overall(&format!("{id}-tong"), &input),
        per_unit: if p.units.is_empty() { String::new() } else { chart::per_unit(&format!("{id}-don-vi"), &input) },
        over_time: if p.history.is_empty() {
            String::new()
        } else {
            chart::over_time(&format!("{id}-thoi-gian"), &input)
        },
        file_stem: ind.id.clone(),
    }
}

/// The whole locality in a phrase, "Toàn phường …": the kind of the locality's first part
/// ("Phường 3, thành phố Vũng Tàu" → "phường"), else "địa bàn".
fn whole(site: &Site) -> String {
    let first = site.config.locality.split(',').next().unwrap_or("").trim().to_lowercase();
    ["thị trấn", "phường", "xã"].into_iter().find(|k| first.starts_with(k)).unwrap_or("địa bàn").to_string()
}

fn bar(share: Option<f64>) -> String {
    format!("{:.1}", share.unwrap_or(0.0).clamp(0.0, 100.0))
}

impl IndicatorView {
    pub fn new(site: &Site, plan: &Plan, ind: &Indicator, p: &IndicatorProgress, today: NaiveDate) -> IndicatorView {
        let t = &ind.target;
        let terms = site.units.terms(ind);
        let behind: Vec<String> = p.behind().map(|u| u.name.clone()).collect();
        let guide = ind
            .guide
            .as_ref()
            .and_then(|g| site.guide(g))
            .map(|g| Link { title: g.title.clone(), path: paths::guide(&g.slug) });
        let units = p
            .units
            .iter()
            .map(|u| UnitRow {
                name: u.name.clone(),
                value_text: t.unit_value_text(u),
                target_text: t.unit_target_text(u),
                share_text: u.share_of_target.map(percent).unwrap_or_else(|| "—".into()),
                bar: bar(u.share_of_target),
                status_id: u.standing,
                // Without a target of its own a unit is measured against nothing: no status.
                status_label: if u.target.is_some() { u.standing.label() } else { "—" },
            })
            .collect();
        let illustrative_dates: std::collections::BTreeSet<NaiveDate> =
            site.reports.iter().filter(|r| r.plan == plan.slug && r.illustrative).map(|r| r.date).collect();
        let history = p
            .history
            .iter()
            .map(|pt| {
                let expected = crate::progress::path_value(plan.from, ind.deadline, p.target, pt.date);
                let (value_text, expected_text) = t.history_texts(pt.value, expected, p.base);
                let illustrative = illustrative_dates.contains(&pt.date);
                HistoryRow { date_text: date(pt.date), value_text, expected_text, illustrative }
            })
            .collect();
        IndicatorView {
            id: ind.id.clone(),
            name: ind.name.clone(),
            kind: t.kind().id(),
            target_text: t.target_text(p.target, &terms),
            value_text: t.value_text(p, &terms),
            share_text: t.share_text(p),
            detail_text: t.detail_text(p, &terms),
            base_share_text: t.base_share_text(p, &terms),
            bar: bar(t.bar_share(p)),
            status_id: p.standing,
            status_label: p.standing.label(),
            expected_text: t.expected_text(p, ind.deadline, &terms),
            deadline_text: date(ind.deadline),
            // A reached target is not "overdue", however long ago its deadline was.
            days_left_text: if p.standing == Standing::DaDat { String::new() } else { days_left(p.days_left) },
            lead: ind.lead.clone(),
            guide,
            as_of_text: p.as_of.map(date).unwrap_or_default(),
            behind: behind.clone(),
            behind_text: units_behind(p.standing, &whole(site), &site.units.kind, &behind),
            status_reason: match p.standing {
                Standing::CoNguyCoTreHan => risk_sentence(p, ind.deadline),
                Standing::DaDat
                | Standing::TreHan
                | Standing::ChamTienDo
                | Standing::DungTienDo
                | Standing::ChuaCoSoLieu => String::new(),
            },
            behind_first_text: behind_first(&site.units.kind, &p.behind().collect::<Vec<_>>()),
            risk_text: risk_text(p, ind.deadline),
            units,
            history,
            charts: charts(plan, ind, p, &terms, today),
        }
    }
}

#[derive(Serialize)]
pub struct TaskView {
    pub lead: String,
    pub with_text: String,
    pub what: String,
    pub units_text: String,
}

#[derive(Serialize)]
pub struct SignerView {
    pub name: String,
    pub title: Option<String>,
    pub on_behalf: Option<String>,
}

#[derive(Serialize)]
pub struct PlanView {
    pub slug: String,
    pub path: String,
    pub progress_path: String,
    pub title: String,
    pub summary: Option<String>,
    pub number_text: String,
    pub issued_text: String,
    pub issuer: String,
    pub signer: Option<SignerView>,
    pub period_text: String,
    pub days_left_text: String,
    pub basis: Vec<String>,
    pub indicators: Vec<IndicatorView>,
    pub tasks: Vec<TaskView>,
    pub body_html: String,
    /// The body's links, for the link check once every file is made; not for templates.
    #[serde(skip)]
    pub body_links: Vec<markdown::LinkRef>,
    pub toc: Vec<TocEntry>,
    pub illustrative: bool,
    pub as_of_text: String,
    pub source: Option<String>,
    pub report_count: usize,
    pub events: Vec<EventCard>,
}

impl PlanView {
    pub fn new(site: &Site, plan: &Plan, pp: &PlanProgress, today: NaiveDate) -> PlanView {
        let body = markdown::render(&plan.body, BODY_ROOT, site.config.raw_html());
        // Three charts an indicator, one of a bar per unit: a province's plan is the longest
        // view of its site, and a preview renders it again for every report saved.
        use rayon::prelude::*;
        let indicators = plan
            .indicators
            .par_iter()
            .zip(&pp.indicators)
            .map(|(i, p)| IndicatorView::new(site, plan, i, p, today))
            .collect();
        let unit_name = |id: &String| site.units.get(id).map(|u| u.name.clone()).unwrap_or_else(|| id.clone());
        let events = schedule::order(&site.events, today)
            .into_iter()
            .filter(|(e, _)| e.plan.as_deref() == Some(plan.slug.as_str()))
            .map(|(e, w)| EventCard::new(site, e, w))
            .collect();
        PlanView {
            slug: plan.slug.clone(),
            path: paths::plan(&plan.slug),
            progress_path: paths::progress(&plan.slug),
            title: plan.title.clone(),
            summary: plan.summary.clone(),
            number_text: match &plan.number {
                Some(n) => format!("Số: {n}"),
                // A plan not numbered yet says nothing of it: "no number" tells a resident
                // nothing they can act on.
                None => String::new(),
            },
            issued_text: match &plan.issued {
                Some(Issued::Date(d)) => format!("ngày {}", date(*d)),
                Some(Issued::Text(t)) => t.clone(),
                None => String::new(),
            },
            issuer: plan.issuer.clone(),
            signer: plan.signed_by.as_ref().map(|s| SignerView {
                name: s.name.clone(),
                title: s.title.clone(),
                on_behalf: s.on_behalf.clone(),
            }),
            period_text: format!("{} – {}", date(plan.from), date(plan.to)),
            days_left_text: days_left((plan.to - today).num_days()),
            basis: plan.basis.clone(),
            indicators,
            tasks: plan
                .tasks
                .iter()
                .map(|t| TaskView {
                    lead: t.lead.clone(),
                    with_text: t.with.join(", "),
                    what: t.what.clone(),
                    units_text: t.units.iter().map(unit_name).collect::<Vec<_>>().join(", "),
                })
                .collect(),
            body_html: body.html,
            body_links: body.links,
            toc: body.toc.into_iter().filter(|t| t.level <= 3).collect(),
            illustrative: pp.illustrative,
            as_of_text: pp.latest.map(date).unwrap_or_default(),
            source: pp.source.clone(),
            report_count: pp.report_count,
            events,
        }
    }
}

#[derive(Serialize, Clone)]
pub struct EventCard {
    pub title: String,
    pub path: String,
    pub kind_label: &'static str,
    pub status_id: &'static str,
    pub status_label: &'static str,
    pub when_text: String,
    pub iso: String,
    pub location: Option<String>,
    pub state: &'static str,
}

fn state(w: Sched) -> &'static str {
    match w {
        Sched::Upcoming(_) => "upcoming",
        Sched::Undated => "undated",
        Sched::Past(_) => "past",
    }
}

impl EventCard {
    pub fn new(_site: &Site, e: &Event, w: Sched) -> EventCard {
        EventCard {
            title: e.title.clone(),
            path: paths::event(&e.slug),
            kind_label: e.kind.label(),
            status_id: e.status.id(),
            status_label: e.status.label(),
            when_text: when_text(e, w),
            iso: match w {
                Sched::Upcoming(d) => format::iso(d),
                _ => e.starts.map(|s| format::iso(s.date)).unwrap_or_default(),
            },
            location: e.location.clone(),
            state: state(w),
        }
    }
}

/// A help desk residents can walk into: a repeating event of the kind "trực hỗ trợ", at a
/// place, not cancelled, with a session still to come. What a guide's "Cần giúp đỡ?" and the
/// home page name, so a resident knows the days, the hours and where, not only "giờ hành chính".
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct HelpDesk {
    pub title: String,
    /// The kind's word: `Trực hỗ trợ`.
    pub kind_label: &'static str,
    /// The event's page: `lich/truc-ho-tro-mot-cua/`.
    pub path: String,
    /// `Từ Thứ Hai đến Thứ Sáu hằng tuần, đến hết Thứ Hai, 30/9/2024`.
    pub days_text: String,
    /// `7h30 – 11h00`.
    pub time_text: String,
    pub location: String,
    /// The next session's day: `Thứ Hai, 3/6/2024`.
    pub next_text: String,
    /// The next session's day: `2024-06-03`.
    pub next_iso: String,
}

/// The help desks open as of `today`, the soonest next session first.
pub fn help_desks(site: &Site, today: NaiveDate) -> Vec<HelpDesk> {
    schedule::order(&site.events, today)
        .into_iter()
        .filter(|(e, _)| e.kind == EventKind::TrucHoTro && e.status != Status::Cancelled)
        .filter_map(|(e, w)| match (w, &e.repeat, &e.location) {
            (Sched::Upcoming(next), Some(r), Some(place)) => Some(HelpDesk {
                title: e.title.clone(),
                kind_label: e.kind.label(),
                path: paths::event(&e.slug),
                days_text: repeat_text(r),
                time_text: time_range(e),
                location: place.clone(),
                next_text: long_date(next),
                next_iso: format::iso(next),
            }),
            _ => None,
        })
        .collect()
}

#[derive(Serialize)]
pub struct EventView {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub kind_label: &'static str,
    pub status_id: &'static str,
    pub status_label: &'static str,
    pub status_note: String,
    pub when_text: String,
    pub date_text: String,
    pub time_text: String,
    pub repeat_text: String,
    pub iso: String,
    pub location: Option<String>,
    pub attendees: Vec<String>,
    pub units: Vec<String>,
    pub plan: Option<Link>,
    pub body_html: String,
    /// The body's links, for the link check once every file is made; not for templates.
    #[serde(skip)]
    pub body_links: Vec<markdown::LinkRef>,
    pub state: &'static str,
    /// The units concerned, each linking to its own calendar page.
    pub unit_links: Vec<Link>,
    /// The next session of a repeating event still to come, in words; empty otherwise.
    pub next_text: String,
    /// The next session's date for `<time datetime>`: `2024-06-03`; empty without `next_text`.
    pub next_iso: String,
    /// File name of the event's own `.ics`, beside its page; `None` for an event without a date,
    /// which no calendar app can hold.
    pub ics: Option<String>,
}

fn unit_links(site: &Site, e: &Event) -> Vec<Link> {
    e.units
        .iter()
        .filter_map(|u| site.units.get(u))
        .map(|u| Link { title: u.name.clone(), path: paths::unit_events(&u.id) })
        .collect()
}

impl EventView {
    pub fn new(site: &Site, e: &Event, w: Sched) -> EventView {
        let body = markdown::render(&e.body, BODY_ROOT, site.config.raw_html());
        let status_note = status_note(e.status).to_string();
        let date_text = match e.starts {
            None => e.when_text.clone().unwrap_or_else(|| "Sẽ thông báo sau".into()),
            Some(s) => match e.ends.map(|x| x.date).filter(|d| *d != s.date && e.repeat.is_none()) {
                Some(end) => format!("{} đến {}", long_date(s.date), long_date(end)),
                None => long_date(s.date),
            },
        };
        EventView {
            slug: e.slug.clone(),
            path: paths::event(&e.slug),
            title: e.title.clone(),
            kind_label: e.kind.label(),
            status_id: e.status.id(),
            status_label: e.status.label(),
            status_note,
            when_text: when_text(e, w),
            date_text,
            time_text: if e.starts.is_some() { time_range(e) } else { String::new() },
            repeat_text: e.repeat.as_ref().map(repeat_text).unwrap_or_default(),
            iso: e.starts.map(|s| format::iso(s.date)).unwrap_or_default(),
            location: e.location.clone(),
            attendees: e.attendees.clone(),
            units: e
                .units
                .iter()
                .map(|u| site.units.get(u).map(|x| x.name.clone()).unwrap_or_else(|| u.clone()))
                .collect(),
            plan: e
                .plan
                .as_ref()
                .and_then(|p| site.plan(p))
                .map(|p| Link { title: p.title.clone(), path: paths::plan(&p.slug) }),
            body_html: body.html,
            body_links: body.links,
            state: state(w),
            unit_links: unit_links(site, e),
            next_text: match (&e.repeat, w) {
                (Some(_), Sched::Upcoming(d)) => format!("{}, {}", long_date(d), time_range(e)),
                _ => String::new(),
            },
            next_iso: match (&e.repeat, w) {
                (Some(_), Sched::Upcoming(d)) => format::iso(d),
                _ => String::new(),
            },
            ics: e.starts.map(|_| paths::event_calendar(&e.slug)),
        }
    }
}

#[derive(Serialize)]
pub struct MonthGroup {
    pub label: String,
    pub events: Vec<EventCard>,
}

#[derive(Serialize)]
pub struct EventSection {
    pub title: &'static str,
    pub id: &'static str,
    pub months: Vec<MonthGroup>,
}

/// Upcoming, undated and past events, each part grouped by month.
fn sections<'a>(site: &Site, events: impl IntoIterator<Item = &'a Event>, today: NaiveDate) -> Vec<EventSection> {
    let mut sections: Vec<EventSection> = vec![
        EventSection { title: "Sắp diễn ra", id: "sap-dien-ra", months: Vec::new() },
        EventSection { title: "Chưa có ngày — sẽ thông báo sau", id: "chua-co-ngay", months: Vec::new() },
        EventSection { title: "Đã diễn ra", id: "da-dien-ra", months: Vec::new() },
    ];
    for (e, w) in schedule::order(events, today) {
        let (idx, label) = match w {
            Sched::Upcoming(d) => (0, format::month(d)),
            Sched::Undated => (1, String::new()),
            Sched::Past(d) => (2, format::month(d)),
        };
        let months = &mut sections[idx].months;
        if months.last().map(|m| m.label != label).unwrap_or(true) {
            months.push(MonthGroup { label, events: Vec::new() });
        }
        if let Some(m) = months.last_mut() {
            m.events.push(EventCard::new(site, e, w));
        }
    }
    sections.retain(|s| !s.months.is_empty());
    sections
}

#[derive(Serialize)]
pub struct EventsView {
    pub sections: Vec<EventSection>,
    pub today_text: String,
    /// Each unit's own calendar page.
    pub units: Vec<Link>,
    /// The calendar file of every dated event, from the site root.
    pub ics_path: &'static str,
}

impl EventsView {
    pub fn new(site: &Site, today: NaiveDate) -> EventsView {
        EventsView {
            sections: sections(site, &site.events, today),
            today_text: long_date(today),
            units: site
                .units
                .units
                .iter()
                .map(|u| Link { title: u.name.clone(), path: paths::unit_events(&u.id) })
                .collect(),
            ics_path: paths::CALENDAR,
        }
    }
}

/// `/lich/<unit>/`: what concerns one hamlet, for its residents and its head.
#[derive(Serialize)]
pub struct UnitEventsView {
    pub id: String,
    pub name: String,
    pub path: String,
    pub sections: Vec<EventSection>,
    pub today_text: String,
    /// The unit's calendar file, beside its page.
    pub ics: &'static str,
}

impl UnitEventsView {
    pub fn new(site: &Site, unit: &Unit, today: NaiveDate) -> UnitEventsView {
        UnitEventsView {
            id: unit.id.clone(),
            name: unit.name.clone(),
            path: paths::unit_events(&unit.id),
            sections: sections(site, site.events.iter().filter(|e| schedule::concerns(e, &unit.id)), today),
            today_text: long_date(today),
            ics: paths::UNIT_CALENDAR,
        }
    }
}

/// A guide as the lists show it (`guides.html`, `search.html`): what tells a resident which
/// guide is theirs, not what is inside it. A province lists thousands; each entry's steps and
/// sections would make the lists heavy to build and to download, and would make editing a step
/// heading in preview render the lists again for nothing they show.
#[derive(PartialEq, Serialize)]
pub struct GuideEntry {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub summary: String,
    pub audience: Option<String>,
    pub duration: Option<String>,
    pub indicators: Vec<String>,
    pub steps: usize,
}

impl From<GuideItem> for GuideEntry {
    fn from(g: GuideItem) -> GuideEntry {
        GuideEntry {
            slug: g.slug,
            path: g.path,
            title: g.title,
            summary: g.summary,
            audience: g.audience,
            duration: g.duration,
            indicators: g.indicators,
            steps: g.steps,
        }
    }
}

/// Everything of a guide's page but the body: for the page and its poster.
#[derive(PartialEq, Serialize)]
pub struct GuideItem {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub summary: String,
    pub audience: Option<String>,
    pub needs: Vec<String>,
    pub duration: Option<String>,
    pub help: Vec<String>,
    pub indicators: Vec<String>,
    pub steps: usize,
    /// The `Bước N` headings.
    pub toc: Vec<TocEntry>,
    /// Other sections after the steps: common problems.
    pub problems: Vec<TocEntry>,
}

/// The help desks a guide's "Cần giúp đỡ?" names: the [`GUIDE_DESKS`] soonest, and the
/// schedule when there are more. Worked out once for every guide of a build: a province's site
/// has hundreds of desks, and every guide page named all of them (33 KB a page, 4,000 guides
/// by 3,600 events at 10k).
#[derive(Clone, Debug, Default)]
pub struct GuideDesks {
    pub nearest: Vec<HelpDesk>,
    /// The schedule's page, when it lists desks the guide does not name.
    pub more: Option<String>,
}

/// How many help desks a guide names.
pub const GUIDE_DESKS: usize = 3;

impl GuideDesks {
    pub fn new(site: &Site, today: NaiveDate) -> GuideDesks {
        let mut nearest = help_desks(site, today);
        let more = (nearest.len() > GUIDE_DESKS).then(|| paths::EVENTS.to_string());
        nearest.truncate(GUIDE_DESKS);
        GuideDesks { nearest, more }
    }
}

/// A guide's page.
#[derive(Serialize)]
pub struct GuideView {
    #[serde(flatten)]
    pub item: GuideItem,
    /// The help desks open as of the build day, the [`GUIDE_DESKS`] soonest, for "Cần giúp đỡ?".
    pub help_desks: Vec<HelpDesk>,
    /// The schedule's page (`lich/`) when it has more help desks than `help_desks`.
    pub help_desks_more: Option<String>,
    pub body_html: String,
    /// The body's links, for the link check once every file is made; not for templates.
    #[serde(skip)]
    pub body_links: Vec<markdown::LinkRef>,
}

impl std::ops::Deref for GuideView {
    type Target = GuideItem;
    fn deref(&self) -> &GuideItem {
        &self.item
    }
}

impl GuideView {
    pub fn new(site: &Site, g: &Guide, desks: &GuideDesks) -> GuideView {
        let body = markdown::render(&g.body, BODY_ROOT, site.config.raw_html());
        let indicators = g
            .indicators
            .iter()
            .filter_map(|id| site.plans.iter().find_map(|p| p.indicator(id)).map(|i| i.name.clone()))
            .collect();
        GuideView {
            item: GuideItem {
                slug: g.slug.clone(),
                path: paths::guide(&g.slug),
                title: g.title.clone(),
                summary: g.summary.clone(),
                audience: g.audience.clone(),
                needs: g.needs.clone(),
                duration: g.duration.clone(),
                help: g.help.clone(),
                indicators,
                steps: body.steps,
                toc: body.toc.iter().filter(|t| t.step).cloned().collect(),
                problems: body.toc.into_iter().filter(|t| t.level == 2 && !t.step).collect(),
            },
            help_desks: desks.nearest.clone(),
            help_desks_more: desks.more.clone(),
            body_html: body.html,
            body_links: body.links,
        }
    }
}

/// A news item as its list shows it (`news_list.html`): its page but the body and description.
#[derive(Serialize)]
pub struct NewsItem {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub date_text: String,
    pub iso: String,
    pub summary: Option<String>,
}

/// A news item's page.
#[derive(Serialize)]
pub struct NewsView {
    #[serde(flatten)]
    pub item: NewsItem,
    /// For search engines and shared links: the summary, or the body's first words.
    pub description: String,
    pub body_html: String,
    /// The body's links, for the link check once every file is made; not for templates.
    #[serde(skip)]
    pub body_links: Vec<markdown::LinkRef>,
}

impl std::ops::Deref for NewsView {
    type Target = NewsItem;
    fn deref(&self) -> &NewsItem {
        &self.item
    }
}

impl NewsView {
    pub fn new(n: &News, raw: markdown::RawHtml) -> NewsView {
        let body = markdown::render(&n.body, BODY_ROOT, raw);
        NewsView {
            item: NewsItem {
                slug: n.slug.clone(),
                path: paths::news(&n.slug),
                title: n.title.clone(),
                date_text: long_date(n.date),
                iso: format::iso(n.date),
                summary: n.summary.clone(),
            },
            description: n.summary.clone().unwrap_or_else(|| markdown::plain(&n.body, 160)),
            body_html: body.html,
            body_links: body.links,
        }
    }
}

#[derive(Serialize)]
pub struct HomeView<'a> {
    /// Given to the template as its headline and cards only ([`PlanCard`]).
    #[serde(serialize_with = "plan_card")]
    pub plan: Option<&'a PlanView>,
    pub events: Vec<EventCard>,
    pub news: Vec<NewsView>,
    /// The first [`HOME_GUIDES`].
    pub guides: Vec<Link>,
    /// How many guides the site has, for "all of them" when the home page shows only some.
    pub guide_count: usize,
    /// `2.000`.
    pub guide_count_text: String,
    pub today_text: String,
    /// The help desks open today or later, the soonest first ([`help_desks`]).
    pub help_desks: Vec<HelpDesk>,
}

/// Guides linked from the home page; the rest are a link away on `/huong-dan/`.
pub const HOME_GUIDES: usize = 12;

fn plan_card<S: serde::Serializer>(plan: &Option<&PlanView>, s: S) -> Result<S::Ok, S::Error> {
    plan.map(PlanCard).serialize(s)
}

/// What the home page shows of the current plan: its headline and one card per indicator. The
/// dashboard's tables and charts of every unit stay off it: at a province's size they are
/// megabytes of template values, for a page that shows none of them.
struct PlanCard<'a>(&'a PlanView);

impl Serialize for PlanCard<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let p = self.0;
        let mut m = s.serialize_struct("PlanCard", 13)?;
        m.serialize_field("slug", &p.slug)?;
        m.serialize_field("path", &p.path)?;
        m.serialize_field("progress_path", &p.progress_path)?;
        m.serialize_field("title", &p.title)?;
        m.serialize_field("summary", &p.summary)?;
        m.serialize_field("number_text", &p.number_text)?;
        m.serialize_field("period_text", &p.period_text)?;
        m.serialize_field("days_left_text", &p.days_left_text)?;
        m.serialize_field("illustrative", &p.illustrative)?;
        m.serialize_field("as_of_text", &p.as_of_text)?;
        m.serialize_field("source", &p.source)?;
        m.serialize_field("report_count", &p.report_count)?;
        let cards: Vec<IndicatorCard> = p.indicators.iter().map(IndicatorCard).collect();
        m.serialize_field("indicators", &cards)?;
        m.end()
    }
}

/// An indicator as its card shows it (`indicator_card` in `components.html`): without the
/// per-unit rows, the history and the two larger charts.
struct IndicatorCard<'a>(&'a IndicatorView);

impl Serialize for IndicatorCard<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(Serialize)]
        struct Overall<'c> {
            overall: &'c str,
            file_stem: &'c str,
        }
        let i = self.0;
        let mut m = s.serialize_struct("IndicatorCard", 21)?;
        m.serialize_field("id", &i.id)?;
        m.serialize_field("name", &i.name)?;
        m.serialize_field("kind", &i.kind)?;
        m.serialize_field("target_text", &i.target_text)?;
        m.serialize_field("value_text", &i.value_text)?;
        m.serialize_field("share_text", &i.share_text)?;
        m.serialize_field("detail_text", &i.detail_text)?;
        m.serialize_field("base_share_text", &i.base_share_text)?;
        m.serialize_field("bar", &i.bar)?;
        m.serialize_field("status_id", &i.status_id)?;
        m.serialize_field("status_label", &i.status_label)?;
        m.serialize_field("expected_text", &i.expected_text)?;
        m.serialize_field("deadline_text", &i.deadline_text)?;
        m.serialize_field("days_left_text", &i.days_left_text)?;
        m.serialize_field("lead", &i.lead)?;
        m.serialize_field("guide", &i.guide)?;
        m.serialize_field("as_of_text", &i.as_of_text)?;
        m.serialize_field("behind", &i.behind)?;
        m.serialize_field("behind_text", &i.behind_text)?;
        m.serialize_field("status_reason", &i.status_reason)?;
        m.serialize_field("charts", &Overall { overall: &i.charts.overall, file_stem: &i.charts.file_stem })?;
        m.end()
    }
}

impl<'a> HomeView<'a> {
    /// `plan` is the current plan's view.
    pub fn new(site: &Site, plan: Option<&'a PlanView>, today: NaiveDate) -> HomeView<'a> {
        HomeView {
            plan,
            events: schedule::next_events(&site.events, today, 3)
                .into_iter()
                .map(|e| EventCard::new(site, e, schedule::when(e, today)))
                .collect(),
            news: site.news.iter().take(3).map(|n| NewsView::new(n, site.config.raw_html())).collect(),
            guides: site
                .guides
                .iter()
                .take(HOME_GUIDES)
                .map(|g| Link { title: g.title.clone(), path: paths::guide(&g.slug) })
                .collect(),
            guide_count: site.guides.len(),
            guide_count_text: int(site.guides.len() as u64),
            today_text: long_date(today),
            help_desks: help_desks(site, today),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pager;

    fn shown(p: &Pager) -> String {
        p.links
            .iter()
            .map(|l| match l.number {
                Some(n) if l.current => format!("[{n}]"),
                Some(n) => n.to_string(),
                None => "…".into(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_pager_shows_the_ends_and_two_either_side() {
        let path = |k: usize| format!("p{k}/");
        assert_eq!(shown(&Pager::new(1, 1, path)), "[1]");
        assert_eq!(shown(&Pager::new(1, 400, path)), "[1] 2 3 … 400");
        assert_eq!(shown(&Pager::new(7, 400, path)), "1 … 5 6 [7] 8 9 … 400");
        assert_eq!(shown(&Pager::new(4, 7, path)), "1 2 3 [4] 5 6 7");
        // A gap of one page is shown as that page, never as "…".
        assert_eq!(shown(&Pager::new(5, 9, path)), "1 2 3 4 [5] 6 7 8 9");
        assert_eq!(shown(&Pager::new(4, 9, path)), "1 2 3 [4] 5 6 … 9");
        assert_eq!(shown(&Pager::new(400, 400, path)), "1 … 398 399 [400]");
        let p = Pager::new(7, 400, path);
        assert_eq!((p.prev.as_deref(), p.next.as_deref()), (Some("p6/"), Some("p8/")));
        let first = Pager::new(1, 2, path);
        assert_eq!((first.prev, first.next.as_deref()), (None, Some("p2/")));
    }
}
