//! What templates see: plain serialisable views with every number and date already in its
//! Vietnamese written form, so theme authors never format numbers themselves.

use chrono::NaiveDate;
use serde::Serialize;

use super::format::{self, date, days_left, int, long_date, percent};
use super::markdown::{self, TocEntry};
use crate::content::model::*;
use crate::progress::{IndicatorProgress, PlanProgress, Standing};
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
        let root =
            if path == "404.html" { base_path(&site.config.base_url) } else { "../".repeat(path.matches('/').count()) };
        let head_title = if path.is_empty() { title.to_string() } else { format!("{title} — {}", site.config.title) };
        PageMeta {
            title: title.to_string(),
            head_title,
            description: description.to_string(),
            path: path.to_string(),
            url: format!("{}{}", site.config.base_url, path),
            root,
            section: path.split('/').next().unwrap_or("").to_string(),
        }
    }
}

#[derive(Serialize)]
pub struct NavItem {
    pub label: &'static str,
    pub path: String,
    pub section: String,
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
        let mut nav = vec![NavItem { label: "Trang chủ", path: String::new(), section: String::new() }];
        if let Some(p) = current {
            nav.push(NavItem { label: "Kế hoạch", path: format!("ke-hoach/{p}/"), section: "ke-hoach".into() });
            nav.push(NavItem { label: "Tiến độ", path: format!("tien-do/{p}/"), section: "tien-do".into() });
        }
        nav.push(NavItem { label: "Hướng dẫn", path: "huong-dan/".into(), section: "huong-dan".into() });
        nav.push(NavItem { label: "Lịch", path: "lich/".into(), section: "lich".into() });
        nav.push(NavItem { label: "Tin tức", path: "tin-tuc/".into(), section: "tin-tuc".into() });
        nav.push(NavItem { label: "Tìm kiếm", path: "tim-kiem/".into(), section: "tim-kiem".into() });
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

/// The words for common bases; any other base name is shown as written.
fn base_words(base: &str) -> (&str, &str) {
    match base {
        "households" => ("số hộ", "hộ"),
        "population" => ("dân số", "người"),
        "adults" => ("dân số trưởng thành", "người"),
        other => (other, ""),
    }
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

fn charts(plan: &Plan, ind: &Indicator, p: &IndicatorProgress, noun: &str, today: NaiveDate) -> Charts {
    use crate::chart::{self, ChartInput, Kind, UnitBar};
    let kind = match ind.target {
        Target::Ratio { .. } => Kind::Ratio,
        Target::Milestone => Kind::Milestone,
        _ => Kind::Count,
    };
    let input = ChartInput {
        name: &ind.name,
        noun,
        kind,
        target: p.target,
        value: p.value,
        ratio: p.ratio,
        units: p
            .units
            .iter()
            .map(|u| UnitBar { name: &u.name, value: u.value, target: u.target, ratio: u.ratio })
            .collect(),
        history: p.history.iter().map(|pt| (pt.date, pt.value)).collect(),
        from: plan.from,
        deadline: ind.deadline,
        as_of: p.as_of,
        today,
        done_on: p.done_on,
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

fn bar(share: Option<f64>) -> String {
    format!("{:.1}", share.unwrap_or(0.0).clamp(0.0, 100.0))
}

impl IndicatorView {
    pub fn new(site: &Site, plan: &Plan, ind: &Indicator, p: &IndicatorProgress, today: NaiveDate) -> IndicatorView {
        let noun = ind.noun.clone().unwrap_or_default();
        // What is counted: the indicator's own noun, or for a share of a base, the base's
        // ("người" for population) — one word for the card, the tables and the charts.
        let counted = match &ind.target {
            Target::PercentOf { base, .. } if noun.is_empty() => base_words(base).1.to_string(),
            _ => noun.clone(),
        };
        let (kind, target_text) = match &ind.target {
            Target::Count(n) => ("count", count_of(*n as f64, &counted)),
            Target::PercentOf { percent: pc, base } => {
                let words = base_words(base).0;
                ("percent", format!("{} {words} ({})", percent(*pc), count_of(p.target, &counted)))
            }
            Target::Ratio { percent: pc } => ("ratio", format!("tối thiểu {}", percent(*pc))),
            Target::Milestone => ("milestone", "Hoàn thành".to_string()),
        };
        let value_text = match (&ind.target, p.value) {
            (_, None) => "Chưa có số liệu".to_string(),
            (Target::Milestone, Some(v)) => {
                if v >= 1.0 {
                    match p.done_on {
                        Some(d) => format!("Đã xong (báo cáo ngày {})", date(d)),
                        None => "Đã xong".to_string(),
                    }
                } else {
                    "Chưa xong".to_string()
                }
            }
            (Target::Ratio { .. }, Some(v)) => match p.ratio {
                Some((d, o)) => format!("{} ({}/{})", percent(v), int(d), int(o)),
                None => percent(v),
            },
            (_, Some(v)) => format!("{}/{}", int(v.round() as u64), count_of(p.target, &counted)),
        };
        let share_text = match (&ind.target, p.share_of_target) {
            (Target::Milestone, _) | (_, None) => String::new(),
            (Target::Ratio { .. }, Some(_)) => p.value.map(percent).unwrap_or_default(),
            (_, Some(s)) => percent(s),
        };
        let base_share_text = match (&ind.target, p.share_of_base) {
            (Target::PercentOf { base, .. }, Some(s)) => format!("{} {}", percent(s), base_words(base).0),
            _ => String::new(),
        };
        let expected_text = match (p.expected, p.as_of, &ind.target) {
            // The path's waypoint at the last report is no longer what is asked: all of it was.
            (Some(_), Some(_), _) if p.standing != Standing::DaDat && p.days_left < 0 => {
                format!("Đã hết hạn {} mà chưa đạt chỉ tiêu", date(ind.deadline))
            }
            (Some(e), Some(d), Target::Count(_) | Target::PercentOf { .. }) if p.standing != Standing::DaDat => {
                format!("Theo lộ trình, đến {} cần đạt {}", date(d), count_of(e, &counted))
            }
            (Some(e), Some(d), Target::Ratio { .. }) if p.standing != Standing::DaDat => {
                format!("Theo lộ trình, đến {} cần đạt {}", date(d), percent(e))
            }
            _ => String::new(),
        };
        let guide = ind
            .guide
            .as_ref()
            .and_then(|g| site.guide(g))
            .map(|g| Link { title: g.title.clone(), path: format!("huong-dan/{}/", g.slug) });
        let units = p
            .units
            .iter()
            .map(|u| {
                let value_text = match (&ind.target, u.value, u.ratio) {
                    (_, None, _) => "—".to_string(),
                    (Target::Ratio { .. }, Some(v), Some((d, o))) => format!("{} ({}/{})", percent(v), int(d), int(o)),
                    (Target::Milestone, Some(v), _) => if v >= 1.0 { "Đã xong" } else { "Chưa xong" }.to_string(),
                    (_, Some(v), _) => int(v.round() as u64),
                };
                let target_text = match (&ind.target, u.target) {
                    (Target::Ratio { .. }, Some(t)) => percent(t),
                    (Target::Milestone, _) | (_, None) => "—".to_string(),
                    (_, Some(t)) => int(t as u64),
                };
                UnitRow {
                    name: u.name.clone(),
                    value_text,
                    target_text,
                    share_text: u.share_of_target.map(percent).unwrap_or_else(|| "—".into()),
                    bar: bar(u.share_of_target),
                    status_id: u.standing,
                    status_label: u.standing.label(),
                }
            })
            .collect();
        let illustrative_dates: std::collections::BTreeSet<NaiveDate> =
            site.reports.iter().filter(|r| r.plan == plan.slug && r.illustrative).map(|r| r.date).collect();
        let history = p
            .history
            .iter()
            .map(|pt| {
                let expected = crate::progress::path_value(plan.from, ind.deadline, p.target, pt.date);
                let (value_text, expected_text) = match ind.target {
                    Target::Ratio { .. } => (percent(pt.value), percent(expected)),
                    Target::Milestone => {
                        ((if pt.value >= 1.0 { "Đã xong" } else { "Chưa xong" }).to_string(), "—".to_string())
                    }
                    _ => (int(pt.value.round() as u64), int(expected.round() as u64)),
                };
                let illustrative = illustrative_dates.contains(&pt.date);
                HistoryRow { date_text: date(pt.date), value_text, expected_text, illustrative }
            })
            .collect();
        IndicatorView {
            id: ind.id.clone(),
            name: ind.name.clone(),
            kind,
            target_text,
            value_text,
            share_text,
            base_share_text,
            bar: if ind.target == Target::Milestone { bar(p.value.map(|v| v * 100.0)) } else { bar(p.share_of_target) },
            status_id: p.standing,
            status_label: p.standing.label(),
            expected_text,
            deadline_text: date(ind.deadline),
            // A reached target is not "overdue", however long ago its deadline was.
            days_left_text: if p.standing == Standing::DaDat { String::new() } else { days_left(p.days_left) },
            lead: ind.lead.clone(),
            guide,
            as_of_text: p.as_of.map(date).unwrap_or_default(),
            behind: p.behind().map(|u| u.name.clone()).collect(),
            units,
            history,
            charts: charts(plan, ind, p, &counted, today),
        }
    }
}

/// `1.057 hộ`, or just `1.057` when nothing is named.
fn count_of(v: f64, noun: &str) -> String {
    format!("{} {noun}", int(v.round() as u64)).trim_end().to_string()
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
        let indicators = plan
            .indicators
            .iter()
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
            path: format!("ke-hoach/{}/", plan.slug),
            progress_path: format!("tien-do/{}/", plan.slug),
            title: plan.title.clone(),
            summary: plan.summary.clone(),
            number_text: match &plan.number {
                Some(n) => format!("Số: {n}"),
                None => "Chưa có số văn bản".to_string(),
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

fn time_range(e: &Event) -> String {
    match (e.starts.and_then(|s| s.time), e.ends.and_then(|s| s.time)) {
        (Some(a), Some(b)) => format!("{} – {}", format::time(a), format::time(b)),
        (Some(a), None) => format::time(a),
        _ => "Cả ngày".to_string(),
    }
}

fn when_text(e: &Event, w: Sched) -> String {
    let Some(s) = e.starts else {
        return e.when_text.clone().unwrap_or_else(|| "Thời gian sẽ thông báo sau".to_string());
    };
    let times = time_range(e);
    match (&e.repeat, w) {
        (Some(_), Sched::Upcoming(d)) if d > s.date => format!("Buổi gần nhất: {}, {times}", long_date(d)),
        (Some(r), _) => format!("Từ {} đến {}, {times}", long_date(s.date), long_date(r.until)),
        (None, _) => match e.ends.map(|x| x.date).filter(|d| *d != s.date) {
            Some(end) => format!("{} đến {}", long_date(s.date), long_date(end)),
            None => format!("{}, {times}", long_date(s.date)),
        },
    }
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
            path: format!("lich/{}/", e.slug),
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
    pub state: &'static str,
    /// The units concerned, each linking to its own calendar page.
    pub unit_links: Vec<Link>,
    /// The next session of a repeating event still to come, in words; empty otherwise.
    pub next_text: String,
    /// File name of the event's own `.ics`, beside its page; `None` for an event without a date,
    /// which no calendar app can hold.
    pub ics: Option<String>,
}

pub(super) fn repeat_text(r: &Repeat) -> String {
    let days = if r.days.len() == 7 {
        "Tất cả các ngày, kể cả Thứ Bảy và Chủ nhật".to_string()
    } else if r.days == [0, 1, 2, 3, 4] {
        "Từ Thứ Hai đến Thứ Sáu hằng tuần".to_string()
    } else {
        format!("{} hằng tuần", r.days.iter().map(|d| format::weekday_index(*d)).collect::<Vec<_>>().join(", "))
    };
    format!("{days}, đến hết {}", long_date(r.until))
}

/// What a status means for a resident, said once for the page and the calendar file alike.
pub(super) fn status_note(s: Status) -> &'static str {
    match s {
        Status::Tentative => "Thời gian và địa điểm là dự kiến, có thể thay đổi. Ủy ban sẽ thông báo chính thức.",
        Status::Tba => "Thời gian cụ thể sẽ được thông báo sau.",
        Status::Cancelled => "Sự kiện này đã bị hủy.",
        Status::Confirmed => "",
    }
}

fn unit_links(site: &Site, e: &Event) -> Vec<Link> {
    e.units
        .iter()
        .filter_map(|u| site.units.get(u))
        .map(|u| Link { title: u.name.clone(), path: format!("lich/{}/", u.id) })
        .collect()
}

impl EventView {
    pub fn new(site: &Site, e: &Event, w: Sched) -> EventView {
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
            path: format!("lich/{}/", e.slug),
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
                .map(|p| Link { title: p.title.clone(), path: format!("ke-hoach/{}/", p.slug) }),
            body_html: markdown::render(&e.body, BODY_ROOT, site.config.raw_html()).html,
            state: state(w),
            unit_links: unit_links(site, e),
            next_text: match (&e.repeat, w) {
                (Some(_), Sched::Upcoming(d)) => format!("{}, {}", long_date(d), time_range(e)),
                _ => String::new(),
            },
            ics: e.starts.map(|_| format!("{}.ics", e.slug)),
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
                .map(|u| Link { title: u.name.clone(), path: format!("lich/{}/", u.id) })
                .collect(),
            ics_path: "lich.ics",
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
            path: format!("lich/{}/", unit.id),
            sections: sections(site, site.events.iter().filter(|e| schedule::concerns(e, &unit.id)), today),
            today_text: long_date(today),
            ics: "lich.ics",
        }
    }
}

/// A guide as the lists show it (`guides.html`, `search.html`): everything of its page but the
/// body, so a list of a province's guides does not carry every guide's text.
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

/// A guide's page.
#[derive(Serialize)]
pub struct GuideView {
    #[serde(flatten)]
    pub item: GuideItem,
    pub body_html: String,
}

impl std::ops::Deref for GuideView {
    type Target = GuideItem;
    fn deref(&self) -> &GuideItem {
        &self.item
    }
}

impl GuideView {
    pub fn new(site: &Site, g: &Guide) -> GuideView {
        let body = markdown::render(&g.body, BODY_ROOT, site.config.raw_html());
        let indicators = g
            .indicators
            .iter()
            .filter_map(|id| site.plans.iter().find_map(|p| p.indicator(id)).map(|i| i.name.clone()))
            .collect();
        GuideView {
            item: GuideItem {
                slug: g.slug.clone(),
                path: format!("huong-dan/{}/", g.slug),
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
            body_html: body.html,
        }
    }
}

/// A news item as its list shows it (`news_list.html`): everything of its page but the body.
#[derive(Serialize)]
pub struct NewsItem {
    pub slug: String,
    pub path: String,
    pub title: String,
    pub date_text: String,
    pub iso: String,
    pub summary: Option<String>,
    pub description: String,
}

/// A news item's page.
#[derive(Serialize)]
pub struct NewsView {
    #[serde(flatten)]
    pub item: NewsItem,
    pub body_html: String,
}

impl std::ops::Deref for NewsView {
    type Target = NewsItem;
    fn deref(&self) -> &NewsItem {
        &self.item
    }
}

impl NewsView {
    pub fn new(n: &News, raw: markdown::RawHtml) -> NewsView {
        NewsView {
            item: NewsItem {
                slug: n.slug.clone(),
                path: format!("tin-tuc/{}/", n.slug),
                title: n.title.clone(),
                date_text: long_date(n.date),
                iso: format::iso(n.date),
                summary: n.summary.clone(),
                description: n.summary.clone().unwrap_or_else(|| markdown::plain(&n.body, 160)),
            },
            body_html: markdown::render(&n.body, BODY_ROOT, raw).html,
        }
    }
}

#[derive(Serialize)]
pub struct HomeView<'a> {
    pub plan: Option<&'a PlanView>,
    pub events: Vec<EventCard>,
    pub news: Vec<NewsView>,
    pub guides: Vec<Link>,
    pub today_text: String,
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
                .map(|g| Link { title: g.title.clone(), path: format!("huong-dan/{}/", g.slug) })
                .collect(),
            today_text: long_date(today),
        }
    }
}
