//! Search for `/tim-kiem/`: what residents can find (guides, events, news, plans), folded so
//! "kich hoat dinh danh" finds "Kích hoạt định danh", and the ranking the page's small script
//! applies ([`rank`], the reference the tests check; the script,
//! `themes/default/static/tim-kiem.js`, follows it). [`index`] writes the index as files a
//! query fetches only a few of; [`words`] reads a body's words.
//!
//! No search library: the ones for static sites (lunr, elasticlunr, Pagefind) either fold no
//! Vietnamese diacritics and no "đ", or bring a WebAssembly runtime heavier than a whole guide
//! page. Pagefind's idea is taken: the index cut by the words' first letters, so one query on a
//! 10,000-page site fetches tens of kilobytes, not the 14.7 MB the whole index was.

pub mod index;
mod words;

use serde::Serialize;

use crate::content::model::Site;
use crate::markdown;
use crate::paths;
use crate::text::fold;
use words::body_words;

/// What each kind of document is called in a result, in the order of [`sources`].
pub const KINDS: [&str; 4] = ["Hướng dẫn", "Lịch", "Tin tức", "Kế hoạch"];

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
    let (ft, fs) = (fold(t), fold(&s));
    let fx = body_words(body, &ft, &fs);
    Doc { u, k, ft, fs, fx, t: t.to_string(), s }
}

/// What a document of the index is made from.
enum Source<'a> {
    Guide(&'a crate::content::model::Guide),
    Event(&'a crate::content::model::Event),
    News(&'a crate::content::model::News),
    Plan(&'a crate::content::model::Plan),
}

/// Guides first (what residents come for), each kind in site order.
fn sources(site: &Site) -> Vec<Source<'_>> {
    let guides = site.guides.iter().map(Source::Guide);
    let events = site.events.iter().map(Source::Event);
    let news = site.news.iter().map(Source::News);
    guides.chain(events).chain(news).chain(site.plans.iter().map(Source::Plan)).collect()
}

impl Source<'_> {
    fn doc(&self) -> Doc {
        match self {
            Source::Guide(g) => doc(paths::guide(&g.slug), KINDS[0], &g.title, g.summary.clone(), &g.body),
            Source::Event(e) => {
                let s = [e.when_text.clone(), e.location.clone()].into_iter().flatten().collect::<Vec<_>>().join(" — ");
                let s = if s.is_empty() { markdown::plain(&e.body, SNIPPET_CHARS) } else { s };
                doc(paths::event(&e.slug), KINDS[1], &e.title, s, &e.body)
            }
            Source::News(n) => {
                let s = n.summary.clone().unwrap_or_else(|| markdown::plain(&n.body, SNIPPET_CHARS));
                doc(paths::news(&n.slug), KINDS[2], &n.title, s, &n.body)
            }
            Source::Plan(p) => {
                let s = p.summary.clone().unwrap_or_else(|| markdown::plain(&p.body, SNIPPET_CHARS));
                let title = match &p.number {
                    Some(n) => format!("{} (số {n})", p.title),
                    None => p.title.clone(),
                };
                doc(paths::plan(&p.slug), KINDS[3], &title, s, &p.body)
            }
        }
    }
}

/// Every searchable document, guides first (what residents come for), each kind in site order.
pub fn index(site: &Site) -> Vec<Doc> {
    sources(site).iter().map(Source::doc).collect()
}

/// The index of every searchable document, guides first; with `keep`, ready for a preview's
/// [`index::Index::replace`]. One document is folded at a time and only its words are kept: a
/// province's documents, folded whole, were tens of megabytes.
pub fn build(site: &Site, keep: bool) -> index::Index {
    index::Index::new(sources(site).iter().map(Source::doc), keep)
}

/// A guide's document of the index.
pub fn guide_doc(g: &crate::content::model::Guide) -> Doc {
    Source::Guide(g).doc()
}

/// An event's document of the index.
pub fn event_doc(e: &crate::content::model::Event) -> Doc {
    Source::Event(e).doc()
}

/// A news item's document of the index.
pub fn news_doc(n: &crate::content::model::News) -> Doc {
    Source::News(n).doc()
}

/// A JSON string literal that is also safe inside a `<script>` element and in a `.js` file.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_json_string(s, &mut out);
    out
}

/// The bytes [`push_json_string`] looks at: `"`, `\\`, `<`, controls, and the first byte of
/// U+2028 and U+2029.
static JSON_ATTENTION: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 0x20 || matches!(b as u8, b'"' | b'\\' | b'<' | 0xE2);
        b += 1;
    }
    t
};

fn push_json_string(s: &str, out: &mut String) {
    out.push('"');
    // Byte by byte, runs that need no escape copied whole: every character escaped is ASCII
    // but U+2028 and U+2029 (E2 80 A8, E2 80 A9), and the index is megabytes of text.
    let b = s.as_bytes();
    let (mut plain, mut i) = (0, 0);
    loop {
        // The bytes that may need an escape, looked up: the match alone was a dozen compares.
        while b.get(i).is_some_and(|&c| !JSON_ATTENTION[usize::from(c)]) {
            i += 1;
        }
        let Some(&c) = b.get(i) else { break };
        let (esc, n) = match c {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b'\n' => ("\\n", 1),
            b'\r' => ("\\r", 1),
            b'\t' => ("\\t", 1),
            b'<' => ("\\u003c", 1),
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0xA8]) => ("\\u2028", 3),
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0xA9]) => ("\\u2029", 3),
            ..0x20 => ("", 1),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[plain..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{c:04x}"));
        } else {
            out.push_str(esc);
        }
        i += n;
        plain = i;
    }
    out.push_str(&s[plain..]);
    out.push('"');
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
/// then snippet, then body; the query's words starting words of the title one after another
/// (a phrase, "dang ky thuong tru" in "Đăng ký thường trú") above all. A title's words past the
/// 63rd all count as the 63rd, as the index keeps them.
pub fn score(d: &Doc, terms: &[String]) -> Option<u32> {
    score_in(d, terms, &|_| false)
}

/// [`score`], where a query word `wild` says the index answers with a node (the first letters
/// of many words, `index`) stands anywhere in a phrase: the index keeps no positions for it.
pub fn score_in(d: &Doc, terms: &[String], wild: &dyn Fn(&str) -> bool) -> Option<u32> {
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
    if terms.len() > 1 && total == 10 * terms.len() as u32 && phrase_in_title(&d.ft, terms, wild) {
        total += 20;
    }
    Some(total)
}

/// Whether the terms start words of the title `ft` one after another, a `wild` term any word.
fn phrase_in_title(ft: &str, terms: &[String], wild: &dyn Fn(&str) -> bool) -> bool {
    let words: Vec<(usize, &str)> =
        index::title_words(ft).enumerate().map(|(i, w)| (i.min(index::LAST_POSITION), w)).collect();
    let at = |p: usize, t: &str| words.iter().any(|&(i, w)| i == p && w.starts_with(t));
    let Some(anchor) = terms.iter().position(|t| !wild(t)) else { return true };
    words
        .iter()
        .filter(|&&(p, w)| p >= anchor && w.starts_with(terms[anchor].as_str()))
        .any(|&(p, _)| terms.iter().enumerate().all(|(j, t)| wild(t) || at(p - anchor + j, t)))
}

/// Matching documents, best first; equal scores keep index order (guides first).
pub fn rank<'a>(docs: &'a [Doc], query: &str) -> Vec<&'a Doc> {
    rank_in(docs, query, &|_| false)
}

/// [`rank`] with the `wild` words of [`score_in`].
pub fn rank_in<'a>(docs: &'a [Doc], query: &str, wild: &dyn Fn(&str) -> bool) -> Vec<&'a Doc> {
    let terms = terms(query);
    let mut hits: Vec<(u32, usize, &Doc)> =
        docs.iter().enumerate().filter_map(|(i, d)| score_in(d, &terms, wild).map(|s| (s, i, d))).collect();
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
    fn a_phrase_is_words_of_the_title_one_after_another() {
        let docs = [
            d("Thường trú: hướng dẫn đăng ký", "", ""),
            d("Đăng ký thường trú", "", ""),
            d("Đăng ký tạm trú, thường trú", "", ""),
        ];
        let got: Vec<&str> = rank(&docs, "dang ky thuong tru").iter().map(|d| d.t.as_str()).collect();
        assert_eq!(got, ["Đăng ký thường trú", "Thường trú: hướng dẫn đăng ký", "Đăng ký tạm trú, thường trú"]);
        // Punctuation between the words does not break a phrase; each word may be begun only.
        assert_eq!(rank(&docs, "tru huong")[0].t, "Thường trú: hướng dẫn đăng ký");
        assert_eq!(score(&docs[1], &terms("dan ky thu")), Some(50));
        assert_eq!(score(&docs[1], &terms("ky dang")), Some(20));
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
    fn body_words_are_kept_once_and_rank_as_the_whole_text() {
        let body = "Mang theo thẻ căn cước. Thẻ căn cước gắn chip; mang điện thoại có VNeID và thẻ.";
        let compact = doc("a/".into(), "Hướng dẫn", "Kích hoạt VNeID", "Tại bộ phận một cửa".into(), body);
        assert_eq!(compact.fx, "mang theo the can cuoc gan chip dien thoai co va");
        let whole = Doc { fx: fold(&markdown::plain(body, BODY_CHARS)), ..compact.clone() };
        for q in ["the can cuoc", "vneid", "chi", "dien thoai mang", "mot cua", "hoat", "cuo", "xyz", "ca"] {
            let t = terms(q);
            assert_eq!(score(&compact, &t), score(&whole, &t), "{q}");
        }
    }

    /// The body words as they were first written: the plain text, folded, split and kept once.
    fn words_of_the_whole_text(body: &str, title: &str, snippet: &str) -> String {
        let is_sep = |c: char| !c.is_alphanumeric();
        let mut seen: std::collections::HashSet<&str> = title.split(is_sep).chain(snippet.split(is_sep)).collect();
        let text = fold(&markdown::plain(body, BODY_CHARS));
        let words: Vec<&str> = text.split(is_sep).filter(|w| !w.is_empty() && seen.insert(w)).collect();
        words.join(" ")
    }

    #[test]
    fn body_words_are_the_words_of_the_folded_plain_text() {
        let mut bodies = markdown::example_files();
        assert!(bodies.len() >= 5, "the example site's Markdown");
        let para = "Người dân mang **thẻ căn cước** gắn chip đến bộ phận một cửa; `VNeID` mức 2. ";
        bodies.extend([
            // Cut inside a word, at a space, and past the prefix a long body is read from.
            "chữ ".repeat(749) + "nghiêng dài",
            "ab ".repeat(1000) + "cuối",
            format!("{}\n\n", para.repeat(30)).repeat(8),
            format!("[Cổng][dvc] {}\n\n[dvc]: https://dichvucong.gov.vn\n", para.repeat(200)),
            // Words of exactly 8 and 9 bytes, whitespace that is not ASCII, and characters
            // that fold to several (Hangul syllables to jamo, "İ" to "i" and a mark) or to none.
            "abcdefgh abcdefghi abcdefgh abcdefghi 12345678 123456789".to_string(),
            // A character of two bytes across the eighth: the word is long from its start.
            "abcdefgΩ abcdefgω abcdefΩ abcdefω ΩΩΩΩ ωωωωx ωωωω".to_string(),
            "một\u{a0}hai\u{2003}ba\u{3000}bốn\u{85}năm – “sáu” …bảy".to_string(),
            "한국어 İstanbul ǅemal e\u{301} Ω ﬁ ⅷ x\u{200b}y".to_string(),
            // Four bytes: a letter outside the first plane, and a symbol.
            "x😀y 𝔸bc 𝔸𝔸 ab𝔸cdefgh".to_string(),
            "- một\n- hai\n\n> trích\n\n| a | b |\n|---|---|\n| c | d |\n\n## Bước 1\n".to_string(),
        ]);
        for body in &bodies {
            for (t, s) in [("", ""), ("kich hoat vneid", "mang the can cuoc"), ("chu", "ab")] {
                assert_eq!(body_words(body, t, s), words_of_the_whole_text(body, t, s), "{body}");
            }
        }
    }

    #[test]
    fn json_is_safe_in_a_script() {
        assert_eq!(json_string("a\"b</script>\n"), "\"a\\\"b\\u003c/script>\\n\"");
        assert_eq!(json_string("\u{1}x\\\u{2028}ệ\t"), "\"\\u0001x\\\\\\u2028ệ\\t\"");
        // Other characters whose first byte is that of U+2028 are left as they are.
        assert_eq!(json_string("–\u{2029}…\u{1f}‰"), "\"–\\u2029…\\u001f‰\"");
    }
}
