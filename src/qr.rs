//! QR codes as SVG, for the posters residents scan at the café: one path of dark modules,
//! crisp at any print size and readable without fonts.

use qrcode::{Color, EcLevel, QrCode};

/// Modules of white around the code, as the standard asks, so a phone finds its edge on any paper.
const QUIET: usize = 4;

/// The code for `url` as an SVG image labelled for screen readers; `None` when the text is too
/// long for a QR code (thousands of bytes; a page address never is).
pub fn svg(url: &str, label: &str) -> Option<String> {
    // Level M survives a crease or a smudge on a printed poster and keeps the code small.
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut path = String::with_capacity(width * width);
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == Color::Dark {
                    x += 1;
                }
                path.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET, y + QUIET, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" role=\"img\" \
         aria-label=\"{}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>",
        crate::text::escape_xml(label)
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_text_same_code() {
        let a = super::svg("https://phuong3.example.gov.vn/cong-dan-so/huong-dan/kich-hoat-vneid/", "Mã QR");
        let b = super::svg("https://phuong3.example.gov.vn/cong-dan-so/huong-dan/kich-hoat-vneid/", "Mã QR");
        assert!(a.is_some());
        assert_eq!(a, b);
        assert!(super::svg(&"x".repeat(5000), "quá dài").is_none());
    }
}
