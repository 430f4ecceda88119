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
use crate::markdown;
use crate::paths;
use crate::text::fold;

/// Where the index script is written, under the site root.
pub const PATH: &str = crate::paths::SEARCH_INDEX;

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

/// The body as the search uses it: the words of its plain text cut at [`BODY_CHARS`], folded,
/// each once in order of first use, leaving out words of the (folded) title and snippet. A body
/// word only ever decides whether a query word starts some word of the body, so this finds and
/// ranks exactly as the whole text would, and a page of Vietnamese (a few hundred distinct
/// syllables among thousands) costs a third of the bytes.
///
/// What `fold(markdown::plain(body, BODY_CHARS))` split into words would give, in one pass over
/// the Markdown's text: the search index reads every body of the site, and the plain text, its
/// folding and the words hashed as strings were each written out in full, a sixth of a build.
fn body_words(body: &str, title: &str, snippet: &str) -> String {
    markdown::plain_prefix(body, BODY_CHARS, |md| {
        let mut w = BodyWords::new(md.len(), title, snippet);
        markdown::plain_pieces(md, |piece| w.take(piece));
        let full = w.full;
        (w.finish(), full)
    })
}

/// The words seen so far: those of up to 8 bytes (every Vietnamese syllable, folded) packed in a
/// `u64` in a table of their own, the longer ones as strings. A page's few hundred distinct
/// words are looked up thousands of times; a general hash set of numbers was a third of the
/// index's time.
struct Seen {
    /// Open addressing, a power of two long; 0 is an empty slot (no word packs to 0).
    short: Vec<u64>,
    count: usize,
    long: foldhash::HashSet<String>,
}

impl Seen {
    fn with_room(words: usize) -> Seen {
        Seen { short: vec![0; (words * 2).next_power_of_two().max(64)], count: 0, long: Default::default() }
    }

    /// Whether `w` is new. A word has no NUL (not alphanumeric), so zero padding keeps words
    /// of different lengths apart.
    fn insert(&mut self, w: &str) -> bool {
        match w.len() {
            0 => false,
            1..=8 => {
                // Byte by byte: a copy of a length known only now is a call to `memcpy`, which
                // was a quarter of this on millions of words.
                let k = w.bytes().rev().fold(0u64, |k, b| (k << 8) | u64::from(b));
                self.insert_short(k)
            }
            _ => self.insert_long(w),
        }
    }

    /// [`Seen::insert`] of a word longer than 8 bytes.
    fn insert_long(&mut self, w: &str) -> bool {
        !self.long.contains(w) && self.long.insert(w.to_string())
    }

    #[inline]
    fn insert_short(&mut self, key: u64) -> bool {
        if self.count * 2 >= self.short.len() {
            let grown = vec![0; self.short.len() * 2];
            let old = std::mem::replace(&mut self.short, grown);
            self.count = 0;
            for k in old.into_iter().filter(|k| *k != 0) {
                self.insert_short(k);
            }
        }
        let mask = self.short.len() - 1;
        // Fibonacci hashing: the high bits of the product mix every byte of the word.
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        loop {
            match self.short[i] {
                0 => {
                    self.short[i] = key;
                    self.count += 1;
                    return true;
                }
                k if k == key => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// [`body_words`] as the text comes: whitespace collapsed and counted as
/// [`markdown::plain`] does, to cut where it cuts.
struct BodyWords {
    folder: crate::text::Folder,
    seen: Seen,
    /// The words kept, as bytes: whole characters, checked once at the end.
    out: Vec<u8>,
    /// The word so far: its first 8 bytes packed as [`Seen`] packs them, low byte first, and
    /// the whole word in `long` once it is longer. A character is pushed to a `String` only in
    /// a rare long word: pushing each one, with decoding each by slicing the text, was a fifth
    /// of the time the words took.
    key: u64,
    len: usize,
    long: String,
    /// Characters of the collapsed text so far.
    chars: usize,
    /// The collapsed text is empty or ends in a space: whitespace now adds nothing.
    at_space: bool,
    /// The text went on past [`BODY_CHARS`].
    full: bool,
}

/// What each ASCII byte is to the words: its lowercase when it is part of one, else one of
/// these two.
const SPACE: u8 = 0;
const SEPARATOR: u8 = 1;
static ASCII_WORDS: [u8; 128] = {
    let mut t = [SEPARATOR; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        } else if matches!(c, b'\t'..=b'\r' | b' ') {
            t[b] = SPACE;
        }
        b += 1;
    }
    t
};

impl BodyWords {
    fn new(len: usize, title: &str, snippet: &str) -> BodyWords {
        let is_sep = |c: char| !c.is_alphanumeric();
        // Room for a page's distinct words from the start: growing the set was a tenth of this.
        let mut seen = Seen::with_room(len / 10);
        for w in title.split(is_sep).chain(snippet.split(is_sep)) {
            seen.insert(w);
        }
        BodyWords {
            folder: crate::text::Folder::new(),
            seen,
            out: Vec::with_capacity(len / 3),
            key: 0,
            len: 0,
            long: String::new(),
            chars: 0,
            at_space: true,
            full: false,
        }
    }

    /// Takes one piece of the plain text; `false` once the cut is reached. The word and the
    /// count are carried in locals, so they stay in registers for the millions of characters
    /// of a site; only a word's end and the rare characters that do not fold to ASCII leave
    /// the loop.
    fn take(&mut self, piece: &str) -> bool {
        let b = piece.as_bytes();
        let (mut key, mut len, mut chars, mut at_space) = (self.key, self.len, self.chars, self.at_space);
        let mut i = 0;
        let more = loop {
            let Some(&a) = b.get(i) else { break true };
            // A character that does not fold to one ASCII character.
            let mut other = None;
            // ASCII, most of Vietnamese text, without decoding; a Vietnamese letter folds to
            // ASCII and goes the same way.
            let word = if a < 0x80 {
                i += 1;
                ASCII_WORDS[usize::from(a)]
            } else {
                let Some((c, n)) = decode(b, i) else { break true };
                i += n;
                if is_space(c) {
                    SPACE
                } else {
                    match self.folder.one(c) {
                        // Not a space, whatever it folds to.
                        Some(f) if f.is_ascii() => ASCII_WORDS[f as usize].max(SEPARATOR),
                        _ => {
                            other = Some(c);
                            SEPARATOR
                        }
                    }
                }
            };
            let space = word == SPACE;
            if space && at_space {
                continue;
            }
            if chars == BODY_CHARS {
                self.full = true;
                break false;
            }
            chars += 1;
            at_space = space;
            if word > SEPARATOR {
                if len < 8 {
                    key |= u64::from(word) << (8 * len);
                    len += 1;
                } else {
                    len = self.push_long(key, len, char::from(word));
                }
            } else if let Some(c) = other {
                (key, len) = self.push_folded(key, len, c);
            } else if len > 0 {
                (key, len) = self.end_word(key, len);
            }
        };
        (self.key, self.len, self.chars, self.at_space) = (key, len, chars, at_space);
        more
    }

    /// Adds what a character that does not fold to one ASCII character folds to: word
    /// characters to the word, anything else ends it. Returns the word.
    fn push_folded(&mut self, key: u64, len: usize, c: char) -> (u64, usize) {
        let (mut key, mut len) = (key, len);
        let mut add = |f: char, this: &mut BodyWords| {
            if !f.is_alphanumeric() {
                if len > 0 {
                    (key, len) = this.end_word(key, len);
                }
                return;
            }
            let n = f.len_utf8();
            if len + n > 8 {
                len = this.push_long(key, len, f);
                return;
            }
            let mut buf = [0; 4];
            for &b in f.encode_utf8(&mut buf).as_bytes() {
                key |= u64::from(b) << (8 * len);
                len += 1;
            }
        };
        match self.folder.one(c) {
            Some(f) => add(f, self),
            None => {
                let mut many = String::new();
                self.folder.push(c, &mut many);
                many.chars().for_each(|f| add(f, self));
            }
        }
        (key, len)
    }

    /// Adds a character to a word that no longer fits in 8 bytes: into `long`, which first
    /// takes the word's bytes so far. A character is never split between the two. Returns the
    /// word's length.
    #[cold]
    fn push_long(&mut self, key: u64, len: usize, c: char) -> usize {
        if self.long.is_empty() {
            self.long.push_str(&String::from_utf8_lossy(&key.to_le_bytes()[..len]));
        }
        self.long.push(c);
        len + c.len_utf8()
    }

    /// Ends a word of `len` bytes, keeping it if it is new; returns the next, empty word.
    fn end_word(&mut self, key: u64, len: usize) -> (u64, usize) {
        let new = match self.long.is_empty() {
            true => self.seen.insert_short(key),
            false => self.seen.insert_long(&self.long),
        };
        if new {
            if !self.out.is_empty() {
                self.out.push(b' ');
            }
            match self.long.is_empty() {
                true => self.out.extend_from_slice(&key.to_le_bytes()[..len]),
                false => self.out.extend_from_slice(self.long.as_bytes()),
            }
        }
        self.long.clear();
        (0, 0)
    }

    fn finish(mut self) -> String {
        if self.len > 0 {
            self.end_word(self.key, self.len);
        }
        String::from_utf8(self.out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// The character that starts at `b[i]`, not ASCII, and its length: the bytes are a `&str`'s,
/// whole characters, and slicing the text at each one to decode it checked that again.
#[inline]
fn decode(b: &[u8], i: usize) -> Option<(char, usize)> {
    let lead = u32::from(b[i]);
    let next = |k: usize| b.get(i + k).map(|&x| u32::from(x & 0x3F));
    let (c, n) = match lead {
        0xC0..=0xDF => ((lead & 0x1F) << 6 | next(1)?, 2),
        0xE0..=0xEF => ((lead & 0x0F) << 12 | next(1)? << 6 | next(2)?, 3),
        _ => ((lead & 0x07) << 18 | next(1)? << 12 | next(2)? << 6 | next(3)?, 4),
    };
    Some((char::from_u32(c)?, n))
}

/// `c.is_whitespace()` for a character that is not ASCII, asking the Unicode table only in
/// the ranges where it has any.
#[inline]
fn is_space(c: char) -> bool {
    matches!(u32::from(c), 0x85 | 0xA0 | 0x1680 | 0x2000..=0x205F | 0x3000) && c.is_whitespace()
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
            Source::Guide(g) => doc(paths::guide(&g.slug), "Hướng dẫn", &g.title, g.summary.clone(), &g.body),
            Source::Event(e) => {
                let s = [e.when_text.clone(), e.location.clone()].into_iter().flatten().collect::<Vec<_>>().join(" — ");
                let s = if s.is_empty() { markdown::plain(&e.body, SNIPPET_CHARS) } else { s };
                doc(paths::event(&e.slug), "Lịch", &e.title, s, &e.body)
            }
            Source::News(n) => {
                let s = n.summary.clone().unwrap_or_else(|| markdown::plain(&n.body, SNIPPET_CHARS));
                doc(paths::news(&n.slug), "Tin tức", &n.title, s, &n.body)
            }
            Source::Plan(p) => {
                let s = p.summary.clone().unwrap_or_else(|| markdown::plain(&p.body, SNIPPET_CHARS));
                let title = match &p.number {
                    Some(n) => format!("{} (số {n})", p.title),
                    None => p.title.clone(),
                };
                doc(paths::plan(&p.slug), "Kế hoạch", &title, s, &p.body)
            }
        }
    }
}

/// Every searchable document, guides first (what residents come for), each kind in site order.
pub fn index(site: &Site) -> Vec<Doc> {
    sources(site).iter().map(Source::doc).collect()
}

/// The index as a script that sets one global: it loads from `file://` too (a page saved to a
/// phone), where `fetch` of a JSON file is refused.
pub fn script(docs: &[Doc]) -> String {
    let json = docs_json(docs);
    format!("window.BANGTIN_TIM_KIEM={json};\n")
}

/// Documents folded per part of the script.
const PART_DOCS: usize = 512;

/// The same script as [`script`] of [`index`], in parts, a few hundred documents at a time: a
/// province's index is tens of megabytes, and this way neither the documents nor the whole text
/// are ever held at once.
///
/// On one core: the render runs this as one task beside the pages. Folding each part on every
/// core made the render's last half second single-threaded: the task's thread, waiting on a
/// part, took pages from the other core's queue, and finished the index alone after them.
pub fn script_parts(site: &Site) -> impl Iterator<Item = Vec<u8>> + '_ {
    let sources = sources(site);
    let parts = sources.len().div_ceil(PART_DOCS).max(1);
    (0..parts).map(move |k| {
        let chunk = &sources[(k * PART_DOCS).min(sources.len())..((k + 1) * PART_DOCS).min(sources.len())];
        let docs: Vec<Doc> = chunk.iter().map(Source::doc).collect();
        let mut out = String::new();
        if k == 0 {
            out.push_str("window.BANGTIN_TIM_KIEM=[");
        }
        for (i, d) in docs.iter().enumerate() {
            if k > 0 || i > 0 {
                out.push(',');
            }
            doc_json(d, &mut out);
        }
        if k + 1 == parts {
            out.push_str("];\n");
        }
        out.into_bytes()
    })
}

/// The index script `script` with the document at `u` (a page path, as in [`Doc::u`]) replaced
/// by `doc`; `None` when the script has no document at `u`. A preview re-renders one guide
/// without folding every other document again. Every value is a JSON string in which `"` is
/// escaped, so `{"u":"…"` only ever stands at the start of a document and `},{"u":"` only
/// between two.
pub fn splice(script: &[u8], u: &str, doc: &Doc) -> Option<Vec<u8>> {
    let mut key = String::from("{\"u\":");
    push_json_string(u, &mut key);
    key.push(',');
    let find = memchr::memmem::find;
    let start = find(script, key.as_bytes())?;
    let rest = &script[start..];
    let end = start + find(rest, b"},{\"u\":").or_else(|| find(rest, b"}];\n"))? + 1;
    let mut one = String::new();
    doc_json(doc, &mut one);
    let mut out = Vec::with_capacity(script.len() + one.len());
    out.extend_from_slice(&script[..start]);
    out.extend_from_slice(one.as_bytes());
    out.extend_from_slice(&script[end..]);
    Some(out)
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

fn docs_json(docs: &[Doc]) -> String {
    let mut out = String::from("[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        doc_json(d, &mut out);
    }
    out.push(']');
    out
}

fn doc_json(d: &Doc, out: &mut String) {
    // Every field is a plain string: no JSON crate needed for seven keys.
    out.push('{');
    for (j, (k, v)) in
        [("u", d.u.as_str()), ("k", d.k), ("t", &d.t), ("s", &d.s), ("ft", &d.ft), ("fs", &d.fs), ("fx", &d.fx)]
            .into_iter()
            .enumerate()
    {
        if j > 0 {
            out.push(',');
        }
        out.push('"');
        out.push_str(k);
        out.push_str("\":");
        push_json_string(v, out);
    }
    out.push('}');
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
    fn splicing_one_document_gives_the_script_of_the_new_index() {
        let doc = |u: &str, t: &str, x: &str| Doc { u: u.into(), ..d(t, "", x) };
        // Values that look like the separators the splice looks for.
        let docs = vec![
            doc("huong-dan/a/", "A", "x},{\"u\":\"huong-dan/b/\", y"),
            doc("huong-dan/b/", "B", "}];\n"),
            doc("huong-dan/c/", "C", "c"),
        ];
        let script = super::script(&docs);
        for (i, u) in ["huong-dan/a/", "huong-dan/b/", "huong-dan/c/"].into_iter().enumerate() {
            let mut next = docs.clone();
            next[i] = doc(u, "Tiêu đề mới", "thân \"mới\" {\"u\":\"x\",");
            let spliced = splice(script.as_bytes(), u, &next[i]).unwrap();
            assert_eq!(String::from_utf8(spliced).unwrap(), super::script(&next), "{u}");
        }
        assert!(splice(script.as_bytes(), "huong-dan/d/", &docs[0]).is_none());
        let one = super::script(&docs[..1]);
        let spliced = splice(one.as_bytes(), "huong-dan/a/", &docs[2]).unwrap();
        assert_eq!(String::from_utf8(spliced).unwrap(), super::script(&docs[2..]));
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
