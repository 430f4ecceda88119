//! Write: puts a rendered site on disk atomically. Files go into a fresh sibling folder, which
//! replaces the output folder only once everything is written, so a failed or killed build
//! leaves the previous site as it was. A marker file proves a folder is ours before we replace it.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::diag::Error;
use crate::render::OutFile;

/// Written into every output folder; its presence is what allows a later build to replace it.
pub const MARKER: &str = ".bangtin";
const MARKER_TEXT: &str = "Thư mục này do bangtin tạo ra; bangtin sẽ thay toàn bộ nội dung ở lần dựng sau.\n";

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    out.with_file_name(format!(".{name}.bangtin-{tag}-{}", std::process::id()))
}

/// Leftovers of builds that were killed midway: our own temporary siblings of `out`.
fn clean_leftovers(out: &Path) {
    let Some(parent) = out.parent() else { return };
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let prefix = format!(".{name}.bangtin-");
    let Ok(entries) = fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && e.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// An absolute, symlink-free form of a path that may not exist yet: its nearest existing ancestor
/// resolved, the rest appended.
fn resolved(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    let mut tail = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(real) = cur.canonicalize() {
            let mut out = real;
            for part in tail.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (cur.file_name(), cur.parent()) {
            (Some(name), Some(parent)) => {
                tail.push(name.to_os_string());
                cur = parent;
            }
            _ => return abs,
        }
    }
}

/// The output must not sit inside the content (each build would publish the last one, growing
/// without end) and must not contain it (replacing the output would delete the content).
pub fn check_apart(content: &Path, out: &Path) -> Result<(), Error> {
    let (c, o) = (resolved(content), resolved(out));
    if o.starts_with(&c) {
        return Err(Error::Refused(format!(
            "thư mục đầu ra “{}” nằm trong thư mục nội dung “{}”; mỗi lần dựng sẽ chép cả lần dựng trước. Chọn thư mục khác bằng --out, ví dụ output/.",
            out.display(),
            content.display()
        )));
    }
    if std::env::current_dir().is_ok_and(|cwd| resolved(&cwd).starts_with(&o)) {
        return Err(Error::Refused(format!(
            "thư mục đầu ra “{}” chứa thư mục đang đứng; bangtin không thay thư mục mình đang đứng trong. Chọn thư mục khác bằng --out, ví dụ output/.",
            out.display()
        )));
    }
    if c.starts_with(&o) {
        return Err(Error::Refused(format!(
            "thư mục nội dung “{}” nằm trong thư mục đầu ra “{}”; thay thư mục đầu ra sẽ xóa mất nội dung. Chọn thư mục khác bằng --out, ví dụ output/.",
            content.display(),
            out.display()
        )));
    }
    Ok(())
}

/// Refuses to replace a folder bangtin did not create.
pub fn check_replaceable(out: &Path) -> Result<(), Error> {
    match fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(m) if m.file_type().is_symlink() => Err(Error::Refused(format!(
            "“{}” là một liên kết tượng trưng; bangtin không ghi qua liên kết. Chọn thư mục khác bằng --out.",
            out.display()
        ))),
        Ok(m) if !m.is_dir() => Err(Error::Refused(format!(
            "“{}” là một tệp, không phải thư mục. Chọn thư mục khác bằng --out.",
            out.display()
        ))),
        Ok(_) => {
            let empty = fs::read_dir(out).map(|mut d| d.next().is_none()).unwrap_or(false);
            if empty || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(Error::Refused(format!(
                    "thư mục “{}” đã có nội dung mà không do bangtin tạo ra (không có tệp {MARKER}); bangtin không xóa nó. Chọn thư mục khác bằng --out, hoặc tự dọn thư mục đó.",
                    out.display()
                )))
            }
        }
    }
}

/// Only relative paths made of normal components may be written: nothing escapes the folder.
fn safe_join(root: &Path, rel: &str) -> Option<PathBuf> {
    let p = Path::new(rel);
    if rel.is_empty() || rel.contains('\\') || !p.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(root.join(p))
}

/// A new output folder being written: a sibling of `out` that replaces it on [`Staging::commit`],
/// and is removed if dropped before — so a build can write each file as soon as it is rendered
/// and still change nothing in `out` when it fails.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts the new folder beside `out`, with its marker.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        check_replaceable(out)?;
        clean_leftovers(out);
        let tmp = sibling(out, "moi");
        let staging = Staging { out: out.to_path_buf(), tmp, committed: false };
        fs::create_dir_all(&staging.tmp).map_err(|e| Error::io(&staging.tmp, "tạo thư mục", e))?;
        let marker = staging.tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, "ghi tệp", e))?;
        Ok(staging)
    }

    /// Writes one file of the site; several threads may write at once.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = safe_join(&self.tmp, rel)
            .ok_or_else(|| Error::Refused(format!("đường dẫn đầu ra không hợp lệ: “{rel}”")))?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "tạo thư mục", e))?;
        }
        let mut file = fs::File::create(&path).map_err(|e| Error::io(&path, "tạo tệp", e))?;
        file.write_all(bytes).map_err(|e| Error::io(&path, "ghi tệp", e))
    }

    /// Puts the new folder in place of `out`; the previous one stays if this fails.
    pub fn commit(mut self) -> Result<(), Error> {
        self.committed = true;
        let (out, tmp) = (&self.out, &self.tmp);
        // Flush file contents before the rename makes them visible, so a power cut cannot publish
        // empty files under the new names.
        if let Ok(d) = fs::File::open(tmp) {
            let _ = d.sync_all();
        }
        if out.exists() {
            let old = sibling(out, "cu");
            fs::rename(out, &old).map_err(|e| {
                let _ = fs::remove_dir_all(tmp);
                Error::io(out, "đổi tên thư mục đầu ra cũ", e)
            })?;
            if let Err(e) = fs::rename(tmp, out) {
                // Put the previous site back: never leave the officer with no output at all.
                let _ = fs::rename(&old, out);
                let _ = fs::remove_dir_all(tmp);
                return Err(Error::io(out, "thay thư mục đầu ra", e));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(tmp, out).map_err(|e| {
                let _ = fs::remove_dir_all(tmp);
                Error::io(out, "tạo thư mục đầu ra", e)
            })?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Error> {
        Staging::put(self, path, &bytes)
    }

    fn put_parts(&self, rel: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> Result<u64, Error> {
        let path = safe_join(&self.tmp, rel)
            .ok_or_else(|| Error::Refused(format!("đường dẫn đầu ra không hợp lệ: “{rel}”")))?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "tạo thư mục", e))?;
        }
        let mut file = fs::File::create(&path).map_err(|e| Error::io(&path, "tạo tệp", e))?;
        let mut len = 0;
        for part in parts {
            file.write_all(&part).map_err(|e| Error::io(&path, "ghi tệp", e))?;
            len += part.len() as u64;
        }
        Ok(len)
    }
}

/// Replaces `out` with exactly `files` (plus the marker), or changes nothing.
pub fn write_atomically(out: &Path, files: &[OutFile]) -> Result<(), Error> {
    let staging = Staging::begin(out)?;
    for f in files {
        staging.put(&f.path, &f.bytes)?;
    }
    staging.commit()
}

/// Writes one file so that readers see the old contents or the new, never half of it: into a
/// temporary sibling first, then renamed over `path`.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if path.is_dir() {
        return Err(Error::Refused(format!(
            "“{}” là một thư mục; hãy ghi ra một tệp, ví dụ ban-tin.txt",
            path.display()
        )));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "tep".into());
    let tmp = path.with_file_name(format!(".{name}.bangtin-{}", std::process::id()));
    let written = fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path, "ghi tệp", e));
    }
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(path, "ghi tệp", e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_escape() {
        let root = Path::new("/tmp/x");
        assert!(safe_join(root, "../etc/passwd").is_none());
        assert!(safe_join(root, "/etc/passwd").is_none());
        assert!(safe_join(root, "a\\..\\b").is_none());
        assert_eq!(safe_join(root, "lich/a/index.html"), Some(root.join("lich/a/index.html")));
    }
}
