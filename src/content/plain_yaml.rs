//! A reader for the plain YAML nearly every content file is written in: `key: value` lines, at
//! most one level of nested `key: value` lines under a key, double-quoted strings without
//! escapes, whole numbers, dates, and one-line `[a, b]` and `{ k: v }`. It gives exactly the tree
//! yaml_serde gives, or `None`, and then yaml_serde reads the file (and reports its mistakes).
//!
//! Why: yaml_serde builds its tree through libyaml's events and serde; at 10k pages that was a
//! sixteenth of a build, most of it the weekly reports of 300 units, each a line of numbers.
//! Anything this reader is not sure of is left to yaml_serde: a comment, a tab, a `'`, a `\`,
//! a word YAML could read as something else (`yes`, `null`, `0x1F`, `1e5`), a repeated key.

use serde_yaml::{Mapping, Number, Value};

/// The tree of `text`, when it is plain enough to be read here.
pub fn read(text: &str) -> Option<Value> {
    let mut root = Mapping::new();
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        if is_blank(line) {
            continue;
        }
        let (key, rest) = key_value(line)?;
        let value = if rest.is_empty() {
            let mut nested = Mapping::new();
            let mut indent = None;
            while let Some(&next) = lines.peek() {
                if is_blank(next) {
                    lines.next();
                    continue;
                }
                let n = next.len() - next.trim_start_matches(' ').len();
                if n == 0 {
                    break;
                }
                if *indent.get_or_insert(n) != n {
                    return None;
                }
                let (k, v) = key_value(&next[n..])?;
                if v.is_empty() {
                    return None;
                }
                insert(&mut nested, k, value(v)?)?;
                lines.next();
            }
            match indent {
                Some(_) => Value::Mapping(nested),
                None => Value::Null,
            }
        } else {
            value(rest)?
        };
        insert(&mut root, key, value)?;
    }
    // An empty text is `null` to yaml_serde, not an empty mapping.
    (!root.is_empty()).then_some(Value::Mapping(root))
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ')
}

/// `None` on a repeated key, which yaml_serde refuses.
fn insert(m: &mut Mapping, key: &str, value: Value) -> Option<()> {
    m.insert(Value::String(key.to_string()), value).is_none().then_some(())
}

/// `key: rest` at the start of `line`, the key a [`word`] and `rest` trimmed.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let (key, rest) = (&line[..colon], &line[colon + 1..]);
    if !is_word(key) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim_matches(' ')))
}

/// A value that is the whole rest of a line.
fn value(s: &str) -> Option<Value> {
    match s.as_bytes().first()? {
        b'[' => {
            let mut items = Vec::new();
            let inner = flow_inner(s, b'[', b']')?;
            for item in items_of(inner)? {
                items.push(value(item)?);
            }
            Some(Value::Sequence(items))
        }
        b'{' => {
            let mut m = Mapping::new();
            for item in items_of(flow_inner(s, b'{', b'}')?)? {
                let (k, v) = key_value(item)?;
                insert(&mut m, k, value(v)?)?;
            }
            Some(Value::Mapping(m))
        }
        _ => scalar(s),
    }
}

/// What is between `open` and `close`, which must be the first and last bytes.
fn flow_inner(s: &str, open: u8, close: u8) -> Option<&str> {
    let b = s.as_bytes();
    (b.len() >= 2 && b[0] == open && b[b.len() - 1] == close).then(|| &s[1..s.len() - 1])
}

/// The items of a one-line flow collection, split at commas outside quotes and nested
/// collections (a report's `{ done: 40, of: 90 }`), each trimmed; `[]` has none, and an empty
/// item (`[a, , b]`, `[a,]`) is left to yaml_serde.
fn items_of(inner: &str) -> Option<Vec<&str>> {
    if is_blank(inner) {
        return Some(Vec::new());
    }
    let mut items = Vec::new();
    let (mut start, mut quoted, mut depth) = (0, false, 0u32);
    for (i, b) in inner.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            b',' if depth == 0 => {
                items.push(inner[start..i].trim_matches(' '));
                start = i + 1;
            }
            b'[' | b'{' => depth += 1,
            // Which bracket closes which is checked when the item is read.
            b']' | b'}' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    items.push(inner[start..].trim_matches(' '));
    (!quoted && depth == 0 && items.iter().all(|i| !i.is_empty())).then_some(items)
}

/// One scalar: a double-quoted string, a whole number, a date (and time), or a word.
fn scalar(s: &str) -> Option<Value> {
    if let Some(inner) = flow_inner(s, b'"', b'"') {
        // Escapes, and the quote that would end the string early, are yaml_serde's to read.
        let plain = !inner.contains(['"', '\\']) && inner.chars().all(printable);
        return plain.then(|| Value::String(inner.to_string()));
    }
    let b = s.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        // `0123` and numbers too large for a u64 are yaml_serde's to judge.
        if b.len() > 1 && b[0] == b'0' {
            return None;
        }
        return s.parse::<u64>().ok().map(|n| Value::Number(Number::from(n)));
    }
    (is_date(b) || is_word(s)).then(|| Value::String(s.to_string()))
}

/// What YAML lets a file hold as it stands, less the tab and the byte-order mark, which are
/// yaml_serde's to judge: libyaml refuses a file with any other character.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && c != '\u{feff}'
}

/// `2024-01-05` or `2024-01-05 07:30`: text to YAML's core schema, a date to bangtin.
fn is_date(b: &[u8]) -> bool {
    let shape: &[u8] = match b.len() {
        10 => b"0000-00-00",
        16 => b"0000-00-00 00:00",
        _ => return false,
    };
    b.iter().zip(shape).all(|(c, s)| if *s == b'0' { c.is_ascii_digit() } else { c == s })
}

/// A name or code: ASCII letters, digits, `-` and `_`, starting with a letter, or with a digit
/// when a letter further on makes it no number (`2024-cong-dan-so`); never a word YAML reads as
/// anything but text.
fn is_word(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(&first) = b.first() else { return false };
    if !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_') {
        return false;
    }
    if first.is_ascii_digit() {
        // Not `0x1F`, `0o17`, `0b101`, `1e5` or `1_000`: only a letter no number has.
        let radix = b.len() > 1 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'x' | b'o' | b'b');
        return !radix && !b.contains(&b'_') && b.iter().any(|c| c.is_ascii_alphabetic() && !matches!(c, b'e' | b'E'));
    }
    first.is_ascii_alphabetic()
        && !["null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"]
            .iter()
            .any(|w| s.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml_serde(text: &str) -> Option<Value> {
        serde_yaml::from_str::<Value>(text).ok()
    }

    #[test]
    fn what_it_reads_is_what_yaml_serde_reads() {
        let plain = [
            "title: \"Cài đặt VNeID (bài 1)\"\ndate: 2021-01-01\nplan: 2024-cong-dan-so\n",
            "starts: 2025-01-23 07:30\nstatus: tentative\nattendees: [\"Trưởng khu phố\", \"Tổ, nhóm\"]\nindicators: [cccd]\norder: 1\n",
            "date: 2024-01-05\nvalues:\n  kp001: { cccd: 19, vneid: 15, dich-vu-cong: 0 }\n\n  kp002: {}\n",
            "empty: []\nnothing:\nnext: x_y\n",
            "a: [ a , b ]\nb: { k: \"v, w\" }\nc: 18446744073709551615\n",
            "values:\n  ward: { ho-so: { done: 40, of: 90 }, kenh-zalo: not-done, l: [[a], {}] }\n",
            "a: { k: {a: 1} }\n",
            "values:\n    kp1: { cccd: 1 }\n    kp2: { cccd: 2 }\nsource: \"\"\n",
        ];
        for text in plain {
            let got = read(text);
            assert!(got.is_some(), "{text}");
            assert_eq!(got, yaml_serde(text), "{text}");
        }
        // Each is read by yaml_serde as something else than the words say, or refused by it,
        // or just not plain: left to it.
        let not = [
            "",
            "a: yes\n",
            "a: Null\n",
            "a: 0x1F\n",
            "a: 1e5\n",
            "a: 12e\n",
            "a: 0b1a\n",
            "a: 0o7z\n",
            "a: 1_000\n",
            "a: 0123\n",
            "a: 18446744073709551616\n",
            "a: -5\n",
            "a: 1.5\n",
            "a: x # ghi chú\n",
            "# ghi chú\na: x\n",
            "a: x\na: y\n",
            "a: { k: 1, k: 2 }\n",
            "a: \"x\\\"y\"\n",
            "a: \"x\" y\"\n",
            "a: 'x'\n",
            "a: \"x\u{1}y\"\n",
            "a: \"x\u{7f}\"\n",
            "a: \"\u{feff}x\"\n",
            "a:\tx\n",
            "a: [x, [y}]\n",
            "a: [x, {y]}\n",
            "a: [x, ]]\n",
            "a: [x,]\n",
            "a: [x\n",
            "a: \"Công an\nphường\"\n",
            "values:\n  kp1:\n    cccd: 1\n",
            "values:\n  kp1: 1\n   kp2: 2\n",
            "- a\n- b\n",
            "a: b: c\n",
            "1: x\n",
            "a: ~\n",
            "a: done xong\n",
            "a: đã xong\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
        ];
        for text in not {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn every_yaml_of_the_example_site_reads_the_same() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut read_here = 0;
        for e in walkdir::WalkDir::new(&root).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
            let yaml = match e.path().extension().and_then(|x| x.to_str()) {
                Some("yaml") => text,
                Some("md") => match text.strip_prefix("---\n").and_then(|t| t.split_once("\n---\n")) {
                    Some((front, _)) => format!("{front}\n"),
                    None => continue,
                },
                _ => continue,
            };
            if let Some(v) = read(&yaml) {
                read_here += 1;
                assert_eq!(Some(v), yaml_serde(&yaml), "{}", e.path().display());
            }
        }
        assert!(read_here >= 10, "most of the example's files are plain: {read_here}");
    }
}
