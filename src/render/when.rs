//! How an event's days, times, repetition and status are said to a resident, once for its
//! page, its card in the schedules, its poster and its calendar file.

use crate::content::model::{Event, Repeat, Status};
use crate::format::{self, long_date};
use crate::schedule::When;

/// `7h30 – 11h00`, or "Cả ngày" for an event without a time.
pub fn time_range(e: &Event) -> String {
    match (e.starts.and_then(|s| s.time), e.ends.and_then(|s| s.time)) {
        (Some(a), Some(b)) => format!("{} – {}", format::time(a), format::time(b)),
        (Some(a), None) => format::time(a),
        _ => "Cả ngày".to_string(),
    }
}

/// When an event is, in one line as of `w`: the next session of a repeating one, its days, or
/// the text of one not dated yet.
pub fn when_text(e: &Event, w: When) -> String {
    let Some(s) = e.starts else {
        return e.when_text.clone().unwrap_or_else(|| "Thời gian sẽ thông báo sau".to_string());
    };
    let times = time_range(e);
    match (&e.repeat, w) {
        (Some(_), When::Upcoming(d)) if d > s.date => format!("Buổi gần nhất: {}, {times}", long_date(d)),
        (Some(r), _) => format!("Từ {} đến {}, {times}", long_date(s.date), long_date(r.until)),
        (None, _) => match e.ends.map(|x| x.date).filter(|d| *d != s.date) {
            Some(end) => format!("{} đến {}", long_date(s.date), long_date(end)),
            None => format!("{}, {times}", long_date(s.date)),
        },
    }
}

/// `Từ Thứ Hai đến Thứ Sáu hằng tuần, đến hết Thứ Sáu, 30/6/2023`.
pub fn repeat_text(r: &Repeat) -> String {
    format!("{}, {}", repeat_days(r), repeat_until(r))
}

/// A repeating event's rule with its hours, in the words of [`repeat_text`], for what stays
/// true as long as the event runs (a poster on a wall): `Từ Thứ Hai đến Thứ Sáu hằng tuần,
/// 7h30 – 11h00, đến hết Thứ Hai, 30/9/2024`. `None` for an event that does not repeat.
pub fn repeat_rule(e: &Event) -> Option<String> {
    let r = e.repeat.as_ref()?;
    Some(match e.starts.and_then(|s| s.time) {
        Some(_) => format!("{}, {}, {}", repeat_days(r), time_range(e), repeat_until(r)),
        None => repeat_text(r),
    })
}

/// `Từ Thứ Hai đến Thứ Sáu hằng tuần`.
fn repeat_days(r: &Repeat) -> String {
    if r.days.len() == 7 {
        "Tất cả các ngày, kể cả Thứ Bảy và Chủ nhật".to_string()
    } else if r.days == [0, 1, 2, 3, 4] {
        "Từ Thứ Hai đến Thứ Sáu hằng tuần".to_string()
    } else {
        format!("{} hằng tuần", r.days.iter().map(|d| format::weekday_index(*d)).collect::<Vec<_>>().join(", "))
    }
}

/// `đến hết Thứ Sáu, 30/6/2023`.
fn repeat_until(r: &Repeat) -> String {
    format!("đến hết {}", long_date(r.until))
}

/// What a status means for a resident, said once for the page and the calendar file alike.
pub fn status_note(s: Status) -> &'static str {
    match s {
        Status::Tentative => "Thời gian và địa điểm là dự kiến, có thể thay đổi. Ủy ban sẽ thông báo chính thức.",
        Status::Tba => "Thời gian cụ thể sẽ được thông báo sau.",
        Status::Cancelled => "Sự kiện này đã bị hủy.",
        Status::Confirmed => "",
    }
}
