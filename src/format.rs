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

/// A whole number as an officer types it into a cell, the way [`int`] writes it or plainly:
/// `1.057`, `1 057` (a space or no-break space between thousands), `1057`. `None` for anything
/// else: a decimal (`12,5`), a sign, groups not of three digits (`10.57`).
pub fn read_int(s: &str) -> Option<u64> {
    let s = s.trim();
    let sep = s.chars().find(|c| matches!(c, '.' | ' ' | '\u{a0}' | '\u{202f}'));
    let groups: Vec<&str> = match sep {
        Some(sep) => s.split(sep).collect(),
        None => vec![s],
    };
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let ok = groups.iter().all(|g| digits(g))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && (groups.len() == 1 || groups[0].len() <= 3);
    if !ok {
        return None;
    }
    groups.concat().parse().ok()
}

/// A day as an officer types it into a cell: `15/10/2026` (as [`date`] writes it, leading zeros
/// allowed) or `2026-10-15`.
pub fn read_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let (d, m, y) = if let Some((y, rest)) = s.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (d, m, y)
    } else {
        let mut it = s.split('/');
        let (d, m, y) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() {
            return None;
        }
        (d, m, y)
    };
    let num = |p: &str, max: usize| {
        (!p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (d, m, y) = (num(d, 2)?, num(m, 2)?, num(y, 4)?);
    if !(2000..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
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
    #[test]
    fn whole_numbers_are_read_as_officers_type_them() {
        use super::read_int;
        for (text, n) in
            [("1.057", Some(1057)), ("1 057", Some(1057)), ("1\u{a0}057", Some(1057)), (" 186 ", Some(186))]
        {
            assert_eq!(read_int(text), n, "{text}");
        }
        assert_eq!(read_int("1.234.567"), Some(1_234_567));
        for text in ["12,5", "10.57", "1234.567", "-3", "", "mười", "1.05.7", "1..057"] {
            assert_eq!(read_int(text), None, "{text}");
        }
    }

    #[test]
    fn days_are_read_as_officers_type_them() {
        use super::read_date;
        let d = chrono::NaiveDate::from_ymd_opt(2026, 10, 15);
        assert_eq!(read_date("15/10/2026"), d);
        assert_eq!(read_date("2026-10-15"), d);
        assert_eq!(read_date(" 5/6/2026"), chrono::NaiveDate::from_ymd_opt(2026, 6, 5));
        for text in ["31/2/2026", "15/10/26", "15/10", "1/1/1999", "x"] {
            assert_eq!(read_date(text), None, "{text}");
        }
    }

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
