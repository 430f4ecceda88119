//! The distinct words of a body as the search index keeps them: the plain text of its opening,
//! folded, each word once, in one pass over the Markdown (the index reads every body of the site).

use crate::markdown;

use super::BODY_CHARS;

/// The body as the search uses it: the words of its plain text cut at [`BODY_CHARS`], folded,
/// each once in order of first use, leaving out words of the (folded) title and snippet. A body
/// word only ever decides whether a query word starts some word of the body, so this finds and
/// ranks exactly as the whole text would, and a page of Vietnamese (a few hundred distinct
/// syllables among thousands) costs a third of the bytes.
///
/// What `fold(markdown::plain(body, BODY_CHARS))` split into words would give, in one pass over
/// the Markdown's text: the search index reads every body of the site, and the plain text, its
/// folding and the words hashed as strings were each written out in full, a sixth of a build.
pub(super) fn body_words(body: &str, title: &str, snippet: &str) -> String {
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
            1..=8 => self.insert_short(packed(w)),
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

/// A word of at most 8 bytes packed in a `u64`, low byte first: how [`Seen`] and the index's
/// numbering of words key it. A word has no NUL (not alphanumeric), so zero padding keeps words
/// of different lengths apart. Byte by byte: a copy of a length known only now is a call to
/// `memcpy`, which was a quarter of the lookups on millions of words.
pub(super) fn packed(w: &str) -> u64 {
    w.bytes().rev().fold(0u64, |k, b| (k << 8) | u64::from(b))
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
