//! Vietnamese text helpers shared by every stage: NFC normalisation, diacritic folding
//! (for URLs, anchors and matching), slugs, and "did you mean" suggestions.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `bytes` as a string when they are UTF-8. Checked at memory speed: std's check runs at about
/// 1 GB/s on Vietnamese text, which changes script every few bytes, and every rendered page
/// (175 MiB at 10k pages) is checked once.
pub fn into_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: checked as UTF-8 just above.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// Content may come from Word or a Mac in NFD; everything inside bangtin is NFC.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is NFC already, as nearly every file is.
pub fn is_nfc(s: &str) -> bool {
    plainly_nfc(s) || unicode_normalization::is_nfc(s)
}

/// Characters below this are looked up in [`settled`]: Latin with every Vietnamese letter,
/// and the punctuation (dashes, curly quotes, ellipsis) pasted from Word.
const SETTLED_BELOW: u32 = 0x2200;

/// For each character below [`SETTLED_BELOW`]: it starts no combination and is NFC as it stands,
/// wherever it is (canonical combining class 0, NFC quick check "yes").
fn settled() -> &'static [u64] {
    static BITS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = vec![0u64; SETTLED_BELOW as usize / 64];
        for c in (0..SETTLED_BELOW).filter_map(char::from_u32) {
            let alone = unicode_normalization::is_nfc_quick(std::iter::once(c));
            if unicode_normalization::char::canonical_combining_class(c) == 0
                && alone == unicode_normalization::IsNormalized::Yes
            {
                bits[c as usize / 64] |= 1 << (c as usize % 64);
            }
        }
        bits
    })
}

/// Whether `s` is NFC because every character in it is settled: what the quick check finds, a
/// table lookup per character instead of two property searches. Loading reads every file
/// through here; anything else goes to the full check.
fn plainly_nfc(s: &str) -> bool {
    let bits = settled();
    s.chars().all(|c| {
        let n = c as u32;
        n < 0x80 || (n < SETTLED_BELOW && bits[n as usize / 64] & (1 << (n % 64)) != 0)
    })
}

/// "Kích hoạt Định danh" → "kich hoat dinh danh": no diacritics, lower case, đ → d.
///
/// Character by character: decomposing each one alone gives what decomposing the whole string
/// gives once the marks are dropped, since canonical reordering only moves marks (every
/// character with a combining class is one; a test checks all of Unicode). The search index
/// folds every body on the site, and the streaming decomposer's buffering was most of that.
pub fn fold(s: &str) -> String {
    let folder = Folder::new();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        folder.push(c, &mut out);
    }
    out
}

/// [`fold`] one character at a time, for a caller that splits words as it folds.
#[derive(Clone, Copy)]
pub struct Folder {
    table: &'static [u32],
}

impl Folder {
    pub fn new() -> Folder {
        Folder { table: folded() }
    }

    /// What `c` folds to when that is exactly one character; `None` when it is none or several,
    /// which [`Folder::push`] writes.
    #[inline]
    pub fn one(&self, c: char) -> Option<char> {
        if c.is_ascii() {
            return Some(c.to_ascii_lowercase());
        }
        match self.table.get(c as usize) {
            Some(&f) if f != MANY => char::from_u32(f),
            _ => None,
        }
    }

    /// Appends what `c` folds to.
    pub fn push(&self, c: char, out: &mut String) {
        match self.one(c) {
            Some(f) => out.push(f),
            None => fold_char(c, out),
        }
    }
}

impl Default for Folder {
    fn default() -> Folder {
        Folder::new()
    }
}

/// [`fold_char`] of one character, worked out from the Unicode tables.
fn fold_char(c: char, out: &mut String) {
    unicode_normalization::char::decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        let d = if matches!(d, 'đ' | 'Đ') { 'd' } else { d };
        out.extend(d.to_lowercase());
    });
}

/// In [`folded`]: the character folds to nothing or to more than one character.
const MANY: u32 = u32::MAX;

/// [`fold_char`] of every character below [`SETTLED_BELOW`] that folds to exactly one, else
/// [`MANY`]. The search index folds every body of the site, and two table searches per
/// Vietnamese letter were most of that.
fn folded() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..SETTLED_BELOW)
            .map(|n| {
                let mut one = String::new();
                if let Some(c) = char::from_u32(n) {
                    fold_char(c, &mut one);
                }
                let mut chars = one.chars();
                match (chars.next(), chars.next()) {
                    (Some(f), None) => f as u32,
                    _ => MANY,
                }
            })
            .collect()
    })
}

/// A URL- and anchor-safe slug: folded, ASCII letters and digits joined by single dashes.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else if !is_invisible(c) {
            // A zero-width space between two letters (`kp\u{200b}1`) was never meant as a break.
            dash = true;
        }
    }
    out
}

/// Ids and slugs are lowercase ASCII letters, digits and single inner dashes, and not a name
/// Windows keeps for a device, so they are safe as folder names on every system and in URLs.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && !windows_reserved(s)
}

/// Characters that do something other than show: C0 and C1 controls but the line break and tab,
/// and the bidirectional overrides that make text display in another order than it reads.
pub fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t')) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room: [`is_hidden_control`], and the zero-width spaces, joiners and
/// marks, the byte-order mark, the soft hyphen and Unicode's line and paragraph separators. An id
/// with one in it looks right and is not.
pub fn is_invisible(c: char) -> bool {
    is_hidden_control(c)
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// An invisible character by its code and what it is, for a message: `U+FEFF (dấu BOM)`.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\0' => "NUL, ký tự rỗng",
        '\u{b}' => "VT, tab dọc",
        '\u{c}' => "FF, ngắt trang",
        '\r' => "CR, về đầu dòng",
        '\u{85}' => "NEL, xuống dòng kiểu cũ",
        '\u{1b}' => "ESC, mã điều khiển màn hình",
        '\u{7f}' => "DEL",
        '\u{ad}' => "gạch nối mềm",
        '\u{200b}' => "khoảng trắng không độ rộng",
        '\u{200c}' | '\u{200d}' | '\u{2060}' => "ký tự nối không độ rộng",
        '\u{200e}' | '\u{200f}' => "dấu chiều chữ",
        '\u{2028}' => "ngắt dòng Unicode, LINE SEPARATOR",
        '\u{2029}' => "ngắt đoạn Unicode, PARAGRAPH SEPARATOR",
        '\u{feff}' => "dấu BOM",
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => "ký tự đảo chiều chữ",
        c if c.is_control() => "ký tự điều khiển",
        _ => "ký tự vô hình",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// `s` with every [`is_invisible`] character written out as `\u{1b}`, for a terminal: a name
/// from content or a file name must not move the cursor, recolour or retitle it, and what cannot
/// be seen is shown.
pub fn visible_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_invisible) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Names Windows keeps for devices (`con`, `nul`, `aux`, `com1`, `lpt1`…), with any extension:
/// a file or folder so named cannot be created there, and the portal the officer uploads to may
/// well run on Windows.
pub fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches([' ', '.']).to_lowercase();
    let mut chars = stem.chars();
    let head: String = chars.by_ref().take(3).collect();
    let tail: Vec<char> = chars.collect();
    match (head.as_str(), tail.as_slice()) {
        ("con" | "prn" | "aux" | "nul", []) => true,
        ("com" | "lpt", [d]) => d.is_ascii_digit() || matches!(d, '¹' | '²' | '³'),
        _ => stem == "conin$" || stem == "conout$",
    }
}

/// What every template writes for a value: safe in element content and in attributes quoted
/// with `"` or `'`. Shaped for tera's escape hook.
pub fn escape_html(s: &str, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    // The five bytes looked up in a table: the match alone was a compare each, over every
    // value of 15k pages, and nearly no byte needs it.
    static ESCAPED: [bool; 256] = {
        let mut t = [false; 256];
        t[b'&' as usize] = true;
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'"' as usize] = true;
        t[b'\'' as usize] = true;
        t
    };
    let bytes = s.as_bytes();
    let mut done = 0;
    for (i, b) in bytes.iter().enumerate() {
        if !ESCAPED[usize::from(*b)] {
            continue;
        }
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        w.write_all(&bytes[done..i])?;
        w.write_all(entity)?;
        done = i + 1;
    }
    w.write_all(&bytes[done..])
}

/// Text safe inside HTML or XML, in element content and in quoted attributes.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_xml(&mut out, s);
    out
}

/// [`escape_xml`] onto the end of `out`. By bytes: a province's sitemap and charts escape a
/// million characters, nearly none of which need it.
pub fn push_xml(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut done = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let (entity, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => continue,
            // Control characters are not allowed in XML even as references; a stray one pasted
            // from a spreadsheet must not make the whole page or feed unparsable.
            0..=0x1F => ("", 1),
            // U+FFFE and U+FFFF, which XML does not allow either.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => continue,
        };
        out.push_str(&s[done..i]);
        out.push_str(entity);
        done = i + len;
    }
    out.push_str(&s[done..]);
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest known name to `wrong`, if one is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = fold(wrong);
    known
        .into_iter()
        .map(|k| (edit_distance(&w, &fold(k)), k))
        .filter(|(d, k)| {
            let longer = k.chars().count().max(w.chars().count());
            // Two short names with nothing in common (`<<` and `id`) are not a typo of each other.
            *d <= (longer / 3).max(2) && *d < longer
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, k)| k)
}

/// "có phải ý bạn là “x”?" when there is a close match.
pub fn did_you_mean<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(wrong, known).map(|k| format!("có phải ý bạn là “{k}”?"))
}

/// `%C3%A1` → the bytes `C3 A1`; `None` for a `%` not followed by two hex digits. A `+` stays a
/// `+`: in a path it is not a space.
pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok().filter(|_| hex.bytes().all(|c| c.is_ascii_hexdigit()))?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The 0-based lines of byte offsets of a text, asked for in (mostly) increasing order: counted
/// on from the last one, since recounting from the top for each was quadratic in a long body
/// full of links or a page full of tags; an offset before the last is counted from the top.
pub struct Lines<'t> {
    text: &'t [u8],
    counted: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines { text: text.as_bytes(), counted: 0, line: 0 }
    }

    pub fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.counted {
            (self.counted, self.line) = (0, 0);
        }
        self.line += count_newlines(&self.text[self.counted..offset]);
        self.counted = offset;
        self.line
    }
}

/// How many `\n` are in `b`. Counted in blocks with a byte-wide sum, which the compiler turns
/// into wide compares: every page of the site goes through here.
fn count_newlines(b: &[u8]) -> usize {
    let mut blocks = b.chunks_exact(128);
    let mut n: usize = (&mut blocks).map(|c| c.iter().map(|x| u8::from(*x == b'\n')).sum::<u8>() as usize).sum();
    n += blocks.remainder().iter().filter(|x| **x == b'\n').count();
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `escape_xml` must do, character by character.
    fn escape_xml_chars(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                c if (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn xml_escaping_by_bytes_is_escaping_by_characters() {
        let pieces = [
            "Khu phố 1",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\t",
            "\n",
            "\r",
            "\u{0}",
            "\u{1F}",
            "\u{7F}",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{FFFD}",
            "\u{FEFF}",
            "\u{EFFF}",
            "ï",
            "—",
            "𝔸",
            "a",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(escape_xml(&s), escape_xml_chars(&s), "{s:?}");
                }
            }
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("x{c}y");
            assert_eq!(escape_xml(&s), escape_xml_chars(&s), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Kích hoạt Định danh"), "kich hoat dinh danh");
        assert_eq!(slugify("Bước 1: Tải ứng dụng VNeID"), "buoc-1-tai-ung-dung-vneid");
        assert_eq!(slugify("I. MỤC ĐÍCH, YÊU CẦU"), "i-muc-dich-yeu-cau");
    }

    /// The fold of the whole string, through the streaming decomposer: what `fold` must equal.
    fn fold_whole(s: &str) -> String {
        s.nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| if matches!(c, 'đ' | 'Đ') { 'd' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn folding_char_by_char_is_folding_the_whole() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "{c:?} reorders but is kept");
            }
            let s = c.to_string();
            assert_eq!(fold(&s), fold_whole(&s), "{c:?}");
        }
        for s in
            ["Kích hoạt Định danh", "ĐẮK LẮK, Ơ ư", "a\u{301}\u{323}b\u{323}\u{301} Ω ǅ İ", "Phường 3 — “Công dân số”"]
        {
            assert_eq!(fold(s), fold_whole(s));
            let nfd: String = s.nfd().collect();
            assert_eq!(fold(&nfd), fold_whole(&nfd));
        }
    }

    #[test]
    fn settled_characters_are_nfc_anywhere() {
        // A settled character after any other leaves a string as normalised as it was.
        let samples = ["", "a", "e\u{301}", "\u{301}", "ệ", "Ư\u{323}", "\u{1100}", "\u{0F73}"];
        for c in (0..SETTLED_BELOW).filter_map(char::from_u32) {
            for before in samples {
                let s = format!("{before}{c}");
                if plainly_nfc(&s) {
                    assert!(unicode_normalization::is_nfc(&s), "{s:?}");
                }
            }
        }
        assert!(plainly_nfc("Kích hoạt định danh — “Công dân số”…"));
        assert!(!plainly_nfc("e\u{301}"));
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Phường".nfd().collect();
        assert_ne!(nfd, "Phường");
        assert_eq!(nfc(&nfd), "Phường");
    }

    #[test]
    fn suggests_close_ids_only() {
        assert_eq!(closest("tan-phuu", ["tan-phu", "tan-my", "tan-dong"]), Some("tan-phu"));
        assert_eq!(closest("xyz-abc-def", ["tan-phu", "tan-my"]), None);
        // Two short names with nothing in common are not a typo of each other.
        assert_eq!(closest("<<", ["id", "name", "bases"]), None);
        assert_eq!(closest("ud", ["id"]), Some("id"));
        assert_eq!(slugify("kp\u{200b}2"), "kp2");
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("a%20b%C3%A1+").unwrap(), "a bá+".as_bytes());
        assert_eq!(percent_decode("%2e%2E").unwrap(), b"..");
        assert!(percent_decode("%zz").is_none());
        assert!(percent_decode("%+1").is_none());
        assert!(percent_decode("%4").is_none());
    }

    #[test]
    fn html_escaping_covers_both_quotes() {
        let mut out = Vec::new();
        escape_html("<a href='x' title=\"y\">&</a> Phường", &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt; Phường"
        );
    }

    #[test]
    fn slug_rules() {
        assert!(is_slug("kp-1"));
        assert!(!is_slug("../etc"));
        assert!(!is_slug("Kp1"));
        assert!(!is_slug("a--b"));
        for reserved in ["con", "nul", "aux", "prn", "com1", "lpt9", "com0"] {
            assert!(!is_slug(reserved), "{reserved}");
        }
        assert!(is_slug("con-em") && is_slug("com10") && is_slug("console"));
    }

    #[test]
    fn windows_device_names() {
        for n in ["con", "CON", "nul.txt", "Aux.tar.gz", "com1", "LPT3.pdf", "com¹", "con .pdf", "conin$"] {
            assert!(windows_reserved(n), "{n}");
        }
        for n in ["console", "com10", "lpt", "nullity.pdf", "a.con", "conx", "com"] {
            assert!(!windows_reserved(n), "{n}");
        }
    }

    #[test]
    fn newlines_counted_in_blocks_are_all_of_them() {
        // Lengths around the block size, and a block of nothing but line ends (the byte sum's
        // largest).
        for len in [0, 1, 127, 128, 129, 255, 256, 300, 1000] {
            for every in [1, 2, 7, 40] {
                let b: Vec<u8> = (0..len).map(|i| if i % every == 0 { b'\n' } else { b'a' }).collect();
                assert_eq!(count_newlines(&b), b.iter().filter(|c| **c == b'\n').count(), "{len} {every}");
            }
        }
    }

    #[test]
    fn lines_of_offsets_in_any_order() {
        let text = "một\nhai\n\nbốn";
        let mut lines = Lines::new(text);
        let at = |o: usize| text.as_bytes()[..o.min(text.len())].iter().filter(|b| **b == b'\n').count();
        for o in [0, 3, 4, 9, 2, 10, 100, 0, 8] {
            assert_eq!(lines.at(o), at(o), "{o}");
        }
    }
}
