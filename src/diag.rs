//! Diagnostics: every problem found in a site, in Vietnamese, with file, line, column and field.
//!
//! Loading and validation never stop at the first problem: they push into a [`Diagnostics`] list
//! so the officer sees everything wrong in one run, then the build refuses to write anything.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the content, told so a non-programmer can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path as the user knows it (relative to the site folder when possible).
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Dotted path of the field, e.g. `values.tan-phu.dinh-danh-2`; in a spreadsheet, what the
    /// cell stands for ("Ấp Tân Phú, chỉ tiêu “…”").
    pub field: Option<String>,
    /// In a spreadsheet, the sheet the cell is on (empty in a CSV file, which has one table):
    /// `line` and `column` are then the cell's row and column, said as Excel names it, "ô C6".
    pub sheet: Option<String>,
    /// What is wrong.
    pub problem: String,
    /// What was expected, or how to fix it.
    pub expected: Option<String>,
    /// A suggestion ("có phải ý bạn là …?").
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, problem: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            field: None,
            sheet: None,
            problem: problem.into(),
            expected: None,
            hint: None,
        }
    }

    pub fn at(mut self, pos: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = pos {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }

    /// At the cell of `row` and `col` (from 0) of `sheet` (empty in a CSV file).
    pub fn cell(mut self, sheet: &str, row: u32, col: u32) -> Self {
        self.sheet = Some(sheet.to_string());
        self.line = Some(row as usize + 1);
        self.column = Some(col as usize + 1);
        self
    }

    /// On `sheet` (empty in a CSV file) without a cell: a problem of the whole table.
    pub fn sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }

    /// Where it is, after the file: `:12:3` in a text file, `, trang “Báo cáo”, ô C6` in a
    /// spreadsheet.
    pub fn place(&self) -> String {
        let mut out = String::new();
        match &self.sheet {
            Some(sheet) => {
                if !sheet.is_empty() {
                    out.push_str(&format!(", trang “{sheet}”"));
                }
                if let (Some(row), Some(col)) = (self.line, self.column) {
                    out.push_str(&format!(", ô {}", cell_name(row, col)));
                }
            }
            None => {
                if let Some(line) = self.line {
                    out.push_str(&format!(":{line}"));
                    if let Some(col) = self.column {
                        out.push_str(&format!(":{col}"));
                    }
                }
            }
        }
        out
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let f = field.into();
        if !f.is_empty() {
            self.field = Some(f);
        }
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_as(f, "lỗi")
    }
}

impl Diagnostic {
    /// The report layout, headed `lỗi:` for an error or `cảnh báo:` for a warning.
    fn write_as(&self, f: &mut fmt::Formatter<'_>, label: &str) -> fmt::Result {
        use crate::text::visible_controls as v;
        writeln!(f, "{label}: {}{}", v(&self.file.display().to_string()), v(&self.place()))?;
        if let Some(field) = &self.field {
            // A cell of a spreadsheet is not a field: it stands for a unit and an indicator.
            let name = if self.sheet.is_some() { "thuộc:   " } else { "trường:  " };
            writeln!(f, "  {name}{}", v(field))?;
        }
        writeln!(f, "  vấn đề:  {}", v(&self.problem))?;
        if let Some(e) = &self.expected {
            writeln!(f, "  cần:     {}", v(e))?;
        }
        if let Some(h) = &self.hint {
            writeln!(f, "  gợi ý:   {}", v(h))?;
        }
        Ok(())
    }
}

/// A cell as Excel and LibreOffice name it: row 6 and column 3 (both from 1) are `C6`.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col.max(1);
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &row.to_string()
}

/// Every problem found so far.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Sorted by file then line so the report reads top to bottom, and is deterministic.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.field, &a.problem).cmp(&(&b.file, b.line, b.column, &b.field, &b.problem))
        });
        self.items.dedup();
        self
    }
}

/// How many messages a report prints in full.
const SHOWN: usize = 50;

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A thousand messages help nobody; the first ones, sorted by file and line, show the
        // pattern, and fixing them usually clears the rest.
        for d in self.items.iter().take(SHOWN) {
            writeln!(f, "{d}")?;
        }
        if self.items.len() > SHOWN {
            writeln!(
                f,
                "… và {} lỗi khác không hiện ra ở đây; hãy sửa các lỗi trên rồi chạy lại.\n",
                self.items.len() - SHOWN
            )?;
        }
        Ok(())
    }
}

/// Things a person should look at that do not stop a build: a plan with no recent report, a
/// guide nothing links to, a past event still marked tentative.
#[derive(Debug, Default, Clone)]
pub struct Warnings {
    pub items: Vec<Diagnostic>,
}

impl Warnings {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}

impl fmt::Display for Warnings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.items.iter().take(SHOWN) {
            d.write_as(f, "cảnh báo")?;
            writeln!(f)?;
        }
        if self.items.len() > SHOWN {
            writeln!(f, "… và {} cảnh báo khác không hiện ra ở đây.\n", self.items.len() - SHOWN)?;
        }
        write!(f, "Có {} cảnh báo: trang vẫn dựng được, nhưng nên xem lại.", self.items.len())
    }
}

/// A build failed either because the content has problems or because the disk refused.
#[derive(Debug)]
pub enum Error {
    Content(Diagnostics),
    Io { path: PathBuf, what: String, err: std::io::Error },
    Refused(String),
}

impl Error {
    pub fn io(path: &Path, what: &str, err: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), what: what.to_string(), err }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Content(d) => {
                write!(f, "{d}")?;
                write!(f, "Tìm thấy {} lỗi trong nội dung.", d.len())
            }
            Error::Io { path, what, err } => {
                write!(f, "lỗi: không thể {what} “{}”: {}", path.display(), io_vi(err))
            }
            Error::Refused(msg) => write!(f, "lỗi: {msg}"),
        }
    }
}

impl std::error::Error for Error {}

/// The operating system's messages are English; say the usual ones in Vietnamese.
pub fn io_vi(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let vi = match err.kind() {
        NotFound => "không tìm thấy",
        PermissionDenied => "không có quyền truy cập",
        AlreadyExists => "đã tồn tại",
        InvalidData => "dữ liệu không hợp lệ (có thể không phải UTF-8)",
        StorageFull => "ổ đĩa đã đầy",
        FileTooLarge => "tệp vượt quá kích thước hệ thống cho phép",
        QuotaExceeded => "đã dùng hết dung lượng được cấp (quota) trên ổ đĩa",
        ResourceBusy => "đang được dùng (có thể là thư mục đang đứng hoặc đang mở ở chương trình khác)",
        NotADirectory => "một phần của đường dẫn là tệp, không phải thư mục",
        IsADirectory => "là thư mục, không phải tệp",
        DirectoryNotEmpty => "thư mục không trống",
        ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc",
        CrossesDevices => "nằm trên ổ đĩa khác",
        InvalidFilename => "tên tệp không hợp lệ",
        _ => return format!("lỗi hệ thống ({err})"),
    };
    vi.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(6, 3), "C6");
        assert_eq!(cell_name(1, 26), "Z1");
        assert_eq!(cell_name(10, 27), "AA10");
        assert_eq!(cell_name(2, 703), "AAA2");
    }

    #[test]
    fn a_cell_is_said_by_its_sheet_and_name() {
        let d = Diagnostic::new("progress/2026-06-05.xlsx", "gặp chữ")
            .cell("Báo cáo", 5, 2)
            .field("Tổ dân phố 2, chỉ tiêu “VNeID”");
        assert_eq!(
            d.to_string(),
            "lỗi: progress/2026-06-05.xlsx, trang “Báo cáo”, ô C6\n  thuộc:   Tổ dân phố 2, chỉ tiêu “VNeID”\n  vấn đề:  gặp chữ\n"
        );
        let csv = Diagnostic::new("progress/2026-06-05.csv", "x").cell("", 0, 0);
        assert!(csv.to_string().starts_with("lỗi: progress/2026-06-05.csv, ô A1\n"), "{csv}");
        let yaml = Diagnostic::new("a.yaml", "x").at(Some((2, 3))).field("title");
        assert!(yaml.to_string().starts_with("lỗi: a.yaml:2:3\n  trường:  title\n"), "{yaml}");
    }
}
