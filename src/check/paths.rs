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
    case_collisions(files, &owner, &mut diags);
    diags.sorted()
}

/// Paths that differ only in letter case (`static/Anh.png` beside `static/anh.png`, or
/// `static/Lich/a.pdf` beside the pages in `lich/`): Windows and macOS take them for one name,
/// so a site built on Linux and copied there, or uploaded to a Windows server, loses a file or
/// mixes two folders. Page paths are lowercase; a name with a capital comes from `static/`, so
/// sites without one (nearly all) skip the comparison.
fn case_collisions(files: &[&str], owner: &dyn Fn(&str) -> PathBuf, diags: &mut Diagnostics) {
    if !files.iter().any(|p| p.chars().any(char::is_uppercase)) {
        return;
    }
    // Each file and each folder on its way, by its lowercase form: the first name met, and the
    // file it was met in.
    let mut seen: std::collections::HashMap<String, (&str, &str)> = std::collections::HashMap::new();
    let mut reported = std::collections::BTreeSet::new();
    for path in files.iter().copied() {
        for end in path.match_indices('/').map(|(i, _)| i).chain([path.len()]) {
            let name = &path[..end];
            let key = name.to_lowercase();
            let (other, other_file) = *seen.entry(key.clone()).or_insert((name, path));
            if other == name || !reported.insert(key) {
                continue;
            }
            // Named by the file the officer can rename: the one with the capital.
            let upper = |n: &str| n.chars().any(char::is_uppercase);
            let ((name, file), other) =
                if upper(name) || !upper(other) { ((name, path), other) } else { ((other, other_file), name) };
            let (problem, fix) = if end < path.len() {
                (
                    format!("thư mục “{name}/” chỉ khác thư mục “{other}/” ở chữ hoa, chữ thường"),
                    format!("đổi tên thư mục “{name}/” thành “{other}/” (giống hệt từng chữ) hoặc một tên khác hẳn"),
                )
            } else {
                (
                    format!("tệp “{name}” chỉ khác tệp “{other}” ở chữ hoa, chữ thường"),
                    "đổi tên một trong hai tệp cho khác hẳn nhau, không chỉ khác chữ hoa, chữ thường".to_string(),
                )
            };
            diags.push(
                Diagnostic::new(
                    owner(file),
                    format!(
                        "{problem}: Windows và macOS coi hai tên đó là một, nên khi chép trang sang máy Windows hay đưa lên máy chủ Windows sẽ mất một tệp"
                    ),
                )
                .expected(fix),
            );
        }
    }
}
