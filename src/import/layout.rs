//! The parts every administrative document has, in the order Nghị định 30/2020/NĐ-CP sets
//! them: the header (issuer | national motto, number | place and date) as a table or as lines,
//! the kind ("KẾ HOẠCH") and the title, the opening paragraph naming the documents it carries
//! out ("Thực hiện …", "Căn cứ …"), the body, the recipients ("Nơi nhận") beside the
//! signature, and the appendices after it.

use chrono::NaiveDate;

use super::vi::{self, Tok};
use crate::docx::{Block, Para};
use crate::text;

/// When a plan was issued: a full date, or the words of a draft ("tháng 8 năm 2024").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issued {
    Date(NaiveDate),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub name: String,
    pub title: Option<String>,
    pub on_behalf: Option<String>,
    /// The lines of the signature as written ("KT.CHỦ TỊCH / PHÓ CHỦ TỊCH").
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The issuer's lines of the header, as written ("ỦY BAN NHÂN DÂN", "XÃ MỸ PHÚ ĐÔNG").
    pub issuer_lines: Vec<String>,
    /// "46/KH-UBND"; `None` in a draft ("Số:      /KH-UBND").
    pub number: Option<String>,
    /// The number line as written, when there is one.
    pub number_line: Option<String>,
    pub place_date: Option<String>,
    pub issued: Option<Issued>,
    /// Whether "KẾ HOẠCH" was found.
    pub kind: bool,
    pub title: Option<String>,
    /// The documents the plan carries out, one each; and the paragraph they were read from.
    pub basis: Vec<String>,
    pub basis_source: Option<String>,
    /// From the opening paragraph to the closing one, then the appendices: what the plan's page
    /// shows.
    pub body: Vec<Block>,
    pub signer: Option<Signer>,
    /// Whether a recipients block ("Nơi nhận") was found and left out.
    pub recipients: bool,
}

/// A paragraph's lines, trimmed, without empty ones.
fn lines(p: &Para) -> Vec<String> {
    p.text().split('\n').map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

fn block_lines(b: &Block) -> Vec<String> {
    match b {
        Block::Para(p) => lines(p),
        Block::Table(t) => t.rows.iter().flatten().flat_map(|c| c.paras.iter().flat_map(lines)).collect(),
    }
}

fn folded(s: &str) -> String {
    text::fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "KẾ HOẠCH" alone on its line.
fn is_kind(line: &str) -> bool {
    folded(line).trim_matches(|c: char| !c.is_alphanumeric()) == "ke hoach" && vi::is_capitals(line)
}

/// "KẾ HOẠCH Triển khai …": the kind and the title's start on one line.
fn kind_prefix(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("KẾ HOẠCH")?;
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

fn is_motto(line: &str) -> bool {
    let f = folded(line);
    f.contains("cong hoa xa hoi chu nghia") || f.contains("doc lap") && (f.contains("tu do") || f.contains("hanh phuc"))
}

fn is_rule(line: &str) -> bool {
    line.chars().count() >= 3 && line.chars().all(|c| matches!(c, '-' | '_' | '=' | '–' | '—' | '*' | '.' | ' '))
}

/// "Số: 46/KH-UBND" → (Some("46/KH-UBND"), the rest of the line); "Số:    /KH-UBND" → (None, …).
fn number_of(line: &str) -> Option<(Option<String>, String)> {
    let t = line.trim_start();
    let rest = t.strip_prefix("Số").or_else(|| t.strip_prefix("SỐ"))?;
    let rest = rest.trim_start().strip_prefix(':').unwrap_or(rest).trim_start();
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let token = &rest[..end];
    // A draft leaves the number blank: "Số:      /KH-UBND".
    if !token.contains('/') && !rest.starts_with('/') {
        return None;
    }
    let number = (!token.starts_with('/') && token.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .then(|| token.trim_end_matches([',', '.', ';']).to_string());
    Some((number, rest[end..].trim().to_string()))
}

/// "Mỹ Phú Đông, ngày 08 tháng 6 năm 2023" → the date; "Tỉnh Hiệp, ngày tháng 8 năm 2024" →
/// "tháng 8 năm 2024".
pub fn place_date(line: &str) -> Option<Issued> {
    let toks = vi::tokens(line);
    let at = toks.iter().position(|t| t.f == "ngay")?;
    // The place comes first, before a comma.
    if at == 0 || toks[at - 1].s != "," {
        return None;
    }
    let f = |k: usize| toks.get(k).map(|t| t.f.as_str()).unwrap_or("");
    let (day, m_at) = match f(at + 1).parse::<u32>() {
        Ok(d) => (Some(d), at + 2),
        Err(_) => (None, at + 1),
    };
    if f(m_at) != "thang" {
        return None;
    }
    let month: Option<u32> = f(m_at + 1).parse().ok().filter(|m| (1..=12).contains(m));
    let (y_at, month) = match month {
        Some(m) => (m_at + 2, Some(m)),
        None => (m_at + 1, None),
    };
    if f(y_at) != "nam" {
        return None;
    }
    let year: i32 = f(y_at + 1).parse().ok().filter(|y| (2000..=2100).contains(y))?;
    match (day, month) {
        (Some(d), Some(m)) => NaiveDate::from_ymd_opt(year, m, d).map(Issued::Date),
        (None, Some(m)) => Some(Issued::Text(format!("tháng {m} năm {year}"))),
        _ => Some(Issued::Text(format!("năm {year}"))),
    }
}

/// A header line split where a copy of a two-column header runs the columns together:
/// "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" → the issuer's part only.
fn left_column(line: &str) -> &str {
    for cut in ["CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "ĐỘC LẬP"] {
        if let Some(i) = line.find(cut) {
            return line[..i].trim();
        }
    }
    line
}

/// Reads one header line into the layout: the number, the place and date, or an issuer line.
fn header_line(line: &str, column: usize, l: &mut Layout) {
    let line = line.trim();
    if line.is_empty() || is_rule(line) {
        return;
    }
    if let Some((number, rest)) = number_of(line) {
        l.number = l.number.take().or(number);
        l.number_line = Some(line.to_string());
        if !rest.is_empty() {
            header_line(&rest, 1, l);
        }
        return;
    }
    if let Some(issued) = place_date(line) {
        if l.issued.is_none() {
            l.issued = Some(issued);
            l.place_date = Some(line.to_string());
        }
        return;
    }
    if is_motto(line) && column == 0 {
        let left = left_column(line);
        if !left.is_empty() && !is_motto(left) {
            l.issuer_lines.push(left.to_string());
        }
        return;
    }
    if is_motto(line) || column > 0 {
        return;
    }
    if vi::is_capitals(line) {
        l.issuer_lines.push(line.to_string());
    }
}

fn header_block(b: &Block, l: &mut Layout) {
    match b {
        Block::Para(p) => {
            for line in lines(p) {
                for (k, part) in line.split('\t').filter(|s| !s.trim().is_empty()).enumerate() {
                    header_line(part, k, l);
                }
            }
        }
        Block::Table(t) => {
            for row in &t.rows {
                for (k, cell) in row.iter().enumerate() {
                    for p in &cell.paras {
                        for line in lines(p) {
                            header_line(&line, k, l);
                        }
                    }
                }
            }
        }
    }
}

/// The words a paragraph starts with when it names the documents a plan carries out.
const BASIS_STARTS: &[&str] = &["can cu", "thuc hien", "thi hanh", "theo", "trien khai"];

/// What a document the plan carries out starts with.
const DOCUMENT_KINDS: &[&str] = &[
    "ke hoach",
    "cong van",
    "quyet dinh",
    "nghi dinh",
    "thong bao",
    "chi thi",
    "nghi quyet",
    "thong tu",
    "luat",
    "huong dan",
    "van ban",
    "de an",
    "chuong trinh",
];

fn starts_with_document(f: &str) -> bool {
    DOCUMENT_KINDS.iter().any(|k| f.starts_with(k) && f[k.len()..].starts_with([' ', ',']))
}

/// Whether a paragraph opens with the documents the plan carries out: "Thực hiện Kế hoạch số
/// 138/KH-UBND …", "Căn cứ Luật …".
pub(crate) fn is_basis(text: &str) -> bool {
    let f = folded(text);
    BASIS_STARTS
        .iter()
        .any(|s| f.strip_prefix(s).is_some_and(|rest| rest.starts_with(' ') && starts_with_document(rest.trim_start())))
}

fn strip_basis_word(piece: &str) -> &str {
    let f = folded(piece);
    for s in BASIS_STARTS {
        if f.starts_with(s) && f[s.len()..].starts_with(' ') {
            // Words have as many spaces folded as written.
            let words = s.split(' ').count();
            let mut rest = piece.trim_start();
            for _ in 0..words {
                rest = rest.split_once(char::is_whitespace).map_or("", |(_, r)| r).trim_start();
            }
            return rest;
        }
    }
    piece
}

/// The documents an opening paragraph names, one each: split at ";", at a sentence's end and
/// at ", " or " và " before a document's kind; what follows a piece that names no document
/// ("Sơ kết 02 năm …") stays with it; the sentence saying who makes the plan ("UBND xã …
/// ban hành Kế hoạch …", "để thực hiện tốt …") ends the list.
pub fn basis_items(paragraph: &str) -> (Vec<String>, bool) {
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    let toks = vi::tokens(paragraph);
    let mut last = 0;
    for (k, t) in toks.iter().enumerate() {
        // ", Kế hoạch số …", " và Công văn số …": a document's kind and its number; "và Đề án
        // 06" inside a title is not a new document.
        let next_is_doc = || {
            let rest: String = toks[k + 1..].iter().take(6).map(|t| t.f.as_str()).collect::<Vec<_>>().join(" ");
            let rest = rest.strip_prefix("can cu ").unwrap_or(&rest);
            starts_with_document(&format!("{rest} ")) && rest.split(' ').take(4).any(|w| w == "so")
        };
        let cut = match t.s {
            ";" => true,
            "." => toks.get(k + 1).is_some_and(|n| n.s.starts_with(char::is_uppercase)),
            "," => next_is_doc(),
            _ => t.f == "va" && next_is_doc(),
        };
        if cut {
            cur.push_str(&paragraph[last..t.start]);
            pieces.push(std::mem::take(&mut cur));
            last = t.end;
        }
    }
    cur.push_str(&paragraph[last..]);
    pieces.push(cur);
    let mut items: Vec<String> = Vec::new();
    let mut ended = false;
    for piece in pieces {
        // "…, Ủy ban nhân dân xã An Bình ban hành kế hoạch như sau": the plan's own words end it.
        let mut piece = piece;
        let f = folded(&piece);
        let own_at = ["ban hanh ke hoach", "xay dung ke hoach"].iter().filter_map(|w| f.find(w)).min();
        if let Some(at) = own_at.filter(|&at| at > 0) {
            // The same place in the written text: as many words in.
            let words = f[..at].split_whitespace().count();
            let cut = piece.split_whitespace().take(words).collect::<Vec<_>>().join(" ");
            let keep = cut.rfind([',', ';']).map_or("", |i| &cut[..i]).to_string();
            if !keep.is_empty() && starts_with_document(&format!("{} ", folded(strip_basis_word(&keep)))) {
                piece = keep;
                ended = true;
            }
        }
        let piece = vi::tidy(strip_basis_word(piece.trim()), &['.', ',', ':']);
        if piece.is_empty() {
            continue;
        }
        let f = folded(&piece);
        if starts_with_document(&format!("{f} ")) {
            items.push(piece);
            if ended {
                break;
            }
            continue;
        }
        let own = f.starts_with("de ")
            || f.starts_with("nham ")
            || ["xay dung ke hoach", "ban hanh ke hoach", "nhu sau", "xay dung ke"].iter().any(|w| f.contains(w));
        if own || items.is_empty() {
            ended = true;
            break;
        }
        if let Some(prev) = items.last_mut() {
            prev.push_str("; ");
            prev.push_str(&piece);
        }
    }
    (items, ended)
}

/// Words of a signature's positions ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TỔ TRƯỞNG").
fn is_position(line: &str) -> bool {
    if !vi::is_capitals(line) {
        return false;
    }
    let f = folded(line);
    ["chu tich", "truong", "pho ", "giam doc", "bi thu", "tm.", "kt.", "tl.", "tuq.", "q. ", "uy ban", "ubnd"]
        .iter()
        .any(|w| f.contains(w))
}

/// A person's name: two to six words, each starting with a capital, letters only.
fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| w.chars().all(char::is_alphabetic) && w.starts_with(char::is_uppercase))
        && !is_position(line)
}

/// "(Đã ký)", "(Ký, đóng dấu)": left out.
fn is_signed_note(line: &str) -> bool {
    let f = folded(line);
    line.starts_with('(') && (f.contains("ky") || f.contains("dau"))
}

/// The capitals at the end of a recipients line where a copied two-column layout ran the
/// signature into it: "- UBND huyện; PHÓ CHỦ TỊCH" → "PHÓ CHỦ TỊCH".
fn position_tail(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 && vi::is_capitals(words[start - 1]) {
        start -= 1;
    }
    let tail = words[start..].join(" ");
    (start > 0 && is_position(&tail)).then_some(tail)
}

/// The signature from the lines after "Nơi nhận" (or from a signature cell): the positions,
/// then the name. How many of `lines` it took.
fn signature(lines: &[String]) -> Option<(Signer, usize)> {
    let mut positions: Vec<String> = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let line = line.trim();
        let f = folded(line);
        if line.is_empty() || is_signed_note(line) {
            continue;
        }
        if line.starts_with(['-', '+', '•']) || f.starts_with("noi nhan") || f.starts_with("luu") {
            if let Some(tail) = position_tail(line) {
                positions.push(tail);
            }
            continue;
        }
        if is_position(line) {
            positions.push(line.to_string());
            continue;
        }
        if !positions.is_empty() && (is_name(line) || vi::is_capitals(line) && line.split_whitespace().count() <= 6) {
            let mut all: Vec<String> = positions.iter().map(|p| vi::ordinary_case(p)).collect();
            let title = all.pop();
            let on_behalf = (!all.is_empty()).then(|| all.join(" "));
            let mut written = positions.clone();
            written.push(line.to_string());
            return Some((Signer { name: vi::name_case(line), title, on_behalf, lines: written }, k + 1));
        }
        if !positions.is_empty() || k > 30 {
            return None;
        }
    }
    None
}

fn starts_recipients(line: &str) -> bool {
    folded(line).starts_with("noi nhan")
}

/// Splits a document into its parts.
pub fn split(blocks: &[Block]) -> Layout {
    let mut l = Layout::default();
    // The kind's line, among the first blocks.
    let kind_at = blocks.iter().take(20).position(|b| match b {
        Block::Para(p) => lines(p).iter().any(|x| is_kind(x) || kind_prefix(x).is_some()),
        Block::Table(_) => false,
    });
    let mut i;
    let mut title_lines: Vec<String> = Vec::new();
    match kind_at {
        Some(k) => {
            for b in &blocks[..k] {
                header_block(b, &mut l);
            }
            l.kind = true;
            // Lines after "KẾ HOẠCH" in its own paragraph start the title.
            if let Block::Para(p) = &blocks[k] {
                let ls = lines(p);
                let at = ls.iter().position(|x| is_kind(x) || kind_prefix(x).is_some()).unwrap_or(0);
                for (n, x) in ls[at..].iter().enumerate() {
                    match (n, kind_prefix(x)) {
                        (0, Some(rest)) => title_lines.push(rest.to_string()),
                        (0, None) => {}
                        _ => title_lines.push(x.clone()),
                    }
                }
            }
            i = k + 1;
            // Then the paragraphs of the title: the first one, and after it those set like a
            // title (centred or bold) or carrying on a line ("trên địa bàn …").
            let mut taken = 0;
            while let Some(Block::Para(p)) = blocks.get(i) {
                let t = p.text().trim().to_string();
                if t.is_empty() || t.lines().all(is_rule) {
                    i += 1;
                    continue;
                }
                let first = title_lines.is_empty() && taken == 0;
                let carries_on = t.starts_with(char::is_lowercase);
                let set_as_title = p.center || p.all_bold();
                let labelled = super::outline::label_of(&t).is_some();
                let ok = !is_basis(&t)
                    && place_date(&t).is_none()
                    && number_of(&t).is_none()
                    && !labelled
                    && t.chars().count() <= 400
                    && taken < 4
                    && (first || carries_on || set_as_title);
                if !ok {
                    break;
                }
                title_lines.extend(t.lines().map(str::to_string));
                taken += 1;
                i += 1;
            }
        }
        None => {
            i = 0;
            // No "KẾ HOẠCH": the header is what looks like one at the start.
            while let Some(b) = blocks.get(i) {
                let ls = block_lines(b);
                let header = !ls.is_empty()
                    && ls.iter().all(|x| {
                        is_motto(x)
                            || number_of(x).is_some()
                            || place_date(x).is_some()
                            || is_rule(x)
                            || (vi::is_capitals(x) && super::outline::label_of(x).is_none())
                    });
                if !header || i > 6 {
                    break;
                }
                header_block(b, &mut l);
                i += 1;
            }
        }
    }
    if !title_lines.is_empty() {
        let t = vi::tidy(&title_lines.join(" "), &[]);
        l.title = Some(if vi::is_capitals(&t) { vi::sentence_start(&t.to_lowercase()) } else { t });
    }
    // A place and date or a rule repeated under the title is the header's, not the body's.
    while let Some(Block::Para(p)) = blocks.get(i) {
        let t = p.text();
        let t = t.trim();
        if t.is_empty() || is_rule(t) {
            i += 1;
        } else if let Some(issued) = place_date(t).filter(|_| t.chars().count() < 80) {
            if l.issued.is_none() {
                l.issued = Some(issued);
                l.place_date = Some(t.to_string());
            }
            i += 1;
        } else {
            break;
        }
    }
    // The opening paragraphs that name documents.
    let mut k = i;
    while let Some(Block::Para(p)) = blocks.get(k) {
        let t = p.text().replace('\n', " ");
        if !is_basis(&t) {
            break;
        }
        let (items, ended) = basis_items(&t);
        l.basis.extend(items);
        l.basis_source = Some(match l.basis_source.take() {
            Some(s) => format!("{s} {t}"),
            None => t.clone(),
        });
        k += 1;
        if ended {
            break;
        }
    }
    // The end of the body: the recipients and the signature, as a table or as lines.
    let mut end = blocks.len();
    let mut after = blocks.len();
    let mut j = i;
    while j < blocks.len() {
        match &blocks[j] {
            Block::Table(t) => {
                let has_recipients =
                    t.rows.iter().flatten().any(|c| lines_of_cell(c).first().is_some_and(|x| starts_recipients(x)));
                if has_recipients {
                    l.recipients = true;
                    end = j;
                    after = j + 1;
                    // The signature is the cell that is not the recipients'.
                    for c in t.rows.iter().flatten() {
                        let ls = lines_of_cell(c);
                        if ls.first().is_some_and(|x| starts_recipients(x)) {
                            continue;
                        }
                        if let Some((s, _)) = signature(&ls) {
                            l.signer = Some(s);
                            break;
                        }
                    }
                    if l.signer.is_none() {
                        let ls: Vec<String> = t.rows.iter().flatten().flat_map(lines_of_cell).collect();
                        l.signer = signature(&ls).map(|s| s.0);
                    }
                    break;
                }
            }
            Block::Para(p) => {
                let ls = lines(p);
                if ls.first().is_some_and(|x| starts_recipients(x)) {
                    l.recipients = true;
                    end = j;
                    let (signer, blocks_taken) = signature_after(&blocks[j..]);
                    l.signer = signer;
                    after = j + blocks_taken;
                    break;
                }
            }
        }
        j += 1;
    }
    if !l.recipients {
        // No recipients: a signature may still close the text after its last "./.".
        if let Some(last) =
            blocks[i..].iter().rposition(|b| matches!(b, Block::Para(p) if p.text().trim_end().ends_with("/.")))
        {
            let from = i + last + 1;
            let (signer, taken) = signature_after(&blocks[from..]);
            if signer.is_some() {
                l.signer = signer;
                end = from;
                after = from + taken;
            }
        }
    }
    l.body = blocks[i..end].to_vec();
    l.body.extend(blocks[after.min(blocks.len())..].iter().filter(|b| !is_signed_block(b)).cloned());
    l
}

fn lines_of_cell(c: &crate::docx::Cell) -> Vec<String> {
    c.paras.iter().flat_map(lines).collect()
}

fn is_signed_block(b: &Block) -> bool {
    matches!(b, Block::Para(p) if { let t = p.text(); let t = t.trim(); t.is_empty() || is_signed_note(t) })
}

/// The signature in the paragraphs from a "Nơi nhận" line (or after the closing line), and
/// how many blocks the recipients and signature took.
fn signature_after(blocks: &[Block]) -> (Option<Signer>, usize) {
    let mut all: Vec<String> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    for b in blocks.iter().take(40) {
        let Block::Para(p) = b else { break };
        let ls = lines(p);
        // An appendix starts after the signature.
        if ls.first().is_some_and(|x| folded(x).starts_with("phu luc")) {
            break;
        }
        all.extend(ls);
        ends.push(all.len());
    }
    match signature(&all) {
        Some((s, used)) => {
            let taken = ends.iter().position(|&e| e >= used).map_or(ends.len(), |k| k + 1);
            (Some(s), taken)
        }
        None => {
            // Recipients without a signature found: leave out the recipients' list only.
            let taken = blocks
                .iter()
                .take_while(|b| matches!(b, Block::Para(p) if { let t = p.text(); let t = t.trim(); starts_recipients(t) || t.starts_with(['-', '+']) || t.is_empty() }))
                .count();
            (None, taken)
        }
    }
}

/// Whether `toks` say a date a plan runs to or from is what they name; used by the finders.
pub fn names_document(toks: &[Tok], at: usize) -> bool {
    // "Kế hoạch số 129/KH-UBND ngày 02/8/2024": the date of a document, not of the plan.
    toks[..at].iter().rev().take(4).any(|t| {
        t.s.contains('/') && t.s.chars().any(char::is_alphabetic)
            || t.s.len() >= 2 && vi::is_capitals(t.s) && t.s.chars().all(|c| c.is_alphabetic())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        assert_eq!(number_of("Số: 46/KH-UBND"), Some((Some("46/KH-UBND".into()), String::new())));
        assert_eq!(number_of("Số:      /KH-UBND"), Some((None, String::new())));
        assert_eq!(
            number_of("Số: 46/KH-UBND Mỹ Phú Đông, ngày 08 tháng 6 năm 2023").map(|x| x.1),
            Some("Mỹ Phú Đông, ngày 08 tháng 6 năm 2023".into())
        );
        assert_eq!(number_of("Số liệu cộng dồn"), None);
        assert_eq!(
            place_date("Mỹ Phú Đông, ngày 08 tháng 6 năm 2023"),
            Some(Issued::Date(NaiveDate::from_ymd_opt(2023, 6, 8).unwrap()))
        );
        assert_eq!(place_date("Phường 3, ngày      tháng 3 năm 2024"), Some(Issued::Text("tháng 3 năm 2024".into())));
        assert_eq!(place_date("Từ ngày 25/5/2023"), None);
    }

    #[test]
    fn the_documents_a_plan_carries_out() {
        let (items, ended) = basis_items("Thực hiện Kế hoạch số 228/KH-UBND ngày 27/10/2023 của UBND tỉnh; Công văn số 867/UBND-SNV ngày 19/01/2024 của UBND tỉnh về công tác CCHC, chuyển đổi số và Đề án 06 năm 2024; Thông báo Kết luận số 81/TB-UBND ngày 05/02/2024 của Chủ tịch UBND tỉnh; Sơ kết 02 năm thực hiện Đề án 06; để thực hiện tốt hơn; UBND Phường 3 xây dựng kế hoạch như sau:");
        assert_eq!(
            items,
            vec![
                "Kế hoạch số 228/KH-UBND ngày 27/10/2023 của UBND tỉnh",
                "Công văn số 867/UBND-SNV ngày 19/01/2024 của UBND tỉnh về công tác CCHC, chuyển đổi số và Đề án 06 năm 2024",
                "Thông báo Kết luận số 81/TB-UBND ngày 05/02/2024 của Chủ tịch UBND tỉnh; Sơ kết 02 năm thực hiện Đề án 06",
            ]
        );
        assert!(ended);
        let (items, _) = basis_items("Thực hiện Nghị định số 59/NĐ-CP ngày 05/9/2022 của Chính phủ quy định về định danh, Kế hoạch số 656/KH-UBND ngày 10/3/2022 của UBND thị xã. Tổ Công tác ban hành kế hoạch cao điểm, cụ thể như sau:");
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items[1].starts_with("Kế hoạch số 656"));
        let (items, ended) = basis_items("Căn cứ Kế hoạch số 30/KH-UBND ngày 15/02/2026 của UBND huyện về chuyển đổi số năm 2026, Ủy ban nhân dân xã An Bình ban hành kế hoạch như sau:");
        assert_eq!(items, vec!["Kế hoạch số 30/KH-UBND ngày 15/02/2026 của UBND huyện về chuyển đổi số năm 2026"]);
        assert!(ended);
    }

    #[test]
    fn signatures() {
        let ls: Vec<String> =
            ["KT.CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Diệp Bảo Hưng"].iter().map(|s| s.to_string()).collect();
        let (s, _) = signature(&ls).unwrap();
        assert_eq!(s.name, "Diệp Bảo Hưng");
        assert_eq!(s.title.as_deref(), Some("Phó Chủ tịch"));
        assert_eq!(s.on_behalf.as_deref(), Some("KT. Chủ tịch"));
        // A PDF copy runs the two columns together.
        let ls: Vec<String> = ["Nơi nhận: TM. ỦY BAN NHÂN DÂN", "- UBND huyện; CHỦ TỊCH", "- Lưu: VT.", "VÕ HOÀNG TÂM"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (s, _) = signature(&ls).unwrap();
        assert_eq!(
            (s.name.as_str(), s.title.as_deref(), s.on_behalf.as_deref()),
            ("Võ Hoàng Tâm", Some("Chủ tịch"), Some("TM. Ủy ban nhân dân"))
        );
    }
}
