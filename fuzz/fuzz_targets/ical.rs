//! The `.ics` writer with any text in every TEXT property: the file stays RFC 5545 — CRLF after
//! every line, no bare CR or LF, no physical line over 75 octets, folds between characters — and
//! no text can start a property of its own: unfolded, the file has exactly the lines it should,
//! and each TEXT value unescapes to what was put in (control characters dropped, tabs as spaces).
#![no_main]

use bangtin::ical::{self, Moment, Status, VEvent};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}').map(str::to_string);
    let mut next = || parts.next().unwrap_or_default();
    let (product, name, summary, location, description, uid, categories) =
        (next(), next(), next(), next(), next(), next(), next());
    let Some(day) = NaiveDate::from_ymd_opt(2024, 4, 16) else { return };
    let event = VEvent {
        uid: uid.clone(),
        stamp: day.and_hms_opt(0, 0, 0).unwrap_or_default(),
        start: Moment::Date(day),
        end: None,
        repeat: None,
        summary: summary.clone(),
        location: Some(location.clone()),
        description: description.clone(),
        url: "https://phuong3.example.gov.vn/lich/x/".into(),
        status: Status::Tentative,
        categories: Some(categories.clone()),
    };
    let bytes = ical::file(&product, Some(&name), std::iter::once(event.to_text().as_str()));
    let Ok(ics) = std::str::from_utf8(&bytes) else { panic!("not UTF-8") };
    assert!(ics.ends_with("\r\n"));
    let physical: Vec<&str> = ics.split_terminator("\r\n").collect();
    for l in &physical {
        assert!(!l.contains('\r') && !l.contains('\n'), "bare line break in {l:?}");
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split_terminator("\r\n").collect();
    let names: Vec<&str> = lines.iter().map(|l| l.split([':', ';']).next().unwrap_or("")).collect();
    let expected = [
        "BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE",
        "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "BEGIN", "TZID", "BEGIN", "DTSTART", "TZOFFSETFROM",
        "TZOFFSETTO", "TZNAME", "END", "END", "BEGIN", "UID", "DTSTAMP", "DTSTART", "SUMMARY",
        "LOCATION",
    ];
    assert_eq!(&names[..expected.len()], &expected, "{ics}");
    let mut values = lines.iter().filter_map(|l| l.split_once(':'));
    let mut value_of = |prop: &str| values.find(|(n, _)| *n == prop).map(|(_, v)| unescape(v));
    assert_eq!(value_of("PRODID"), Some(plain(&product)));
    assert_eq!(value_of("X-WR-CALNAME"), Some(plain(&name)));
    assert_eq!(value_of("UID"), Some(plain(&uid)));
    assert_eq!(value_of("SUMMARY"), Some(plain(&summary)));
    assert_eq!(value_of("LOCATION"), Some(plain(&location)));
    if !description.is_empty() {
        assert_eq!(value_of("DESCRIPTION"), Some(plain(&description)));
    }
    assert_eq!(value_of("CATEGORIES"), Some(plain(&categories)));
    assert!(lines.iter().filter(|l| l.starts_with("BEGIN:VEVENT")).count() == 1);
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
});

/// What a TEXT value is meant to say: line breaks kept (CRLF as one), tabs as spaces, other
/// control characters dropped.
fn plain(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ");
    s.chars().filter(|c| *c == '\n' || !c.is_control()).collect()
}

/// RFC 5545 §3.3.11 read back.
fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut it = v.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(o) => out.push(o),
                None => panic!("dangling backslash in {v:?}"),
            }
        } else {
            assert!(c != ',' && c != ';', "unescaped {c:?} in {v:?}");
            out.push(c);
        }
    }
    out
}
