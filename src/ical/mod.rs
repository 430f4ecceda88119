//! iCalendar (RFC 5545) output: the `.ics` files a resident opens to put a session into the
//! phone's calendar, or a hamlet head subscribes to. This module owns the wire format only —
//! content lines, escaping, folding, dates in Asia/Ho_Chi_Minh, recurrence rules and the
//! VTIMEZONE; what an event says is decided in `render`.
//!
//! Written here rather than with the `icalendar` crate: that crate stamps any component without
//! DTSTAMP or UID with the clock and a random UUID (VTIMEZONE and its STANDARD included, where
//! RFC 5545 allows neither), so byte-identical builds and a valid time zone would depend on
//! working around it; what is left to do once that is avoided is the hundred lines below.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// The only time zone a site's dates are written in.
pub const TZID: &str = "Asia/Ho_Chi_Minh";

/// Vietnam has kept UTC+7 all year since 1975.
const UTC_OFFSET_HOURS: i64 = 7;

/// RFC 5545 §3.1: content lines SHOULD NOT be longer than 75 octets, excluding the line break.
const MAX_OCTETS: usize = 75;

/// When an occurrence starts or ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// All day (VALUE=DATE).
    Date(NaiveDate),
    /// Local time in [`TZID`].
    Local(NaiveDateTime),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Confirmed,
    Tentative,
    Cancelled,
}

/// Weekly on the given days (Monday = 0), up to and including `until` (a local date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub days: Vec<u32>,
    pub until: NaiveDate,
}

#[derive(Debug, Clone)]
pub struct VEvent {
    pub uid: String,
    /// DTSTAMP in UTC. The caller derives it from the content, never from the clock.
    pub stamp: NaiveDateTime,
    pub start: Moment,
    /// Exclusive end; for all-day events the day after the last day.
    pub end: Option<Moment>,
    pub repeat: Option<Recurrence>,
    pub summary: String,
    pub location: Option<String>,
    pub description: String,
    pub url: String,
    pub status: Status,
    pub categories: Option<String>,
}

/// The UTC instant of a local time in [`TZID`].
pub fn to_utc(local: NaiveDateTime) -> NaiveDateTime {
    local - Duration::hours(UTC_OFFSET_HOURS)
}

impl VEvent {
    /// The event's lines as they stand in a file: one event is in many calendars (the site's,
    /// its own, each unit's), and is written once.
    pub fn to_text(&self) -> String {
        let mut w = Writer::default();
        w.event(self);
        w.out
    }
}

/// A whole `.ics` file: UTF-8, CRLF after every line, folded at 75 octets. `product` is the
/// PRODID, who made the file; `name` the X-WR-CALNAME a subscribed calendar shows (`None` for a
/// single event to add); `events` as [`VEvent::to_text`] wrote them.
pub fn file<'a>(product: &str, name: Option<&str>, events: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut w = Writer::default();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.text("PRODID", product);
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    if let Some(name) = name {
        w.text("X-WR-CALNAME", name);
        w.text("X-WR-TIMEZONE", TZID);
        // Subscribed calendars otherwise refresh when the app pleases, sometimes weekly.
        w.line("REFRESH-INTERVAL;VALUE=DURATION:P1D");
        w.line("X-PUBLISHED-TTL:P1D");
    }
    // Always present, even when no event needs it: RFC 5545 wants at least one component in
    // a calendar, and a hamlet's calendar may be empty for a while.
    w.line("BEGIN:VTIMEZONE");
    w.line(&format!("TZID:{TZID}"));
    w.line("BEGIN:STANDARD");
    w.line("DTSTART:19700101T000000");
    w.line("TZOFFSETFROM:+0700");
    w.line("TZOFFSETTO:+0700");
    w.line("TZNAME:+07");
    w.line("END:STANDARD");
    w.line("END:VTIMEZONE");
    for e in events {
        w.out.push_str(e);
    }
    w.line("END:VCALENDAR");
    w.out.into_bytes()
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, content: &str) {
        fold_into(content, &mut self.out);
    }

    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }

    fn moment(&mut self, name: &str, m: Moment) {
        match m {
            Moment::Date(d) => self.line(&format!("{name};VALUE=DATE:{}", date(d))),
            Moment::Local(t) => self.line(&format!("{name};TZID={TZID}:{}", local(t))),
        }
    }

    fn event(&mut self, e: &VEvent) {
        self.line("BEGIN:VEVENT");
        self.text("UID", &e.uid);
        self.line(&format!("DTSTAMP:{}", utc(e.stamp)));
        self.moment("DTSTART", e.start);
        if let Some(end) = e.end {
            self.moment("DTEND", end);
        }
        if let Some(r) = &e.repeat {
            self.line(&format!("RRULE:{}", rrule(r, e.start)));
        }
        self.text("SUMMARY", &e.summary);
        if let Some(l) = &e.location {
            self.text("LOCATION", l);
        }
        if !e.description.is_empty() {
            self.text("DESCRIPTION", &e.description);
        }
        if let Some(c) = &e.categories {
            self.text("CATEGORIES", c);
        }
        // A URI, not TEXT: escaping its commas would change the address.
        self.line(&format!("URL:{}", e.url));
        self.line(match e.status {
            Status::Confirmed => "STATUS:CONFIRMED",
            Status::Tentative => "STATUS:TENTATIVE",
            Status::Cancelled => "STATUS:CANCELLED",
        });
        self.line("END:VEVENT");
    }
}

const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn rrule(r: &Recurrence, start: Moment) -> String {
    // UNTIL must have DTSTART's value type; with a TZID it is a UTC instant (RFC 5545 §3.3.10).
    // The last local day ends at 23:59:59, so its session is included whatever its hour.
    let until = match start {
        Moment::Date(_) => date(r.until),
        Moment::Local(_) => utc(to_utc(r.until.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default()))),
    };
    if r.days.len() == 7 {
        format!("FREQ=DAILY;UNTIL={until}")
    } else {
        let days: Vec<&str> = r.days.iter().filter_map(|d| BYDAY.get(*d as usize).copied()).collect();
        format!("FREQ=WEEKLY;BYDAY={};UNTIL={until}", days.join(","))
    }
}

fn date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks are escaped;
/// other control characters are not allowed in TEXT at all, so they are dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no physical line passes 75 octets: a continuation starts
/// with a single space, and a break never falls inside a UTF-8 character (Vietnamese letters
/// take two or three octets).
fn fold_into(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn unfold(s: &str) -> String {
        s.replace("\r\n ", "")
    }

    #[test]
    fn folds_at_75_octets_between_characters() {
        let summary = "SUMMARY:".to_string() + &"Hội nghị triển khai “Công dân số” ".repeat(6);
        let mut out = String::new();
        fold_into(&summary, &mut out);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert!(out.ends_with("\r\n") && !out.replace("\r\n", "").contains('\n'));
        assert_eq!(unfold(&out), format!("{summary}\r\n"));
        // Exactly 75 octets stays on one line.
        let mut one = String::new();
        fold_into(&"a".repeat(75), &mut one);
        assert_eq!(one, format!("{}\r\n", "a".repeat(75)));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a\\b;c,d\ne\r\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf");
    }

    #[test]
    fn until_is_utc_for_timed_and_a_date_for_all_day() {
        let r = Recurrence { days: vec![0, 1, 2, 3, 4], until: d(2023, 6, 30) };
        let timed = Moment::Local(d(2023, 6, 9).and_hms_opt(7, 30, 0).unwrap());
        assert_eq!(rrule(&r, timed), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20230630T165959Z");
        assert_eq!(rrule(&r, Moment::Date(d(2023, 6, 9))), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20230630");
        let daily = Recurrence { days: (0..7).collect(), until: d(2023, 4, 20) };
        assert_eq!(rrule(&daily, timed), "FREQ=DAILY;UNTIL=20230420T165959Z");
    }

    #[test]
    fn an_empty_calendar_is_still_valid_and_crlf() {
        let text = String::from_utf8(file("-//x//y//VI", Some("Lịch, ấp"), std::iter::empty())).unwrap();
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.contains("X-WR-CALNAME:Lịch\\, ấp\r\n"));
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
