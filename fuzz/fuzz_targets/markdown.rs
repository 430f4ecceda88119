//! Any Markdown, HTML in it included, rendered as a page body. With the default cleaning, no
//! start tag in the output may be one that runs, frames, embeds or restyles, no attribute may be
//! an event handler or a style beyond column alignment, and no link may run script; rendering
//! twice gives the same bytes and heading ids are unique. The helpers the radio, the search and
//! the link check use on the same text must not panic either, nor the scanner that reads the
//! generated pages' links, even on trusted HTML that may be anything.
#![no_main]

use std::collections::BTreeSet;

use bangtin::markdown::{blocks, links, plain, removed_html, render, RawHtml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|md: &str| {
    let r = render(md, "../../", RawHtml::Sanitise);
    check(&r.html, md);
    assert_eq!(r.html, render(md, "../../", RawHtml::Sanitise).html, "not deterministic");
    let ids: BTreeSet<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), r.toc.len(), "repeated heading id");
    let _ = bangtin::html::attributes(&r.html);
    let trusted = render(md, "", RawHtml::Trust);
    for a in bangtin::html::attributes(&trusted.html) {
        let _ = bangtin::html::decode_entities(&a.value);
    }
    let _ = links(md);
    let _ = plain(md, 160);
    let _ = blocks(md);
    let _ = removed_html(md);
});

const BAD_TAGS: [&str; 14] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "meta",
    "base", "link", "svg",
];

fn check(html: &str, md: &str) {
    for (tag, attrs) in start_tags(html) {
        assert!(!BAD_TAGS.contains(&tag.as_str()), "<{tag}> from {md:?}:\n{html}");
        for (name, value) in attrs {
            assert!(!name.starts_with("on"), "{name}= on <{tag}> from {md:?}:\n{html}");
            if name == "style" {
                assert!(value.starts_with("text-align: "), "style {value:?} from {md:?}:\n{html}");
            }
            if matches!(name.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href" | "srcset" | "poster") {
                let url: String = decode(&value)
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .trim_matches(|c: char| c <= ' ')
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
                    assert!(!url.starts_with(scheme), "{name}={value:?} from {md:?}:\n{html}");
                }
            }
        }
    }
}

/// Start tags with their attributes, read the way a browser tokenises: text `<` is always
/// escaped in our output, so a `<` followed by a letter starts a tag; quoted values may hold `>`.
fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map(|e| i + e + 3).unwrap_or(b.len());
            continue;
        }
        i += 1;
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let tag = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let ns = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'>' | b'=' | b'/') {
                i += 1;
            }
            let name = html[ns..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    i = vs;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    value = html[vs..i.min(b.len())].to_string();
                    i += 1;
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[vs..i].to_string();
                }
            }
            attrs.push((name, value));
        }
        out.push((tag, attrs));
    }
    out
}

/// Character references as a browser decodes them in an attribute, the few that matter here.
fn decode(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|e| *e < 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match name.to_ascii_lowercase().as_str() {
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "colon" => Some(':'),
                    "tab" => Some('\t'),
                    "newline" => Some('\n'),
                    "nbsp" => Some('\u{a0}'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
