//! How long spoken text takes on the loudspeakers. Vietnamese is written one syllable per word,
//! so counting words counts syllables; pauses are added where a reader stops.

use crate::content::model::{Pauses, RadioConfig};

/// Reading speed and pauses, from `site.yaml`'s `radio:`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    /// Syllables per minute.
    pub rate: f64,
    pub pauses: Pauses,
}

impl Pace {
    pub fn of(cfg: &RadioConfig) -> Pace {
        Pace { rate: cfg.rate, pauses: cfg.pauses }
    }

    /// The same pauses at the station's slow reading rate, when it has one.
    pub fn slow(cfg: &RadioConfig) -> Option<Pace> {
        cfg.slow_rate.map(|rate| Pace { rate, pauses: cfg.pauses })
    }
}

/// Words with a letter or digit in them: a dash or a lone quote mark is not read.
pub fn syllables(line: &str) -> usize {
    line.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Punctuation a reader pauses at: a mark counts when a space or the end of the line follows it,
/// so "1.057" or "7:30" left in a line are not pauses, and "..." is one.
fn pauses(line: &str) -> (usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let (mut sentences, mut commas) = (0, 0);
    for (i, c) in chars.iter().enumerate() {
        let next = chars.get(i + 1);
        let ends = next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | ')'));
        if !ends {
            continue;
        }
        match c {
            '.' | '!' | '?' | ':' | '…' => sentences += 1,
            ',' | ';' => commas += 1,
            _ => {}
        }
    }
    (sentences, commas)
}

/// Seconds one line takes, without the pause before it.
pub fn line_seconds(line: &str, pace: &Pace) -> f64 {
    let (sentences, commas) = pauses(line);
    syllables(line) as f64 / pace.rate * 60.0
        + sentences as f64 * pace.pauses.sentence
        + commas as f64 * pace.pauses.comma
}

/// Seconds a run of lines takes; `first` says whether they open the bulletin, since every line
/// but the very first is preceded by the pause between items.
pub fn seconds<'a>(lines: impl IntoIterator<Item = &'a str>, pace: &Pace, first: bool) -> f64 {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| line_seconds(l, pace) + if first && i == 0 { 0.0 } else { pace.pauses.item })
        .sum()
}

/// "4 phút 20 giây", "45 giây", "2 phút", rounded to the second.
pub fn duration(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    match (s / 60, s % 60) {
        (0, sec) => format!("{sec} giây"),
        (min, 0) => format!("{min} phút"),
        (min, sec) => format!("{min} phút {sec} giây"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACE: Pace = Pace { rate: 240.0, pauses: RadioConfig::PAUSES };

    #[test]
    fn counts_syllables_not_marks() {
        assert_eq!(syllables("Xin nhắc lại: bà con – mang theo thẻ."), 8);
        assert_eq!(syllables("  "), 0);
    }

    #[test]
    fn pauses_follow_punctuation_that_ends_a_word() {
        assert_eq!(pauses("Một, hai; ba. Bốn: năm! Sáu?"), (4, 2));
        assert_eq!(pauses("1.057 hộ, lúc 7:30..."), (1, 1));
    }

    #[test]
    fn a_known_line() {
        // 12 syllables at 240 a minute = 3 s, one sentence end 0.6 s, two commas 0.6 s.
        let line = "Bà con nhớ mang theo thẻ, điện thoại, và sổ hộ khẩu.";
        assert_eq!(syllables(line), 12);
        assert!((line_seconds(line, &PACE) - 4.2).abs() < 1e-9);
        // Second and later lines carry the 1 s between items.
        assert!((seconds([line, line], &PACE, true) - 9.4).abs() < 1e-9);
        assert!((seconds([line], &PACE, false) - 5.2).abs() < 1e-9);
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration(260.4), "4 phút 20 giây");
        assert_eq!(duration(44.6), "45 giây");
        assert_eq!(duration(120.0), "2 phút");
    }
}
