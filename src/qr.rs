//! QR codes as SVG, for the posters residents scan at the café: one path of dark modules,
//! crisp at any print size and readable without fonts.
//!
//! The `qrcode` crate encodes and places the data; masking is ours. The crate scores the eight
//! masks with a boxed closure per module and window, and masks a copy of its canvas with a
//! function call per module, which made QR codes most of a large site's build (a poster per guide
//! and per event). [`modules`] masks a plain grid and [`best_mask`] scores it the same way — the
//! same rules, the same quirks, the first of equal scores — so every code is the one
//! `QrCode::with_error_correction_level` would draw (a test compares them).

use qrcode::canvas::{Canvas, Module};
use qrcode::{Color, EcLevel};

/// Modules of white around the code, as the standard asks, so a phone finds its edge on any paper.
const QUIET: usize = 4;

/// Level M survives a crease or a smudge on a printed poster and keeps the code small.
const LEVEL: EcLevel = EcLevel::M;

/// The modules of `url`'s code row by row, dark as a set bit (module `x` of a row is bit `x % 64`
/// of its word `x / 64`), and the width.
fn modules(url: &str) -> Option<(Vec<u64>, usize)> {
    let bits = qrcode::bits::encode_auto(url.as_bytes(), LEVEL).ok()?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, LEVEL).ok()?;
    let mut canvas = Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    // The unmasked grid, and which of its modules a mask inverts: the crate's `apply_mask`
    // calls a function per module on a copy of its canvas, eight times over.
    let mut base = vec![false; width * width];
    let mut maskable = vec![false; width * width];
    for (i, (dark, open)) in base.iter_mut().zip(maskable.iter_mut()).enumerate() {
        let (x, y) = (i16::try_from(i % width).ok()?, i16::try_from(i / width).ok()?);
        (*dark, *open) = match canvas.get(x, y) {
            Module::Empty => (false, true),
            Module::Unmasked(c) => (c == Color::Dark, true),
            Module::Masked(c) => (c == Color::Dark, false),
        };
    }
    if width <= 64 {
        return Some((best_mask_rows(&base, &maskable, width), width));
    }
    let masked = |m: usize| {
        let mut g = base.clone();
        invert(&mut g, &maskable, width, m);
        // The format information: the level and the mask, twice, and the dark module.
        let at = |(x, y): (i32, i32)| {
            let w = width as i32;
            (if y < 0 { y + w } else { y }) as usize * width + (if x < 0 { x + w } else { x }) as usize
        };
        for coords in [&FORMAT_MAIN, &FORMAT_SIDE] {
            for (k, &xy) in coords.iter().enumerate() {
                g[at(xy)] = FORMAT_M[m] & (1 << (14 - k)) != 0;
            }
        }
        g[at((8, -8))] = true;
        g
    };
    let best = best_mask(width, masked)?;
    let words = width.div_ceil(64);
    let mut rows = vec![0u64; width * words];
    for (i, _) in best.iter().enumerate().filter(|(_, d)| **d) {
        let (x, y) = (i % width, i / width);
        rows[y * words + x / 64] |= 1 << (x % 64);
    }
    Some((rows, width))
}

/// Inverts the modules of `g` that mask `m` (its number in the standard, 0–7) covers, where
/// `open` allows. One loop per formula, so that none is chosen per module.
fn invert(g: &mut [bool], open: &[bool], w: usize, m: usize) {
    fn each(g: &mut [bool], open: &[bool], w: usize, covers: impl Fn(usize, usize) -> bool) {
        for (y, (row, open)) in g.chunks_exact_mut(w).zip(open.chunks_exact(w)).enumerate() {
            for (x, (d, open)) in row.iter_mut().zip(open).enumerate() {
                *d ^= *open && covers(x, y);
            }
        }
    }
    match m {
        0 => each(g, open, w, |x, y| (x + y) % 2 == 0),
        1 => each(g, open, w, |_, y| y % 2 == 0),
        2 => each(g, open, w, |x, _| x % 3 == 0),
        3 => each(g, open, w, |x, y| (x + y) % 3 == 0),
        4 => each(g, open, w, |x, y| (y / 2 + x / 3) % 2 == 0),
        5 => each(g, open, w, |x, y| (x * y) % 2 + (x * y) % 3 == 0),
        6 => each(g, open, w, |x, y| ((x * y) % 2 + (x * y) % 3) % 2 == 0),
        _ => each(g, open, w, |x, y| ((x + y) % 2 + (x * y) % 3) % 2 == 0),
    }
}

/// The format information of level M with masks 0–7: fifteen bits each, from the standard's
/// table (the crate's `FORMAT_INFOS_QR`).
const FORMAT_M: [u32; 8] = [0x5412, 0x5125, 0x5e7c, 0x5b4b, 0x45f9, 0x40ce, 0x4f97, 0x4aa0];

/// Where the format information's bits go, highest first; negative counts from the far edge.
const FORMAT_MAIN: [(i32, i32); 15] = [
    (0, 8),
    (1, 8),
    (2, 8),
    (3, 8),
    (4, 8),
    (5, 8),
    (7, 8),
    (8, 8),
    (8, 7),
    (8, 5),
    (8, 4),
    (8, 3),
    (8, 2),
    (8, 1),
    (8, 0),
];
const FORMAT_SIDE: [(i32, i32); 15] = [
    (8, -1),
    (8, -2),
    (8, -3),
    (8, -4),
    (8, -5),
    (8, -6),
    (8, -7),
    (-8, 8),
    (-7, 8),
    (-6, 8),
    (-5, 8),
    (-4, 8),
    (-3, 8),
    (-2, 8),
    (-1, 8),
];

/// The masked grid with the lowest penalty, scored as `qrcode` 0.14 scores a normal QR code; for
/// codes wider than 64 modules (addresses of more than about 250 bytes); [`best_mask_rows`] for the
/// rest.
fn best_mask(width: usize, masked: impl Fn(usize) -> Vec<bool>) -> Option<Vec<bool>> {
    let mut best: Option<(u16, Vec<bool>)> = None;
    for m in 0..8 {
        let grid = masked(m);
        let score = penalty(&grid, width);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, grid));
        }
    }
    best.map(|(_, g)| g)
}

/// Adjacent runs, 2×2 blocks, finder-like patterns and balance; the crate's arithmetic is in
/// `u16`, so the sum wraps the same way.
fn penalty(g: &[bool], w: usize) -> u16 {
    let dark = g.iter().filter(|d| **d).count();
    total(penalties_scalar(g, w), dark, g.len())
}

/// The score of the rules and the balance of `dark` modules among `all`.
fn total((runs, blocks, finder): (u32, u32, u32), dark: usize, all: usize) -> u16 {
    let ratio = dark * 200 / all;
    let balance = ratio.abs_diff(100) as u32;
    (runs.wrapping_add(blocks).wrapping_add(finder).wrapping_add(balance) & 0xFFFF) as u16
}

/// Which modules of each row mask `m` covers, for rows 0–63 of any width: module `x` is bit `x`.
/// The same for every code, so made once.
fn mask_rows() -> &'static [[u64; 64]; 8] {
    static ROWS: std::sync::OnceLock<[[u64; 64]; 8]> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows = [[0u64; 64]; 8];
        for (m, rows) in rows.iter_mut().enumerate() {
            let mut g = vec![false; 64 * 64];
            invert(&mut g, &[true; 64 * 64], 64, m);
            for (row, line) in rows.iter_mut().zip(g.chunks_exact(64)) {
                *row = line.iter().enumerate().fold(0, |r, (x, &d)| r | (u64::from(d) << x));
            }
        }
        rows
    })
}

/// [`best_mask`] for codes up to 64 modules wide, every page address: each mask is a few word
/// operations per row on the grid held as bits, where masking a grid of `bool`s module by
/// module, eight times over, and then packing each into bits to score it was most of the time
/// of a poster's code.
fn best_mask_rows(base: &[bool], open: &[bool], w: usize) -> Vec<u64> {
    let pack = |g: &[bool]| -> Vec<u64> {
        g.chunks_exact(w).map(|line| line.iter().enumerate().fold(0, |r, (x, &d)| r | (u64::from(d) << x))).collect()
    };
    let (base, open) = (pack(base), pack(open));
    let patterns = mask_rows();
    let at = |(x, y): (i32, i32)| {
        let wi = w as i32;
        ((if x < 0 { x + wi } else { x }) as usize, (if y < 0 { y + wi } else { y }) as usize)
    };
    let mut best: Option<(u16, Vec<u64>)> = None;
    let mut cols = vec![0u64; w];
    for (m, pattern) in patterns.iter().enumerate() {
        let mut rows: Vec<u64> = base.iter().zip(&open).zip(pattern).map(|((b, o), p)| b ^ (o & p)).collect();
        // The format information: the level and the mask, twice, and the dark module.
        for coords in [&FORMAT_MAIN, &FORMAT_SIDE] {
            for (k, &xy) in coords.iter().enumerate() {
                let (x, y) = at(xy);
                let dark = FORMAT_M[m] & (1 << (14 - k)) != 0;
                rows[y] = (rows[y] & !(1 << x)) | (u64::from(dark) << x);
            }
        }
        let (x, y) = at((8, -8));
        rows[y] |= 1 << x;
        cols.iter_mut().for_each(|c| *c = 0);
        for (y, &row) in rows.iter().enumerate() {
            let mut r = row;
            while r != 0 {
                cols[r.trailing_zeros() as usize] |= 1 << y;
                r &= r - 1;
            }
        }
        let dark = rows.iter().map(|r| r.count_ones() as usize).sum();
        let score = total(penalties_packed(&rows, &cols, w), dark, w * w);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, rows));
        }
    }
    best.map(|(_, r)| r).unwrap_or_default()
}

/// `#.###.#`, read from the start of a line.
const FINDER: [bool; 7] = [true, false, true, true, true, false, true];

/// 40 points, less the 360 the three real finder patterns always score, in each direction.
fn finder_total(scores: [u32; 2]) -> u32 {
    scores.iter().fold(0u32, |t, s| t.wrapping_add(s.wrapping_sub(360) & 0xFFFF))
}

/// The rule for every code, module by module: the reference the bit version is tested against.
fn penalties_scalar(g: &[bool], w: usize) -> (u32, u32, u32) {
    let at = |x: usize, y: usize| g[y * w + x];
    let mut runs: u32 = 0;
    let mut finder = [0u32; 2];
    for (d, horizontal) in [true, false].into_iter().enumerate() {
        let line = |i: usize, j: usize| if horizontal { at(j, i) } else { at(i, j) };
        for i in 0..w {
            // Runs of 5 + N modules of one colour: 3 + N points.
            let mut run = 1u32;
            for j in 1..=w {
                if j < w && line(i, j) == line(i, j - 1) {
                    run += 1;
                } else {
                    if run >= 5 {
                        runs += run - 2;
                    }
                    run = 1;
                }
            }
            // `#.###.#` not flanked by dark on both sides within four modules (off the grid is
            // light): 40 points.
            for j in 0..w - 6 {
                if (0..7).any(|k| line(i, j + k) != FINDER[k]) {
                    continue;
                }
                let before = (j.saturating_sub(4)..j).any(|k| line(i, k));
                let after = (j + 7..(j + 11).min(w)).any(|k| line(i, k));
                if !before || !after {
                    finder[d] += 40;
                }
            }
        }
    }
    // Every 2×2 block of one colour, overlapping: 3 points.
    let mut blocks = 0;
    for y in 0..w - 1 {
        for x in 0..w - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                blocks += 3;
            }
        }
    }
    (runs, blocks, finder_total(finder))
}

/// The same rules on rows and columns held as bits (module `x` is bit `x`), for codes up to 64
/// modules wide — every page address: a few word operations per line instead of one test per
/// module and window.
fn penalties_packed(rows: &[u64], cols: &[u64], w: usize) -> (u32, u32, u32) {
    let full: u64 = if w == 64 { u64::MAX } else { (1u64 << w) - 1 };
    let mut runs = 0;
    let mut finder = [0u32; 2];
    for (d, lines) in [rows, cols].into_iter().enumerate() {
        for &r in lines {
            // A run of `len` ≥ 5 scores `len - 2`: its `len - 4` windows of five alike, plus 2
            // for the first of them. Bit `j` of `alike` says modules `j` to `j + 4` match.
            let same = !(r ^ (r >> 1)) & (full >> 1);
            let alike = same & (same >> 1) & (same >> 2) & (same >> 3) & (full >> 4);
            runs += alike.count_ones() + 2 * (alike & !(alike << 1)).count_ones();
            let n = !r & full;
            let mut found = r & (n >> 1) & (r >> 2) & (r >> 3) & (r >> 4) & (n >> 5) & (r >> 6);
            found &= full >> 6;
            while found != 0 {
                let j = found.trailing_zeros() as usize;
                found &= found - 1;
                let before = (r & ((1u64 << j) - 1) & !((1u64 << j.saturating_sub(4)) - 1)) != 0;
                let hi = (j + 11).min(w);
                let span = if hi > j + 7 { ((1u64 << (hi - j - 7)) - 1) << (j + 7) } else { 0 };
                let after = (r & span) != 0;
                if !before || !after {
                    finder[d] += 40;
                }
            }
        }
    }
    let mut blocks = 0;
    for y in 0..w - 1 {
        let (a, b) = (rows[y], rows[y + 1]);
        let same = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & (full >> 1);
        blocks += 3 * same.count_ones();
    }
    (runs, blocks, finder_total(finder))
}

/// The code for `url` as an SVG image labelled for screen readers; `None` when the text is too
/// long for a QR code (thousands of bytes; a page address never is).
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (rows, width) = modules(url)?;
    let size = width + 2 * QUIET;
    let words = width.div_ceil(64);
    let mut path = Vec::with_capacity(width * width * 2);
    for (y, row) in rows.chunks_exact(words).enumerate() {
        let mut x = next_module(row, 0, true, width);
        while x < width {
            let end = next_module(row, x, false, width);
            // `M{x} {y}h{run}v1h-{run}z`, put together on the stack and added at once: a
            // poster's code is hundreds of these, and there is a poster per guide and per event.
            let mut one = Run { bytes: [0; 32], len: 0 };
            one.push(b"M");
            one.number(x + QUIET);
            one.push(b" ");
            one.number(y + QUIET);
            one.push(b"h");
            one.number(end - x);
            one.push(b"v1h-");
            one.number(end - x);
            one.push(b"z");
            path.extend_from_slice(&one.bytes[..one.len]);
            x = next_module(row, end, true, width);
        }
    }
    let path = String::from_utf8(path).unwrap_or_default();
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" role=\"img\" \
         aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>",
        crate::text::escape_xml(label)
    ))
}

/// The first module from `x` on of row `row` that is dark (`dark`) or light, or `width`.
fn next_module(row: &[u64], mut x: usize, dark: bool, width: usize) -> usize {
    while x < width {
        let word = if dark { row[x / 64] } else { !row[x / 64] } >> (x % 64);
        if word != 0 {
            return (x + word.trailing_zeros() as usize).min(width);
        }
        x = (x / 64 + 1) * 64;
    }
    width
}

/// One run of a code's path, written out. Its figures are below 185 (the widest code with its margin), so it
/// never fills the buffer.
struct Run {
    bytes: [u8; 32],
    len: usize,
}

impl Run {
    fn push(&mut self, b: &[u8]) {
        self.bytes[self.len..self.len + b.len()].copy_from_slice(b);
        self.len += b.len();
    }

    /// `n` in decimal.
    fn number(&mut self, n: usize) {
        debug_assert!(n < 1000);
        if n >= 100 {
            self.push(&[b'0' + (n / 100 % 10) as u8]);
        }
        if n >= 10 {
            self.push(&[b'0' + (n / 10 % 10) as u8]);
        }
        self.push(&[b'0' + (n % 10) as u8]);
    }
}

#[cfg(test)]
mod tests {
    use qrcode::{Color, EcLevel, QrCode};

    #[test]
    fn same_text_same_code() {
        let a = super::svg("https://phuong3.example.gov.vn/cong-dan-so/huong-dan/kich-hoat-vneid/", "Mã QR");
        let b = super::svg("https://phuong3.example.gov.vn/cong-dan-so/huong-dan/kich-hoat-vneid/", "Mã QR");
        assert!(a.is_some());
        assert_eq!(a, b);
        assert!(super::svg(&"x".repeat(5000), "quá dài").is_none());
    }

    #[test]
    fn bits_and_modules_score_alike() {
        // Every width a bit row holds, on grids from a fixed-seed generator and on real codes.
        let mut seed = 7u64;
        for w in 21..=64 {
            for density in [2u64, 3, 5] {
                let g: Vec<bool> = (0..w * w)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        (seed >> 33) % density == 0
                    })
                    .collect();
                let mut rows = vec![0u64; w];
                let mut cols = vec![0u64; w];
                for (i, _) in g.iter().enumerate().filter(|(_, d)| **d) {
                    rows[i / w] |= 1 << (i % w);
                    cols[i % w] |= 1 << (i / w);
                }
                assert_eq!(super::penalties_packed(&rows, &cols, w), super::penalties_scalar(&g, w), "width {w}");
            }
        }
    }

    #[test]
    fn the_mask_is_the_one_the_crate_picks() {
        // Addresses of every length a site has, and odd ones: each version and many data patterns.
        let mut urls: Vec<String> = (0..120)
            .map(|i| format!("https://phuong{i}.example.gov.vn/cong-dan-so/huong-dan/bai-{}/in/", "x".repeat(i % 90)))
            .collect();
        urls.extend(["a", "https://x.vn/", "HTTPS://X.VN/ABC123", "0123456789"].map(String::from));
        // Wider than 64 modules: scored module by module.
        urls.push(format!("https://x.vn/{}", "đường-dài/".repeat(30)));
        for url in urls {
            let theirs: Vec<bool> = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
                .unwrap()
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect();
            let (rows, w) = super::modules(&url).unwrap();
            let words = w.div_ceil(64);
            let ours: Vec<bool> =
                (0..w * w).map(|i| rows[i / w * words + i % w / 64] & (1 << (i % w % 64)) != 0).collect();
            assert!(ours == theirs, "{url}");
        }
    }
}
