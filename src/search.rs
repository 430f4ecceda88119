//! The search index for `/tim-kiem/`: what residents can find (guides, events, news, plans),
//! folded so "kich hoat dinh danh" finds "Kích hoạt định danh", and the ranking the page's
//! small script applies. The ranking lives here too, as the reference the tests check; the
//! script (`themes/default/static/tim-kiem.js`) follows it line for line.
//!
//! No search library: the ones for static sites (lunr, elasticlunr, Pagefind) either fold no
//! Vietnamese diacritics and no "đ", or bring a WebAssembly runtime heavier than a whole guide
//! page. Residents search a few hundred documents at most; a scan of folded text is instant.

use serde::Serialize;

use crate::content::model::Site;
use crate::render::markdown;
use crate::text::fold;

/// How much of a body is searched: the opening of a long plan is what people look for, and
/// the index stays small on a slow connection.
const BODY_CHARS: usize = 3000;
const SNIPPET_CHARS: usize = 160;

#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// Path under the site root.
    pub u: String,
    /// What it is: "Hướng dẫn", "Lịch", "Tin tức", "Kế hoạch".
    pub k: &'static str,
    /// Title as written.
    pub t: String,
    /// Snippet as written.
    pub s: String,
    /// Title, snippet and body, folded.
    pub ft: String,
    pub fs: String,
    pub fx: String,
}

fn doc(u: String, k: &'static str, t: &str, s: String, body: &str) -> Doc {
    let body = markdown::plain(body, BODY_CHARS);
    Doc { u, k, ft: fold(t), fs: fold(&s), fx: fold(&body), t: t.to_string(), s }
}

/// Every searchable document, guides first (what residents come for), each kind in site order.
pub fn index(site: &Site) -> Vec<Doc> {
    let mut docs = Vec::new();
    for g in &site.guides {
        docs.push(doc(format!("huong-dan/{}/", g.slug), "Hướng dẫn", &g.title, g.summary.clone(), &g.body));
    }
    for e in &site.events {
        let s = [e.when_text.clone(), e.location.clone()].into_iter().flatten().collect::<Vec<_>>().join(" — ");
        let s = if s.is_empty() { markdown::plain(&e.body, SNIPPET_CHARS) } else { s };
        docs.push(doc(format!("lich/{}/", e.slug), "Lịch", &e.title, s, &e.body));
    }
    for n in &site.news {
        let s = n.summary.clone().unwrap_or_else(|| markdown::plain(&n.body, SNIPPET_CHARS));
        docs.push(doc(format!("tin-tuc/{}/", n.slug), "Tin tức", &n.title, s, &n.body));
    }
    for p in &site.plans {
        let s = p.summary.clone().unwrap_or_else(|| markdown::plain(&p.body, SNIPPET_CHARS));
        let title = match &p.number {
            Some(n) => format!("{} (số {n})", p.title),
            None => p.title.clone(),
        };
        docs.push(doc(format!("ke-hoach/{}/", p.slug), "Kế hoạch", &title, s, &p.body));
    }
    docs
}

/// The index as a script that sets one global: it loads from `file://` too (a page saved to a
/// phone), where `fetch` of a JSON file is refused.
pub fn script(docs: &[Doc]) -> String {
    let json = docs_json(docs);
    format!("window.BANGTIN_TIM_KIEM={json};\n")
}

fn docs_json(docs: &[Doc]) -> String {
    // Every field is a plain string: no JSON crate needed for seven keys.
    let mut out = String::from("[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        for (j, (k, v)) in [
            ("u", &d.u),
            ("k", &d.k.to_string()),
            ("t", &d.t),
            ("s", &d.s),
            ("ft", &d.ft),
            ("fs", &d.fs),
            ("fx", &d.fx),
        ]
        .into_iter()
        .enumerate()
        {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&format!("\"{k}\":{}", json_string(v)));
        }
        out.push('}');
    }
    out.push(']');
    out
}

/// A JSON string literal that is also safe inside a `<script>` element and in a `.js` file.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Query words, folded: "Kích hoạt  ĐỊNH danh" → ["kich", "hoat", "dinh", "danh"].
pub fn terms(query: &str) -> Vec<String> {
    fold(query).split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

/// Whether `term` starts a word in `text` ("hoat" in "kich hoat", not in "choat").
fn word_start(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(i, _)| text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

/// A document's score for the query; `None` when a word is found nowhere in it. Title first,
/// then snippet, then body; a whole-phrase match in the title above all.
pub fn score(d: &Doc, terms: &[String]) -> Option<u32> {
    if terms.is_empty() {
        return None;
    }
    let mut total = 0;
    for t in terms {
        let s = if word_start(&d.ft, t) {
            10
        } else if word_start(&d.fs, t) {
            4
        } else if word_start(&d.fx, t) {
            1
        } else {
            return None;
        };
        total += s;
    }
    if terms.len() > 1 && d.ft.contains(&terms.join(" ")) {
        total += 20;
    }
    Some(total)
}

/// Matching documents, best first; equal scores keep index order (guides first).
pub fn rank<'a>(docs: &'a [Doc], query: &str) -> Vec<&'a Doc> {
    let terms = terms(query);
    let mut hits: Vec<(u32, usize, &Doc)> =
        docs.iter().enumerate().filter_map(|(i, d)| score(d, &terms).map(|s| (s, i, d))).collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, _, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(t: &str, s: &str, x: &str) -> Doc {
        Doc { u: String::new(), k: "Hướng dẫn", t: t.into(), s: s.into(), ft: fold(t), fs: fold(s), fx: fold(x) }
    }

    #[test]
    fn folding_finds_without_diacritics() {
        assert_eq!(terms("Kích hoạt  ĐỊNH danh"), ["kich", "hoat", "dinh", "danh"]);
        let docs = [d("Kích hoạt tài khoản định danh điện tử", "", ""), d("Đăng ký thường trú", "", "")];
        assert_eq!(rank(&docs, "kich hoat dinh danh").len(), 1);
        assert_eq!(rank(&docs, "dang ky").len(), 1);
        assert_eq!(rank(&docs, "đăng KÝ")[0].t, "Đăng ký thường trú");
        assert!(rank(&docs, "").is_empty());
        assert!(rank(&docs, "xyz").is_empty());
    }

    #[test]
    fn title_beats_snippet_beats_body() {
        let docs = [
            d("Lịch trực", "", "cài đặt VNeID tại nhà văn hóa"),
            d("Thẻ CCCD", "Sau khi có thẻ, cài VNeID", ""),
            d("Cài đặt VNeID", "", ""),
        ];
        let got: Vec<&str> = rank(&docs, "vneid").iter().map(|d| d.t.as_str()).collect();
        assert_eq!(got, ["Cài đặt VNeID", "Thẻ CCCD", "Lịch trực"]);
    }

    #[test]
    fn words_match_from_their_start() {
        let docs = [d("Khoá học", "", ""), d("Hoạt động", "", "")];
        let got: Vec<&str> = rank(&docs, "hoa").iter().map(|d| d.t.as_str()).collect();
        assert_eq!(got, ["Hoạt động"], "\"hoa\" starts \"hoat\", not the end of \"khoa\"");
    }

    #[test]
    fn json_is_safe_in_a_script() {
        assert_eq!(json_string("a\"b</script>\n"), "\"a\\\"b\\u003c/script>\\n\"");
    }
}
