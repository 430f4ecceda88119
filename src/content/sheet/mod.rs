//! Progress reports as spreadsheets, the form the weekly figures arrive in: an `.xlsx`, `.xls`
//! or `.ods` workbook (read with calamine, its first sheet) or a `.csv` file (read here), laid
//! out as an officer lays out the table: titles, then a header row naming the unit column and
//! one column per indicator, one row per unit, a row for the whole locality, a total row.
//!
//! [`read`] turns the file into a [`Table`] of cells, knowing nothing of the site; [`report`]
//! reads the table as a [`Report`](super::model::Report) once the units and plans are known.
//! The words of the layout ([`layout`]) are written here once: the reader and the template of
//! `bangtin new report --xlsx` both use them.

mod csv;
pub mod layout;
mod report;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diag::{Diagnostic, Diagnostics};

pub use report::{describe_cell, report, Context};

/// The endings of the spreadsheet files a report may be.
pub const FORMS: [&str; 4] = ["xlsx", "xls", "ods", "csv"];

/// Whether `path` is a report written as a spreadsheet, by its ending.
pub fn is_sheet(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| FORMS.contains(&e.to_ascii_lowercase().as_str()))
}

/// One cell as the file keeps it; a formula by the value it was last computed to.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    /// NFC text, as typed (a CSV file's cells are all text).
    Text(String),
    Bool(bool),
    Date(NaiveDate),
    /// A formula that failed (`#REF!`), or a time or date the reader cannot place.
    Error(String),
}

impl Cell {
    /// Whether nothing is written in it.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Number(_) | Cell::Bool(_) | Cell::Date(_) | Cell::Error(_) => false,
        }
    }

    /// Its text, for a cell that names something: a unit or an indicator, written as text or
    /// as a number (`1` for a unit whose id is 1).
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{n:.0}")),
            Cell::Empty | Cell::Number(_) | Cell::Bool(_) | Cell::Date(_) | Cell::Error(_) => None,
        }
    }
}

/// The first sheet of a spreadsheet file, or a CSV file's one table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Under the site folder, as messages name it.
    pub rel: PathBuf,
    /// The sheet's name; empty for a CSV file.
    pub sheet: String,
    /// From the sheet's first row (row 1, A1), each from column A; a row may end before the
    /// last column.
    pub rows: Vec<Vec<Cell>>,
}

const EMPTY: Cell = Cell::Empty;

impl Table {
    /// The cell at `row` and `col`, from 0.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    /// A message at the cell of `row` and `col`.
    pub fn diag(&self, row: usize, col: usize, problem: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.rel, problem).cell(&self.sheet, row as u32, col as u32)
    }
}

/// More cells than a province's weekly table (a few hundred units, a few dozen columns) has.
const MAX_CELLS: usize = 1_000_000;

/// What a spreadsheet larger than the limit should be instead.
const TOO_LARGE: &str =
    "bảng số liệu dưới {} (báo cáo một tuần chỉ vài chục KB); xóa các trang tính, hình ảnh không cần thiết";

/// Reads the spreadsheet `abs` (`rel` under the site folder) into a table: its first sheet.
pub fn read(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<Table> {
    let bytes = super::source::read_bytes(abs, rel, TOO_LARGE, diags)?;
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "csv" {
        return csv::table(bytes, rel, diags);
    }
    workbook(bytes, &ext, rel, diags)
}

/// The first sheet of an `.xlsx`, `.xls` or `.ods` workbook.
fn workbook(bytes: Vec<u8>, ext: &str, rel: &Path, diags: &mut Diagnostics) -> Option<Table> {
    use calamine::{Ods, Reader, Xls, Xlsx};
    let cursor = std::io::Cursor::new(bytes);
    let unreadable = |diags: &mut Diagnostics, why: String| {
        diags.push(
            Diagnostic::new(rel, format!("không đọc được tệp bảng tính .{ext}"))
                .expected(format!(
                    "một tệp .{ext} mở được bằng Excel hoặc LibreOffice, không đặt mật khẩu; mở tệp rồi lưu lại đúng dạng .{ext} (không chỉ đổi đuôi tên tệp)"
                ))
                .hint(Some(format!("chi tiết: {why}"))),
        );
    };
    let first = match ext {
        "xlsx" => Xlsx::new(cursor).map_err(|e| e.to_string()).and_then(|mut w| first_sheet(&mut w)),
        "xls" => Xls::new(cursor).map_err(|e| e.to_string()).and_then(|mut w| first_sheet(&mut w)),
        _ => Ods::new(cursor).map_err(|e| e.to_string()).and_then(|mut w| first_sheet(&mut w)),
    };
    let (sheet, range) = match first {
        Ok(Some(found)) => found,
        Ok(None) => {
            diags.push(
                Diagnostic::new(rel, "tệp bảng tính không có trang tính nào")
                    .expected("bảng số liệu ở trang tính đầu tiên của tệp"),
            );
            return None;
        }
        Err(why) => {
            unreadable(diags, why);
            return None;
        }
    };
    let sheet = crate::text::nfc(&sheet);
    // A sheet whose used area reaches far (a formatted column down to row 1,048,576) would
    // take more memory than a ward's table ever needs.
    let (height, width) = range.end().map_or((0, 0), |(r, c)| (r as usize + 1, c as usize + 1));
    if height.saturating_mul(width) > MAX_CELLS {
        diags.push(
            Diagnostic::new(rel, format!("trang tính “{sheet}” quá lớn ({height} hàng × {width} cột)"))
                .sheet(&sheet)
                .expected("chỉ bảng số liệu ở trang tính đầu tiên; xóa các hàng, cột thừa bên dưới và bên phải bảng"),
        );
        return None;
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if let Some((row0, col0)) = range.start() {
        rows.resize(row0 as usize, Vec::new());
        for r in range.rows() {
            let mut row = vec![Cell::Empty; col0 as usize];
            row.extend(r.iter().map(cell));
            while row.last().is_some_and(|c| *c == Cell::Empty) {
                row.pop();
            }
            rows.push(row);
        }
    }
    Some(Table { rel: rel.to_path_buf(), sheet, rows })
}

/// The name and cells of a workbook's first sheet; `None` when it has none.
fn first_sheet<RS: std::io::Read + std::io::Seek, R: calamine::Reader<RS>>(
    w: &mut R,
) -> Result<Option<(String, calamine::Range<calamine::Data>)>, String>
where
    R::Error: std::fmt::Display,
{
    let Some(name) = w.sheet_names().first().cloned() else { return Ok(None) };
    w.worksheet_range(&name).map(|r| Some((name, r))).map_err(|e| e.to_string())
}

/// A calamine cell as a [`Cell`].
fn cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(crate::text::nfc(s)),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .map_or_else(|| Cell::Error(format!("{}", dt.as_f64())), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Error(format!("khoảng thời gian {}", dt.as_f64())),
        // An .ods date: `2026-10-15` or `2026-10-15T00:00:00`.
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Error(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Error(format!("khoảng thời gian {s}")),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheets_are_told_by_their_ending() {
        for name in ["progress/2026-06-05.xlsx", "a.ODS", "b.csv", "c.xls"] {
            assert!(is_sheet(Path::new(name)), "{name}");
        }
        for name in ["progress/2026-06-05.yaml", "a.xlsm", "csv"] {
            assert!(!is_sheet(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn a_cell_names_things_by_its_text_or_whole_number() {
        assert_eq!(Cell::Text(" Ấp 1 ".into()).text().as_deref(), Some("Ấp 1"));
        assert_eq!(Cell::Number(3.0).text().as_deref(), Some("3"));
        assert_eq!(Cell::Number(3.5).text(), None);
        assert!(Cell::Text("  ".into()).is_blank() && !Cell::Number(0.0).is_blank());
    }
}
