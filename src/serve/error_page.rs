//! The page the preview shows instead of the site while the content has errors: every problem
//! with its file, line, field and how to fix it, the lines of the file around it, all
//! HTML-escaped, styled inline so it needs nothing else from the server.

use std::path::Path;

use crate::diag::{Diagnostic, Error};
use crate::text::escape_xml as escape;

/// How many problems the page shows in full, as the terminal does.
const SHOWN: usize = 50;

/// Lines around `line` of the file, the line itself marked, when the file is inside the site.
fn excerpt(root: &Path, d: &Diagnostic) -> Option<String> {
    let line = d.line?;
    if d.file.is_absolute() || d.file.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return None;
    }
    // Content files and template overrides; a generated page (`lich/index.html`) is not a file
    // of the site folder, and a file of that name there would be the wrong one to quote.
    let ext = d.file.extension().and_then(|e| e.to_str()).unwrap_or("");
    if !matches!(ext, "yaml" | "yml" | "md") && !d.file.starts_with("templates") {
        return None;
    }
    let text = std::fs::read_to_string(root.join(&d.file)).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    if line == 0 || line > lines.len() {
        return None;
    }
    let from = line.saturating_sub(3);
    let to = (line + 2).min(lines.len());
    let width = to.to_string().len();
    let mut out = String::new();
    for (i, l) in lines[from..to].iter().enumerate() {
        let n = from + i + 1;
        let mark = if n == line { "&gt;" } else { " " };
        let row = format!("{mark} {n:>width$} | {}\n", escape(l));
        if n == line {
            out.push_str(&format!("<mark>{}</mark>", row.trim_end_matches('\n')));
            out.push('\n');
        } else {
            out.push_str(&row);
        }
    }
    Some(out)
}

fn item(root: &Path, d: &Diagnostic) -> String {
    let mut at = format!("<code>{}</code>", escape(&d.file.display().to_string()));
    if d.sheet.is_some() {
        // “, trang “Báo cáo”, ô C6”: a spreadsheet's cell as Excel names it.
        at.push_str(&escape(&d.place()));
    } else if let Some(l) = d.line {
        at.push_str(&format!(", dòng {l}"));
        if let Some(c) = d.column {
            at.push_str(&format!(", cột {c}"));
        }
    }
    let mut out = format!("<li><h2>{at}</h2>\n<dl>\n");
    if let Some(f) = &d.field {
        let name = if d.sheet.is_some() { "Thuộc" } else { "Trường" };
        out.push_str(&format!("<dt>{name}</dt><dd><code>{}</code></dd>\n", escape(f)));
    }
    out.push_str(&format!("<dt>Vấn đề</dt><dd>{}</dd>\n", escape(&d.problem)));
    if let Some(e) = &d.expected {
        out.push_str(&format!("<dt>Cần</dt><dd>{}</dd>\n", escape(e)));
    }
    if let Some(h) = &d.hint {
        out.push_str(&format!("<dt>Gợi ý</dt><dd>{}</dd>\n", escape(h)));
    }
    out.push_str("</dl>\n");
    if let Some(x) = excerpt(root, d) {
        out.push_str(&format!("<pre>{x}</pre>\n"));
    }
    out.push_str("</li>\n");
    out
}

/// The whole page for a failed build of the site in `root`.
pub fn render(root: &Path, err: &Error) -> String {
    let (count, body) = match err {
        Error::Content(d) => {
            let mut list = String::from("<ol>\n");
            for x in d.items.iter().take(SHOWN) {
                list.push_str(&item(root, x));
            }
            list.push_str("</ol>\n");
            if d.items.len() > SHOWN {
                list.push_str(&format!(
                    "<p>… và {} lỗi khác không hiện ra ở đây; hãy sửa các lỗi trên trước.</p>\n",
                    d.items.len() - SHOWN
                ));
            }
            (d.items.len(), list)
        }
        other => (1, format!("<pre>{}</pre>\n", escape(&other.to_string()))),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Nội dung có lỗi — bangtin xem trước</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>Nội dung có {count} lỗi, trang chưa dựng được</h1>\n\
         <p class=\"lead\">Sửa {} dưới đây trong trình soạn thảo rồi lưu tệp: trang này tự tải lại. \
         Đây chỉ là bản xem trước; thư mục output/ và trang đã đăng không bị ảnh hưởng.</p>\n{body}</main>\n</body>\n</html>\n",
        if count == 1 { "lỗi" } else { "các lỗi" }
    )
}

const STYLE: &str = "body{font:18px/1.5 system-ui,sans-serif;margin:0;background:#fff8f6;color:#1a1a1a}\
main{max-width:60rem;margin:0 auto;padding:1rem}h1{color:#a4000f;font-size:1.6rem}\
ol{padding-left:1.5rem}li{margin:1.5rem 0;padding:1rem;background:#fff;border-left:6px solid #a4000f}\
h2{font-size:1.1rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}\
dt{font-weight:bold}dd{margin:0}pre{background:#f3f3f3;padding:.5rem;overflow-x:auto;font-size:.9rem}\
mark{background:#ffe08a;display:inline-block;width:100%}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    #[test]
    fn problems_are_escaped_and_positioned() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "x: 1\nti<b>tle: 2\ny: 3\n").unwrap();
        let d = Diagnostic::new("a.yaml", "trường “ti<b>tle” không được hỗ trợ").at(Some((2, 1))).field("ti<b>tle");
        let html = render(dir.path(), &Error::Content(Diagnostics { items: vec![d] }));
        assert!(html.contains("<code>a.yaml</code>, dòng 2, cột 1"), "{html}");
        assert!(html.contains("“ti&lt;b&gt;tle”") && !html.contains("<b>"), "{html}");
        assert!(html.contains("<mark>&gt; 2 | ti&lt;b&gt;tle: 2</mark>"), "{html}");
        assert!(html.contains("Nội dung có 1 lỗi"));
    }

    #[test]
    fn a_spreadsheet_cell_is_named_as_excel_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let d = Diagnostic::new("progress/2024-06-07.xlsx", "gặp chữ “mười”")
            .cell("Tuần 23", 7, 3)
            .field("Khu phố 2, chỉ tiêu “VNeID”");
        let html = render(dir.path(), &Error::Content(Diagnostics { items: vec![d] }));
        assert!(html.contains("<code>progress/2024-06-07.xlsx</code>, trang “Tuần 23”, ô D8</h2>"), "{html}");
        assert!(html.contains("<dt>Thuộc</dt><dd><code>Khu phố 2, chỉ tiêu “VNeID”</code></dd>"), "{html}");
        assert!(!html.contains("<pre>"), "a workbook is not quoted as text: {html}");
    }

    #[test]
    fn only_content_files_inside_the_site_are_quoted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x\n").unwrap();
        for f in ["../secret.yaml", "/etc/passwd", "index.html"] {
            let d = Diagnostic::new(f, "x").at(Some((1, 1)));
            assert!(excerpt(dir.path(), &d).is_none(), "{f}");
        }
    }
}
