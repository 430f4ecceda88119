//! A CSV file as Excel and LibreOffice save it: UTF-8 with or without a byte-order mark, fields
//! separated by `,` or, in Vietnamese locales where the comma is the decimal mark, by `;`;
//! a field in double quotes may hold the separator, line breaks and `""` for a quote.

use std::path::Path;

use super::{Cell, Table};
use crate::diag::{Diagnostic, Diagnostics};

/// The table of a CSV file's bytes.
pub fn table(bytes: Vec<u8>, rel: &Path, diags: &mut Diagnostics) -> Option<Table> {
    let mut scratch = Diagnostics::default();
    let Some(text) = crate::content::source::decode(bytes, rel, &mut scratch) else {
        // Excel's plain "CSV" saves in the computer's code page, not UTF-8.
        diags.push(
            Diagnostic::new(rel, "tệp CSV không phải văn bản UTF-8")
                .sheet("")
                .expected("trong Excel: Lưu thành… → chọn “CSV UTF-8 (Comma delimited)”; trong LibreOffice: Lưu thành… → CSV, Bộ ký tự: Unicode (UTF-8)"),
        );
        return None;
    };
    let sep = separator(&text);
    let rows = parse(&text, sep)
        .into_iter()
        .map(|row| {
            let mut cells: Vec<Cell> =
                row.into_iter().map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f) }).collect();
            while cells.last().is_some_and(|c| *c == Cell::Empty) {
                cells.pop();
            }
            cells
        })
        .collect();
    Some(Table { rel: rel.to_path_buf(), sheet: String::new(), rows })
}

/// `;` or `,`: the one that splits more lines into more than one field; `;` when both do as
/// well, as Excel writes it in Vietnamese.
fn separator(text: &str) -> char {
    let split = |sep| parse(text, sep).iter().filter(|r| r.len() > 1).count();
    if split(',') > split(';') {
        ','
    } else {
        ';'
    }
}

/// The rows of `text` (with `\n` line ends), each a list of fields.
fn parse(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            c if c == sep => row.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_split_as_excel_quotes_them() {
        let rows = parse("a;\"b;c\";\"say \"\"hi\"\"\"\n\"two\nlines\";3\n", ';');
        assert_eq!(rows, vec![vec!["a", "b;c", "say \"hi\""], vec!["two\nlines", "3"]]);
        assert_eq!(parse("x,y", ','), vec![vec!["x", "y"]]);
    }

    #[test]
    fn the_separator_is_the_one_the_table_is_split_by() {
        let semicolons = "Báo cáo ngày 5/6/2026, phường 3;;\nSTT;Khu phố;VNeID\n1;Khu phố 1;1.057\n";
        assert_eq!(separator(semicolons), ';');
        let commas = "STT,Khu phố,VNeID\n1,Khu phố 1,1057\n2,\"Khu phố 2; mới\",3\n";
        assert_eq!(separator(commas), ',');
    }

    #[test]
    fn a_bom_and_crlf_are_read_and_trailing_empty_cells_dropped() {
        let mut d = Diagnostics::default();
        let bytes = "\u{feff}STT;Ấp;X;;\r\n1;Ấp 1;2;;\r\n".as_bytes().to_vec();
        let t = table(bytes, Path::new("progress/2026-06-05.csv"), &mut d).unwrap();
        assert!(d.is_empty());
        assert_eq!(t.rows[0], vec![Cell::Text("STT".into()), Cell::Text("Ấp".into()), Cell::Text("X".into())]);
        assert_eq!(t.get(1, 2), &Cell::Text("2".into()));
        let latin1 = vec![b'S', b';', 0xE1, b'\n'];
        assert!(table(latin1, Path::new("a.csv"), &mut d).is_none());
        assert!(d.items[0].to_string().contains("CSV UTF-8"), "{}", d.items[0]);
    }
}
