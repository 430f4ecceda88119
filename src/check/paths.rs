//! The paths of the files a build makes: none may stand where another file or a folder of
//! pages must, or carry a character a web server or Windows cannot hold.

use std::path::PathBuf;

use crate::content::model::Site;
use crate::diag::{Diagnostic, Diagnostics};

/// Output paths that cannot be written: a static file named like a page would silently replace
/// it, a file named like a page's folder (`static/lich`) would make the folder impossible, and a
/// name with a backslash or control character is not portable. Each is reported against the file
/// the officer can rename.
pub fn conflicts(files: &[&str], site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let owner = |path: &str| -> PathBuf {
        if site.statics.iter().any(|s| s.out == path) {
            PathBuf::from(format!("static/{path}"))
        } else {
            PathBuf::from(format!("themes/{}/static/{path}", site.config.theme))
        }
    };
    let all: std::collections::BTreeSet<&str> = files.iter().copied().collect();
    let mut reported = std::collections::BTreeSet::new();
    for (i, path) in files.iter().copied().enumerate() {
        if i > 0 && files[i - 1] == path {
            diags.push(
                Diagnostic::new(owner(path), "tệp tĩnh trùng đường dẫn với một trang hoặc tệp của giao diện")
                    .expected("đổi tên tệp trong static/"),
            );
        }
        if path.chars().any(|c| c == '\\' || c.is_control()) {
            diags.push(
                Diagnostic::new(owner(path), "tên tệp có dấu “\\” hoặc ký tự điều khiển, không dùng được trên web")
                    .expected("tên tệp chỉ gồm chữ, số, dấu “-”, “_” và “.”"),
            );
        }
        let mut cut = path.len();
        while let Some(slash) = path[..cut].rfind('/') {
            cut = slash;
            let dir = &path[..cut];
            if all.contains(dir) && reported.insert(dir) {
                diags.push(
                    Diagnostic::new(
                        owner(dir),
                        format!("tệp “{dir}” trùng tên với thư mục “{dir}/” chứa trang “{path}”"),
                    )
                    .expected("đổi tên tệp trong static/, ví dụ thêm đuôi tệp"),
                );
            }
        }
    }
    diags.sorted()
}
