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
    line.split_whitespace().map(word_pauses).fold((0, 0), |(s, c), (ws, wc)| (s + ws, c + wc))
}

/// The sentence ends and the commas of one word a reader pauses at, each where the word ends
/// after it or a closing quote or bracket follows it: "hộ," is one, "7:30" none, "nhé.”" one.
fn word_pauses(word: &str) -> (usize, usize) {
    let (mut sentences, mut commas) = (0, 0);
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if !chars.peek().is_none_or(|n| matches!(n, '"' | '”' | '’' | ')')) {
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

/// Seconds of silence the estimate counts after `word`: its sentence ends and commas, or `None`
/// when it has neither and the reader goes straight on.
pub fn pause_after(word: &str, pauses: &Pauses) -> Option<f64> {
    match word_pauses(word) {
        (0, 0) => None,
        (sentences, commas) => Some(sentences as f64 * pauses.sentence + commas as f64 * pauses.comma),
    }
}

/// The lines as SSML for a speech engine (`espeak-ng -m`), with the silences the estimate counts
/// written out: after each word a reader pauses at, a `<break>` of the sentence or comma pause
/// (even of 0 ms, which keeps the engine from making a pause of its own there), and between two
/// lines the pause between items, added to the one the line ended with. The words are as
/// written, escaped for XML. Its breaks add up to the pauses [`seconds`] counts for the same
/// lines as the bulletin's opening, so an engine reading the words at the pace's rate takes as
/// long as the estimate.
pub fn ssml<'a>(lines: impl IntoIterator<Item = &'a str>, pauses: &Pauses) -> String {
    let mut out = String::from("<speak>\n");
    // The silence after the last word written, not yet written itself.
    let mut pending: Option<f64> = None;
    let mut words = 0usize;
    for (i, line) in lines.into_iter().enumerate() {
        if i > 0 {
            *pending.get_or_insert(0.0) += pauses.item;
        }
        for word in line.split_whitespace() {
            if let Some(s) = pending.take() {
                push_break(&mut out, s);
                out.push(if words == 0 { '\n' } else { ' ' });
            } else if words > 0 {
                out.push(' ');
            }
            crate::text::push_xml(&mut out, word);
            pending = pause_after(word, pauses);
            words += 1;
        }
        words = 0;
    }
    if let Some(s) = pending {
        push_break(&mut out, s);
    }
    out.push_str("\n</speak>\n");
    out
}

fn push_break(out: &mut String, seconds: f64) {
    out.push_str(&format!("<break time=\"{}ms\"/>", (seconds.max(0.0) * 1000.0).round() as u64));
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
    fn ssml_breaks_where_the_estimate_pauses() {
        let p = RadioConfig::PAUSES;
        let lines = ["Hôm nay, thứ Năm: họp lúc 7:30.", "Còn 1.057 hộ."];
        assert_eq!(
            ssml(lines, &p),
            "<speak>\nHôm nay,<break time=\"300ms\"/> thứ Năm:<break time=\"600ms\"/> họp lúc 7:30.<break time=\"1600ms\"/>\nCòn 1.057 hộ.<break time=\"600ms\"/>\n</speak>\n"
        );
        // A word with two marks, a line without any, and pauses of nothing still break: the
        // engine's own pause would otherwise be heard there.
        let none = Pauses { sentence: 0.0, comma: 0.0, item: 0.0 };
        assert_eq!(
            ssml(["“Xong.”, rồi", "tiếp"], &none),
            "<speak>\n“Xong.”,<break time=\"0ms\"/> rồi<break time=\"0ms\"/>\ntiếp\n</speak>\n"
        );
        assert!(pause_after("“Xong.”,", &p).is_some_and(|s| (s - 0.9).abs() < 1e-9));
        assert_eq!(pause_after("1.057", &p), None);
    }

    #[test]
    fn ssml_escapes_the_words() {
        let out = ssml(["Điện & nước <miễn phí> \"A\" 'B'"], &RadioConfig::PAUSES);
        assert!(out.contains("Điện &amp; nước &lt;miễn phí&gt; &quot;A&quot; &apos;B&apos;"), "{out}");
        assert_eq!(out.matches('<').count(), 2, "only <speak> and </speak>: {out}");
    }

    #[test]
    fn ssml_breaks_add_up_to_the_estimates_pauses() {
        let lines = [
            "Bà con nhớ mang theo thẻ, điện thoại, và sổ hộ khẩu.",
            "",
            "Xin nhắc lại: bà con – mang theo thẻ.",
            "Hết",
        ];
        let breaks: u64 = ssml(lines, &PACE.pauses)
            .split("<break time=\"")
            .skip(1)
            .filter_map(|b| b.split_once("ms").and_then(|(ms, _)| ms.parse::<u64>().ok()))
            .sum();
        let speech: f64 = lines.iter().map(|l| syllables(l) as f64).sum::<f64>() / PACE.rate * 60.0;
        let estimate = seconds(lines, &PACE, true);
        assert!((breaks as f64 / 1000.0 + speech - estimate).abs() < 1e-6, "{breaks} ms + {speech} s ≠ {estimate} s");
    }

    #[test]
    fn durations_in_words() {
        assert_eq!(duration(260.4), "4 phút 20 giây");
        assert_eq!(duration(44.6), "45 giây");
        assert_eq!(duration(120.0), "2 phút");
    }
}
