//! How deep a YAML text nests, found in one pass before any YAML reader sees it; and where a
//! quoted value that YAML read past its line opened.
//!
//! libyaml keeps a possible key for every open `[` or `{` and looks at all of them at every
//! token, so a text nested `n` deep costs it time in `n²`: 100,000 `[` took 19 s in release and
//! 56 s in debug, and yaml_serde only refuses the depth once libyaml has read the whole text.
//! This scanner stops at the first list or table that passes [`LIMIT`] instead.
//!
//! It counts what surely nests: `[` and `{` of flow collections (outside quotes and comments),
//! and block lists and tables by the columns of their `-`, `?` and keys, skipping block scalars
//! (`|`, `>`) and the continuation lines of plain ones. What it is unsure of it does not count, so
//! the depth it finds is never more than a YAML reader's: a text it refuses is one yaml_serde
//! would refuse too, only later. A text it lets through may still nest a little deeper than it
//! counted (a `[a: b]` pair is a table inside the list); yaml_serde refuses that, in time linear in
//! the text, since the depth is then bounded.

/// More nested lists and tables than this are refused: yaml_serde's own limit, far beyond any
/// content file (a plan nests four deep).
pub const LIMIT: usize = 128;

/// The 1-based line and column of the first list or table nested deeper than [`LIMIT`].
pub fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut s = Scanner::default();
    for (n, line) in yaml.split('\n').enumerate() {
        s.at = n;
        if let Some(byte) = s.line(line.as_bytes()) {
            return Some((n + 1, line[..byte].chars().count() + 1));
        }
    }
    None
}

/// A quoted value that went on past its line: where it opened (1-based line and column), its
/// quote, and the 1-based line it closed on, if it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanning {
    pub line: usize,
    pub column: usize,
    pub quote: char,
    pub closed: Option<usize>,
}

/// The quoted value that was still open when line `error_line` (1-based) began, or closed on it:
/// when YAML fails there, a quote left open above is nearly always why. libyaml reads on to the
/// next quote of the same kind, anywhere (a comment twenty lines down), and fails only after it,
/// with a message about keys or indentation.
pub fn open_quote_at(yaml: &str, error_line: usize) -> Option<Spanning> {
    let mut s = Scanner::default();
    for (n, line) in yaml.split('\n').enumerate().take(error_line) {
        s.at = n;
        let _ = s.line(line.as_bytes());
    }
    s.spanning.filter(|q| q.line < error_line && q.closed.is_none_or(|c| c == error_line))
}

#[derive(Default)]
struct Scanner {
    /// The 0-based line being read.
    at: usize,
    /// The last quoted value that did not close on its own line.
    spanning: Option<Spanning>,
    /// Columns of the open block collections, innermost last.
    indents: Vec<usize>,
    /// Open flow collections.
    flow: usize,
    /// Inside a quoted scalar that goes on past the end of a line: its quote.
    quote: Option<u8>,
    /// Lines indented more than this belong to a block scalar (`|`, `>`) or continue a plain
    /// scalar, and hold no structure.
    scalar_above: Option<isize>,
}

fn is_blank(b: Option<&u8>) -> bool {
    matches!(b, None | Some(b' ' | b'\t'))
}

impl Scanner {
    fn depth(&self) -> usize {
        self.indents.len() + self.flow
    }

    /// The column lines must pass to be inside the innermost block collection's node.
    fn parent(&self) -> isize {
        self.indents.last().map_or(-1, |c| *c as isize)
    }

    /// A block collection at column `c`; `Some(c)` when it is one too deep.
    fn block_at(&mut self, c: usize) -> Option<usize> {
        if self.indents.last().is_none_or(|top| *top < c) {
            self.indents.push(c);
        }
        (self.depth() > LIMIT).then_some(c)
    }

    /// A quote at byte `i` of line `b` that does not close on the line.
    fn open_quote(&mut self, b: &[u8], i: usize, q: u8) {
        self.quote = Some(q);
        let column = b[..i].iter().filter(|x| (**x & 0xc0) != 0x80).count() + 1;
        self.spanning = Some(Spanning { line: self.at + 1, column, quote: char::from(q), closed: None });
    }

    /// One line; the byte offset of what passes the limit, if anything does.
    fn line(&mut self, b: &[u8]) -> Option<usize> {
        let mut i = 0;
        if let Some(q) = self.quote {
            match close_quote(b, 0, q) {
                Some(end) => {
                    self.quote = None;
                    if let Some(s) = &mut self.spanning {
                        s.closed = Some(self.at + 1);
                    }
                    i = end;
                }
                None => return None,
            }
            if self.flow == 0 {
                // The rest of the line after a value that spanned lines holds nothing to count.
                return None;
            }
        } else if self.flow == 0 {
            let indent = b.iter().take_while(|c| **c == b' ').count();
            if matches!(b.get(indent), None | Some(b'#')) {
                return None;
            }
            if let Some(above) = self.scalar_above {
                if indent as isize > above {
                    return None;
                }
                self.scalar_above = None;
            }
            if b.starts_with(b"%") {
                return None;
            }
            i = indent;
            if indent == 0 && (b.starts_with(b"---") || b.starts_with(b"...")) && is_blank(b.get(3)) {
                self.indents.clear();
                i = 3;
            } else {
                while self.indents.last().is_some_and(|top| *top > indent) {
                    self.indents.pop();
                }
            }
            match self.block(b, i) {
                Block::Done => return None,
                Block::TooDeep(at) => return Some(at),
                Block::Flow(at) => i = at,
            }
        }
        self.flow_from(b, i)
    }

    /// The nodes a block line starts with, from byte `i`: `- ` and `? ` entries, keys, and what
    /// a value is, up to a flow collection, where it hands over.
    fn block(&mut self, b: &[u8], mut i: usize) -> Block {
        // After a key's `:` only a value may follow on the line: no entry, no second key.
        let mut value = false;
        loop {
            while matches!(b.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
            let Some(&c) = b.get(i) else { return Block::Done };
            match c {
                b'-' | b'?' if !value && is_blank(b.get(i + 1)) => {
                    if let Some(at) = self.block_at(i) {
                        return Block::TooDeep(at);
                    }
                    i += 1;
                }
                b':' if !value && is_blank(b.get(i + 1)) => {
                    value = true;
                    i += 1;
                }
                b'&' | b'!' => {
                    while !is_blank(b.get(i)) {
                        i += 1;
                    }
                }
                b'[' | b'{' => return Block::Flow(i),
                b'#' => return Block::Done,
                b'|' | b'>' => {
                    self.scalar_above = Some(self.parent());
                    return Block::Done;
                }
                b'"' | b'\'' => {
                    let Some(end) = close_quote(b, i + 1, c) else {
                        self.open_quote(b, i, c);
                        return Block::Done;
                    };
                    let mut j = end;
                    while matches!(b.get(j), Some(b' ' | b'\t')) {
                        j += 1;
                    }
                    if value || b.get(j) != Some(&b':') || !is_blank(b.get(j + 1)) {
                        return Block::Done;
                    }
                    if let Some(at) = self.block_at(i) {
                        return Block::TooDeep(at);
                    }
                    value = true;
                    i = j + 1;
                }
                _ => {
                    // A plain scalar: a key if a `: ` ends it on this line, else a value that
                    // may go on over the lines indented more than its collection.
                    let key = plain_key_end(b, i);
                    match key {
                        Some(colon) if !value => {
                            if let Some(at) = self.block_at(i) {
                                return Block::TooDeep(at);
                            }
                            value = true;
                            i = colon + 1;
                        }
                        _ => {
                            self.scalar_above = Some(self.parent());
                            return Block::Done;
                        }
                    }
                }
            }
        }
    }

    /// Flow collections from byte `i` (a `[` or `{` when called from a block line) to the end of
    /// the line, or until they all close.
    fn flow_from(&mut self, b: &[u8], mut i: usize) -> Option<usize> {
        // Where a scalar may start: only there does a quote open a quoted one.
        let mut at_start = true;
        while i < b.len() {
            let c = b[i];
            match c {
                b'[' | b'{' => {
                    self.flow += 1;
                    if self.depth() > LIMIT {
                        return Some(i);
                    }
                    at_start = true;
                }
                b']' | b'}' => {
                    self.flow = self.flow.saturating_sub(1);
                    if self.flow == 0 {
                        // Back in the block: a flow collection as a key (`[a]: b`) is too rare to
                        // count, and counting less is safe.
                        return None;
                    }
                    at_start = false;
                }
                b',' | b':' | b'?' => at_start = true,
                b' ' | b'\t' => {}
                b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => return None,
                b'"' | b'\'' if at_start => match close_quote(b, i + 1, c) {
                    Some(end) => {
                        i = end;
                        at_start = false;
                        continue;
                    }
                    None => {
                        self.open_quote(b, i, c);
                        return None;
                    }
                },
                _ => at_start = false,
            }
            i += 1;
        }
        None
    }
}

enum Block {
    /// Nothing more on the line to count.
    Done,
    /// A flow collection starts at this byte.
    Flow(usize),
    TooDeep(usize),
}

/// The byte after the quote that closes a scalar opened by `q` before byte `i`, on this line.
fn close_quote(b: &[u8], mut i: usize, q: u8) -> Option<usize> {
    while i < b.len() {
        match b[i] {
            b'\\' if q == b'"' => i += 2,
            b'\'' if q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == q => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The byte of the `:` that makes the plain scalar at `i` a key (`: ` or `:` at the end of the
/// line), before any comment.
fn plain_key_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b':' if is_blank(b.get(j + 1)) => return Some(j),
            b'#' if j > i && matches!(b[j - 1], b' ' | b'\t') => return None,
            _ => j += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether yaml_serde refuses the text for its depth.
    fn serde_refuses(yaml: &str) -> bool {
        serde_yaml::from_str::<serde_yaml::Value>(yaml).is_err_and(|e| e.to_string().contains("recursion limit"))
    }

    #[test]
    fn refuses_where_the_limit_is_passed_as_yaml_serde_does() {
        // `radio: ` then 128 `[`: the top table and 127 lists fit, the 128th `[` is one too many.
        for (n, refused) in [(127, false), (128, true)] {
            let yaml = format!("title: \"x\"\nradio: {}", "[".repeat(n));
            assert_eq!(too_deep(&yaml), refused.then_some((2, 8 + 127)), "{n}");
            let closed = format!("title: \"x\"\nradio: {}{}\n", "[".repeat(n), "]".repeat(n));
            assert_eq!(serde_refuses(&closed), refused, "{n}");
        }
        // Block tables two columns deeper each line: the key that opens the 129th.
        let mut yaml = String::from("units:\n");
        for level in 1..=130 {
            yaml.push_str(&format!("{}a:\n", "  ".repeat(level)));
        }
        assert_eq!(too_deep(&yaml), Some((129, 257)));
        assert!(serde_refuses(&yaml));
        // Entries on one line: `- - - …`, `? ? …`, `{a: [{a: [` and tables of lists.
        for unit in ["- ", "? ", "{a: [", "[{", "[a, "] {
            let yaml = format!("x:\n  {}", unit.repeat(1000));
            let found = too_deep(&yaml);
            assert!(found.is_some_and(|(l, _)| l == 2), "{unit:?}: {found:?}");
            assert!(serde_refuses(&yaml), "{unit:?}");
        }
    }

    #[test]
    fn what_is_not_structure_is_not_counted() {
        let deep = "[".repeat(200);
        for yaml in [
            format!("title: \"{deep}\"\n"),
            format!("title: '{deep}'\n"),
            format!("title: a{deep}\n"),
            format!("# {deep}\ntitle: x\n"),
            format!("title: x # {deep}\n"),
            format!("body: |\n  {deep}\n  {deep}\nnext: 1\n"),
            format!("body: >-\n\n  {deep}\nnext: 1\n"),
            format!("title: một dòng\n  dài {deep}\nnext: 1\n"),
            format!("title: \"hai\n  dòng {deep}\"\nnext: [1, \"{deep}\", '{deep}', a'b, c\"d]\n"),
            format!("list:\n- \"{deep}\"\n- a: '{deep}'\n"),
        ] {
            assert_eq!(too_deep(&yaml), None, "{yaml}");
            assert!(serde_yaml::from_str::<serde_yaml::Value>(&yaml).is_ok(), "{yaml}");
        }
    }

    #[test]
    fn a_quote_left_open_is_found_where_it_opened() {
        let yaml = "a: \"mở\nb: 1\n# ghi \"chú\"\nc: 2\n";
        let q = Spanning { line: 1, column: 4, quote: '"', closed: Some(3) };
        assert_eq!(open_quote_at(yaml, 3), Some(q));
        assert_eq!(open_quote_at(yaml, 2), Some(Spanning { closed: None, ..q }), "still open on line 2");
        assert_eq!(open_quote_at(yaml, 4), None, "closed before line 4: not why it failed there");
        let flow = "x: [1, 'hai\n  ba', {k: \"v}\n";
        assert_eq!(open_quote_at(flow, 3), Some(Spanning { line: 2, column: 12, quote: '"', closed: None }));
        assert_eq!(open_quote_at("title: \"đủ\"\n", 1), None);
    }

    #[test]
    fn no_file_of_the_example_the_fixtures_or_a_new_site_is_near() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in ["content", "tests/fixtures", "src/scaffold"] {
            for e in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
                let is_text = e.path().extension().is_some_and(|x| x == "yaml" || x == "md");
                let Some(text) = is_text.then(|| std::fs::read_to_string(e.path()).ok()).flatten() else { continue };
                assert_eq!(too_deep(&text), None, "{}", e.path().display());
                read += 1;
            }
        }
        assert!(read > 50, "{read} files");
        // As deep as yaml_serde reads: 127 tables, the last holding a list of one.
        let tables: String = (0..127).map(|l| format!("{}a:\n", "  ".repeat(l))).collect();
        let deep_enough = format!("{tables}{}[1]\n", "  ".repeat(127));
        assert_eq!(too_deep(&deep_enough), None);
        assert!(serde_yaml::from_str::<serde_yaml::Value>(&deep_enough).is_ok());
    }

    /// Linear: 5 MB of `[` is refused after a few hundred bytes, and 5 MB of ordinary nesting is
    /// one pass. Generous bounds, only to catch a return to quadratic time.
    #[test]
    fn the_time_is_linear_in_the_text() {
        let started = std::time::Instant::now();
        assert!(too_deep(&format!("radio: {}", "[".repeat(5 << 20))).is_some());
        assert!(too_deep(&format!("radio:\n{}", "{a: [".repeat(1 << 20))).is_some());
        assert!(too_deep(&"[a, {b: c}, \"]\"]\n".repeat(300_000)).is_none());
        assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
    }
}
