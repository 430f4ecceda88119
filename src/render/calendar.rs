//! What each event says in a calendar app: the site's events mapped onto [`crate::ical`]'s
//! VEVENTs, with the same Vietnamese words the pages use. Events without a date are left out;
//! no calendar can hold them.

use chrono::NaiveTime;

use super::when::{repeat_text, status_note};
use crate::content::model::{Event, Site, Status};
use crate::ical::{self, Moment, Recurrence, VEvent};
use crate::paths;
use crate::schedule;

const PRODUCT: &str = "-//bangtin//Cong dan so//VI";

/// The host of the site's address, so UIDs stay the same from build to build and differ
/// between wards.
fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    rest.split('/').next().unwrap_or(rest)
}

/// The event as a VEVENT, or `None` when it has no date yet.
pub fn vevent(site: &Site, e: &Event) -> Option<VEvent> {
    let s = e.starts?;
    // A repeating event's DTSTART must be one of its occurrences (RFC 5545 leaves the set
    // undefined otherwise), so a start written on a day off moves to the first real session.
    let first = match &e.repeat {
        Some(_) => e.next_occurrence(s.date)?,
        None => s.date,
    };
    let shift = first - s.date;
    let (start, end) = match s.time {
        Some(t) => {
            let end = e.ends.map(|w| Moment::Local((w.date + shift).and_time(w.time.unwrap_or(t))));
            (Moment::Local(first.and_time(t)), end)
        }
        None => {
            // All day: DTEND is exclusive, the day after the last day.
            let last = e.ends.map(|w| w.date).unwrap_or(s.date) + shift;
            (Moment::Date(first), last.succ_opt().map(Moment::Date))
        }
    };
    let url = format!("{}{}", site.config.base_url, paths::event(&e.slug));
    let mut description = Vec::new();
    let note = status_note(e.status);
    if !note.is_empty() {
        description.push(format!("{}. {note}", e.status.label()));
    }
    if let Some(r) = &e.repeat {
        description.push(format!("Lặp lại: {}.", repeat_text(r)));
    }
    if !e.attendees.is_empty() {
        description.push("Thành phần tham dự:".to_string());
        description.extend(e.attendees.iter().map(|a| format!("- {a}")));
    }
    let units: Vec<&str> = e.units.iter().filter_map(|u| site.units.get(u)).map(|u| u.name.as_str()).collect();
    if !units.is_empty() {
        description.push(format!("{}: {}.", site.units.kind, units.join(", ")));
    }
    if let Some(p) = e.plan.as_deref().and_then(|p| site.plan(p)) {
        description.push(format!("Thuộc kế hoạch: {}", p.title));
    }
    description.push(format!("Xem chi tiết: {url}"));
    let summary = match e.status {
        // Phone calendars rarely show STATUS, so the title carries it too.
        Status::Tentative => format!("[Dự kiến] {}", e.title),
        Status::Cancelled => format!("[Đã hủy] {}", e.title),
        Status::Confirmed | Status::Tba => e.title.clone(),
    };
    Some(VEvent {
        uid: format!("{}@{}", e.slug, host(&site.config.base_url)),
        // From the content, not the clock: the start as written, in UTC.
        stamp: ical::to_utc(s.date.and_time(s.time.unwrap_or(NaiveTime::MIN))),
        start,
        end,
        repeat: e.repeat.as_ref().map(|r| Recurrence { days: r.days.clone(), until: r.until }),
        summary,
        location: e.location.clone(),
        description: description.join("\n"),
        url,
        status: match e.status {
            Status::Tentative => ical::Status::Tentative,
            Status::Cancelled => ical::Status::Cancelled,
            Status::Confirmed | Status::Tba => ical::Status::Confirmed,
        },
        categories: Some(e.kind.label().to_string()),
    })
}

/// Every `.ics` file of the site, one at a time into `put` (path, bytes): `/lich.ics`, each
/// unit's `/lich/<unit>/lich.ics` for its head to subscribe to, and each dated event's own
/// beside its page. Each event is written as calendar text once, in the order events start
/// (then by file name), and the text is dropped with the last file: a province's ward-wide
/// events are in all 300 unit calendars, and writing them again for each was 3% of a build.
pub fn files(site: &Site, mut put: impl FnMut(String, Vec<u8>)) {
    let mut dated: Vec<(&Event, VEvent)> = site.events.iter().filter_map(|e| vevent(site, e).map(|v| (e, v))).collect();
    dated.sort_by(|(a, _), (b, _)| a.starts.cmp(&b.starts).then_with(|| a.slug.cmp(&b.slug)));
    let written: Vec<(&Event, String)> = dated.into_iter().map(|(e, v)| (e, v.to_text())).collect();
    let file = |name: Option<String>, keep: &dyn Fn(&Event) -> bool| {
        ical::file(PRODUCT, name.as_deref(), written.iter().filter(|(e, _)| keep(e)).map(|(_, t)| t.as_str()))
    };
    put(paths::CALENDAR.to_string(), file(Some(format!("Lịch — {}", site.config.title)), &|_| true));
    for unit in &site.units.units {
        let name = format!("Lịch {} — {}", unit.name, site.config.title);
        put(
            format!("{}{}", paths::unit_events(&unit.id), paths::UNIT_CALENDAR),
            file(Some(name), &|e| schedule::concerns(e, &unit.id)),
        );
    }
    for (e, text) in &written {
        put(
            format!("{}{}", paths::event(&e.slug), paths::event_calendar(&e.slug)),
            ical::file(PRODUCT, None, std::iter::once(text.as_str())),
        );
    }
}
