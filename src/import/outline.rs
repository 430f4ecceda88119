//! The body of a plan as an outline and as Markdown. The numbering of Vietnamese documents,
//! typed or Word's own, gives the structure: "I." a section (`##`), "1." a heading below it
//! (`###`) when it reads as one, "1.1." below that; "a)" stays a lettered paragraph; "-" a
//! list item and "+" an item inside it. A heading is told from a numbered paragraph by its
//! length, its last character and its bold, never by bold alone, since many documents have no
//! bold headings. Bold, italics, tables and footnotes are kept.

use crate::docx::{Block, Para, Run};

/// How an item is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Roman,
    /// "1." is depth 1, "1.2." depth 2.
    Decimal(u8),
    Letter,
    Dash,
    Plus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A heading of this rank: 1 for "I.", 2 for "1.", …
    Heading(u8),
    Para,
    /// A list item at this depth.
    Item(u8),
    Table(Vec<Vec<Cell>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub md: String,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    /// The number or bullet as written ("II.", "1.2.", "a)", "-").
    pub label: Option<String>,
    pub label_kind: Option<Label>,
    /// The text after the label, plain.
    pub text: String,
    /// The same text as inline Markdown.
    pub md: String,
    /// The headings this item is under, outermost first, as indices into the items.
    pub parents: Vec<usize>,
}

/// The number or bullet a text starts with, and the bytes it takes with the spaces after it.
pub fn label_of(text: &str) -> Option<(Label, usize)> {
    let t = text;
    let skip_space = |at: usize| at + t[at..].len() - t[at..].trim_start().len();
    let first = t.chars().next()?;
    if matches!(first, '-' | '–' | '•' | '·') {
        let after = skip_space(first.len_utf8());
        if t[after..].starts_with('+') {
            return Some((Label::Plus, skip_space(after + 1)));
        }
        let next = t[after..].chars().next();
        // "- 100% cán bộ" is an item; "-5%" a number.
        let spaced = after > first.len_utf8();
        if next.is_some_and(|c| {
            c.is_alphabetic() || c == '“' || c == '"' || c == '(' || c == '*' || spaced && c.is_ascii_digit()
        }) {
            return Some((Label::Dash, after));
        }
        return None;
    }
    if first == '+' {
        return Some((Label::Plus, skip_space(1)));
    }
    // "II.", "1.", "1.2.", "1.2", "a)"
    let head: String = t.chars().take_while(|c| c.is_alphanumeric() || *c == '.' || *c == ')').collect();
    let len = head.len();
    let spaced = t[len..].starts_with(char::is_whitespace);
    if let Some(core) = head.strip_suffix('.').filter(|_| spaced) {
        if !core.is_empty() && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && core.len() <= 5 {
            return Some((Label::Roman, skip_space(len)));
        }
    }
    let core = head.trim_end_matches(['.', ')']);
    let parts: Vec<&str> = core.split('.').collect();
    let numeric = !core.is_empty()
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let closed = head.ends_with('.') || head.ends_with(')') || parts.len() > 1;
    if numeric && closed && spaced && parts.len() <= 4 && !head.ends_with(".)") {
        return Some((Label::Decimal(parts.len() as u8), skip_space(len)));
    }
    let mut chars = t.chars();
    if let (Some(c), Some(')')) = (chars.next(), chars.next()) {
        if c.is_lowercase() && c.is_alphabetic() {
            let at = c.len_utf8() + 1;
            return Some((Label::Letter, skip_space(at)));
        }
    }
    None
}

fn label_from_word(label: &str, level: u8) -> Label {
    match label_of(&format!("{label} x")) {
        Some((Label::Dash, _)) | None => {
            if level > 0 {
                Label::Plus
            } else {
                Label::Dash
            }
        }
        Some((l, _)) => l,
    }
}

/// Whether a numbered line reads as a heading ("1. Mục đích", "3. Chỉ tiêu thực hiện") rather
/// than a numbered paragraph ("2. Bộ phận Văn phòng: Phối hợp với …").
fn reads_as_heading(text: &str, bold: bool) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    if n == 0 || n > 150 {
        return false;
    }
    // "Tên mô hình: “Công dân số”." is a label and its content.
    if let Some((_, after)) = t.split_once(": ") {
        if after.split_whitespace().count() >= 2 {
            return false;
        }
    }
    if bold {
        return true;
    }
    if t.ends_with([';', ',', '.']) {
        return false;
    }
    if t.ends_with(':') {
        return n <= 100;
    }
    n <= 120
}

fn folded(s: &str) -> String {
    crate::text::fold(s)
}

/// The body's blocks as an outline. `soft` says a line break inside a paragraph is a PDF's
/// wrapping (plain text) rather than the author's (Word): the first joins the lines, the
/// second makes each line a paragraph of its own.
pub fn items(body: &[Block], soft: bool) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for b in body {
        match b {
            Block::Table(t) => {
                let rows = t
                    .rows
                    .iter()
                    .map(|row| {
                        let mut cells = Vec::new();
                        for c in row {
                            let text = c.paras.iter().map(|p| clean_plain(&p.text())).collect::<Vec<_>>().join(" ");
                            let md = c
                                .paras
                                .iter()
                                .map(|p| inline(&p.runs, 0, true))
                                .filter(|m| !m.is_empty())
                                .collect::<Vec<_>>()
                                .join("<br>");
                            let md = md.replace('|', "\\|");
                            cells.push(Cell { text, md });
                            for _ in 1..c.span {
                                cells.push(Cell { text: String::new(), md: String::new() });
                            }
                        }
                        cells
                    })
                    .collect();
                out.push(Item {
                    kind: Kind::Table(rows),
                    label: None,
                    label_kind: None,
                    text: String::new(),
                    md: String::new(),
                    parents: Vec::new(),
                });
            }
            Block::Para(p) => {
                for p in split_lines(p, soft) {
                    let Some(item) = classify(&p) else { continue };
                    // A paragraph cannot start with a small letter: it is the rest of the one
                    // before, cut where a PDF's page ended ("… để đạt được các" / "mục tiêu …").
                    let carries_on =
                        item.kind == Kind::Para && item.label.is_none() && item.text.starts_with(char::is_lowercase);
                    match out.last_mut() {
                        Some(prev)
                            if carries_on
                                && matches!(prev.kind, Kind::Para | Kind::Item(_))
                                && !prev.text.ends_with(['.', ':', ';', '!', '?']) =>
                        {
                            prev.text = format!("{} {}", prev.text, item.text);
                            prev.md = format!("{} {}", prev.md, item.md);
                        }
                        _ => out.push(item),
                    }
                }
            }
        }
    }
    rank_headings(&mut out);
    out
}

/// A Word paragraph with line breaks is as many paragraphs; a plain-text one is one line.
fn split_lines(p: &Para, soft: bool) -> Vec<Para> {
    if soft {
        let mut q = p.clone();
        for r in &mut q.runs {
            r.text = r.text.replace('\n', " ");
        }
        return vec![q];
    }
    let mut out = vec![Para { runs: Vec::new(), ..p.clone() }];
    for r in &p.runs {
        let mut parts = r.text.split('\n');
        if let Some(first) = parts.next() {
            if let Some(last) = out.last_mut() {
                last.runs.push(Run { text: first.to_string(), ..r.clone() });
            }
        }
        for part in parts {
            out.push(Para { runs: vec![Run { text: part.to_string(), ..r.clone() }], label: None, ..p.clone() });
        }
    }
    out
}

/// Spaces made single, tabs too.
fn clean_plain(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn classify(p: &Para) -> Option<Item> {
    let plain_full = clean_plain(&p.text());
    let has_note = p.runs.iter().any(|r| r.note.is_some());
    if plain_full.is_empty() && !has_note {
        return None;
    }
    let bold = p.all_bold();
    // Word's own numbering first, else what the text starts with.
    let (label_kind, label, skip) = match &p.label {
        Some(l) => (Some(label_from_word(l, p.level)), Some(l.clone()), 0),
        None => {
            let lead = leading_text(p);
            match label_of(&lead) {
                Some((kind, len)) => {
                    let written = lead[..len].trim().to_string();
                    (Some(kind), Some(written), lead[..len].chars().count())
                }
                None => (None, None, 0),
            }
        }
    };
    let text = clean_plain(&plain_full.chars().skip(skip).collect::<String>());
    let f = folded(&text);
    let kind = if let Some(h) = p.heading {
        Kind::Heading(h)
    } else {
        match label_kind {
            Some(Label::Roman) if text.chars().count() <= 200 => Kind::Heading(1),
            Some(Label::Decimal(d)) if reads_as_heading(&text, bold) => Kind::Heading(1 + d),
            Some(Label::Dash) => Kind::Item(0),
            Some(Label::Plus) => Kind::Item(1),
            _ if label_kind.is_none() && f.starts_with("phu luc") && text.chars().count() <= 40 => Kind::Heading(1),
            _ if label_kind.is_none()
                && super::vi::is_capitals(&text)
                && (2..=15).contains(&text.split_whitespace().count()) =>
            {
                Kind::Heading(1)
            }
            _ => Kind::Para,
        }
    };
    let md = match (&kind, p.label.is_some()) {
        // A heading's and a list item's number or bullet is Markdown's, not the text's.
        (Kind::Heading(_), _) => inline(&p.runs, skip, false),
        (Kind::Item(_), _) => inline(&p.runs, skip, true),
        // A numbered paragraph keeps its number as written.
        (_, true) => guard_start(&format!("{} {}", label.clone().unwrap_or_default(), inline(&p.runs, 0, true))),
        (_, false) => inline(&p.runs, 0, true),
    };
    Some(Item { kind, label, label_kind, text, md, parents: Vec::new() })
}

/// The text of the first runs, enough to read a label from.
fn leading_text(p: &Para) -> String {
    let mut s = String::new();
    for r in &p.runs {
        s.push_str(&r.text);
        if s.len() > 40 {
            break;
        }
    }
    s.trim_start().to_string()
}

/// Heading ranks as the document uses them: when it has no "I." sections, its "1." headings
/// are its top level.
fn rank_headings(items: &mut [Item]) {
    let has_top = items.iter().any(|i| i.kind == Kind::Heading(1));
    if !has_top {
        for i in items.iter_mut() {
            if let (Kind::Heading(r), Some(Label::Decimal(_))) = (&i.kind, i.label_kind) {
                i.kind = Kind::Heading(r.saturating_sub(1).max(1));
            }
        }
    }
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (k, item) in items.iter_mut().enumerate() {
        if let Kind::Heading(r) = item.kind {
            while stack.last().is_some_and(|(sr, _)| *sr >= r) {
                stack.pop();
            }
            item.parents = stack.iter().map(|(_, i)| *i).collect();
            stack.push((r, k));
        } else {
            item.parents = stack.iter().map(|(_, i)| *i).collect();
        }
    }
}

/// Markdown's characters that would change what a text means, escaped.
fn escape(s: &str, table: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~') || (table && c == '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Runs as inline Markdown, the first `skip` characters left out. Bold as `**…**`, italics as
/// `*…*`, a footnote reference as `[^n]`; spaces at a run's edges go outside its marks, and a
/// run whose marks Markdown would not read as emphasis there (between a letter and a
/// quotation mark) is written as HTML.
pub fn inline(runs: &[Run], skip: usize, emphasis: bool) -> String {
    let mut out = String::new();
    let mut left = skip;
    let mut pieces: Vec<(String, bool, bool, Option<usize>)> = Vec::new();
    for r in runs {
        if let Some(n) = r.note {
            pieces.push((String::new(), false, false, Some(n)));
            continue;
        }
        let mut text: String = r.text.replace(['\t', '\n'], " ");
        if left > 0 {
            let n = text.chars().count();
            if n <= left {
                left -= n;
                continue;
            }
            text = text.chars().skip(left).collect();
            left = 0;
        }
        pieces.push((text, r.bold && emphasis, r.italic, None));
    }
    for (k, (text, bold, italic, note)) in pieces.iter().enumerate() {
        if let Some(n) = note {
            out.push_str(&format!("[^{}]", n + 1));
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let core = text.trim();
        let trail = &text[lead.len() + core.len()..];
        out.push_str(lead);
        if core.is_empty() {
            continue;
        }
        let (open, close) = match (bold, italic) {
            (true, true) => ("***", "***"),
            (true, false) => ("**", "**"),
            (false, true) => ("*", "*"),
            (false, false) => ("", ""),
        };
        let before = out.chars().last();
        let after = trail.chars().next().or_else(|| pieces.get(k + 1).and_then(|p| p.0.chars().next()));
        let first = core.chars().next();
        let last = core.chars().last();
        let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let awkward = !open.is_empty() && ((punct(first) && word(before)) || (punct(last) && word(after)));
        if awkward {
            let (o, c) = match (bold, italic) {
                (true, true) => ("<strong><em>", "</em></strong>"),
                (true, false) => ("<strong>", "</strong>"),
                _ => ("<em>", "</em>"),
            };
            out.push_str(o);
            out.push_str(&escape(core, false));
            out.push_str(c);
        } else {
            out.push_str(open);
            out.push_str(&escape(core, false));
            out.push_str(close);
        }
        out.push_str(trail);
    }
    let out = out.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    guard_start(&out)
}

/// A paragraph that starts like a Markdown block ("2023. …", "+ …", "# …") when it is not one.
fn guard_start(md: &str) -> String {
    let digits: String = md.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && md[digits.len()..].starts_with(['.', ')']) && md[digits.len() + 1..].starts_with(' ') {
        return format!("{digits}\\{}", &md[digits.len()..]);
    }
    if md.starts_with(['-', '+', '#', '>', '=']) {
        return format!("\\{md}");
    }
    md.to_string()
}

/// The outline as Markdown, with the notes at its end.
pub fn markdown(items: &[Item], notes: &[String]) -> String {
    let mut out = String::new();
    let mut prev_item = false;
    for item in items {
        let is_item = matches!(item.kind, Kind::Item(_));
        if !out.is_empty() {
            out.push('\n');
            if !(is_item && prev_item) {
                out.push('\n');
            }
        }
        match &item.kind {
            Kind::Heading(r) => {
                let hashes = "#".repeat((*r as usize + 1).min(6));
                let label = item.label.as_deref().map(|l| format!("{l} ")).unwrap_or_default();
                out.push_str(&format!("{hashes} {label}{}", item.md.trim_end_matches(':')));
            }
            Kind::Item(d) => {
                // "+" nests under a "-" item; alone it is an item of its own.
                let depth = if *d > 0 && !prev_item { 0 } else { *d };
                out.push_str(&format!("{}- {}", "  ".repeat(depth as usize), item.md));
            }
            Kind::Para => out.push_str(&item.md),
            Kind::Table(rows) => out.push_str(&table(rows)),
        }
        prev_item = is_item;
    }
    for (k, n) in notes.iter().enumerate() {
        out.push_str(&format!("\n\n[^{}]: {n}", k + 1));
    }
    out.push('\n');
    out
}

fn table(rows: &[Vec<Cell>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |cells: &[Cell]| {
        let mut s = String::from("|");
        for k in 0..width {
            let md = cells.get(k).map(|c| c.md.as_str()).unwrap_or("");
            s.push_str(&format!(" {md} |"));
        }
        s
    };
    let mut out = Vec::new();
    if let Some((head, rest)) = rows.split_first() {
        out.push(line(head));
        out.push(format!("|{}", " --- |".repeat(width)));
        for r in rest {
            out.push(line(r));
        }
    }
    out.join("\n")
}

/// An outline of paragraphs of plain text, one a line, for tests.
#[cfg(test)]
pub(crate) fn of_lines(paras: &[&str]) -> Vec<Item> {
    let blocks: Vec<Block> = paras
        .iter()
        .map(|t| Block::Para(Para { runs: vec![Run { text: t.to_string(), ..Run::default() }], ..Para::default() }))
        .collect();
    items(&blocks, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, bold: bool) -> Run {
        Run { text: text.into(), bold, ..Run::default() }
    }

    #[test]
    fn labels_as_documents_write_them() {
        assert_eq!(label_of("I. MỤC ĐÍCH").map(|l| l.0), Some(Label::Roman));
        assert_eq!(label_of("1. Mục đích").map(|l| l.0), Some(Label::Decimal(1)));
        assert_eq!(label_of("3.1. Đại diện").map(|l| l.0), Some(Label::Decimal(2)));
        assert_eq!(label_of("đ) Triển khai").map(|l| l.0), Some(Label::Letter));
        assert_eq!(label_of("- Tuyên truyền").map(|l| l.0), Some(Label::Dash));
        assert_eq!(label_of("-Tiến hành").map(|l| l.0), Some(Label::Dash));
        assert_eq!(label_of("- + Toàn thể").map(|l| l.0), Some(Label::Plus));
        assert_eq!(label_of("+ Học sinh").map(|l| l.0), Some(Label::Plus));
        assert_eq!(label_of("100% cán bộ"), None);
        assert_eq!(label_of("1.057 tài khoản"), None);
        assert_eq!(label_of("20/6/2023 hoàn thành"), None);
        assert_eq!(label_of("Vì thế"), None);
    }

    #[test]
    fn headings_lists_and_numbered_paragraphs() {
        let paras = [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Nâng cao nhận thức;",
            "+ cán bộ;",
            "2. Bộ phận Văn phòng – Thống kê Phường: Phối hợp với công chức Văn hóa – Xã hội Phường và các bộ phận.",
            "a) Đơn vị chủ trì: UBND xã.",
        ];
        let blocks: Vec<Block> =
            paras.iter().map(|t| Block::Para(Para { runs: vec![run(t, false)], ..Para::default() })).collect();
        let items = items(&blocks, false);
        let md = markdown(&items, &[]);
        assert_eq!(
            md,
            "## I. MỤC ĐÍCH, YÊU CẦU\n\n### 1. Mục đích\n\n- Nâng cao nhận thức;\n  - cán bộ;\n\n2\\. Bộ phận Văn phòng – Thống kê Phường: Phối hợp với công chức Văn hóa – Xã hội Phường và các bộ phận.\n\na) Đơn vị chủ trì: UBND xã.\n"
        );
        assert_eq!(items[2].parents, vec![0, 1]);
    }

    #[test]
    fn a_paragraph_cut_by_a_page_end_is_joined() {
        let items = of_lines(&["- Giao chỉ tiêu để đạt được các", "mục tiêu nhanh chóng.", "Trật tự xã hội được giữ."]);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text, "Giao chỉ tiêu để đạt được các mục tiêu nhanh chóng.");
    }

    #[test]
    fn emphasis_stays_markdown_that_reads_as_emphasis() {
        let runs = [run("Mô hình “", false), run("Công dân số", true), run("” nhé ", false)];
        assert_eq!(inline(&runs, 0, true), "Mô hình “**Công dân số**” nhé");
        let runs = [run("chữ", false), run("“đậm”", true), run("chữ", false)];
        assert_eq!(inline(&runs, 0, true), "chữ<strong>“đậm”</strong>chữ");
        let runs = [run("Thời gian: ", true), run("ngày 16/4/2024 [dự kiến] *", false)];
        assert_eq!(inline(&runs, 0, true), "**Thời gian:** ngày 16/4/2024 \\[dự kiến\\] \\*");
    }
}
