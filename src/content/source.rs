//! One content file as read from disk: NFC text, front matter split from the body, YAML parsed
//! into a tree, and a reader that pulls typed fields out of that tree while recording every
//! problem with the file, line, column and field it concerns.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::position::Positions;
use crate::diag::{Diagnostic, Diagnostics};
use crate::text;

/// A file's text and where its YAML starts inside it.
pub struct Source {
    /// Path relative to the site folder, as shown in messages.
    pub rel: PathBuf,
    /// The YAML part (whole file for `.yaml`, front matter for `.md`).
    pub yaml: String,
    /// Line of the file on which `yaml` starts (1-based).
    pub yaml_first_line: usize,
    /// Markdown body, if any.
    pub body: String,
    /// Built on the first message that needs a position.
    positions: OnceCell<Positions>,
}

/// Reads a file into NFC text without a BOM and with `\n` line ends.
pub fn read_text(path: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let too_large = "tệp văn bản dưới {} (một kế hoạch dài chỉ vài chục KB); ảnh, tệp PDF lớn đặt trong static/";
    decode(read_bytes(path, rel, too_large, diags)?, rel, diags)
}

/// Reads a file's bytes, refusing what is not a regular file and what is larger than any
/// content file; `too_large` says what to do instead, `{}` standing for the limit.
pub fn read_bytes(path: &Path, rel: &Path, too_large: &str, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    use std::io::Read;
    let not_regular = |diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::new(rel, "không phải một tệp thường (là thiết bị, ống dẫn hay ổ cắm)")
                .expected("một tệp văn bản thật; xóa mục này khỏi thư mục nội dung"),
        )
    };
    let unreadable = |e: std::io::Error, diags: &mut Diagnostics| {
        diags.push(Diagnostic::new(rel, format!("không đọc được tệp: {}", crate::diag::io_vi(&e))))
    };
    // Asked of the open file before reading: a named pipe or a device would block or never
    // end, and a file far larger than any plan would only exhaust memory on the officer's
    // computer. Opened without waiting, so that a pipe opens too and is told apart by its
    // descriptor: one lookup of the path per file, where asking the path first took two.
    let file = match open_without_waiting(path) {
        Ok(f) => f,
        Err(e) => {
            // A socket cannot be opened at all; say what it is rather than why it failed.
            match std::fs::metadata(path) {
                Ok(m) if !m.is_file() && !m.is_dir() => not_regular(diags),
                _ => unreadable(e, diags),
            }
            return None;
        }
    };
    let len = match file.metadata() {
        Ok(m) if !m.is_file() => {
            not_regular(diags);
            return None;
        }
        Ok(m) if m.len() > MAX_TEXT_BYTES => {
            diags.push(
                Diagnostic::new(rel, format!("tệp quá lớn ({})", megabytes(m.len())))
                    .expected(too_large.replace("{}", &megabytes(MAX_TEXT_BYTES))),
            );
            return None;
        }
        Ok(m) => m.len(),
        Err(e) => {
            unreadable(e, diags);
            return None;
        }
    };
    // One byte over the size, so that the read that finds the end needs no larger buffer.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    if let Err(e) = (&file).take(MAX_TEXT_BYTES + 1).read_to_end(&mut bytes) {
        unreadable(e, diags);
        return None;
    }
    Some(bytes)
}

/// Opens `path` for reading; on Linux without waiting for a writer, as a named pipe would.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(target_os = "linux")]
    if crate::sys::linux() {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
        return o.open(path);
    }
    // Elsewhere without `libc` (and on Linux with `BANGTIN_PORTABLE`): the path is asked first,
    // as a pipe would block the open.
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() {
            return Err(std::io::Error::other("không phải một tệp thường"));
        }
    }
    o.open(path)
}

/// A file's bytes as bangtin reads every text: UTF-8 (refused otherwise, at the line of the first
/// bad byte), without a BOM, `\n` line ends, NFC. Apart from reading so the fuzzers reach it.
pub fn decode(mut bytes: Vec<u8>, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let text = match simdutf8::compat::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let upto = &bytes[..e.valid_up_to()];
            let line = upto.iter().filter(|b| **b == b'\n').count() + 1;
            diags.push(
                Diagnostic::new(rel, "tệp không phải văn bản UTF-8")
                    .at(Some((line, 1)))
                    .expected("lưu tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8)"),
            );
            return None;
        }
    };
    let bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        return Some(text::nfc(&text.replace("\r\n", "\n").replace('\r', "\n")));
    }
    if !text::is_nfc(text) {
        return Some(text::nfc(text));
    }
    // The file as read, not a copy of it: 45 MB at a province's size.
    if bom {
        bytes.drain(..'\u{feff}'.len_utf8());
    }
    // SAFETY: the bytes were checked as UTF-8 above, and a BOM is a whole character.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

impl Source {
    /// A whole-YAML file.
    pub fn yaml_file(rel: &Path, text: String) -> Source {
        Source {
            rel: rel.to_path_buf(),
            yaml: text,
            yaml_first_line: 1,
            body: String::new(),
            positions: OnceCell::new(),
        }
    }

    /// A Markdown file with YAML front matter between `---` lines.
    pub fn front_matter_file(rel: &Path, text: &str, diags: &mut Diagnostics) -> Option<Source> {
        let Some(rest) = text.strip_prefix("---\n") else {
            diags.push(
                Diagnostic::new(rel, "thiếu phần thông tin đầu tệp (front matter)")
                    .at(Some((1, 1)))
                    .expected("dòng đầu tiên là “---”, sau đó các trường YAML, rồi một dòng “---” trước nội dung"),
            );
            return None;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            let trimmed = line.trim_end();
            if trimmed == "---" || trimmed == "..." {
                let yaml = rest[..offset].to_string();
                let body = rest[offset + line.len()..].to_string();
                let src = Source { rel: rel.to_path_buf(), yaml, yaml_first_line: 2, body, positions: OnceCell::new() };
                src.hidden_in_body(diags);
                return Some(src);
            }
            offset += line.len();
        }
        diags.push(
            Diagnostic::new(rel, "phần thông tin đầu tệp không có dòng “---” kết thúc")
                .at(Some((1, 1)))
                .expected("một dòng chỉ có “---” sau các trường YAML"),
        );
        None
    }

    /// What the body hides from its readers, each an error at its line: an invisible character
    /// (a control character that would reach the page, a byte-order mark that turns the heading
    /// after it into a paragraph), or a comment that nothing closes.
    fn hidden_in_body(&self, diags: &mut Diagnostics) {
        use crate::markdown::Hidden;
        let first = self.body_first_line();
        for (line, what) in crate::markdown::hidden(&self.body) {
            let d = match what {
                Hidden::Invisible { column, c } => {
                    let (problem, hint) = match c {
                        '\u{feff}' => (
                            "có ký tự vô hình",
                            "thường còn lại khi nối hai tệp trong Notepad; tiêu đề “## …” hay danh sách đứng sau nó không còn là tiêu đề, danh sách",
                        ),
                        _ => ("có ký tự điều khiển không in được", "thường do chép từ Word hoặc PDF"),
                    };
                    Diagnostic::new(&self.rel, format!("{problem} {} trong bài", text::char_name(c)))
                        .at(Some((first + line, column)))
                        .expected(format!(
                            "xóa ký tự đó (không thấy được trên màn hình): đặt con trỏ {} rồi bấm Delete, hoặc gõ lại dòng",
                            if column == 1 { "ở đầu dòng".to_string() } else { format!("sau ký tự thứ {}", column - 1) }
                        ))
                        .hint(Some(hint.to_string()))
                }
                Hidden::UnclosedComment => Diagnostic::new(
                    &self.rel,
                    "“<!--” mở một ghi chú ẩn mà không có “-->” đóng: từ dòng này đến hết bài bị ẩn khỏi trang",
                )
                .at(Some((first + line, 1)))
                .expected("thêm “-->” ở cuối phần ghi chú, hoặc xóa “<!--” nếu không định ẩn gì"),
            };
            diags.push(d);
        }
    }

    /// Line of the body's first line in the file.
    pub fn body_first_line(&self) -> usize {
        self.yaml_first_line + self.yaml.lines().count() + 1
    }

    /// Parses the YAML part; a syntax error becomes one diagnostic with its position.
    pub fn parse(&self, diags: &mut Diagnostics) -> Option<Value> {
        if self.yaml.len() > MAX_YAML_BYTES {
            diags.push(Diagnostic::new(&self.rel, "tệp YAML quá lớn").expected("dưới 5 MB"));
            return None;
        }
        // Before either reader: libyaml's time grows with the square of the depth.
        if let Some((line, col)) = super::nesting::too_deep(&self.yaml) {
            diags.push(
                Diagnostic::new(&self.rel, "YAML không đọc được: lồng nhau quá sâu")
                    .at(Some((line + self.yaml_first_line - 1, col)))
                    .expected(format!(
                        "không quá {} tầng danh sách và bảng lồng nhau; thường do thiếu dấu “]” hoặc “}}” đóng",
                        super::nesting::LIMIT
                    )),
            );
            return None;
        }
        // libyaml ends a line at these, a comment too, so the text after one is read as YAML and
        // every line it names after it is off by one from the file's.
        if let Some((line, col, c)) = first_yaml_break(&self.yaml) {
            diags.push(
                Diagnostic::new(&self.rel, format!("có ký tự vô hình {} trong phần YAML", text::char_name(c)))
                    .at(Some((line + self.yaml_first_line - 1, col)))
                    .expected("xóa ký tự đó (không thấy được trên màn hình), hoặc thay bằng một lần xuống dòng (Enter) nếu cần xuống dòng")
                    .hint(Some("thường do chép từ trang web hoặc Word; YAML coi nó là một lần xuống dòng".into())),
            );
            return None;
        }
        if let Some(v) = super::plain_yaml::read(&self.yaml) {
            return Some(v);
        }
        match serde_yaml::from_str::<Value>(&self.yaml) {
            Ok(v) => self.decimal_numbers_only(diags).then_some(v),
            Err(e) => {
                let text = e.to_string();
                let mut pos = e.location().map(|l| (l.line() + self.yaml_first_line - 1, l.column()));
                if text.contains("control characters") {
                    pos = first_control_char(&self.yaml).map(|(l, c)| (l + self.yaml_first_line - 1, c));
                }
                // A quote left open: said where it opened, not where libyaml gave up.
                let spanning = pos
                    .and_then(|(line, _)| super::nesting::open_quote_at(&self.yaml, line + 1 - self.yaml_first_line));
                if let Some(q) = spanning {
                    let closed = match q.closed {
                        Some(l) => format!(
                            "YAML đọc tiếp tới dấu “{}” ở dòng {} rồi mới báo lỗi",
                            q.quote,
                            l + self.yaml_first_line - 1
                        ),
                        None => "YAML đọc tiếp tới hết tệp mà không gặp dấu đóng".to_string(),
                    };
                    diags.push(
                        Diagnostic::new(
                            &self.rel,
                            format!(
                                "YAML không đọc được: chuỗi mở bằng dấu “{}” ở đây không được đóng trên dòng này",
                                q.quote
                            ),
                        )
                        .at(Some((q.line + self.yaml_first_line - 1, q.column)))
                        .expected(format!("thêm dấu “{}” ở cuối giá trị, trên cùng dòng", q.quote))
                        .hint(Some(closed)),
                    );
                    return None;
                }
                if text.contains("duplicate entry") {
                    // libyaml points at the mapping; the officer needs the second occurrence.
                    if let Some((l, c)) = self.positions.get_or_init(|| Positions::of(&self.yaml)).first_repeat() {
                        pos = Some((l + self.yaml_first_line - 1, c));
                    }
                }
                diags.push(
                    Diagnostic::new(&self.rel, format!("YAML không đọc được: {}", yaml_error_vi(&e.to_string())))
                        .at(pos)
                        .expected("cú pháp YAML: “tên: giá trị”, thụt lề bằng dấu cách (không dùng Tab), chuỗi có dấu “:” phải đặt trong ngoặc kép"),
                );
                None
            }
        }
    }

    /// YAML reads `0x96` as 150 and `0o150` as 104, silently; a figure must look like what it
    /// counts, so such a value stops the file with a message. The text is searched first, so the
    /// YAML is walked again only in the rare file that could hold one.
    fn decimal_numbers_only(&self, diags: &mut Diagnostics) -> bool {
        let b = self.yaml.as_bytes();
        let maybe = b.windows(2).any(|w| w[0] == b'0' && matches!(w[1], b'x' | b'o' | b'b'));
        if !maybe {
            return true;
        }
        let radix = &self.positions.get_or_init(|| Positions::of(&self.yaml)).radix;
        // Only what the reader really made a number of: a hex value too long for one stays text.
        let found: Vec<_> = radix
            .iter()
            .filter(|(_, _, text)| matches!(serde_yaml::from_str::<Value>(text), Ok(Value::Number(_))))
            .collect();
        for (path, (line, col), text) in &found {
            let digits = text.trim_start_matches(['-', '+']);
            let (base, radix) = match digits.as_bytes().get(1) {
                Some(b'x') => ("hệ mười sáu", 16),
                Some(b'o') => ("hệ tám", 8),
                _ => ("hệ hai", 2),
            };
            let read = match u64::from_str_radix(&digits[2..], radix) {
                Ok(n) => {
                    format!("YAML đọc thành {}{}", if text.starts_with('-') { "-" } else { "" }, crate::format::int(n))
                }
                Err(_) => "YAML đọc thành một số khác hẳn".to_string(),
            };
            diags.push(
                Diagnostic::new(&self.rel, format!("số “{text}” viết theo {base}; {read}"))
                    .at(Some((line + self.yaml_first_line - 1, *col)))
                    .field(path)
                    .expected("một số viết bằng các chữ số 0–9, ví dụ 150")
                    .hint(Some(format!("nếu “{text}” là chữ chứ không phải số, hãy đặt trong ngoặc kép: \"{text}\""))),
            );
        }
        found.is_empty()
    }

    /// Line and column of a dotted field path like `values.tan-phu.cccd` or `indicators[2].target`,
    /// or of its closest enclosing field when the field itself is missing.
    pub fn locate(&self, path: &str) -> Option<(usize, usize)> {
        // A top-level key of plain YAML (nearly every file) is a line that starts with it: found
        // without walking the YAML's events, which the warnings of a province's 2,000 guides
        // did once each.
        if !path.contains(['.', '[']) && super::plain_yaml::read(&self.yaml).is_some() {
            let line = self.yaml.split('\n').position(|l| l.strip_prefix(path).is_some_and(|r| r.starts_with(':')));
            if let Some(i) = line {
                return Some((i + self.yaml_first_line, 1));
            }
        }
        let (line, col) = self.positions.get_or_init(|| Positions::of(&self.yaml)).find(path)?;
        Some((line + self.yaml_first_line - 1, col))
    }

    /// Diagnostic for a field of this file, positioned at the field.
    pub fn diag(&self, path: &str, problem: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.rel, problem).at(self.locate(path)).field(path)
    }
}

const MAX_YAML_BYTES: usize = 5 * 1024 * 1024;
/// A field is a title, a name or a sentence; the longest in the seed plans is under 500.
const MAX_FIELD_CHARS: usize = 2000;
/// Any text file bangtin reads: content, front matter and body together, or a template.
const MAX_TEXT_BYTES: u64 = 5 * 1024 * 1024;
const MAX_COUNT: u64 = 1_000_000_000_000;

/// `52428800` → `50 MB`, as a file manager shows it.
fn megabytes(n: u64) -> String {
    format!("{} MB", crate::format::decimal(n as f64 / (1024.0 * 1024.0)))
}

/// Where the first character that libyaml takes for a line break and the file does not is: NEL
/// (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029). 1-based line and column.
fn first_yaml_break(yaml: &str) -> Option<(usize, usize, char)> {
    // Almost no file has one: looked for as bytes first.
    let breaks = ["\u{85}", "\u{2028}", "\u{2029}"];
    if !breaks.iter().any(|b| memchr::memmem::find(yaml.as_bytes(), b.as_bytes()).is_some()) {
        return None;
    }
    yaml.split('\n').enumerate().find_map(|(i, line)| {
        let (col, c) = line.chars().enumerate().find(|(_, c)| matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))?;
        Some((i + 1, col + 1, c))
    })
}

/// 1-based line and column of the first character YAML refuses.
fn first_control_char(yaml: &str) -> Option<(usize, usize)> {
    for (i, line) in yaml.lines().enumerate() {
        if let Some(col) = line.chars().position(|c| c.is_control() && c != '\t') {
            return Some((i + 1, col + 1));
        }
    }
    None
}

/// libyaml's messages, in the words an officer can act on.
fn yaml_error_vi(msg: &str) -> String {
    let table = [
        ("did not find expected key", "thiếu khóa hoặc thụt lề sai"),
        ("mapping values are not allowed", "dấu “:” đặt sai chỗ (chuỗi có dấu “:” phải đặt trong ngoặc kép)"),
        ("found character that cannot start any token", "có ký tự không hợp lệ (ví dụ Tab thay cho dấu cách)"),
        ("did not find expected node content", "thiếu giá trị"),
        ("found unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu ngoặc hoặc ngoặc kép đóng)"),
        ("duplicate entry", "một khóa xuất hiện hai lần"),
        ("did not find expected ',' or ']'", "thiếu dấu “,” hoặc “]”"),
        ("did not find expected ',' or '}'", "thiếu dấu “,” hoặc “}”"),
        ("recursion limit exceeded", "lồng nhau quá sâu"),
        ("found undefined alias", "dùng bí danh (alias) chưa định nghĩa"),
        ("unknown anchor", "dùng bí danh (alias) “*…” chưa được định nghĩa bằng “&…” ở phía trên"),
        ("block sequence entries are not allowed", "mục danh sách “-” đặt sai chỗ"),
        ("could not find expected ':'", "thiếu dấu “:” sau tên trường"),
        ("as u128", "số quá lớn"),
        ("found a tab character", "có ký tự Tab dùng để thụt lề; YAML chỉ thụt lề bằng dấu cách"),
        ("repetition limit exceeded", "bí danh (alias) được lặp lại quá nhiều lần"),
        ("control characters are not allowed", "có ký tự điều khiển không in được (thường do chép từ Word hoặc PDF)"),
        ("invalid trailing UTF-8", "tệp không phải văn bản UTF-8"),
        ("invalid leading UTF-8", "tệp không phải văn bản UTF-8"),
        (
            "found unknown escape character",
            "chuỗi trong ngoặc kép có dấu “\\” không hợp lệ; dùng ngoặc đơn hoặc viết “\\\\”",
        ),
        ("found incompatible YAML document", "phiên bản YAML không được hỗ trợ"),
        ("did not find the expected tag", "thẻ (tag) YAML không hợp lệ"),
        ("unknown tag", "thẻ (tag) YAML không được hỗ trợ"),
        ("found unexpected document indicator", "có dòng “---” hoặc “...” đặt giữa tệp"),
        (
            "deserializing from YAML containing more than one document",
            "tệp có nhiều hơn một tài liệu YAML (dòng “---” thừa)",
        ),
    ];
    for (en, vi) in table {
        if msg.contains(en) {
            return vi.to_string();
        }
    }
    // Not one we know: say it plainly and keep libyaml's words for whoever helps the officer.
    format!("lỗi cú pháp (chi tiết kỹ thuật: {msg})")
}

/// Pulls typed fields out of a parsed YAML tree, recording problems instead of failing.
pub struct Reader<'a> {
    pub src: &'a Source,
    pub diags: &'a mut Diagnostics,
}

pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The value as a count when [`Reader::count`] takes it as it is, with nothing to report: a
/// whole number from zero to [`MAX_COUNT`]. A million times the population of Vietnam is still
/// far below that; anything larger is a typo, and the cap keeps every sum of counts from
/// overflowing.
pub fn plain_count(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().filter(|u| *u <= MAX_COUNT),
        _ => None,
    }
}

/// What a YAML value is, in words, for "found …" messages.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "để trống".into(),
        Value::Bool(b) => format!("giá trị đúng/sai ({b})"),
        Value::Number(n) => format!("số {n}"),
        Value::String(s) => format!("chữ “{}”", short(s)),
        Value::Sequence(_) => "một danh sách".into(),
        Value::Mapping(_) => "một bảng (các cặp tên: giá trị)".into(),
        Value::Tagged(t) => format!("thẻ {}", t.tag),
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

impl<'a> Reader<'a> {
    pub fn new(src: &'a Source, diags: &'a mut Diagnostics) -> Self {
        Reader { src, diags }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn err(&mut self, path: &str, problem: impl Into<String>, expected: impl Into<String>) {
        let d = self.src.diag(path, problem).expected(expected);
        self.diags.push(d);
    }

    /// The top-level mapping of the file.
    pub fn root<'v>(&mut self, v: &'v Value) -> Option<&'v Mapping> {
        match v {
            Value::Mapping(m) => Some(m),
            Value::Null => {
                self.push(
                    Diagnostic::new(&self.src.rel, "tệp trống, không có trường nào")
                        .at(Some((self.src.yaml_first_line, 1))),
                );
                None
            }
            other => {
                let d = Diagnostic::new(
                    &self.src.rel,
                    format!("nội dung là {}, không phải các trường “tên: giá trị”", describe(other)),
                )
                .at(Some((self.src.yaml_first_line, 1)));
                self.push(d);
                None
            }
        }
    }

    pub fn as_map<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Mapping> {
        match v {
            Value::Mapping(m) => Some(m),
            other => {
                self.err(path, format!("gặp {}", describe(other)), "một bảng các trường “tên: giá trị”");
                None
            }
        }
    }

    /// Reports keys not in `known`, with the closest known key as a hint: one not already
    /// there, since renaming to it would make a key twice.
    pub fn known(&mut self, m: &Mapping, path: &str, known: &[&str]) {
        for k in m.keys() {
            let name = match k {
                Value::String(s) => s.clone(),
                other => describe(other),
            };
            if known.contains(&name.as_str()) {
                continue;
            }
            // Located by the whole name; shown by its start (a pasted paragraph may be a key).
            let at = self.src.locate(&join(path, &name));
            let field = join(path, &short(&name));
            let d = if name == "<<" {
                Diagnostic::new(&self.src.rel, "khóa gộp “<<” của YAML không được dùng trong nội dung bangtin")
                    .expected("viết đủ các trường ngay tại đây, không lấy từ chỗ khác bằng “<<: *tên”")
            } else {
                let absent = known.iter().copied().filter(|k| !m.contains_key(*k));
                Diagnostic::new(&self.src.rel, format!("trường “{}” không được hỗ trợ ở đây", short(&name)))
                    .expected(format!("một trong: {}", known.join(", ")))
                    .hint(text::did_you_mean(&name, absent))
            };
            self.push(d.at(at).field(field));
        }
    }

    pub fn get<'v>(&self, m: &'v Mapping, key: &str) -> Option<&'v Value> {
        m.get(key).filter(|v| !v.is_null())
    }

    pub fn missing(&mut self, path: &str, key: &str, expected: &str) {
        let pos = if path.is_empty() { Some((self.src.yaml_first_line, 1)) } else { self.src.locate(path) };
        let d = Diagnostic::new(&self.src.rel, format!("thiếu trường bắt buộc “{key}”"))
            .at(pos)
            .field(join(path, key))
            .expected(expected.to_string());
        self.push(d);
    }

    pub fn opt_str(&mut self, m: &Mapping, path: &str, key: &str) -> Option<String> {
        let v = self.get(m, key)?;
        self.scalar_str(v, &join(path, key))
    }

    /// A scalar as text: numbers and booleans are accepted as their written form because
    /// officers write `phone: 0254...` or `number: 46` without quotes.
    pub fn scalar_str(&mut self, v: &Value, path: &str) -> Option<String> {
        match v {
            Value::String(s) => {
                // YAML refuses these written raw, but a quoted "\e" or "\u202e" makes them: a
                // terminal escape in a title, or text that displays reversed on the page.
                if let Some(c) = s.chars().find(|c| text::is_hidden_control(*c)) {
                    self.err(
                        path,
                        format!("có ký tự điều khiển không in được (U+{:04X})", c as u32),
                        "chữ bình thường; bỏ các mã như “\\e”, “\\0”, “\\x1b”, “\\u202e” trong chuỗi ngoặc kép",
                    );
                    return None;
                }
                // A whole document pasted into a title would be read on the radio for an hour.
                let chars = s.chars().count();
                if chars > MAX_FIELD_CHARS {
                    self.err(
                        path,
                        format!("quá dài ({} ký tự)", crate::format::int(chars as u64)),
                        format!(
                            "dưới {} ký tự; nội dung dài viết vào phần bài, sau dòng “---” thứ hai",
                            crate::format::int(MAX_FIELD_CHARS as u64)
                        ),
                    );
                    return None;
                }
                Some(s.trim().to_string())
            }
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
                self.err(path, format!("gặp {}", describe(other)), "một đoạn chữ");
                None
            }
        }
    }

    /// A mapping key as text. `1:` is the same id as `id: 1`, so numbers and booleans are read
    /// as written rather than dropped.
    pub fn key(&mut self, k: &Value, path: &str) -> Option<String> {
        match k {
            Value::String(_) | Value::Number(_) | Value::Bool(_) => self.scalar_str(k, path),
            Value::Null => {
                self.err(path, "có một tên trường để trống", "tên trường là một mã, ví dụ “kp1:”");
                None
            }
            other => {
                self.err(path, format!("tên trường là {}", describe(other)), "tên trường là một mã, ví dụ “kp1:”");
                None
            }
        }
    }

    pub fn req_str(&mut self, m: &Mapping, path: &str, key: &str, expected: &str) -> Option<String> {
        match self.get(m, key) {
            None => {
                self.missing(path, key, expected);
                None
            }
            Some(v) => {
                let s = self.scalar_str(v, &join(path, key))?;
                if s.is_empty() {
                    self.err(&join(path, key), "trường để trống", expected);
                    return None;
                }
                Some(s)
            }
        }
    }

    /// A string or a list of strings.
    pub fn str_list(&mut self, m: &Mapping, path: &str, key: &str) -> Vec<String> {
        let p = join(path, key);
        match self.get(m, key) {
            None => Vec::new(),
            Some(Value::Sequence(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| self.scalar_str(v, &format!("{p}[{i}]")))
                .filter(|s| !s.is_empty())
                .collect(),
            Some(v) => self.scalar_str(v, &p).into_iter().collect(),
        }
    }

    pub fn opt_date(&mut self, m: &Mapping, path: &str, key: &str) -> Option<NaiveDate> {
        let v = self.get(m, key)?;
        let p = join(path, key);
        let s = self.scalar_str(v, &p)?;
        match parse_date(&s) {
            Ok(d) => Some(d),
            Err(problem) => {
                self.err(&p, problem, "ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-16");
                None
            }
        }
    }

    pub fn req_date(&mut self, m: &Mapping, path: &str, key: &str) -> Option<NaiveDate> {
        if self.get(m, key).is_none() {
            self.missing(path, key, "ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2024-04-16");
            return None;
        }
        self.opt_date(m, path, key)
    }

    /// A whole number of zero or more. A float like `1.057` is almost always a Vietnamese
    /// thousands separator, so the message says so.
    pub fn count(&mut self, v: &Value, path: &str) -> Option<u64> {
        if let Some(u) = plain_count(v) {
            return Some(u);
        }
        match v {
            Value::Number(n) => {
                if n.as_u64().is_some() || n.as_f64().is_some_and(|f| f.abs() > MAX_COUNT as f64) {
                    self.err(path, format!("số {n} quá lớn"), "một số nguyên không quá 1.000.000.000.000");
                    return None;
                }
                if let Some(i) = n.as_i64() {
                    self.err(path, format!("số âm ({i})"), "một số không âm (0 trở lên)");
                    return None;
                }
                let f = n.as_f64().unwrap_or(f64::NAN);
                let written = n.to_string();
                let hint = (f.fract() != 0.0 && f > 0.0).then(|| {
                    format!(
                        "nếu “{written}” là số có dấu chấm phân cách hàng nghìn, hãy viết liền không dấu chấm: {}",
                        written.replace('.', "")
                    )
                });
                let d = self
                    .src
                    .diag(path, format!("số {written} không phải số nguyên"))
                    .expected("một số nguyên, ví dụ 1057")
                    .hint(hint);
                self.push(d);
                None
            }
            // `1.0e+400` overflows, so YAML hands it over as text; it is still a number.
            Value::String(s) if s.trim().parse::<f64>().is_ok_and(|f| f.abs() > MAX_COUNT as f64) => {
                self.err(path, format!("số {} quá lớn", s.trim()), "một số nguyên không quá 1.000.000.000.000");
                None
            }
            Value::String(s) => {
                // A number with separators (`1.295`, `1 295`, a no-break space copied from
                // Excel) or in quotes: say which of them to leave out.
                let digits: String = s.chars().filter(|c| !matches!(c, '.' | ',') && !c.is_whitespace()).collect();
                let trimmed = s.trim();
                let mut without: Vec<&str> = [
                    (trimmed.contains('.'), "không dấu chấm"),
                    (trimmed.contains(','), "không dấu phẩy"),
                    (trimmed.contains(char::is_whitespace), "không dấu cách"),
                ]
                .into_iter()
                .filter_map(|(has, say)| has.then_some(say))
                .collect();
                if without.is_empty() {
                    without.push("không đặt trong ngoặc kép");
                }
                let hint = digits.parse::<u64>().ok().map(|n| format!("viết số liền, {}: {n}", without.join(", ")));
                let d = self
                    .src
                    .diag(path, format!("gặp chữ “{}” thay vì một số", short(s)))
                    .expected("một số nguyên không âm, ví dụ 1057")
                    .hint(hint);
                self.push(d);
                None
            }
            other => {
                self.err(path, format!("gặp {}", describe(other)), "một số nguyên không âm, ví dụ 1057");
                None
            }
        }
    }

    /// A percentage between 0 and 100 (decimals allowed).
    pub fn percent(&mut self, v: &Value, path: &str) -> Option<f64> {
        let f = match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().trim_end_matches('%').trim().replace(',', ".").parse().ok(),
            _ => None,
        };
        match f {
            Some(f) if (0.0..=100.0).contains(&f) => Some(f),
            Some(f) if f.is_nan() => {
                self.err(path, "gặp “.nan” (không phải một số)", "một số phần trăm từ 0 đến 100, ví dụ 95");
                None
            }
            Some(f) => {
                self.err(path, format!("tỷ lệ {f} nằm ngoài khoảng 0–100"), "một số phần trăm từ 0 đến 100");
                None
            }
            None => {
                self.err(path, format!("gặp {}", describe(v)), "một số phần trăm, ví dụ 95");
                None
            }
        }
    }

    /// A slug-shaped id.
    pub fn id(&mut self, m: &Mapping, path: &str, key: &str) -> Option<String> {
        let s = self.req_str(m, path, key, "một mã viết thường không dấu, ví dụ “kp1” hoặc “tan-phu”")?;
        if text::windows_reserved(&s) {
            let p = join(path, key);
            let d = self
                .src
                .diag(&p, format!("mã “{s}” là tên thiết bị dành riêng của Windows, không dùng được làm tên thư mục"))
                .expected(format!("một mã khác, ví dụ thêm chữ hay số: “{s}-1”"));
            self.push(d);
            return None;
        }
        // A zero-width space pasted into an id looks like nothing, and the id like a good one.
        if let Some(c) = s.chars().find(|c| text::is_invisible(*c)) {
            let p = join(path, key);
            let clean: String = s.chars().filter(|c| !text::is_invisible(*c)).collect();
            let d = self
                .src
                .diag(&p, format!("mã “{s}” có ký tự vô hình {}", text::char_name(c)))
                .expected("xóa ký tự đó (không thấy được trên màn hình), hoặc gõ lại cả mã")
                .hint(text::is_slug(&clean).then(|| format!("dùng “{clean}”")));
            self.push(d);
            return None;
        }
        if !text::is_slug(&s) {
            let p = join(path, key);
            let d = self
                .src
                .diag(&p, format!("mã “{s}” không hợp lệ"))
                .expected("chữ thường không dấu, chữ số và dấu “-”, ví dụ “tan-phu”")
                .hint(Some(format!("dùng “{}”", text::slugify(&s))).filter(|x| x != "dùng “”"));
            self.push(d);
            return None;
        }
        Some(s)
    }
}

/// `YYYY-MM-DD`, checked against the calendar (31/02 is refused, in words).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let nums: Option<Vec<u32>> =
        if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            parts.iter().map(|p| p.parse().ok()).collect()
        } else {
            None
        };
    let Some(n) = nums.filter(|n| parts[0].len() == 4 && n[1] >= 1 && n[1] <= 12 && n[2] >= 1) else {
        let hint = vi_date_hint(s);
        return Err(format!("“{s}” không phải ngày hợp lệ{hint}"));
    };
    // A campaign plan dated 0000 or 9999 is a typo, and such dates break "days left" arithmetic.
    if !(2000..=2100).contains(&n[0]) {
        return Err(format!("năm {} trong ngày “{s}” không hợp lý", n[0]));
    }
    NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2]).ok_or_else(|| {
        format!(
            "ngày {}/{}/{} không có trên lịch (tháng {} năm {} không có ngày {})",
            n[2], n[1], n[0], n[1], n[0], n[2]
        )
    })
}

/// Officers write `16/4/2024`; say how to write it instead.
fn vi_date_hint(s: &str) -> String {
    let p: Vec<&str> = s.trim().split('/').collect();
    if p.len() == 3 && p.iter().all(|x| x.parse::<u32>().is_ok()) {
        format!(" (viết theo dạng năm-tháng-ngày: {}-{:0>2}-{:0>2})", p[2], p[1], p[0])
    } else {
        String::new()
    }
}

/// Where a site's files are: `rel` for messages, `abs` for reading.
pub struct FileRef {
    pub abs: PathBuf,
    pub rel: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(yaml: &str) -> Source {
        Source::yaml_file(Path::new("x.yaml"), yaml.to_string())
    }

    #[test]
    fn decoding_drops_a_bom_and_gives_nfc_with_lf_line_ends() {
        let decoded = |bytes: &[u8]| {
            let mut diags = Diagnostics::default();
            let text = decode(bytes.to_vec(), Path::new("x.md"), &mut diags);
            (text, diags.len())
        };
        let nfc = "Định danh điện tử\ncấp độ 2\n";
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(nfc).collect();
        assert_ne!(nfd, nfc);
        for (input, what) in [
            (nfc.to_string(), "NFC"),
            (format!("\u{feff}{nfc}"), "NFC after a BOM"),
            (nfd.clone(), "NFD"),
            (format!("\u{feff}{nfd}"), "NFD after a BOM"),
            (nfc.replace('\n', "\r\n"), "CRLF"),
            (format!("\u{feff}{}", nfc.replace('\n', "\r")), "CR after a BOM"),
        ] {
            assert_eq!(decoded(input.as_bytes()), (Some(nfc.to_string()), 0), "{what}");
        }
        // A BOM is dropped only at the start.
        let inner = "a\u{feff}b".to_string();
        assert_eq!(decoded(inner.as_bytes()), (Some(inner.clone()), 0));
        let (text, problems) = decoded(b"d\xf2ng 1\nd\xe0ng 2");
        assert_eq!((text, problems), (None, 1));
    }

    /// The top-level keys of every content file of the example site are where the YAML's
    /// events put them.
    #[test]
    fn top_level_keys_of_plain_yaml_are_where_the_events_put_them() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut checked = 0;
        for e in walkdir::WalkDir::new(&root).sort_by_file_name().into_iter().filter_map(Result::ok) {
            let rel = e.path().strip_prefix(&root).unwrap();
            let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
            let src = match rel.extension().and_then(|x| x.to_str()) {
                Some("md") => Source::front_matter_file(rel, &text, &mut Diagnostics::default()).unwrap(),
                Some("yaml") => Source::yaml_file(rel, text),
                _ => continue,
            };
            let Some(Value::Mapping(top)) = crate::content::plain_yaml::read(&src.yaml) else { continue };
            for key in top.keys().filter_map(Value::as_str) {
                let events = Positions::of(&src.yaml).find(key).map(|(l, c)| (l + src.yaml_first_line - 1, c));
                assert_eq!(src.locate(key), events, "{} {key}", rel.display());
                checked += 1;
            }
            assert_eq!(src.locate("khong-co"), None);
        }
        assert!(checked > 50, "{checked} keys");
    }

    #[test]
    fn locates_nested_keys_and_items() {
        let s = src("date: 2023-06-14\nvalues:\n  tan-phu: { dinh-danh-2: 186 }\n  tan-my:\n    dinh-danh-2: 9\n");
        assert_eq!(s.locate("values.tan-my.dinh-danh-2"), Some((5, 5)));
        assert_eq!(s.locate("values.tan-phu.dinh-danh-2"), Some((3, 14)));
        let s = src("indicators:\n  - id: a\n    name: x\n  - id: b\n    target: 5\n");
        assert_eq!(s.locate("indicators[1].target"), Some((5, 5)));
        assert_eq!(s.locate("indicators[1]"), Some((4, 5)));
    }

    #[test]
    fn the_line_breaks_only_yaml_sees_are_found_where_the_file_has_them() {
        assert_eq!(first_yaml_break("a: “1” – 2\n"), None);
        assert_eq!(first_yaml_break("a: 1\n# ghi chú\u{85}x\nb: 2\n"), Some((2, 10, '\u{85}')));
        assert_eq!(first_yaml_break("a: ạ\u{2028}\n"), Some((1, 5, '\u{2028}')));
        let mut diags = Diagnostics::default();
        assert!(src("title: \"a\u{2029}b\"\n").parse(&mut diags).is_none());
        assert_eq!(diags.items[0].line, Some(1));
        assert!(diags.items[0].problem.contains("U+2029 (ngắt đoạn Unicode, PARAGRAPH SEPARATOR)"));
    }

    #[test]
    fn impossible_dates_are_named() {
        assert!(parse_date("2024-02-30").unwrap_err().contains("30/2/2024"));
        assert!(parse_date("16/4/2024").unwrap_err().contains("2024-04-16"));
        assert_eq!(parse_date("2024-04-16").unwrap(), NaiveDate::from_ymd_opt(2024, 4, 16).unwrap());
    }
}
