//! Where each field of a YAML text sits, by the dotted paths messages use (`values.kp1.cccd`,
//! `indicators[2].target`).
//!
//! The YAML tree we read values from carries no positions, so messages would otherwise guess by
//! scanning text, which goes wrong on nested keys of the same name, comments and flow maps. This
//! walks a real YAML event stream once and remembers where every key and list item starts. It only
//! runs when a file has something to report.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Position of every key (the key's own text) and list item, 1-based line, 1-based column.
#[derive(Debug, Default)]
pub struct Positions {
    at: HashMap<String, (usize, usize)>,
    /// Where a key appears a second time in the same mapping.
    repeats: Vec<(usize, usize)>,
    /// Values written as hexadecimal, octal or binary numbers (`0x96`, `0o150`), which YAML reads
    /// as numbers nobody meant: their path, position and text.
    pub radix: Vec<(String, (usize, usize), String)>,
}

/// `0x96`, `-0o17`, `0b101`: a plain scalar the YAML reader turns into a number that is not what
/// it shows. Exactly the forms it reads as numbers: lower-case prefix, digits of the base, no
/// `_` (`0X1F` and `0b1_0` stay text, and must not be refused).
fn is_radix_number(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits = |radix: u32, rest: &str| !rest.is_empty() && rest.chars().all(|c| c.is_digit(radix));
    match t.get(..2) {
        Some("0x") => digits(16, &t[2..]),
        Some("0o") => digits(8, &t[2..]),
        Some("0b") => digits(2, &t[2..]),
        _ => false,
    }
}

enum Frame {
    Map { path: String, key: Option<String>, expecting_key: bool },
    Seq { path: String, next: usize },
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl Positions {
    /// Indexes `yaml`; on a syntax error keeps what came before it.
    pub fn of(yaml: &str) -> Positions {
        let mut at = HashMap::new();
        let mut repeats = Vec::new();
        let mut radix = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let pos = |s: &Span| (s.start.line(), s.start.col() + 1);
        for item in Parser::new_from_str(yaml) {
            let Ok((event, span)) = item else { break };
            let is_node = matches!(
                event,
                Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..) | Event::Alias(..)
            );
            let mut node_path = None;
            if is_node {
                match stack.last_mut() {
                    None => node_path = Some(String::new()),
                    Some(Frame::Map { path, key, expecting_key }) => {
                        if *expecting_key {
                            *expecting_key = false;
                            *key = match &event {
                                Event::Scalar(text, ..) => {
                                    let p = join(path, text);
                                    // The first occurrence wins; a repeated key is its own error.
                                    if at.contains_key(&p) {
                                        repeats.push(pos(&span));
                                    } else {
                                        at.insert(p.clone(), pos(&span));
                                    }
                                    Some(p)
                                }
                                _ => None,
                            };
                            // A complex key's own contents are not addressable.
                            if !matches!(event, Event::Scalar(..)) {
                                node_path = Some(String::from("\u{0}"));
                            }
                        } else {
                            *expecting_key = true;
                            node_path = Some(key.take().unwrap_or_else(|| String::from("\u{0}")));
                        }
                    }
                    Some(Frame::Seq { path, next }) => {
                        let p = format!("{path}[{next}]");
                        *next += 1;
                        at.entry(p.clone()).or_insert(pos(&span));
                        node_path = Some(p);
                    }
                }
            }
            // A tag (`!!str 0x96`) says what the value is; only an untagged plain scalar is guessed.
            if let (Event::Scalar(text, ScalarStyle::Plain, _, None), Some(p)) = (&event, &node_path) {
                if is_radix_number(text) {
                    radix.push((p.clone(), pos(&span), text.to_string()));
                }
            }
            match event {
                Event::MappingStart(..) => {
                    stack.push(Frame::Map { path: node_path.unwrap_or_default(), key: None, expecting_key: true })
                }
                Event::SequenceStart(..) => stack.push(Frame::Seq { path: node_path.unwrap_or_default(), next: 0 }),
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        Positions { at, repeats, radix }
    }

    /// The first key written twice in one mapping.
    pub fn first_repeat(&self) -> Option<(usize, usize)> {
        self.repeats.first().copied()
    }

    /// The field's position, or its closest enclosing field's: a missing `indicators[2].deadline`
    /// points at `indicators[2]`.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
        let mut p = path;
        loop {
            if let Some(&hit) = self.at.get(p) {
                return Some(hit);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
            if p.is_empty() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_other_bases_are_found_where_they_stand() {
        let p = Positions::of(
            "target: 0x96\nvalues:\n  kp1: { cccd: 0o150, vneid: \"0x10\", ma: 0b2 }\n  kp2: [-0b101, 0150, 0X1F, 0b1_0]\ntitle: !!str 0x96\n",
        );
        let found: Vec<(&str, (usize, usize), &str)> =
            p.radix.iter().map(|(path, at, text)| (path.as_str(), *at, text.as_str())).collect();
        assert_eq!(
            found,
            [("target", (1, 9), "0x96"), ("values.kp1.cccd", (3, 16), "0o150"), ("values.kp2[0]", (4, 9), "-0b101")]
        );
        // What is flagged is exactly what the YAML reader makes a number of, and nothing else.
        for text in ["0x96", "0o150", "-0b101", "0X1F", "0b1_0", "0O17", "0x", "0xZZ", "+0x1f", "0b2"] {
            let number = matches!(serde_yaml::from_str::<serde_yaml::Value>(text), Ok(serde_yaml::Value::Number(_)));
            assert_eq!(is_radix_number(text), number, "{text}");
        }
    }

    #[test]
    fn keys_items_and_flow_maps() {
        let p = Positions::of(
            "date: 2023-06-14\nvalues:\n  tan-phu: { dinh-danh-2: 186 }\n  tan-my:\n    dinh-danh-2: 9\n",
        );
        assert_eq!(p.find("values.tan-my.dinh-danh-2"), Some((5, 5)));
        assert_eq!(p.find("values.tan-phu.dinh-danh-2"), Some((3, 14)));
        assert_eq!(p.find("values.tan-phu.missing"), Some((3, 3)));
        let p = Positions::of("indicators:\n  - id: a\n    name: x\n  - id: b\n    target: 5\n");
        assert_eq!(p.find("indicators[1].target"), Some((5, 5)));
        assert_eq!(p.find("indicators[1]"), Some((4, 5)));
        assert_eq!(p.find("indicators[1].deadline"), Some((4, 5)));
    }

    #[test]
    fn a_nested_key_of_the_same_name_is_not_the_top_one() {
        let yaml = "# title: in a comment\nsigned_by:\n  title: Chủ tịch\ntitle: Kế hoạch\n";
        let p = Positions::of(yaml);
        assert_eq!(p.find("title"), Some((4, 1)));
        assert_eq!(p.find("signed_by.title"), Some((3, 3)));
    }

    #[test]
    fn numeric_keys_are_addressed_as_written() {
        let p = Positions::of("values:\n  1: { cccd: 3 }\n");
        assert_eq!(p.find("values.1.cccd"), Some((2, 8)));
    }

    #[test]
    fn broken_yaml_keeps_what_came_before() {
        let p = Positions::of("a: 1\nb: [\n");
        assert_eq!(p.find("a"), Some((1, 1)));
    }
}
