//! Integers in words, by the rules announcers follow: "mười" but "hai mươi", "mốt" after
//! "mươi", "tư" after "mươi" in the north, "lăm" after a ten, "không trăm" inside a number, "linh"/"lẻ"
//! for an empty tens place, and nghìn/ngàn, triệu, tỷ up to 10^15.

use super::Dialect;

const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/// The largest number read: a thousand trillion (nghìn nghìn tỷ), beyond any ward's figures.
pub const MAX: u64 = 1_000_000_000_000_000;

/// Three digits, `leading` when nothing is said before them (so 5 is "năm", not "không trăm linh năm").
fn group(n: u64, leading: bool, d: Dialect, out: &mut Vec<&'static str>) {
    let (h, t, u) = ((n / 100) as usize, ((n / 10) % 10) as usize, (n % 10) as usize);
    if h > 0 || !leading {
        out.push(DIGITS[h]);
        out.push("trăm");
    }
    match t {
        0 if u > 0 && (h > 0 || !leading) => out.push(match d {
            Dialect::Bac => "linh",
            Dialect::Nam => "lẻ",
        }),
        0 => {}
        1 => out.push("mười"),
        _ => {
            out.push(DIGITS[t]);
            out.push("mươi");
        }
    }
    match u {
        0 => {}
        1 if t >= 2 => out.push("mốt"),
        // "hai mươi tư" in the north; the south keeps "bốn".
        4 if t >= 2 && d == Dialect::Bac => out.push("tư"),
        5 if t >= 1 => out.push("lăm"),
        _ => out.push(DIGITS[u]),
    }
}

/// `n` in words; `None` above [`MAX`].
pub fn integer(n: u64, d: Dialect) -> Option<String> {
    if n > MAX {
        return None;
    }
    if n == 0 {
        return Some("không".to_string());
    }
    let mut words = Vec::new();
    // Above a tỷ the count of tỷ is itself read as a number: "ba nghìn năm trăm tỷ", "một triệu tỷ".
    let (billions, rest) = (n / 1_000_000_000, n % 1_000_000_000);
    let mut said = false;
    if billions > 0 {
        said = below_billion(billions, false, d, &mut words);
        words.push("tỷ");
    }
    below_billion(rest, said, d, &mut words);
    Some(words.join(" "))
}

/// Digit by digit, for phone numbers, codes and numbers too long to read as one.
pub fn digits(s: &str) -> String {
    s.chars().filter_map(|c| c.to_digit(10)).map(|d| DIGITS[d as usize]).collect::<Vec<_>>().join(" ")
}

/// Reads `n` < 10^9 as triệu, nghìn and units; `said` when words come before it. Returns whether
/// anything was said.
fn below_billion(n: u64, mut said: bool, d: Dialect, words: &mut Vec<&'static str>) -> bool {
    let thousand = match d {
        Dialect::Bac => "nghìn",
        Dialect::Nam => "ngàn",
    };
    for (g, scale) in [((n / 1_000_000) % 1000, Some("triệu")), ((n / 1000) % 1000, Some(thousand)), (n % 1000, None)]
    {
        if g == 0 {
            continue;
        }
        group(g, !said, d, words);
        words.extend(scale);
        said = true;
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_in_both_dialects() {
        let cases: &[(u64, &str, &str)] = &[
            (0, "không", "không"),
            (5, "năm", "năm"),
            (10, "mười", "mười"),
            (11, "mười một", "mười một"),
            (14, "mười bốn", "mười bốn"),
            (15, "mười lăm", "mười lăm"),
            (20, "hai mươi", "hai mươi"),
            (21, "hai mươi mốt", "hai mươi mốt"),
            (24, "hai mươi tư", "hai mươi bốn"),
            (25, "hai mươi lăm", "hai mươi lăm"),
            (55, "năm mươi lăm", "năm mươi lăm"),
            (100, "một trăm", "một trăm"),
            (101, "một trăm linh một", "một trăm lẻ một"),
            (105, "một trăm linh năm", "một trăm lẻ năm"),
            (110, "một trăm mười", "một trăm mười"),
            (115, "một trăm mười lăm", "một trăm mười lăm"),
            (614, "sáu trăm mười bốn", "sáu trăm mười bốn"),
            (1000, "một nghìn", "một ngàn"),
            (1005, "một nghìn không trăm linh năm", "một ngàn không trăm lẻ năm"),
            (1057, "một nghìn không trăm năm mươi bảy", "một ngàn không trăm năm mươi bảy"),
            (1157, "một nghìn một trăm năm mươi bảy", "một ngàn một trăm năm mươi bảy"),
            (12_853, "mười hai nghìn tám trăm năm mươi ba", "mười hai ngàn tám trăm năm mươi ba"),
            (100_000, "một trăm nghìn", "một trăm ngàn"),
            (1_000_001, "một triệu không trăm linh một", "một triệu không trăm lẻ một"),
            (2_024_000, "hai triệu không trăm hai mươi tư nghìn", "hai triệu không trăm hai mươi bốn ngàn"),
            (1_000_000_000, "một tỷ", "một tỷ"),
            (3_500_000_000_000, "ba nghìn năm trăm tỷ", "ba ngàn năm trăm tỷ"),
            (MAX, "một triệu tỷ", "một triệu tỷ"),
        ];
        for (n, bac, nam) in cases {
            assert_eq!(integer(*n, Dialect::Bac).as_deref(), Some(*bac), "{n} bac");
            assert_eq!(integer(*n, Dialect::Nam).as_deref(), Some(*nam), "{n} nam");
        }
        assert_eq!(integer(MAX + 1, Dialect::Bac), None);
    }

    #[test]
    fn every_number_reads_without_digits_and_without_a_dangling_word() {
        for n in (0..20_000u64).chain((0..2000).map(|i| i * 7_919_113 + 13)) {
            let s = integer(n, Dialect::Bac).unwrap();
            assert!(!s.chars().any(|c| c.is_ascii_digit()), "{n}: {s}");
            assert!(!s.starts_with("không ") && !s.ends_with("linh") && !s.contains("  "), "{n}: {s}");
            assert!(!s.contains("mươi một") && !s.contains("mười năm") && !s.contains("mươi năm"), "{n}: {s}");
        }
    }
}
