//! A plan as plain text (copied out of a PDF, or saved from Word as .txt) read into the same
//! paragraphs and tables as a .docx. Lines are paragraphs' lines: a blank line ends a
//! paragraph, and so does a line that starts a numbered or bulleted item or follows one that
//! ends a sentence or is a heading; other lines are a paragraph wrapped by the PDF and are
//! joined. Lines with tabs (or `|` cells) are table rows. Bold and italics written as
//! Markdown (`**…**`, `*…*`) or HTML (`<b>`, `<i>`) are kept; `#` before a heading is dropped.

use crate::docx::{Block, Cell, Document, Para, Run, Table};

pub fn read(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush_para = |para: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Para(paragraph(&para.join("\n"))));
            para.clear();
        }
    };
    let flush_table = |table: &mut Vec<Vec<String>>, blocks: &mut Vec<Block>| {
        if !table.is_empty() {
            let rows = table
                .drain(..)
                .map(|r| r.iter().map(|c| Cell { paras: vec![paragraph(c)], span: 1 }).collect())
                .collect();
            blocks.push(Block::Table(Table { rows }));
        }
    };
    for raw in text.lines() {
        let line = raw.trim_end();
        if let Some(cells) = row(line) {
            flush_para(&mut para, &mut blocks);
            if !cells.is_empty() {
                table.push(cells);
            }
            continue;
        }
        flush_table(&mut table, &mut blocks);
        let line = line.trim();
        if line.is_empty() {
            flush_para(&mut para, &mut blocks);
            continue;
        }
        // A line in capitals ("KẾ HOẠCH") after one that is not, or an opening "Căn cứ …",
        // starts a paragraph too.
        let starts_new = para.last().is_some_and(|prev| {
            ends_paragraph(prev)
                || starts_item(line)
                || capitals(line) != capitals(prev)
                || super::layout::is_basis(line)
        });
        if starts_new {
            flush_para(&mut para, &mut blocks);
        }
        para.push(line.to_string());
    }
    flush_para(&mut para, &mut blocks);
    flush_table(&mut table, &mut blocks);
    Document { blocks, notes: Vec::new() }
}

/// A table row: cells between tabs, or between `|` as Markdown writes a table; `Some(empty)`
/// for a Markdown table's `|---|---|` line.
fn row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
        let cells: Vec<String> = t[1..t.len() - 1].split('|').map(|c| c.trim().to_string()).collect();
        if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            return Some(Vec::new());
        }
        return Some(cells);
    }
    if line.contains('\t') {
        let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        if cells.iter().filter(|c| !c.is_empty()).count() >= 2 {
            return Some(cells);
        }
    }
    None
}

/// Whether a paragraph's last line closes it: it ends a sentence, or is a heading or a line
/// in capitals (a title, a signature).
fn ends_paragraph(line: &str) -> bool {
    let t = strip_marks(line);
    if t.ends_with(['.', ':', ';', '!', '?']) {
        return true;
    }
    let letters: String = t.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = !letters.is_empty() && !letters.chars().any(char::is_lowercase);
    // "1. Mục đích" is a heading line; "- Phấn đấu … hồ sơ" a list item the PDF wrapped.
    capitals || (starts_item(&t) && !t.starts_with(['-', '+', '•', '–']) && t.chars().count() <= 40)
}

fn capitals(line: &str) -> bool {
    super::vi::is_capitals(&strip_marks(line))
}

/// Whether a line starts an item: "I.", "1.", "1.2.", "a)", "-", "+", "•".
fn starts_item(line: &str) -> bool {
    let t = strip_marks(line);
    if t.starts_with(['-', '+', '•', '–']) {
        return true;
    }
    let head: String = t.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
    let rest = &t[head.len()..];
    if head.is_empty() {
        return false;
    }
    let numbered = head.ends_with('.')
        && head
            .trim_end_matches('.')
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    let roman = head.ends_with('.') && head.trim_end_matches('.').chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = head.chars().count() == 1 && rest.starts_with(')');
    let letter = letter || (t.starts_with('đ') && t[2..].starts_with(')'));
    ((numbered || roman) && rest.starts_with(' ')) || letter
}

/// The line without Markdown heading marks and emphasis, for the tests above.
fn strip_marks(line: &str) -> String {
    line.trim_start_matches('#').trim().replace("**", "").replace("<b>", "").replace("</b>", "")
}

/// One paragraph's runs from its text with Markdown or HTML emphasis.
fn paragraph(text: &str) -> Para {
    let text = text.trim();
    let heading = text.starts_with('#');
    let text = text.trim_start_matches('#').trim_start();
    let mut runs: Vec<Run> = Vec::new();
    let (mut bold, mut italic) = (heading, false);
    let mut cur = String::new();
    let flush = |cur: &mut String, runs: &mut Vec<Run>, bold: bool, italic: bool| {
        if !cur.is_empty() {
            runs.push(Run { text: std::mem::take(cur), bold, italic, note: None });
        }
    };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let toggles: [(&str, u8); 12] = [
            ("**", 0),
            ("__", 0),
            ("<b>", 1),
            ("</b>", 2),
            ("<strong>", 1),
            ("</strong>", 2),
            ("<i>", 3),
            ("</i>", 4),
            ("<em>", 3),
            ("</em>", 4),
            ("<br>", 5),
            ("<br/>", 5),
        ];
        if let Some((mark, what)) = toggles.iter().find(|(m, _)| rest.starts_with(m)) {
            flush(&mut cur, &mut runs, bold, italic);
            match what {
                0 => {
                    if !heading {
                        bold = !bold
                    }
                }
                1 => bold = true,
                2 => bold = heading,
                3 => italic = true,
                4 => italic = false,
                _ => cur.push('\n'),
            }
            rest = &rest[mark.len()..];
            continue;
        }
        // A single star or underscore around words is italics; "* " alone is not.
        if c == '*' || (c == '_' && (italic || rest[1..].starts_with(|n: char| n.is_alphabetic()))) {
            let next = rest[1..].chars().next();
            let prev = cur.chars().last();
            let opens = !italic && next.is_some_and(|n| !n.is_whitespace());
            let closes = italic && prev.is_some_and(|p| !p.is_whitespace());
            if opens || closes {
                flush(&mut cur, &mut runs, bold, italic);
                italic = !italic;
                rest = &rest[1..];
                continue;
            }
        }
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut cur, &mut runs, bold, italic);
    Para { runs, ..Para::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) => p.text(),
                Block::Table(t) => format!("TABLE {}", t.rows.len()),
            })
            .collect()
    }

    #[test]
    fn lines_wrapped_by_a_pdf_are_one_paragraph_and_items_start_their_own() {
        let doc = read("KẾ HOẠCH\nThực hiện mô hình “Công dân số”\ntrên địa bàn Phường 3\n\nI. MỤC ĐÍCH\nNâng cao nhận thức của cán bộ\nvà người dân.\n- Tuyên truyền;\n- Hướng dẫn.\n");
        assert_eq!(
            texts(&doc),
            vec![
                "KẾ HOẠCH",
                "Thực hiện mô hình “Công dân số”\ntrên địa bàn Phường 3",
                "I. MỤC ĐÍCH",
                "Nâng cao nhận thức của cán bộ\nvà người dân.",
                "- Tuyên truyền;",
                "- Hướng dẫn.",
            ]
        );
    }

    #[test]
    fn emphasis_and_tables() {
        let doc = read("**1. Tên mô hình:** “Công dân số”.\n\nStt\tĐơn vị\tSố hộ\n1\tẤp Tân Phú\t339\n");
        let Block::Para(p) = &doc.blocks[0] else { panic!() };
        assert_eq!(p.runs[0].text, "1. Tên mô hình:");
        assert!(p.runs[0].bold && !p.runs[1].bold);
        let Block::Table(t) = &doc.blocks[1] else { panic!() };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1].text(), "Ấp Tân Phú");
        let doc = read("## **KẾ HOẠCH**\n\nMô hình “*Công dân số*” nhé");
        let Block::Para(p) = &doc.blocks[0] else { panic!() };
        assert!(p.all_bold() && p.text() == "KẾ HOẠCH", "{p:?}");
        let Block::Para(p) = &doc.blocks[1] else { panic!() };
        assert_eq!(p.runs.iter().filter(|r| r.italic).map(|r| r.text.as_str()).collect::<Vec<_>>(), ["Công dân số"]);
    }
}
