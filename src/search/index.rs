//! The search index as files a query fetches a few of, so that a province's site searches in
//! kilobytes: an entry (`tim-kiem/chi-muc.js`) naming the parts, the parts of an inverted index
//! cut by the words' first letters (`tim-kiem/chi-muc/<letters>.js`), and the titles and
//! snippets of the documents, a few documents a file (`tim-kiem/chi-muc/tl-<n>.js`), fetched
//! for the results shown only. A small site's index is all in its entry: one file, as before.
//!
//! A part of whole words also holds what the first document each of its words is in the title
//! of shows: that document is the first result of the word asked alone, and most often of a
//! query the word is the rarest of, so a query pasted at once shows its first result after one
//! round trip (its parts) rather than two (its parts, then its titles): on Chromium's Slow 4G
//! at 10k, a guide title pasted showed after 0.8 s rather than 1.4 s (HTTP/2). It costs the 10k
//! bench site's parts 0.47 MB.
//!
//! Every word of a document (its title, snippet and the words of its body, folded) is listed
//! with the documents it is in, by the best place it stands in each (title, then snippet, then
//! body) and, in the title, at which of the title's words. A query word finds the documents of
//! every word it starts, as [`super::score`] has it; its part is the one of the longest listed
//! letters it starts with. Parts hold whole words until they pass [`PART_BYTES`]; a bigger one
//! is split by the next letter, and keeps only what every word under it has together (a
//! "node"), which is all a query of those very letters needs, without title positions (such a
//! word places no phrase: [`super::rank_in`]). A query word thus costs one part of at most
//! [`PART_BYTES`] (or one word alone), or a node: three sets of documents, each at most one bit
//! a document (at most half a kilobyte per 1,000 documents).
//!
//! Sets of documents are written in 64 ASCII digits, no escape needed in a JavaScript string:
//! as gaps between ascending numbers, five bits a digit (a sixth bit says more digits follow),
//! or, where that is shorter, as a bitmap, six documents a digit. The script that reads them is
//! `themes/default/static/tim-kiem.js`; `decode` in this module's tests reads them the same way.

use std::ops::Range;

use super::{push_json_string, Doc, KINDS};
use crate::paths;

/// The most a part of whole words may weigh, in bytes, with what its first documents show.
const PART_BYTES: usize = 4 * 1024;

/// Documents whose titles and snippets share a file: twenty results fetch at most twenty files
/// of about 1.2 KB, and fewer when the first results are neighbours.
const META_DOCS: usize = 4;

/// An index this small is written whole into its entry: one request, as the index was before.
const INLINE_BYTES: usize = 32 * 1024;

/// A title word's position past the 63rd counts as the 63rd: a 64-bit mask holds them.
pub const LAST_POSITION: usize = 63;

/// The digits sets are written in: a digit's value is its place here.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The documents one word (or every word under a node) is in, by the best place it stands in
/// each; a document is in one of the three. Packed as gaps in LEB128, a title's document
/// followed by the mask of its positions: the 10k bench site's two million postings took 12 MB
/// as numbers, and the peak of the build with them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Postings {
    title: Vec<u8>,
    snippet: Vec<u8>,
    body: Vec<u8>,
    /// One past the last document of each set: what its next gap counts from.
    next: [u32; 3],
}

impl Postings {
    fn is_empty(&self) -> bool {
        self.title.is_empty() && self.snippet.is_empty() && self.body.is_empty()
    }

    /// Adds `doc`, after every document the word is in so far.
    fn push(&mut self, doc: u32, place: Place) {
        let (set, k) = match place {
            Place::Title(_) => (&mut self.title, 0),
            Place::Snippet => (&mut self.snippet, 1),
            Place::Body => (&mut self.body, 2),
        };
        leb(u64::from(doc - self.next[k]), set);
        if let Place::Title(mask) = place {
            leb(mask, set);
        }
        self.next[k] = doc + 1;
    }

    /// The documents of one set (0 the title's, with the masks of their positions; 1 the
    /// snippet's; 2 the body's), ascending.
    fn set(&self, k: usize) -> Docs<'_> {
        let bytes = [&self.title, &self.snippet, &self.body][k];
        Docs { bytes, at: 0, next: 0, titled: k == 0 }
    }

    /// Every document with the best place the word stands in it.
    fn places(&self) -> impl Iterator<Item = (u32, Place)> + '_ {
        let title = self.set(0).map(|(d, m)| (d, Place::Title(m)));
        title.chain(self.set(1).map(|(d, _)| (d, Place::Snippet))).chain(self.set(2).map(|(d, _)| (d, Place::Body)))
    }

    /// The same postings with `doc` at `place`, or in none of them.
    fn with(&self, doc: u32, place: Option<Place>) -> Postings {
        let mut all: Vec<(u32, Place)> = self.places().filter(|(d, _)| *d != doc).collect();
        all.extend(place.map(|p| (doc, p)));
        all.sort_unstable_by_key(|x| x.0);
        let mut out = Postings::default();
        for (d, p) in all {
            out.push(d, p);
        }
        out
    }

    /// This word's entry of a part: the word and its three sets, as JSON strings; the title's
    /// with the positions of its documents, unless `positions` is false (a node's).
    fn entry(&self, word: &str, positions: bool) -> String {
        let mut out = String::with_capacity(16 + self.title.len() + self.snippet.len() + self.body.len());
        push_json_string(word, &mut out);
        for k in 0..3 {
            out.push_str(if k == 0 { ",\"" } else { "\",\"" });
            digits(self.set(k), self.next[k], k == 0 && positions, &mut out);
        }
        out.push('"');
        out
    }
}

/// The documents of a set of [`Postings`], each with the mask of its title positions (0 outside
/// the title).
#[derive(Clone)]
struct Docs<'a> {
    bytes: &'a [u8],
    at: usize,
    next: u32,
    titled: bool,
}

impl Iterator for Docs<'_> {
    type Item = (u32, u64);

    fn next(&mut self) -> Option<(u32, u64)> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let d = self.next + read_leb(self.bytes, &mut self.at) as u32;
        self.next = d + 1;
        let mask = if self.titled { read_leb(self.bytes, &mut self.at) } else { 0 };
        Some((d, mask))
    }
}

fn leb(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_leb(b: &[u8], at: &mut usize) -> u64 {
    let (mut v, mut shift) = (0u64, 0);
    while let Some(&x) = b.get(*at) {
        *at += 1;
        v |= u64::from(x & 0x7F) << shift;
        if x < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

/// Where a word stands in a document, at best.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Title(u64),
    Snippet,
    Body,
}

/// Each distinct word of a document with the best place it stands in.
fn places(d: &Doc) -> Vec<(&str, Place)> {
    let mut out: Vec<(&str, Place)> = Vec::new();
    for (i, w) in title_words(&d.ft).enumerate() {
        let bit = 1u64 << i.min(LAST_POSITION);
        match out.iter_mut().find(|(x, _)| *x == w) {
            Some((_, Place::Title(m))) => *m |= bit,
            _ => out.push((w, Place::Title(bit))),
        }
    }
    for w in d.fs.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.iter().any(|(x, _)| *x == w) {
            out.push((w, Place::Snippet));
        }
    }
    // The body's words are distinct and leave out the title's and the snippet's already.
    out.extend(d.fx.split(' ').filter(|w| !w.is_empty()).map(|w| (w, Place::Body)));
    out
}

/// The words of a folded title, in order: what the positions count.
pub fn title_words(ft: &str) -> impl Iterator<Item = &str> {
    ft.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// What a result shows of a document, `[address, kind, title, snippet]`, as the page reads it.
fn meta_json(d: &Doc) -> String {
    let mut out = String::from("[");
    push_json_string(&d.u, &mut out);
    out.push_str(&format!(",{},", KINDS.iter().position(|k| *k == d.k).unwrap_or_default()));
    push_json_string(&d.t, &mut out);
    out.push(',');
    push_json_string(&d.s, &mut out);
    out.push(']');
    out
}

/// A part of the index: the words of `words` (a range of the sorted words) under `key`.
#[derive(Debug, Clone, PartialEq)]
struct Part {
    key: String,
    words: Range<usize>,
    /// Split by the next letter: the part holds what its words have together.
    node: bool,
}

/// The whole index, and what a preview needs to change one document of it.
pub struct Index {
    /// Changes when the documents do (a hash of their addresses in order): a part of another
    /// build is refused by the page, which then asks to reload.
    version: String,
    /// What each result shows, as [`meta_json`] writes it.
    metas: Vec<String>,
    words: Vec<String>,
    /// The number of each word: those of up to 8 bytes (every Vietnamese syllable, folded) by
    /// their bytes packed in a `u64`, the longer ones by their text. Looking up a hundred
    /// thousand words by their text was a quarter of the index's time at 1,000 pages.
    ids: foldhash::HashMap<u64, u32>,
    long_ids: foldhash::HashMap<String, u32>,
    postings: Vec<Postings>,
    /// Each word's entry, once made.
    entries: Vec<Option<String>>,
    /// The words of each document and where they stand, for a preview's edit; empty after a
    /// build.
    doc_words: Vec<Vec<(u32, Place)>>,
    /// The files as they were last made, by path, and a hash of each: a preview writes only
    /// the ones an edit changed.
    made: foldhash::HashMap<String, u64>,
    /// What the words under each node have together, by its letters, kept for a preview: an
    /// edit changes one document of a node, and putting a root's words together again went
    /// through most of the index.
    nodes: foldhash::HashMap<String, Postings>,
}

/// Which files [`Index::make`] makes: all, or those an edit of one document may have changed.
#[derive(Clone, Copy)]
enum Making<'a> {
    All,
    /// The parts holding these words (sorted), and the titles of this document.
    Edit(&'a [u32], u32),
}

impl Index {
    /// The index of `docs`, in their order (guides first). With `keep`, it keeps what
    /// [`Index::replace`] needs.
    pub fn new(docs: impl Iterator<Item = Doc>, keep: bool) -> Index {
        let mut ix = Index {
            version: String::new(),
            metas: Vec::new(),
            words: Vec::new(),
            ids: Default::default(),
            long_ids: Default::default(),
            postings: Vec::new(),
            entries: Vec::new(),
            doc_words: Vec::new(),
            made: Default::default(),
            nodes: Default::default(),
        };
        let mut hash = Fnv::default();
        for d in docs {
            let doc = ix.metas.len() as u32;
            hash.add(d.u.as_bytes());
            hash.add(b"\n");
            let words = ix.word_ids(&d);
            for &(w, place) in &words {
                ix.postings[w as usize].push(doc, place);
            }
            if keep {
                ix.doc_words.push(words);
            }
            ix.metas.push(meta_json(&d));
        }
        for p in &mut ix.postings {
            for set in [&mut p.title, &mut p.snippet, &mut p.body] {
                set.shrink_to_fit();
            }
        }
        ix.version = format!("{:08x}", hash.0 as u32 ^ (hash.0 >> 32) as u32);
        ix
    }

    /// The words of `d` by their numbers, new words numbered as they come.
    fn word_ids(&mut self, d: &Doc) -> Vec<(u32, Place)> {
        let mut words = Vec::new();
        for (w, place) in places(d) {
            let next = self.words.len() as u32;
            let id = match w.len() {
                ..=8 => *self.ids.entry(super::words::packed(w)).or_insert(next),
                _ => match self.long_ids.get(w) {
                    Some(&id) => id,
                    None => *self.long_ids.entry(w.to_string()).or_insert(next),
                },
            };
            if id == next {
                self.words.push(w.to_string());
                self.postings.push(Postings::default());
                self.entries.push(None);
            }
            words.push((id, place));
        }
        words
    }

    /// Hands every file of the index to `put`: the entry and, unless it holds them, the parts
    /// and the titles, one at a time. With `keep`, remembers them for [`Index::replace`].
    pub fn write(&mut self, put: &mut dyn FnMut(String, Vec<u8>)) {
        let keep = !self.doc_words.is_empty();
        let mut made = std::mem::take(&mut self.made);
        self.make(Making::All, &mut |path, bytes| {
            if keep {
                made.insert(path.clone(), fnv(&bytes));
            }
            put(path, bytes);
        });
        self.made = made;
    }

    /// Makes the files `making` asks for, and returns the paths of every file the index has.
    fn make(&mut self, making: Making, put: &mut dyn FnMut(String, Vec<u8>)) -> Vec<String> {
        // A site without nodes whose words and titles are small is one file, which holds every
        // title: its parts are cut without their first documents.
        let mut small = self.metas.iter().map(String::len).sum::<usize>();
        for w in 0..self.words.len() as u32 {
            if small <= INLINE_BYTES && !self.postings[w as usize].is_empty() {
                small += self.entry(w).len();
            }
        }
        let (mut sorted, mut parts) = self.plan(small > INLINE_BYTES);
        let inline = small <= INLINE_BYTES && !parts.iter().any(|p| p.node);
        if small <= INLINE_BYTES && !inline {
            (sorted, parts) = self.plan(true);
        }
        let mut entry = format!(
            "window.BANGTIN_TIM_KIEM={{\"v\":\"{}\",\"n\":{},\"m\":{META_DOCS},\"c\":[",
            self.version,
            self.metas.len()
        );
        for (i, k) in KINDS.iter().enumerate() {
            if i > 0 {
                entry.push(',');
            }
            push_json_string(k, &mut entry);
        }
        entry.push_str("],\"k\":\"");
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                entry.push(' ');
            }
            entry.push_str(&p.key);
            if p.node {
                entry.push('+');
            }
        }
        entry.push('"');
        let mut scratch = Scratch::new(self.metas.len());
        let mut paths = vec![paths::SEARCH_INDEX.to_string()];
        if inline {
            entry.push_str(",\"d\":{");
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    entry.push(',');
                }
                push_json_string(&p.key, &mut entry);
                entry.push(':');
                entry.push_str(&self.part_data(&sorted, p, making, &mut scratch));
            }
            entry.push_str("},\"t\":[");
            entry.push_str(&self.metas.join(","));
            entry.push(']');
        } else {
            for p in &parts {
                let name = file_name(&p.key);
                let path = paths::search_part(&name);
                let touched = match making {
                    Making::All => true,
                    Making::Edit(words, _) => sorted[p.words.clone()].iter().any(|w| words.binary_search(w).is_ok()),
                };
                if touched {
                    let mut data = self.part_data(&sorted, p, making, &mut scratch);
                    if !p.node {
                        data.push(',');
                        data.push_str(&self.firsts(&sorted[p.words.clone()]));
                    }
                    put(path.clone(), self.wrap(&name, &data));
                }
                paths.push(path);
            }
            for (n, chunk) in self.metas.chunks(META_DOCS).enumerate() {
                let name = format!("tl-{n}");
                let path = paths::search_part(&name);
                let touched = match making {
                    Making::All => true,
                    Making::Edit(_, doc) => doc as usize / META_DOCS == n,
                };
                if touched {
                    put(path.clone(), self.wrap(&name, &format!("[{}]", chunk.join(","))));
                }
                paths.push(path);
            }
        }
        entry.push_str("};\n");
        put(paths::SEARCH_INDEX.to_string(), entry.into_bytes());
        paths
    }

    /// A part's file: a call the page's script answers, with the part's data (and, for a part
    /// of whole words, what its first documents show) or a file of titles.
    fn wrap(&self, name: &str, data: &str) -> Vec<u8> {
        format!("BANGTIN_TK(\"{}\",\"{name}\",{data});\n", self.version).into_bytes()
    }

    /// The entry of word `w`, made the first time it is asked for.
    fn entry(&mut self, w: u32) -> &str {
        let w = w as usize;
        if self.entries[w].is_none() {
            self.entries[w] = Some(self.postings[w].entry(&self.words[w], true));
        }
        self.entries[w].as_deref().unwrap_or_default()
    }

    /// The first document word `w` is in the title of.
    fn first_title(&self, w: u32) -> Option<u32> {
        self.postings[w as usize].set(0).next().map(|(d, _)| d)
    }

    /// What the first documents of the words of a part of whole words show, as a JavaScript
    /// array of each document's number and [`meta_json`], by number.
    fn firsts(&self, words: &[u32]) -> String {
        let mut docs: Vec<u32> = words.iter().filter_map(|&w| self.first_title(w)).collect();
        docs.sort_unstable();
        docs.dedup();
        let mut out = String::from("[");
        for (i, d) in docs.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!("{d},"));
            out.push_str(&self.metas[d as usize]);
        }
        out.push(']');
        out
    }

    /// The words in order, without the ones no document has any more, and the parts they fall in.
    fn plan(&mut self, firsts: bool) -> (Vec<u32>, Vec<Part>) {
        let mut sorted: Vec<u32> =
            (0..self.words.len() as u32).filter(|&w| !self.postings[w as usize].is_empty()).collect();
        sorted.sort_unstable_by(|a, b| self.words[*a as usize].cmp(&self.words[*b as usize]));
        // Bytes of the entries before each sorted word, commas included.
        let mut before = Vec::with_capacity(sorted.len() + 1);
        before.push(0);
        for &w in &sorted {
            // A first document's row, its number and two commas.
            let first = match self.first_title(w) {
                Some(d) if firsts => self.metas[d as usize].len() + 8,
                _ => 0,
            };
            let len = self.entry(w).len() + 1 + first;
            before.push(before.last().copied().unwrap_or(0) + len);
        }
        let mut parts = Vec::new();
        let words: Vec<&str> = sorted.iter().map(|&w| self.words[w as usize].as_str()).collect();
        split(&words, &before, 0..words.len(), 0, &mut parts);
        (sorted, parts)
    }

    /// What a part holds, as a JavaScript array: each word and its three sets, or, for a node,
    /// its letters and the sets of all its words together.
    fn part_data(&mut self, sorted: &[u32], p: &Part, making: Making, scratch: &mut Scratch) -> String {
        let words = &sorted[p.words.clone()];
        let mut out = String::from("[");
        if p.node {
            let keep = !self.doc_words.is_empty();
            let union = match (making, self.nodes.get(&p.key)) {
                (Making::Edit(_, doc), Some(before)) => {
                    // The edited document at the best place any word under the node stands in it.
                    let words = &self.words;
                    let place = self.doc_words[doc as usize]
                        .iter()
                        .filter(|(w, _)| words[*w as usize].starts_with(&p.key))
                        .map(|&(_, place)| place)
                        .max_by_key(|place| match place {
                            Place::Title(_) => 3,
                            Place::Snippet => 2,
                            Place::Body => 1,
                        })
                        .map(|place| if let Place::Title(_) = place { Place::Title(0) } else { place });
                    before.with(doc, place)
                }
                _ => scratch.union(words.iter().map(|&w| &self.postings[w as usize])),
            };
            out.push_str(&union.entry(&p.key, false));
            if keep {
                self.nodes.insert(p.key.clone(), union);
            }
        } else {
            for (i, &w) in words.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(self.entries[w as usize].as_deref().unwrap_or_default());
            }
        }
        out.push(']');
        out
    }

    /// Replaces the document at `u` by `doc` (a preview's edit of one body); the files that
    /// changed. `None` when the index has no document at `u`, was made without keeping, or
    /// the edit changes which files there are.
    pub fn replace(&mut self, doc: Doc) -> Option<Vec<(String, Vec<u8>)>> {
        let mut key = String::from("[");
        push_json_string(&doc.u, &mut key);
        key.push(',');
        let at = self.metas.iter().position(|m| m.starts_with(&key))?;
        let old = std::mem::take(self.doc_words.get_mut(at)?);
        let new = self.word_ids(&doc);
        // Only the words whose place in this document changed: an edit of a sentence changes
        // a few of a page's hundreds, and each word's postings are rewritten whole.
        let (mut was, mut is) = (old, new.clone());
        was.sort_unstable_by_key(|w| w.0);
        is.sort_unstable_by_key(|w| w.0);
        let place_in = |list: &[(u32, Place)], w: u32| list.binary_search_by_key(&w, |n| n.0).ok().map(|i| list[i].1);
        let mut touched: Vec<u32> =
            was.iter().chain(&is).map(|w| w.0).filter(|&w| place_in(&was, w) != place_in(&is, w)).collect();
        touched.sort_unstable();
        touched.dedup();
        // When what the document shows changed, the parts that may show it first: those of its
        // title's words, before and after (their first document may be this one, or was). A
        // word's first document changes otherwise only with the word's postings.
        let meta = meta_json(&doc);
        let shown = meta != self.metas[at];
        let titled = |list: &[(u32, Place)]| {
            list.iter().filter(|w| shown && matches!(w.1, Place::Title(_))).map(|w| w.0).collect::<Vec<u32>>()
        };
        let mut remade: Vec<u32> = touched.iter().copied().chain(titled(&was)).chain(titled(&is)).collect();
        remade.sort_unstable();
        remade.dedup();
        for &w in &touched {
            let place = place_in(&is, w);
            let p = &mut self.postings[w as usize];
            *p = p.with(at as u32, place);
            self.entries[w as usize] = None;
        }
        self.doc_words[at] = new;
        self.metas[at] = meta;
        let mut changed = Vec::new();
        let mut made = std::mem::take(&mut self.made);
        let paths = self.make(Making::Edit(&remade, at as u32), &mut |path, bytes| {
            let h = fnv(&bytes);
            if made.insert(path.clone(), h) != Some(h) {
                changed.push((path, bytes));
            }
        });
        let same = paths.len() == made.len() && paths.iter().all(|p| made.contains_key(p));
        self.made = made;
        same.then_some(changed)
    }
}

/// Room to put the postings of many words together, a place for each document.
struct Scratch {
    /// 0 (not found yet), 1 (body), 2 (snippet) or 3 (title).
    best: Vec<u8>,
    found: Vec<u32>,
}

impl Scratch {
    fn new(docs: usize) -> Scratch {
        Scratch { best: vec![0; docs], found: Vec::new() }
    }

    /// What the postings have together: each document at the best place any of them stands
    /// in it. A node keeps no positions: a query word it answers (a letter or two, the start
    /// of many words) places no phrase, and the positions of every word under it were three
    /// quarters of a node's bytes (the 10k bench site's "t", 27 KB of 31).
    fn union<'a>(&mut self, postings: impl Iterator<Item = &'a Postings>) -> Postings {
        for p in postings {
            for k in 0..3 {
                let rank = 3 - k as u8;
                for (d, _) in p.set(k) {
                    let d = d as usize;
                    if self.best[d] == 0 {
                        self.found.push(d as u32);
                    }
                    self.best[d] = self.best[d].max(rank);
                }
            }
        }
        self.found.sort_unstable();
        let mut out = Postings::default();
        for d in self.found.drain(..) {
            let i = d as usize;
            let place = match self.best[i] {
                3 => Place::Title(0),
                2 => Place::Snippet,
                _ => Place::Body,
            };
            out.push(d, place);
            self.best[i] = 0;
        }
        out
    }
}

/// Splits the sorted words `words[range]`, which all start with their first `depth` letters,
/// into parts.
fn split(words: &[&str], before: &[usize], range: Range<usize>, depth: usize, parts: &mut Vec<Part>) {
    let mut i = range.start;
    while i < range.end {
        // The words that share one more letter with the first.
        let Some((at, c)) = words[i].char_indices().nth(depth) else {
            i += 1;
            continue;
        };
        let key = &words[i][..at + c.len_utf8()];
        let end = i + words[i..range.end].partition_point(|w| w.starts_with(key));
        let bytes = before[end] - before[i];
        // A group of one word, or of words that are all this key, cannot be split.
        let whole = words[i..end].iter().all(|w| w.len() == key.len());
        if bytes <= PART_BYTES || whole {
            parts.push(Part { key: key.to_string(), words: i..end, node: false });
        } else {
            parts.push(Part { key: key.to_string(), words: i..end, node: true });
            split(words, before, i..end, depth + 1, parts);
        }
        i = end;
    }
}

/// The file name of the part under `key`: its letters, any but `a`–`z` and `0`–`9` written
/// as `_` and its hexadecimal code and `_`, so every name is plain ASCII and no two keys share
/// one, on case-insensitive disks too.
pub fn file_name(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", u32::from(c)));
        }
    }
    out
}

fn digit(v: u32, out: &mut String) {
    out.push(char::from(DIGITS[v as usize & 63]));
}

/// `v` in five-bit digits, lowest first; a digit of 32 or more says another follows.
fn varint(mut v: u32, out: &mut String) {
    loop {
        let low = v & 31;
        v >>= 5;
        if v == 0 {
            digit(low, out);
            return;
        }
        digit(low | 32, out);
    }
}

fn varint_len(mut v: u32) -> usize {
    let mut n = 1;
    while v >= 32 {
        v >>= 5;
        n += 1;
    }
    n
}

/// A set of documents in digits: as gaps, or as a bitmap (`.`, its length in digits, six
/// documents a digit) where that is shorter; with `positions` (the title's set of a word), each
/// document's positions follow it (gaps, doubled, plus one when another follows), or all of
/// them the bitmap. `next` is one past the set's last document.
fn digits(docs: Docs, next: u32, with_positions: bool, out: &mut String) {
    if next == 0 {
        return;
    }
    let last = next - 1;
    let bitmap = 1 + varint_len(last / 6 + 1) + (last / 6 + 1) as usize;
    let mut at = 0;
    let gaps: usize = docs
        .clone()
        .map(|(d, _)| {
            let n = varint_len(d - at);
            at = d + 1;
            n
        })
        .sum();
    let titled = with_positions;
    if bitmap < gaps {
        let width = last / 6 + 1;
        out.push('.');
        varint(width, out);
        let mut map = vec![0u32; width as usize];
        for (d, _) in docs.clone() {
            map[(d / 6) as usize] |= 1 << (d % 6);
        }
        for v in map {
            digit(v, out);
        }
        if titled {
            docs.for_each(|(_, mask)| positions(mask, out));
        }
    } else {
        let mut at = 0;
        for (d, mask) in docs {
            varint(d - at, out);
            at = d + 1;
            if titled {
                positions(mask, out);
            }
        }
    }
}

fn positions(mask: u64, out: &mut String) {
    let mut prev = 0;
    let mut m = mask;
    while m != 0 {
        let p = m.trailing_zeros();
        m &= m - 1;
        let more = u32::from(m != 0);
        varint(((p - prev) << 1) | more, out);
        prev = p + 1;
    }
}

/// FNV-1a, 64 bits: the same on every machine and every run, for the version and for telling
/// which files an edit changed.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.add(bytes);
    h.0
}

#[cfg(test)]
mod tests;
