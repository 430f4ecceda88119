//! A mistake in a template, as the officer (or whoever edits the site's `templates/`) reads it:
//! tera's headline, in English, said in Vietnamese where it is one of the common ones; its
//! place lifted into the message's own `file:line:col`; the snippet it draws kept as it is; and
//! what is needed, by the kind of mistake.

use std::path::Path;

use crate::diag::Diagnostic;

/// tera 2's words in the first line of its message → ours, replaced in this order. Names between
/// backticks pass through. The list is tera's common messages (`tera-2.4.0/src`); another keeps
/// its English after the Vietnamese “mẫu trang (template) bị lỗi”.
const SAID: &[(&str, &str)] = &[
    ("Unknown tag", "không có thẻ (tag) này"),
    ("Unknown filter ", "không có bộ lọc (filter) "),
    ("Unknown function ", "không có hàm (function) "),
    ("Unknown test ", "không có phép thử (test) "),
    ("Unknown template ", "không có mẫu trang "),
    ("Unknown component ", "không có thành phần (component) "),
    ("Variable ", "biến "),
    ("Field ", "trường "),
    (" exists but its value is undefined", " có nhưng chưa có giá trị"),
    (" is not defined.", " không có."),
    (" Available variables: ", " Các biến có: "),
    (" Available fields: ", " Các trường có: "),
    ("Unexpected end of input", "mẫu trang hết giữa chừng: một {% … %} hay {{ … }} chưa đóng"),
    ("Found ", "gặp "),
    (" but expected ", " ở chỗ cần "),
    (" but was expecting ", " ở chỗ cần "),
    ("cần identifier", "cần một tên (identifier)"),
    ("` or `", "` hoặc `"),
    ("Template already contains a block named ", "mẫu trang đã có một khối (block) tên "),
    ("`extends` needs to be the first tag of the template", "thẻ `extends` phải là thẻ đầu tiên của mẫu trang"),
    ("Cannot divide by 0", "không chia được cho 0"),
    ("Iteration not possible on type ", "không lặp (for) được trên kiểu "),
];

/// tera's headline in Vietnamese, as far as [`SAID`] goes.
fn said(headline: &str) -> String {
    SAID.iter().fold(headline.to_string(), |h, (en, vi)| h.replace(en, vi))
}

/// The diagnostic for tera's `err` about the template `file`.
pub(super) fn diagnostic(file: &Path, err: &tera::Error) -> Diagnostic {
    let mut msg = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    // tera shows `--> name:line:col`; lift it into the message's own position.
    let pos = msg.split_once("--> ").and_then(|(_, rest)| {
        let loc = rest.lines().next()?;
        let mut it = loc.rsplitn(3, ':');
        let col = it.next()?.trim().parse().ok()?;
        let line = it.next()?.trim().parse().ok()?;
        Some((line, col))
    });
    // A cycle is the one template mistake whose cause is not on the line tera points at.
    let cycle = if msg.contains("Circular extend") {
        "mẫu trang kế thừa (extends) chính nó, trực tiếp hay qua mẫu khác — một vòng lặp không có điểm dừng; "
    } else if msg.contains("Circular include") {
        "mẫu trang chèn (include) chính nó, trực tiếp hay qua mẫu khác — một vòng lặp không có điểm dừng; "
    } else if msg.contains("recursion depth") {
        "thành phần (component) gọi chính nó quá nhiều tầng — có thể là vòng lặp không có điểm dừng; "
    } else {
        ""
    };
    let needed = if msg.contains("is not defined") || msg.contains("value is undefined") {
        "chỉ dùng biến và trường mà trang đó có (docs/template-variables.md liệt kê theo từng mẫu trang)"
    } else if ["Unknown filter", "Unknown function", "Unknown test"].iter().any(|k| msg.contains(k)) {
        "một bộ lọc, hàm hay phép thử có sẵn trong tera 2 (xem tài liệu tera 2)"
    } else {
        "cú pháp tera hợp lệ (xem tài liệu tera 2)"
    };
    let (headline, snippet) = msg.split_once('\n').unwrap_or((&msg, ""));
    let headline = said(headline.trim_start_matches("error: "));
    let snippet = if snippet.is_empty() { String::new() } else { format!("\n{snippet}") };
    Diagnostic::new(file, format!("mẫu trang (template) bị lỗi: {cycle}{headline}{snippet}")).at(pos).expected(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each of tera's common headlines, as it writes them, and as the officer reads them.
    #[test]
    fn teras_common_headlines_in_vietnamese() {
        let table = [
            ("Unknown tag", "không có thẻ (tag) này"),
            ("Unknown filter `nofilter`", "không có bộ lọc (filter) `nofilter`"),
            ("Unknown function `ngay`", "không có hàm (function) `ngay`"),
            ("Unknown test `chan`", "không có phép thử (test) `chan`"),
            ("Unknown template `_chan.html`", "không có mẫu trang `_chan.html`"),
            ("Unknown component `the`", "không có thành phần (component) `the`"),
            (
                "Variable `khongco` is not defined. Available variables: data, g, page, site",
                "biến `khongco` không có. Các biến có: data, g, page, site",
            ),
            ("Variable `x` exists but its value is undefined", "biến `x` có nhưng chưa có giá trị"),
            (
                "Field `titel` is not defined. Available fields: summary, title",
                "trường `titel` không có. Các trường có: summary, title",
            ),
            ("Unexpected end of input", "mẫu trang hết giữa chừng: một {% … %} hay {{ … }} chưa đóng"),
            ("Found `,` but expected identifier.", "gặp `,` ở chỗ cần một tên (identifier)."),
            (
                "Found `}}` but was expecting `elif`, `else` or `endif`.",
                "gặp `}}` ở chỗ cần `elif`, `else` hoặc `endif`.",
            ),
            ("Template already contains a block named `hello`", "mẫu trang đã có một khối (block) tên `hello`"),
            ("`extends` needs to be the first tag of the template", "thẻ `extends` phải là thẻ đầu tiên của mẫu trang"),
            ("Cannot divide by 0", "không chia được cho 0"),
            ("Iteration not possible on type `number`", "không lặp (for) được trên kiểu `number`"),
        ];
        for (tera, ours) in table {
            assert_eq!(said(tera), ours, "{tera}");
        }
    }
}
