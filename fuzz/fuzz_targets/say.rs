//! The radio normaliser on any text, in both dialects and with a site lexicon: what comes out
//! has no ASCII digit, exactly one line per input line, is NFC, and reading it again changes
//! nothing.
#![no_main]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use bangtin::speech::{Dialect, Speaker};
use libfuzzer_sys::fuzz_target;

/// Built once: the lexicon is the same for every input.
fn speakers() -> &'static [Speaker; 2] {
    static SPEAKERS: OnceLock<[Speaker; 2]> = OnceLock::new();
    SPEAKERS.get_or_init(|| {
        let lexicon: BTreeMap<String, String> = [("P3", "phường ba"), ("KP", "khu phố"), ("Tổ CNS", "Tổ công nghệ số")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let issuers: BTreeMap<String, String> =
            [("SVHTT".to_string(), "Sở Văn hóa và Thể thao".to_string())].into_iter().collect();
        [Speaker::new(Dialect::Bac, &BTreeMap::new()), Speaker::new(Dialect::Nam, &lexicon).with_issuers(&issuers)]
    })
}

fuzz_target!(|text: &str| {
    for sp in speakers() {
        let out = sp.say(text);
        if let Some(c) = out.chars().find(char::is_ascii_digit) {
            panic!("digit {c} left in {out:?} from {text:?}");
        }
        assert_eq!(out.split('\n').count(), text.split('\n').count(), "lines changed: {text:?} -> {out:?}");
        assert_eq!(bangtin::text::nfc(&out), out, "not NFC: {text:?} -> {out:?}");
        let again = sp.say(&out);
        assert_eq!(again, out, "not idempotent on {text:?}");
    }
});
