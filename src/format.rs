//! Numbers, dates and times as Vietnamese readers write them: `1.057`, `58,1%`,
//! `Thứ Ba, 16/4/2024`, `7h30`.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

/// `1057` → `1.057`.
pub fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with at most one decimal, comma as decimal mark: `58.09` → `58,1`, `95.0` → `95`.
pub fn decimal(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    let sign = if tenths < 0 { "-" } else { "" };
    let whole = int(whole.unsigned_abs());
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole},{frac}")
    }
}

/// `58.09` → `58,1%`.
pub fn percent(x: f64) -> String {
    format!("{}%", decimal(x))
}

/// `16/4/2024`: day and month without leading zeros, as in Vietnamese administrative writing.
pub fn date(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

pub fn weekday(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// Weekday by index, Monday = 0, for repeat rules.
pub fn weekday_index(i: u32) -> &'static str {
    ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][(i % 7) as usize]
}

/// `Thứ Ba, 16/4/2024`.
pub fn long_date(d: NaiveDate) -> String {
    format!("{}, {}", weekday(d), date(d))
}

/// `7h30`, `22h00`.
pub fn time(t: NaiveTime) -> String {
    format!("{}h{:02}", t.hour(), t.minute())
}

/// `tháng 4/2024`.
pub fn month(d: NaiveDate) -> String {
    format!("Tháng {}/{}", d.month(), d.year())
}

/// ISO date for `<time datetime>` and machine-readable attributes.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "còn 12 ngày" / "hết hạn hôm nay" / "đã quá hạn 5 ngày".
pub fn days_left(days: i64) -> String {
    match days {
        d if d > 0 => format!("còn {} ngày", int(d as u64)),
        0 => "hết hạn hôm nay".to_string(),
        d => format!("đã quá hạn {} ngày", int(d.unsigned_abs())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(int(1057), "1.057");
        assert_eq!(int(614), "614");
        assert_eq!(int(1_000_001), "1.000.001");
        assert_eq!(percent(614.0 / 1057.0 * 100.0), "58,1%");
        assert_eq!(percent(100.0), "100%");
        assert_eq!(decimal(0.04), "0");
    }

    #[test]
    fn vietnamese_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 4, 16).unwrap();
        assert_eq!(long_date(d), "Thứ Ba, 16/4/2024");
        assert_eq!(time(NaiveTime::from_hms_opt(7, 30, 0).unwrap()), "7h30");
        assert_eq!(days_left(-5), "đã quá hạn 5 ngày");
    }
}
