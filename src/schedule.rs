//! Schedule: when events happen relative to "today" — next occurrence of repeating events,
//! upcoming versus past, and the order residents read them in.

use chrono::{Datelike, NaiveDate};

use crate::content::model::{Event, Status};

/// The first day on or after `from` on which the event takes place, if any.
pub fn next_occurrence(e: &Event, from: NaiveDate) -> Option<NaiveDate> {
    let start = e.starts?;
    match &e.repeat {
        None => {
            let last = e.ends.map(|w| w.date).unwrap_or(start.date);
            (last >= from).then(|| start.date.max(from))
        }
        Some(r) => {
            let mut d = start.date.max(from);
            while d <= r.until {
                if r.days.contains(&d.weekday().num_days_from_monday()) {
                    return Some(d);
                }
                d = d.succ_opt()?;
            }
            None
        }
    }
}

/// The last day the event takes place.
pub fn last_day(e: &Event) -> Option<NaiveDate> {
    let start = e.starts?;
    Some(match &e.repeat {
        Some(r) => r.until,
        None => e.ends.map(|w| w.date).unwrap_or(start.date),
    })
}

/// Where an event stands for a reader on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// Dated, and happening today or later (sorted by the next day it happens).
    Upcoming(NaiveDate),
    /// Announced without a date yet ("sẽ thông báo sau").
    Undated,
    /// Over.
    Past(NaiveDate),
}

pub fn when(e: &Event, today: NaiveDate) -> When {
    if e.starts.is_none() {
        return When::Undated;
    }
    match next_occurrence(e, today) {
        Some(d) => When::Upcoming(d),
        None => When::Past(last_day(e).unwrap_or(today)),
    }
}

/// Upcoming first (soonest first), then undated, then past (most recent first); cancelled
/// events keep their place so residents learn of the cancellation where they look.
pub fn order<'a>(events: impl IntoIterator<Item = &'a Event>, today: NaiveDate) -> Vec<(&'a Event, When)> {
    let mut v: Vec<(&Event, When)> = events.into_iter().map(|e| (e, when(e, today))).collect();
    v.sort_by(|(a, wa), (b, wb)| {
        let rank = |w: &When| match w {
            When::Upcoming(_) => 0,
            When::Undated => 1,
            When::Past(_) => 2,
        };
        rank(wa)
            .cmp(&rank(wb))
            .then_with(|| match (wa, wb) {
                (When::Upcoming(x), When::Upcoming(y)) => x.cmp(y),
                (When::Past(x), When::Past(y)) => y.cmp(x),
                _ => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.starts.cmp(&b.starts))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    v
}

/// Whether an event is for a unit's residents: it names the unit, or names none and so is for
/// every unit.
pub fn concerns(e: &Event, unit: &str) -> bool {
    e.units.is_empty() || e.units.iter().any(|u| u == unit)
}

/// Next events worth showing on the home page: upcoming and not cancelled.
pub fn next_events(events: &[Event], today: NaiveDate, n: usize) -> Vec<&Event> {
    order(events, today)
        .into_iter()
        .filter(|(e, w)| matches!(w, When::Upcoming(_)) && e.status != Status::Cancelled)
        .take(n)
        .map(|(e, _)| e)
        .collect()
}
