//! Reads the attributes of the HTML bangtin itself generates: start tags with their attributes
//! and lines, skipping comments, doctypes, end tags and the raw text of `script` and `style`.
//! Not a general HTML parser: our templates and pulldown-cmark write well-formed markup, and a
//! full parser would be a large dependency for a check that only needs `href`, `src` and `id`.

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    /// Tag name, lower case.
    pub tag: String,
    /// Attribute name, lower case.
    pub name: String,
    /// Value with character references decoded.
    pub value: String,
    /// 1-based line of the tag's `<`.
    pub line: usize,
}

/// Every attribute of every start tag in `html`, in document order (for tests and tools; the
/// link check uses [`scan`], which allocates nothing).
pub fn attributes(html: &str) -> Vec<Attr> {
    let mut out = Vec::new();
    let mut lines = crate::text::Lines::new(html);
    scan(html, |tag, name, raw, at| {
        out.push(Attr {
            tag: tag.to_ascii_lowercase(),
            name: name.to_ascii_lowercase(),
            value: decode_entities(raw).into_owned(),
            line: lines.at(at) + 1,
        })
    });
    out
}

/// Calls `f(tag, name, raw value, at)` for every attribute of every start tag, in document
/// order: names as written (compare them ignoring ASCII case), values with their character
/// references still in them, `at` the byte offset of the tag's `<` (`text::Lines` makes it a line).
/// Nothing is allocated and no line counted, so a caller that wants a few attributes of a large
/// site pays only for those.
pub fn scan<'h>(html: &'h str, mut f: impl FnMut(&'h str, &'h str, &'h str, usize)) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map(|e| start + e + 3).unwrap_or(b.len());
            continue;
        }
        if rest.starts_with("</") || rest.starts_with("<!") || rest.starts_with("<?") {
            // A few bytes on, in an end tag: a plain loop, where a searcher's setup cost more
            // than the search on every end tag of the site.
            i = b[start..].iter().position(|c| *c == b'>').map(|e| start + e + 1).unwrap_or(b.len());
            continue;
        }
        let name_len = rest[1..].bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':').count();
        if name_len == 0 || !rest.as_bytes()[1].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let tag = &rest[1..1 + name_len];

        let mut j = start + 1 + name_len;
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let name_start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let name = &html[name_start..j];
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = "";
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v_start = j + 1;
                    let v_end = memchr::memchr(q, &b[v_start..]).map(|e| v_start + e).unwrap_or(b.len());
                    value = &html[v_start..v_end];
                    j = (v_end + 1).min(b.len());
                } else {
                    let v_start = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = &html[v_start..j];
                }
            }
            if !name.is_empty() {
                f(tag, name, value, start);
            }
        }
        i = j.min(b.len());
        // Their text is not markup: a `<` in a script is not a tag.
        if tag.eq_ignore_ascii_case("script") || tag.eq_ignore_ascii_case("style") {
            i = find_close(b, i, tag.as_bytes()).unwrap_or(b.len());
        }
    }
}

/// Where `</tag` starts at or after `from`, the tag's letters in any case.
fn find_close(b: &[u8], from: usize, tag: &[u8]) -> Option<usize> {
    let mut k = from;
    while let Some(off) = b.get(k..)?.windows(2).position(|w| w == b"</") {
        let at = k + off;
        let name = b.get(at + 2..at + 2 + tag.len())?;
        if name.eq_ignore_ascii_case(tag) {
            return Some(at);
        }
        k = at + 2;
    }
    None
}

/// Character references as browsers read them in attribute values, for the ones our output uses.
pub fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Bytes, not a string slice: twelve bytes in may fall inside a Vietnamese letter.
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<(String, String, String, usize)> {
        attributes(html).into_iter().map(|a| (a.tag, a.name, a.value, a.line)).collect()
    }

    #[test]
    fn an_entity_before_vietnamese_text_is_not_cut_inside_a_letter() {
        // Any title with “>” before a Vietnamese word made every build panic here.
        assert_eq!(decode_entities("&gt;: Người trưởng thành"), ">: Người trưởng thành");
        assert_eq!(decode_entities("&Người;"), "&Người;");
        assert_eq!(decode_entities("a&amp"), "a&amp");
    }

    #[test]
    fn reads_quoted_unquoted_and_bare_attributes_with_lines() {
        let got = names("<!DOCTYPE html>\n<a href=\"/x/?a=1&amp;b=2\" class=b>t</a>\n<img\n src='p.png' alt>\n");
        assert_eq!(
            got,
            vec![
                ("a".into(), "href".into(), "/x/?a=1&b=2".into(), 2),
                ("a".into(), "class".into(), "b".into(), 2),
                ("img".into(), "src".into(), "p.png".into(), 3),
                ("img".into(), "alt".into(), "".into(), 3),
            ]
        );
    }

    #[test]
    fn skips_comments_scripts_and_text() {
        let got = names("<!-- <a href=\"no\"> -->a < b<script>if (a<b) x='<a href=\"no\">'</script><p id=\"yes\">");
        assert_eq!(got, vec![("p".into(), "id".into(), "yes".into(), 1)]);
    }

    #[test]
    fn script_ends_at_its_close_in_any_case() {
        let got = names("<SCRIPT>x='<a href=\"no\">'</ScRiPt><i id=\"y\"><style>a<b</style><b id=z>");
        assert_eq!(got, vec![("i".into(), "id".into(), "y".into(), 1), ("b".into(), "id".into(), "z".into(), 1)]);
    }

    #[test]
    fn decodes_numeric_references() {
        assert_eq!(decode_entities("a&#39;b&#x2F;c&nbsp;&"), "a'b/c&nbsp;&");
    }
}
