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

/// The most of one part of a message (a field, a problem, a hint) that is shown: a 100,000-letter
/// field name would otherwise make a message of 200 KB, and it reads no better than its start.
const PART_CHARS: usize = 500;

/// A part of a message as shown: invisible characters as codes, at most [`PART_CHARS`] long,
/// and each line after the first indented under the first, so that a line break inside what it
/// quotes (a link split over two lines) cannot break the layout.
fn shown(s: &str) -> String {
    let visible = crate::text::visible_controls(s);
    let chars = visible.chars().count();
    let mut out: String = if chars > PART_CHARS {
        let kept: String = visible.chars().take(PART_CHARS).collect();
        format!("{kept}… (còn {} ký tự)", crate::format::int((chars - PART_CHARS) as u64))
    } else {
        visible.into_owned()
    };
    if out.contains('\n') {
        out = out.trim_end_matches('\n').replace('\n', "\n           ");
    }
    out
}

impl Diagnostic {
    /// The report layout, headed `lỗi:` for an error or `cảnh báo:` for a warning.
    fn write_as(&self, f: &mut fmt::Formatter<'_>, label: &str) -> fmt::Result {
        let v = |s: &str| shown(s);
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
/// How much text the messages printed may take in all: a report stays readable (and under
/// 32 KB) whatever the content, fifty messages each quoting a long line included.
const SHOWN_BYTES: usize = 24 * 1024;

/// A message with the label it is printed under.
struct Labelled<'a>(&'a Diagnostic, &'a str);

impl fmt::Display for Labelled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_as(f, self.1)
    }
}

/// Writes the first of `items` under `label`, each followed by an empty line: at most [`SHOWN`]
/// of them in at most [`SHOWN_BYTES`] (the first always). Returns how many were written.
fn write_first(f: &mut fmt::Formatter<'_>, items: &[Diagnostic], label: &str) -> Result<usize, fmt::Error> {
    let mut used = 0;
    let mut written = 0;
    for d in items.iter().take(SHOWN) {
        let text = Labelled(d, label).to_string();
        if written > 0 && used + text.len() > SHOWN_BYTES {
            break;
        }
        used += text.len();
        writeln!(f, "{text}")?;
        written += 1;
    }
    Ok(written)
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A thousand messages help nobody; the first ones, sorted by file and line, show the
        // pattern, and fixing them usually clears the rest.
        let shown = write_first(f, &self.items, "lỗi")?;
        if self.items.len() > shown {
            writeln!(
                f,
                "… và {} lỗi khác không hiện ra ở đây; hãy sửa các lỗi trên rồi chạy lại.\n",
                self.items.len() - shown
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
        let shown = write_first(f, &self.items, "cảnh báo")?;
        if self.items.len() > shown {
            writeln!(f, "… và {} cảnh báo khác không hiện ra ở đây.\n", self.items.len() - shown)?;
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

    /// However long what a message quotes, and however many messages, a report stays under the
    /// 32 KB the bad-input corpus holds it to; a line break inside a part keeps the layout.
    #[test]
    fn a_report_stays_readable_whatever_it_quotes() {
        let long = "a".repeat(100_000);
        let d = Diagnostic::new("units.yaml", format!("trường “{long}” không được hỗ trợ"))
            .field(long.clone())
            .expected(long.clone())
            .hint(Some(long));
        let one = d.to_string();
        assert!(one.len() < 4 * 1024, "{} bytes", one.len());
        assert!(one.contains("… (còn 99.500 ký tự)"), "{one}");
        let many = Diagnostics { items: vec![d; 1000] };
        let text = Error::Content(many).to_string();
        assert!(text.len() < 32 * 1024, "{} bytes", text.len());
        assert!(text.contains("lỗi khác không hiện ra ở đây"));
        assert!(text.ends_with("Tìm thấy 1000 lỗi trong nội dung."));

        let split = Diagnostic::new("news/x.md", "liên kết hỏng: “/huong-dan/a\nb/”").expected("x\n");
        assert_eq!(
            split.to_string(),
            "lỗi: news/x.md\n  vấn đề:  liên kết hỏng: “/huong-dan/a\n           b/”\n  cần:     x\n"
        );
        let hidden = Diagnostic::new("units.yaml", "mã “kp\u{200b}2”");
        assert!(hidden.to_string().contains("mã “kp\\u{200b}2”"), "{hidden}");
    }
}
