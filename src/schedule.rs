//! Schedule: where events stand relative to "today" — upcoming, undated or past — and the
//! order residents read them in. When an event itself takes place is the model's
//! ([`Event::next_occurrence`]).

use chrono::NaiveDate;

use crate::content::model::{Event, Status};

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
    match e.next_occurrence(today) {
        Some(d) => When::Upcoming(d),
        None => When::Past(e.last_day().unwrap_or(today)),
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
