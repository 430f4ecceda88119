//! Word documents (.docx, Office Open XML) read into paragraphs and tables: each paragraph's
//! runs with bold and italic, its alignment, its heading level from its style, the label Word's
//! own numbering gives it (`numbering.xml`: "I.", "1.", "a)", a bullet as "-"), and footnotes
//! (`footnotes.xml`, `endnotes.xml`) where the text refers to them. Nothing of a site: the plan
//! importer (`import`) gives the paragraphs their meaning.
//!
//! The archive is read with `zip` and the XML with `quick-xml`'s namespace-aware reader, so a
//! document written with another prefix than `w:` reads the same. Drawings, text boxes,
//! deleted text of tracked changes and field codes are left out; inserted text is kept.

use std::collections::HashMap;
use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// WordprocessingML's namespace, transitional and strict.
const W_NS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// A part larger than this is refused: a plan is a few hundred kilobytes of XML, and a
/// compressed archive may claim anything.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// A document: its blocks in order, and the notes its runs refer to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// Footnotes and endnotes in the order the text first refers to them; a run's `note` is an
    /// index into this list.
    pub notes: Vec<Vec<Para>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    pub runs: Vec<Run>,
    /// Centred (`<w:jc w:val="center"/>`), as a document's title is.
    pub center: bool,
    /// 1 for "heading 1", from the paragraph's style or its outline level.
    pub heading: Option<u8>,
    /// The label Word's numbering shows before the text ("II.", "1.2.", "a)"), or "-" for a
    /// bullet; `None` when the paragraph is not in a Word list (its number may still be typed).
    pub label: Option<String>,
    /// The list level of `label`, 0 for the outermost.
    pub level: u8,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Run {
    /// The text; a line break inside the paragraph is `\n`, a tab `\t`.
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    /// A reference to `Document::notes[n]` (the run's text is then empty).
    pub note: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// Grid columns the cell spans (`gridSpan`), at least 1.
    pub span: usize,
}

impl Para {
    /// The paragraph's text, runs joined.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Whether every run with visible text is bold.
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for r in &self.runs {
            if r.text.trim().is_empty() {
                continue;
            }
            if !r.bold {
                return false;
            }
            any = true;
        }
        any
    }
}

impl Cell {
    /// The cell's paragraphs, one a line.
    pub fn text(&self) -> String {
        self.paras.iter().map(Para::text).collect::<Vec<_>>().join("\n")
    }
}

/// Reads a .docx file's bytes. The error says, in Vietnamese, what the file is instead.
pub fn read(bytes: &[u8]) -> Result<Document, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err("đây là tệp Word kiểu cũ (.doc). Mở tệp bằng Word hoặc LibreOffice, chọn Lưu thành (Save As) kiểu “Word Document (.docx)”, rồi nhập tệp .docx đó".into());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        "tệp không phải văn bản Word .docx (không mở được như một tệp nén .docx). Nếu là PDF, chép chữ ra một tệp .txt rồi nhập tệp .txt".to_string()
    })?;
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| "tệp nén không có word/document.xml: không phải văn bản Word .docx".to_string())?;
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(s) => read_styles(&s)?,
        None => HashMap::new(),
    };
    let numbering = match part(&mut zip, "word/numbering.xml")? {
        Some(s) => read_numbering(&s)?,
        None => Numbering::default(),
    };
    let mut notes = HashMap::new();
    for (name, kind) in [("word/footnotes.xml", NoteKind::Foot), ("word/endnotes.xml", NoteKind::End)] {
        if let Some(s) = part(&mut zip, name)? {
            for (id, paras) in read_notes(&s, &styles)? {
                notes.insert((kind, id), paras);
            }
        }
    }
    let mut reader = BodyReader::new(&styles, numbering);
    reader.read(&document)?;
    // Notes in the order the text refers to them, numbered from 1 as Markdown will show them.
    let mut order: Vec<(NoteKind, String)> = Vec::new();
    let mut doc = Document { blocks: reader.blocks, notes: Vec::new() };
    let mut renumber = |run: &mut Run, refs: &[(NoteKind, String)]| {
        if let Some(n) = run.note {
            let key = &refs[n];
            let at = match order.iter().position(|k| k == key) {
                Some(i) => i,
                None => {
                    order.push(key.clone());
                    order.len() - 1
                }
            };
            run.note = Some(at);
        }
    };
    let refs = reader.note_refs;
    for b in &mut doc.blocks {
        for p in block_paras_mut(b) {
            for r in &mut p.runs {
                renumber(r, &refs);
            }
        }
    }
    doc.notes = order.iter().map(|k| notes.get(k).cloned().unwrap_or_default()).collect();
    Ok(doc)
}

fn block_paras_mut(b: &mut Block) -> Vec<&mut Para> {
    match b {
        Block::Para(p) => vec![p],
        Block::Table(t) => t.rows.iter_mut().flatten().flat_map(|c| c.paras.iter_mut()).collect(),
    }
}

/// One part of the archive as text, or `None` when the archive has no such part.
fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(format!("không đọc được phần {name} của tệp .docx: tệp có thể bị hỏng")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| format!("không giải nén được phần {name} của tệp .docx: tệp có thể bị hỏng"))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(format!("phần {name} của tệp .docx lớn hơn 64 MB: không phải một văn bản kế hoạch"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map(Some).map_err(|_| format!("phần {name} của tệp .docx không phải UTF-8"))
}

fn xml_error(e: impl std::fmt::Display) -> String {
    format!("tệp .docx có XML hỏng ({e}); mở bằng Word, lưu lại rồi nhập lại")
}

/// Whether an element is WordprocessingML's `local`.
fn is_w(ns: &ResolveResult, e: &[u8], local: &[u8]) -> bool {
    e == local && matches!(ns, ResolveResult::Bound(n) if W_NS.contains(&n.as_ref()))
}

/// The value of `w:val` (or another attribute by its local name).
fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        // Word writes UTF-8; unescaped by hand, as `unescape_value` is gone where quick-xml's
        // `encoding` feature is on (calamine turns it on).
        .and_then(|a| quick_xml::escape::unescape(std::str::from_utf8(&a.value).ok()?).ok().map(|v| v.into_owned()))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// What a style gives the paragraphs and runs that use it.
#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    heading: Option<u8>,
    bold: Option<bool>,
    italic: Option<bool>,
    num: Option<(String, u8)>,
}

type Styles = HashMap<String, Style>;

/// Calls `each` with every element of `xml` in WordprocessingML's namespace: its local name
/// and, at its start, the element (`None` at its end).
fn walk(xml: &str, mut each: impl FnMut(&[u8], Option<&BytesStart>)) -> Result<(), String> {
    let mut r = NsReader::from_str(xml);
    loop {
        let (ns, ev) = r.read_resolved_event().map_err(xml_error)?;
        let ours = matches!(&ns, ResolveResult::Bound(n) if W_NS.contains(&n.as_ref()));
        match ev {
            Event::Eof => return Ok(()),
            Event::Start(e) | Event::Empty(e) if ours => each(e.local_name().as_ref(), Some(&e)),
            Event::End(e) if ours => each(e.local_name().as_ref(), None),
            _ => {}
        }
    }
}

fn read_styles(xml: &str) -> Result<Styles, String> {
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    let mut in_rpr = false;
    let mut in_ppr = false;
    let mut num_id: Option<String> = None;
    let mut ilvl = 0u8;
    walk(xml, |n, start| match start {
        Some(e) => {
            if n == b"style" {
                current = attr(e, b"styleId").map(|id| (id, Style::default()));
            } else if let Some((_, s)) = current.as_mut() {
                match n {
                    b"name" => {
                        if let Some(v) = attr(e, b"val") {
                            let v = v.to_ascii_lowercase();
                            if let Some(d) = v.strip_prefix("heading ").and_then(|d| d.trim().parse::<u8>().ok()) {
                                s.heading = Some(d.clamp(1, 9));
                            }
                        }
                    }
                    b"basedOn" => s.based_on = attr(e, b"val"),
                    b"outlineLvl" if s.heading.is_none() => {
                        s.heading =
                            attr(e, b"val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 9).map(|l| l + 1);
                    }
                    b"rPr" => in_rpr = true,
                    b"pPr" => in_ppr = true,
                    b"b" if in_rpr => s.bold = Some(on(e)),
                    b"i" if in_rpr => s.italic = Some(on(e)),
                    b"numId" if in_ppr => num_id = attr(e, b"val"),
                    b"ilvl" if in_ppr => ilvl = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    _ => {}
                }
            }
        }
        None => match n {
            b"rPr" => in_rpr = false,
            b"pPr" => {
                in_ppr = false;
                if let (Some((_, s)), Some(id)) = (current.as_mut(), num_id.take()) {
                    s.num = Some((id, ilvl));
                }
                ilvl = 0;
            }
            b"style" => {
                if let Some((id, s)) = current.take() {
                    styles.insert(id, s);
                }
            }
            _ => {}
        },
    })?;
    Ok(styles)
}

/// A style's property, looked up through the styles it is based on.
fn inherited<T>(styles: &Styles, id: Option<&str>, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
    let mut id = id?;
    for _ in 0..16 {
        let s = styles.get(id)?;
        if let Some(v) = get(s) {
            return Some(v);
        }
        id = s.based_on.as_deref()?;
    }
    None
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its levels by ilvl.
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by ilvl).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// numId → the current count at each level.
    counters: HashMap<String, [u32; 9]>,
}

fn read_numbering(xml: &str) -> Result<Numbering, String> {
    let mut out = Numbering::default();
    let mut abstract_id: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut level: Option<(u8, Level)> = None;
    let mut override_level: Option<u8> = None;
    walk(xml, |n, start| match start {
        Some(e) => match n {
            b"abstractNum" => abstract_id = attr(e, b"abstractNumId"),
            b"num" => num_id = attr(e, b"numId"),
            b"lvl" if abstract_id.is_some() => {
                let il = attr(e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                level = Some((il, Level { start: 1, ..Level::default() }));
            }
            b"lvlOverride" => override_level = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
            _ => {
                if let Some((_, l)) = level.as_mut() {
                    match n {
                        b"start" => l.start = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1),
                        b"numFmt" => l.format = attr(e, b"val").unwrap_or_default(),
                        b"lvlText" => l.text = attr(e, b"val").unwrap_or_default(),
                        _ => {}
                    }
                } else if let Some(id) = &num_id {
                    if n == b"abstractNumId" {
                        out.nums.entry(id.clone()).or_default().0 = attr(e, b"val").unwrap_or_default();
                    } else if n == b"startOverride" {
                        if let (Some(il), Some(v)) = (override_level, attr(e, b"val").and_then(|v| v.parse().ok())) {
                            out.nums.entry(id.clone()).or_default().1.insert(il, v);
                        }
                    }
                }
            }
        },
        None => match n {
            b"lvl" => {
                if let (Some(a), Some((il, l))) = (&abstract_id, level.take()) {
                    out.abstracts.entry(a.clone()).or_default().insert(il, l);
                }
            }
            b"abstractNum" => abstract_id = None,
            b"num" => num_id = None,
            _ => {}
        },
    })?;
    Ok(out)
}

impl Numbering {
    /// The label of the next paragraph of list `num` at level `ilvl`, counting it.
    fn next(&mut self, num: &str, ilvl: u8) -> Option<String> {
        let (abs, overrides) = self.nums.get(num)?;
        let levels = self.abstracts.get(abs)?;
        let ilvl = ilvl.min(8);
        let level = levels.get(&ilvl)?;
        let start = |il: u8| overrides.get(&il).copied().or_else(|| levels.get(&il).map(|l| l.start)).unwrap_or(1);
        let counters = self.counters.entry(num.to_string()).or_insert([0; 9]);
        let i = ilvl as usize;
        counters[i] = if counters[i] == 0 { start(ilvl) } else { counters[i] + 1 };
        for c in counters.iter_mut().skip(i + 1) {
            *c = 0;
        }
        if level.format == "bullet" {
            return Some("-".into());
        }
        if level.format == "none" {
            return None;
        }
        let mut label = level.text.clone();
        for k in (0..=i).rev() {
            let fmt = levels.get(&(k as u8)).map(|l| l.format.as_str()).unwrap_or("decimal");
            let n = if counters[k] == 0 { start(k as u8) } else { counters[k] };
            label = label.replace(&format!("%{}", k + 1), &format_number(n, fmt));
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

/// A list number in one of Word's formats.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerLetter" => letters(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// a, b, …, z, aa, bb, … as Word counts letters.
fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = (b'a' + (n % 26) as u8) as char;
    std::iter::repeat_n(c, (n / 26 + 1) as usize).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NoteKind {
    Foot,
    End,
}

/// `footnotes.xml` or `endnotes.xml`: each note's paragraphs by its id; the separators Word
/// keeps there (ids -1 and 0, or typed) are left out.
fn read_notes(xml: &str, styles: &Styles) -> Result<Vec<(String, Vec<Para>)>, String> {
    let mut reader = BodyReader::new(styles, Numbering::default());
    reader.notes_mode = true;
    reader.read(xml)?;
    Ok(reader.notes)
}

/// Where a paragraph being read goes: the body, a table cell, or a note.
struct CellFrame {
    paras: Vec<Para>,
    span: usize,
}

struct TableFrame {
    rows: Vec<Vec<Cell>>,
    cells: Vec<CellFrame>,
}

struct BodyReader<'a> {
    styles: &'a Styles,
    numbering: Numbering,
    blocks: Vec<Block>,
    tables: Vec<TableFrame>,
    para: Option<Para>,
    para_style: Option<String>,
    para_num: (Option<String>, u8),
    run: Option<Run>,
    run_style: Option<String>,
    run_bold: Option<bool>,
    run_italic: Option<bool>,
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
    /// Depth inside an element whose text is not the document's (drawings, deleted text).
    skip: usize,
    /// Each note reference as (kind, id), indexed by `Run::note` until renumbered.
    note_refs: Vec<(NoteKind, String)>,
    notes_mode: bool,
    notes: Vec<(String, Vec<Para>)>,
    note: Option<(String, Vec<Para>)>,
}

impl<'a> BodyReader<'a> {
    fn new(styles: &'a Styles, numbering: Numbering) -> Self {
        BodyReader {
            styles,
            numbering,
            blocks: Vec::new(),
            tables: Vec::new(),
            para: None,
            para_style: None,
            para_num: (None, 0),
            run: None,
            run_style: None,
            run_bold: None,
            run_italic: None,
            in_ppr: false,
            in_rpr: false,
            in_text: false,
            skip: 0,
            note_refs: Vec::new(),
            notes_mode: false,
            notes: Vec::new(),
            note: None,
        }
    }

    fn read(&mut self, xml: &str) -> Result<(), String> {
        let mut r = NsReader::from_str(xml);
        loop {
            let (ns, ev) = r.read_resolved_event().map_err(xml_error)?;
            match ev {
                Event::Eof => break,
                Event::Start(e) => {
                    let name = e.local_name();
                    if self.skip > 0 || skipped(&ns, name.as_ref()) {
                        self.skip += 1;
                        continue;
                    }
                    self.start(&ns, &e, false);
                }
                Event::Empty(e) => {
                    let name = e.local_name();
                    if self.skip > 0 || skipped(&ns, name.as_ref()) {
                        continue;
                    }
                    self.start(&ns, &e, true);
                }
                Event::End(e) => {
                    if self.skip > 0 {
                        self.skip -= 1;
                        continue;
                    }
                    let name = e.local_name();
                    self.end(&ns, name.as_ref());
                }
                Event::Text(t) if self.in_text && self.skip == 0 => {
                    let s = t.decode().map_err(xml_error)?;
                    self.push_text(&s);
                }
                Event::CData(t) if self.in_text && self.skip == 0 => {
                    let s = t.decode().map_err(xml_error)?;
                    self.push_text(&s);
                }
                Event::GeneralRef(g) if self.in_text && self.skip == 0 => {
                    let c = match g.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match g.decode().map_err(xml_error)?.as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let Some(c) = c {
                        self.push_text(c.encode_utf8(&mut [0; 4]));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn push_text(&mut self, s: &str) {
        if let Some(run) = self.run.as_mut() {
            run.text.push_str(s);
        }
    }

    fn start(&mut self, ns: &ResolveResult, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        let n = name.as_ref();
        let w = |local: &[u8]| is_w(ns, n, local);
        if w(b"footnote") || w(b"endnote") {
            if self.notes_mode {
                let separator = attr(e, b"type").is_some_and(|t| t != "normal");
                let id = attr(e, b"id").unwrap_or_default();
                self.note = (!separator && !empty).then(|| (id, Vec::new()));
                if separator && !empty {
                    self.skip = 1;
                }
            }
        } else if w(b"tbl") {
            self.tables.push(TableFrame { rows: Vec::new(), cells: Vec::new() });
        } else if w(b"tr") {
            if let Some(t) = self.tables.last_mut() {
                t.cells.clear();
            }
        } else if w(b"tc") {
            if let Some(t) = self.tables.last_mut() {
                t.cells.push(CellFrame { paras: Vec::new(), span: 1 });
            }
        } else if w(b"gridSpan") {
            if let Some(c) = self.tables.last_mut().and_then(|t| t.cells.last_mut()) {
                c.span = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
            }
        } else if w(b"p") {
            self.para = Some(Para::default());
            self.para_style = None;
            self.para_num = (None, 0);
            if empty {
                self.end(ns, b"p");
            }
        } else if w(b"pPr") && self.para.is_some() {
            self.in_ppr = !empty;
        } else if self.in_ppr && self.run.is_none() {
            if w(b"jc") {
                if let Some(p) = self.para.as_mut() {
                    p.center = attr(e, b"val").as_deref() == Some("center");
                }
            } else if w(b"pStyle") {
                self.para_style = attr(e, b"val");
            } else if w(b"numId") {
                self.para_num.0 = attr(e, b"val");
            } else if w(b"ilvl") {
                self.para_num.1 = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0);
            } else if w(b"outlineLvl") {
                if let Some(p) = self.para.as_mut() {
                    p.heading = attr(e, b"val").and_then(|v| v.parse::<u8>().ok()).filter(|l| *l < 9).map(|l| l + 1);
                }
            }
        } else if w(b"r") && self.para.is_some() {
            self.run = Some(Run::default());
            self.run_style = None;
            self.run_bold = None;
            self.run_italic = None;
        } else if w(b"rPr") && self.run.is_some() {
            self.in_rpr = !empty;
        } else if self.in_rpr {
            if w(b"b") {
                self.run_bold = Some(on(e));
            } else if w(b"i") {
                self.run_italic = Some(on(e));
            } else if w(b"rStyle") {
                self.run_style = attr(e, b"val");
            }
        } else if self.run.is_some() {
            if w(b"t") {
                self.in_text = !empty;
            } else if w(b"tab") || w(b"ptab") {
                self.push_text("\t");
            } else if w(b"br") || w(b"cr") {
                if attr(e, b"type").as_deref() != Some("page") {
                    self.push_text("\n");
                }
            } else if w(b"noBreakHyphen") {
                self.push_text("-");
            } else if w(b"footnoteReference") || w(b"endnoteReference") {
                let kind = if w(b"footnoteReference") { NoteKind::Foot } else { NoteKind::End };
                self.note_refs.push((kind, attr(e, b"id").unwrap_or_default()));
                let at = self.note_refs.len() - 1;
                // The reference is a run of its own, so the text around it keeps its formatting.
                self.close_run();
                self.run = Some(Run { note: Some(at), ..Run::default() });
                self.close_run();
                self.run = Some(Run::default());
            }
        }
    }

    fn end(&mut self, ns: &ResolveResult, n: &[u8]) {
        let w = |local: &[u8]| is_w(ns, n, local);
        if w(b"t") {
            self.in_text = false;
        } else if w(b"rPr") {
            self.in_rpr = false;
        } else if w(b"pPr") {
            self.in_ppr = false;
        } else if w(b"r") {
            self.close_run();
        } else if w(b"p") {
            self.close_run();
            let Some(mut p) = self.para.take() else { return };
            let style = self.para_style.as_deref();
            if p.heading.is_none() {
                p.heading = inherited(self.styles, style, |s| s.heading);
            }
            let (num, ilvl) = match self.para_num.0.take() {
                Some(id) => (Some(id), self.para_num.1),
                None => match inherited(self.styles, style, |s| s.num.clone()) {
                    Some((id, il)) => (Some(id), il),
                    None => (None, 0),
                },
            };
            // numId 0 takes a paragraph out of the list its style would put it in.
            if let Some(id) = num.filter(|id| id != "0") {
                p.label = self.numbering.next(&id, ilvl);
                p.level = ilvl;
            }
            // Runs of the same formatting are one: Word splits text at every edit.
            let mut runs: Vec<Run> = Vec::new();
            for r in p.runs.drain(..) {
                match runs.last_mut() {
                    Some(last)
                        if last.note.is_none()
                            && r.note.is_none()
                            && last.bold == r.bold
                            && last.italic == r.italic =>
                    {
                        last.text.push_str(&r.text)
                    }
                    _ if r.text.is_empty() && r.note.is_none() => {}
                    _ => runs.push(r),
                }
            }
            p.runs = runs;
            if let Some(note) = self.note.as_mut() {
                note.1.push(p);
            } else if let Some(c) = self.tables.last_mut().and_then(|t| t.cells.last_mut()) {
                c.paras.push(p);
            } else {
                self.blocks.push(Block::Para(p));
            }
        } else if w(b"tr") {
            if let Some(t) = self.tables.last_mut() {
                let row = t.cells.drain(..).map(|c| Cell { paras: c.paras, span: c.span }).collect();
                t.rows.push(row);
            }
        } else if w(b"tbl") {
            if let Some(t) = self.tables.pop() {
                let table = Table { rows: t.rows };
                match self.tables.last_mut().and_then(|t| t.cells.last_mut()) {
                    // A table inside a cell: its rows as lines of the cell.
                    Some(cell) => {
                        for row in &table.rows {
                            let line = row.iter().map(Cell::text).collect::<Vec<_>>().join("\t");
                            cell.paras
                                .push(Para { runs: vec![Run { text: line, ..Run::default() }], ..Para::default() });
                        }
                    }
                    None => self.blocks.push(Block::Table(table)),
                }
            }
        } else if w(b"footnote") || w(b"endnote") {
            if let Some(note) = self.note.take() {
                self.notes.push(note);
            }
        }
    }

    fn close_run(&mut self) {
        let Some(mut run) = self.run.take() else { return };
        let style = self.run_style.as_deref();
        let para_style = self.para_style.as_deref();
        run.bold = self
            .run_bold
            .or_else(|| inherited(self.styles, style, |s| s.bold))
            .or_else(|| inherited(self.styles, para_style, |s| s.bold))
            .unwrap_or(false);
        run.italic = self
            .run_italic
            .or_else(|| inherited(self.styles, style, |s| s.italic))
            .or_else(|| inherited(self.styles, para_style, |s| s.italic))
            .unwrap_or(false);
        if let Some(p) = self.para.as_mut() {
            p.runs.push(run);
        }
        self.in_text = false;
    }
}

/// Elements whose content is not the running text: drawings and text boxes, deleted text of
/// tracked changes, old-style pictures and embedded objects, and the choices of markup
/// compatibility (a text box's fallback repeats its text).
fn skipped(ns: &ResolveResult, local: &[u8]) -> bool {
    match ns {
        ResolveResult::Bound(n) if W_NS.contains(&n.as_ref()) => {
            matches!(local, b"del" | b"drawing" | b"pict" | b"object" | b"moveFrom" | b"instrText" | b"delText")
        }
        ResolveResult::Bound(n) => {
            n.as_ref() == b"http://schemas.openxmlformats.org/markup-compatibility/2006" && local == b"AlternateContent"
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_word_counts_them() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letters(1), "a");
        assert_eq!(letters(26), "z");
        assert_eq!(letters(27), "aa");
        assert_eq!(format_number(3, "decimalZero"), "03");
    }

    #[test]
    fn a_file_that_is_not_a_docx_is_named_for_what_it_is() {
        let old = read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap_err();
        assert!(old.contains(".doc") && old.contains("Lưu thành"), "{old}");
        let pdf = read(b"%PDF-1.4 ...").unwrap_err();
        assert!(pdf.contains("không phải văn bản Word"), "{pdf}");
    }
}
