//! What each event says in a calendar app: the site's events mapped onto [`crate::ical`]'s
//! VEVENTs, with the same Vietnamese words the pages use. Events without a date are left out;
//! no calendar can hold them.

use chrono::NaiveTime;

use super::views::{repeat_text, status_note};
use crate::content::model::{Event, Site, Status, Unit};
use crate::ical::{self, Calendar, Moment, Recurrence, VEvent};
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
        Some(_) => schedule::next_occurrence(e, s.date)?,
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
    let url = format!("{}lich/{}/", site.config.base_url, e.slug);
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

/// Dated events in the order they start, then by file name.
fn calendar<'a>(site: &Site, events: impl Iterator<Item = &'a Event>, name: Option<String>) -> Vec<u8> {
    let mut dated: Vec<(&Event, VEvent)> = events.filter_map(|e| vevent(site, e).map(|v| (e, v))).collect();
    dated.sort_by(|(a, _), (b, _)| a.starts.cmp(&b.starts).then_with(|| a.slug.cmp(&b.slug)));
    Calendar { product: PRODUCT.to_string(), name, events: dated.into_iter().map(|(_, v)| v).collect() }.to_bytes()
}

/// `/lich.ics`: every dated event of the site.
pub fn site_calendar(site: &Site) -> Vec<u8> {
    calendar(site, site.events.iter(), Some(format!("Lịch — {}", site.config.title)))
}

/// `/lich/<unit>/lich.ics`: what concerns one unit, for its head to subscribe to.
pub fn unit_calendar(site: &Site, unit: &Unit) -> Vec<u8> {
    calendar(
        site,
        site.events.iter().filter(|e| schedule::concerns(e, &unit.id)),
        Some(format!("Lịch {} — {}", unit.name, site.config.title)),
    )
}

/// `/lich/<event>/<event>.ics`: one event to add; `None` without a date.
pub fn event_calendar(site: &Site, e: &Event) -> Option<Vec<u8>> {
    vevent(site, e)?;
    Some(calendar(site, std::iter::once(e), None))
}
