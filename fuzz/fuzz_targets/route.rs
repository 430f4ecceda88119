//! The preview's request-target parser on any bytes: whatever it lets through is a path inside
//! the site (no `..`, `.`, empty-leading, backslash, NUL or control character, no drive letter).
#![no_main]

use bangtin::serve::http::{route, Route};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|target: &str| {
    if let Ok(Route::Site(p)) = route(target) {
        assert!(!p.starts_with('/'), "{target:?} -> {p:?}");
        assert!(!p.contains('\\') && !p.chars().any(char::is_control), "{target:?} -> {p:?}");
        for seg in p.split('/') {
            assert!(seg != ".." && seg != ".", "{target:?} -> {p:?}");
        }
        let first = p.split('/').next().unwrap_or("");
        assert!(!(first.len() == 2 && first.ends_with(':')), "{target:?} -> {p:?}");
    }
});
