//! The index read back as the page's script reads it (`decode`, `query`), and checked against
//! the reference ranking, [`crate::search::rank`].

use std::collections::HashMap;

use super::*;
use crate::search::{rank_in, terms, Doc, KINDS};
use crate::text::fold;

/// A JSON value, as much of JSON as the index writes.
#[derive(Debug, Clone, PartialEq)]
enum J {
    S(String),
    N(u64),
    A(Vec<J>),
    O(Vec<(String, J)>),
}

impl J {
    fn s(&self) -> &str {
        match self {
            J::S(s) => s,
            _ => panic!("not a string: {self:?}"),
        }
    }
    fn n(&self) -> u64 {
        match self {
            J::N(n) => *n,
            _ => panic!("not a number: {self:?}"),
        }
    }
    fn a(&self) -> &[J] {
        match self {
            J::A(a) => a,
            _ => panic!("not an array: {self:?}"),
        }
    }
    fn get(&self, k: &str) -> Option<&J> {
        match self {
            J::O(o) => o.iter().find(|(x, _)| x == k).map(|(_, v)| v),
            _ => panic!("not an object: {self:?}"),
        }
    }
}

fn parse(text: &str) -> (J, &str) {
    let t = text.trim_start();
    let mut c = t.chars();
    match c.next() {
        Some('"') => {
            let mut s = String::new();
            let mut it = t[1..].char_indices();
            while let Some((i, ch)) = it.next() {
                match ch {
                    '"' => return (J::S(s), &t[i + 2..]),
                    '\\' => match it.next().map(|x| x.1) {
                        Some('n') => s.push('\n'),
                        Some('r') => s.push('\r'),
                        Some('t') => s.push('\t'),
                        Some('u') => {
                            let hex: String = (0..4).filter_map(|_| it.next().map(|x| x.1)).collect();
                            s.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                        }
                        Some(o) => s.push(o),
                        None => panic!("unended escape"),
                    },
                    _ => s.push(ch),
                }
            }
            panic!("unended string")
        }
        Some('[') => {
            let mut rest = t[1..].trim_start();
            let mut items = Vec::new();
            if let Some(r) = rest.strip_prefix(']') {
                return (J::A(items), r);
            }
            loop {
                let (v, r) = parse(rest);
                items.push(v);
                let r = r.trim_start();
                if let Some(r) = r.strip_prefix(',') {
                    rest = r;
                } else {
                    return (J::A(items), r.strip_prefix(']').expect("]"));
                }
            }
        }
        Some('{') => {
            let mut rest = t[1..].trim_start();
            let mut items = Vec::new();
            if let Some(r) = rest.strip_prefix('}') {
                return (J::O(items), r);
            }
            loop {
                let (k, r) = parse(rest);
                let (v, r) = parse(r.trim_start().strip_prefix(':').expect(":"));
                items.push((k.s().to_string(), v));
                let r = r.trim_start();
                if let Some(r) = r.strip_prefix(',') {
                    rest = r;
                } else {
                    return (J::O(items), r.strip_prefix('}').expect("}"));
                }
            }
        }
        _ => {
            let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
            (J::N(t[..end].parse().expect("a number")), &t[end..])
        }
    }
}

/// The index as files, read as the page's script reads them.
struct Read {
    entry: J,
    parts: HashMap<String, J>,
    /// What a part of whole words brings of its first documents: numbers and rows, in turn.
    firsts: HashMap<String, J>,
}

impl Read {
    fn of(files: &[(String, Vec<u8>)]) -> Read {
        let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
        let entry = files.iter().find(|(p, _)| p == paths::SEARCH_INDEX).expect("the entry");
        let entry = text(&entry.1);
        let (entry, rest) = parse(entry.strip_prefix("window.BANGTIN_TIM_KIEM=").expect("the global"));
        assert_eq!(rest, ";\n");
        let v = entry.get("v").unwrap().s().to_string();
        let mut parts = HashMap::new();
        let mut firsts = HashMap::new();
        for (path, bytes) in files.iter().filter(|(p, _)| p != paths::SEARCH_INDEX) {
            let name = path.strip_prefix(paths::SEARCH_PARTS).unwrap().strip_suffix(".js").unwrap();
            let call = text(bytes);
            let array = call["BANGTIN_TK(".len() - 1..].replacen('(', "[", 1).replacen(");\n", "]", 1);
            let (args, rest) = parse(&array);
            assert_eq!(rest, "");
            assert_eq!(args.a()[0].s(), v, "{path}: the version");
            assert_eq!(args.a()[1].s(), name, "{path}: its name");
            parts.insert(name.to_string(), args.a()[2].clone());
            if let Some(f) = args.a().get(3) {
                firsts.insert(name.to_string(), f.clone());
            }
        }
        Read { entry, parts, firsts }
    }

    fn part(&self, key: &str) -> &J {
        match self.entry.get("d") {
            Some(d) => d.get(key).expect("an inline part"),
            None => &self.parts[&file_name(key)],
        }
    }

    fn meta(&self, doc: usize) -> (String, String) {
        let m = self.row(doc);
        let kind = KINDS[m.a()[1].n() as usize];
        (m.a()[0].s().to_string(), kind.to_string())
    }

    /// What result `doc` shows, from the titles' files.
    fn row(&self, doc: usize) -> &J {
        match self.entry.get("t") {
            Some(t) => &t.a()[doc],
            None => {
                let per = self.entry.get("m").unwrap().n() as usize;
                &self.parts[&format!("tl-{}", doc / per)].a()[doc % per]
            }
        }
    }

    /// The part a query word reads: the longest listed letters it starts with, unless they are a
    /// node's and the word goes on past them.
    fn key_for(&self, term: &str) -> Option<(String, bool)> {
        let keys: HashMap<&str, bool> = self
            .entry
            .get("k")
            .unwrap()
            .s()
            .split(' ')
            .filter(|k| !k.is_empty())
            .map(|k| k.strip_suffix('+').map_or((k, false), |k| (k, true)))
            .collect();
        let chars: Vec<char> = term.chars().collect();
        for n in (1..=chars.len()).rev() {
            let k: String = chars[..n].iter().collect();
            if let Some(&node) = keys.get(k.as_str()) {
                return (!node || n == chars.len()).then_some((k, node));
            }
        }
        None
    }

    /// For one query word: each document it is in, with 3 (title), 2 (snippet) or 1 (body),
    /// and its positions in the title.
    fn term(&self, term: &str) -> HashMap<usize, (u8, Vec<usize>)> {
        let mut out: HashMap<usize, (u8, Vec<usize>)> = HashMap::new();
        let Some((key, node)) = self.key_for(term) else { return out };
        let data = self.part(&key).a();
        for e in data.chunks(4) {
            if !e[0].s().starts_with(term) {
                continue;
            }
            for (d, ps) in decode(e[1].s(), !node) {
                let x = out.entry(d).or_insert((0, Vec::new()));
                x.0 = 3;
                x.1.extend(ps);
            }
            for (set, rank) in [(e[2].s(), 2), (e[3].s(), 1)] {
                for (d, _) in decode(set, false) {
                    let x = out.entry(d).or_insert((0, Vec::new()));
                    x.0 = x.0.max(rank);
                }
            }
        }
        out
    }

    /// The documents a query finds, best first, by their addresses: what the page lists.
    fn query(&self, q: &str) -> Vec<String> {
        let ts = terms(q);
        if ts.is_empty() {
            return Vec::new();
        }
        let hits: Vec<_> = ts.iter().map(|t| self.term(t)).collect();
        // A node keeps no positions: its word stands anywhere in a phrase.
        let wild: Vec<bool> = ts.iter().map(|t| self.key_for(t).is_some_and(|k| k.1)).collect();
        let mut found = Vec::new();
        for &d in hits[0].keys() {
            let mut total = 0;
            let mut all = true;
            for h in &hits {
                match h.get(&d) {
                    Some((3, _)) => total += 10,
                    Some((2, _)) => total += 4,
                    Some((1, _)) => total += 1,
                    _ => all = false,
                }
            }
            if !all {
                continue;
            }
            if ts.len() > 1 && total == 10 * ts.len() as u32 {
                let phrase = match wild.iter().position(|w| !w) {
                    None => true,
                    Some(a) => hits[a][&d]
                        .1
                        .iter()
                        .filter(|&&p| p >= a)
                        .any(|&p| hits.iter().enumerate().all(|(j, h)| wild[j] || h[&d].1.contains(&(p - a + j)))),
                };
                if phrase {
                    total += 20;
                }
            }
            found.push((total, d));
        }
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.into_iter().map(|(_, d)| self.meta(d).0).collect()
    }
}

fn value(c: u8) -> u32 {
    DIGITS.iter().position(|&d| d == c).expect("a digit") as u32
}

/// A set of documents as [`id_set`] or [`title_set`] wrote it.
fn decode(s: &str, with_positions: bool) -> Vec<(usize, Vec<usize>)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut num = |i: &mut usize| {
        let (mut v, mut shift) = (0u32, 0);
        loop {
            let c = value(b[*i]);
            *i += 1;
            v |= (c & 31) << shift;
            shift += 5;
            if c < 32 {
                return v;
            }
        }
    };
    let positions = |i: &mut usize, num: &mut dyn FnMut(&mut usize) -> u32| {
        let (mut ps, mut prev) = (Vec::new(), 0);
        loop {
            let v = num(i);
            let p = prev + (v >> 1) as usize;
            ps.push(p);
            prev = p + 1;
            if v & 1 == 0 {
                return ps;
            }
        }
    };
    let mut out = Vec::new();
    if b.first() == Some(&b'.') {
        i += 1;
        let n = num(&mut i) as usize;
        for k in 0..n {
            let v = value(b[i + k]);
            for bit in 0..6 {
                if v & (1 << bit) != 0 {
                    out.push((k * 6 + bit, Vec::new()));
                }
            }
        }
        i += n;
        if with_positions {
            for d in &mut out {
                d.1 = positions(&mut i, &mut num);
            }
        }
    } else {
        let mut next = 0;
        while i < b.len() {
            let d = next + num(&mut i) as usize;
            next = d + 1;
            let ps = if with_positions { positions(&mut i, &mut num) } else { Vec::new() };
            out.push((d, ps));
        }
    }
    assert_eq!(i, b.len(), "{s}: read to its end");
    out
}

/// SplitMix64, for documents of made-up words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 24] = [
    "Đăng",
    "ký",
    "thường",
    "trú",
    "tạm",
    "kích",
    "hoạt",
    "định",
    "danh",
    "điện",
    "tử",
    "căn",
    "cước",
    "thẻ",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "hộ",
    "khẩu",
    "Hòa",
    "hoa",
    "Ωμέγα",
];

fn words(rng: &mut Rng, most: usize) -> String {
    let n = rng.below(most + 1);
    (0..n).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect::<Vec<_>>().join(" ")
}

fn docs(count: usize, seed: u64) -> Vec<Doc> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|i| {
            let t = format!("{} {}", SYLLABLES[rng.below(SYLLABLES.len())], words(&mut rng, 7));
            let s = words(&mut rng, 10);
            let x = format!("{} {}", words(&mut rng, 40), ["", "chữ đặc biệt"][i % 2]);
            let (ft, fs) = (fold(&t), fold(&s));
            let fx = crate::search::words::body_words(&x, &ft, &fs);
            Doc { u: format!("tin-tuc/{i}/"), k: KINDS[i % 4], t, s, ft, fs, fx }
        })
        .collect()
}

const QUERIES: [&str; 16] = [
    "dang ky",
    "dang ky thuong tru",
    "d",
    "th",
    "thuong tru dang",
    "kich hoat dinh danh",
    "hoa",
    "hòa",
    "CĂN CƯỚC",
    "dich vu cong truc tuyen",
    "ωμ",
    "dac biet",
    "tru tam",
    "x",
    "dien tu the",
    "h k",
];

fn all_files(mut ix: Index) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    ix.write(&mut |p, b| files.push((p, b)));
    files
}

fn same_as_the_reference(docs: &[Doc], files: &[(String, Vec<u8>)]) {
    let read = Read::of(files);
    let wild = |t: &str| read.key_for(t).is_some_and(|k| k.1);
    for q in QUERIES {
        let want: Vec<String> = rank_in(docs, q, &wild).into_iter().map(|d| d.u.clone()).collect();
        assert_eq!(read.query(q), want, "{q}");
    }
}

#[test]
fn the_parts_find_and_rank_as_the_reference_does() {
    // Small enough to be one file, and big enough to be cut into parts, nodes among them.
    for (count, seed) in [(40, 1), (3000, 2), (12_000, 3)] {
        let docs = docs(count, seed);
        let files = all_files(Index::new(docs.iter().cloned(), false));
        let read = Read::of(&files);
        let inline = read.entry.get("d").is_some();
        assert_eq!(inline, count == 40, "{count} documents: one file");
        if count > 40 {
            assert!(read.entry.get("k").unwrap().s().contains('+'), "{count}: a node");
            // A part of whole words holds at most PART_BYTES, but for one word alone; a node
            // at most half a byte a document (three bitmaps of six documents a byte).
            for (path, bytes) in files.iter().filter(|(p, _)| !p.contains("/tl-") && p != paths::SEARCH_INDEX) {
                let data = read.parts[path.strip_prefix(paths::SEARCH_PARTS).unwrap().strip_suffix(".js").unwrap()].a();
                let node = data.len() == 4
                    && read.entry.get("k").unwrap().s().split(' ').any(|k| k == format!("{}+", data[0].s()));
                let bound = if node {
                    count / 2 + 100
                } else if data.len() > 4 {
                    PART_BYTES + 64
                } else {
                    usize::MAX
                };
                assert!(bytes.len() <= bound, "{count}: {path} of {} bytes", bytes.len());
            }
        }
        same_as_the_reference(&docs, &files);
        firsts_are_the_words_first_titles(&docs, &read);
    }
}

/// Each part of whole words brings, for each of its words, what the first document with the
/// word in its title shows, as its titles' file has it; and nothing more.
fn firsts_are_the_words_first_titles(docs: &[Doc], read: &Read) {
    assert_eq!(read.firsts.is_empty(), read.entry.get("d").is_some(), "an index in one file brings all its titles");
    for (name, firsts) in &read.firsts {
        let data = read.parts[name].a();
        let mut want: Vec<usize> = data
            .chunks(4)
            .filter_map(|e| docs.iter().position(|d| title_words(&d.ft).any(|w| w == e[0].s())))
            .collect();
        want.sort_unstable();
        want.dedup();
        let got: Vec<usize> = firsts.a().chunks(2).map(|f| f[0].n() as usize).collect();
        assert_eq!(got, want, "{name}: the first documents of its words");
        for f in firsts.a().chunks(2) {
            assert_eq!(&f[1], read.row(f[0].n() as usize), "{name}: document {}", f[0].n());
        }
    }
}

#[test]
fn sets_are_written_as_gaps_or_bitmaps_and_read_back() {
    for ids in [vec![0], vec![5, 6, 7, 100, 2000, 2001], (0..600).collect::<Vec<u32>>(), (0..600).step_by(3).collect()]
    {
        let set = |titled: bool| {
            let mut p = Postings::default();
            for &d in &ids {
                p.push(d, if titled { Place::Title(1 << (d % 64) | 1 << 63) } else { Place::Body });
            }
            let mut s = String::new();
            let k = if titled { 0 } else { 2 };
            digits(p.set(k), p.next[k], titled, &mut s);
            s
        };
        let s = set(false);
        let back: Vec<u32> = decode(&s, false).into_iter().map(|d| d.0 as u32).collect();
        assert_eq!(back, ids, "{s}");
        let titled: Vec<(u32, u64)> = ids.iter().map(|&d| (d, 1 << (d % 64) | 1 << 63)).collect();
        let t = set(true);
        let back: Vec<(u32, u64)> =
            decode(&t, true).into_iter().map(|(d, ps)| (d as u32, ps.into_iter().fold(0, |m, p| m | 1 << p))).collect();
        assert_eq!(back, titled, "{t}");
    }
    // Dense sets are bitmaps: a sixth of a digit a document.
    let mut p = Postings::default();
    (0..6000).for_each(|d| p.push(d, Place::Snippet));
    let mut s = String::new();
    digits(p.set(1), p.next[1], false, &mut s);
    assert!(s.starts_with('.') && s.len() < 1010, "{}", s.len());
}

#[test]
fn a_replaced_document_gives_the_files_of_a_new_index() {
    let mut docs = docs(3000, 7);
    let mut ix = Index::new(docs.iter().cloned(), true);
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    ix.write(&mut |p, b| drop(files.insert(p, b)));
    let mut rng = Rng(9);
    let mut replaced = 0;
    for (n, k) in [0, 0, 1, 1500, 2999, 2998, 7].into_iter().enumerate() {
        // The first edit writes the first document's title in capitals: no set changes, and
        // the parts that bring it first (the first document is the first of all its words) do.
        let t = if n == 0 { docs[k].t.to_uppercase() } else { words(&mut rng, 3) };
        let fx = match n {
            0 => docs[k].fx.clone(),
            _ => crate::search::words::body_words(&words(&mut rng, 30), &fold(&t), &docs[k].fs),
        };
        docs[k] = Doc { ft: fold(&t), t, fx, ..docs[k].clone() };
        let replacing = ix.replace(docs[k].clone());
        assert!(n > 0 || replacing.is_some(), "a title in capitals is a whole build");
        let Some(changed) = replacing else {
            // Which files there are changed: a whole build, which the preview then does.
            ix = Index::new(docs.iter().cloned(), true);
            files.clear();
            ix.write(&mut |p, b| drop(files.insert(p, b)));
            continue;
        };
        replaced += 1;
        assert!(changed.len() < files.len() / 4, "{} of {} files changed", changed.len(), files.len());
        files.extend(changed);
        let whole: HashMap<String, Vec<u8>> = all_files(Index::new(docs.iter().cloned(), false)).into_iter().collect();
        assert_eq!(files.len(), whole.len());
        for (p, b) in &whole {
            assert!(files[p] == *b, "{p} differs after replacing document {k}");
        }
    }
    assert!(replaced >= 3, "{replaced} edits without a whole build");
    let files: Vec<(String, Vec<u8>)> = files.into_iter().collect();
    same_as_the_reference(&docs, &files);
    assert!(ix.replace(Doc { u: "khong-co/".into(), ..docs[0].clone() }).is_none());
}

#[test]
fn file_names_are_plain_ascii_and_distinct() {
    assert_eq!(file_name("kich"), "kich");
    assert_eq!(file_name("ωμ"), "_3c9__3bc_");
    assert_eq!(file_name("a_b"), "a_5f_b");
    assert_ne!(file_name("ab"), file_name("a_62_"));
}
