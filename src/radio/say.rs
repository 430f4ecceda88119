//! Written Vietnamese to spoken Vietnamese. (Work in progress: the full normaliser lands next.)

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use super::Speaker;

/// The spoken form of `text`, one output line per input line.
pub fn say(text: &str, sp: &Speaker) -> String {
    text.lines().map(|l| line(l, sp)).collect::<Vec<_>>().join("\n")
}

fn line(l: &str, sp: &Speaker) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in l.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if !digits.is_empty() {
            out.push_str(&sp.number(digits.parse().unwrap_or(0)));
            digits.clear();
        }
        out.push(c);
    }
    out.pop();
    out
}

/// "tháng tư", not "tháng bốn".
pub fn month(m: u32, sp: &Speaker) -> String {
    match m {
        4 => "tư".to_string(),
        _ => sp.number(m as u64),
    }
}

pub fn date(d: NaiveDate, sp: &Speaker) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        sp.number(d.day() as u64),
        month(d.month(), sp),
        sp.number(d.year().max(0) as u64)
    )
}

pub fn time(t: NaiveTime, sp: &Speaker) -> String {
    let h = sp.number(t.hour() as u64);
    match t.minute() {
        0 => format!("{h} giờ"),
        m => format!("{h} giờ {} phút", sp.number(m as u64)),
    }
}
