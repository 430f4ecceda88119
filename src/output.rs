//! Write: puts a rendered site on disk atomically. Files go into a fresh sibling folder, which
//! is flushed to disk and then swapped with the output folder in one step, so a failed or killed
//! build leaves the previous site as it was and a power cut never publishes empty files. A marker
//! file proves a folder is ours before we replace or remove it; temporary siblings left by a
//! killed build are removed by the next one.

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

/// The process id in the name of a temporary sibling of `out` (`.output.bangtin-moi-4242`), if
/// the name is exactly one we give; anything else is not ours to touch.
fn leftover_pid(out_name: &str, name: &str) -> Option<u32> {
    let rest = name.strip_prefix(&format!(".{out_name}.bangtin-"))?;
    let pid = rest.strip_prefix("moi-").or_else(|| rest.strip_prefix("cu-"))?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether another build with this process id may still be running: its folder is then someone
/// else's work in progress, not a leftover. Our own id is a leftover of a killed build whose id
/// we inherited (in a container every run may get the same one): we clean before we write. Only
/// Linux can tell cheaply; elsewhere a folder is taken as abandoned, which matters only when two
/// builds write one output folder at the same time.
fn may_be_running(pid: u32) -> bool {
    pid != std::process::id() && cfg!(target_os = "linux") && Path::new("/proc").join(pid.to_string()).exists()
}

/// Leftovers of builds that were killed midway: temporary siblings of `out` that carry our name
/// pattern, belong to no running build, and hold our marker or nothing at all (a build killed
/// between creating its folder and marking it). A folder with anything else in it is left alone.
pub fn clean_leftovers(out: &Path) {
    let Some(parent) = out.parent() else { return };
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Ok(entries) = fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) else { return };
    for e in entries.flatten() {
        let Some(pid) = leftover_pid(&name, &e.file_name().to_string_lossy()) else { continue };
        // Never through a symlink: whatever it points at is not a folder we made.
        let is_dir = fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_dir());
        if !is_dir || may_be_running(pid) {
            continue;
        }
        let marked = fs::symlink_metadata(e.path().join(MARKER)).is_ok_and(|m| m.is_file());
        let empty = fs::read_dir(e.path()).is_ok_and(|mut d| d.next().is_none());
        if marked || empty {
            let _ = remove_ours(&e.path());
        }
    }
}

/// Removes a folder of ours with its marker last, so a removal killed midway leaves a folder
/// that is still marked (or empty) and the next build still recognises and finishes it.
/// The top-level folders go on every core: removing a province's previous site is tens of
/// thousands of unlinks, most of a build's writing time when done one by one.
fn remove_ours(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    // Kinds as the listing gives them (no `stat` of each entry), never through a link.
    let is_dir = |e: &fs::DirEntry| e.file_type().is_ok_and(|t| t.is_dir());
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.flatten().filter(|e| e.file_name() != MARKER).collect();
    // What the folders hold, a few at a time on every core: a site's folders are few and
    // uneven (`tin-tuc/` is half of a province's site), so one core took most of them alone.
    let mut inner = Vec::new();
    let mut folders = Vec::new();
    for e in entries {
        if is_dir(&e) {
            inner.extend(fs::read_dir(e.path())?.flatten());
            folders.push(e.path());
        } else {
            inner.push(e);
        }
    }
    inner.par_iter().with_max_len(16).try_for_each(|e| match is_dir(e) {
        true => fs::remove_dir_all(e.path()),
        false => fs::remove_file(e.path()),
    })?;
    folders.iter().try_for_each(fs::remove_dir_all)?;
    let _ = fs::remove_file(dir.join(MARKER));
    fs::remove_dir(dir)
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

/// Puts everything written under `dir` on the disk before it is made visible, so a power cut
/// cannot publish files that are empty under their new names. On Linux one `syncfs` does it for
/// the whole tree (each file was synced as written elsewhere).
fn flush(dir: &Path) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let d = fs::File::open(dir).map_err(|e| Error::io(dir, "ghi ra đĩa", e))?;
        // SAFETY: syncfs only reads the descriptor, which `d` keeps open for the call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err(Error::io(dir, "ghi ra đĩa", std::io::Error::last_os_error()));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`): at every instant
/// `out` names either the old site or the new one, never nothing. `Err` when the system or the
/// file system cannot, and the caller falls back to two renames.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(std::io::Error::other);
        let (ca, cb) = (c(a)?, c(b)?);
        // SAFETY: both are NUL-terminated paths that outlive the call; the syscall (not the glibc
        // wrapper, which needs glibc 2.28) takes no other pointers.
        let r = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
    }
}

/// Makes a rename in `dir` itself durable.
fn sync_dir(dir: &Path) {
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A new output folder being written: a marked sibling of `out` that takes its place on
/// [`Staging::commit`] and is removed if dropped before, so a build can write each file as soon as
/// it is rendered, on every core, and still change nothing in `out` when it fails.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts the new folder beside `out`, marked before anything else is in it.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        check_replaceable(out)?;
        clean_leftovers(out);
        let tmp = sibling(out, "moi");
        // Named as the officer wrote it: the temporary sibling means nothing to them.
        fs::create_dir(&tmp).map_err(|e| Error::io(out, "tạo thư mục", e))?;
        let staging = Staging { out: out.to_path_buf(), tmp, committed: false };
        // The marker goes first: a folder killed at any later point is recognisably ours.
        let marker = staging.tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, "ghi tệp", e))?;
        Ok(staging)
    }

    /// The file, and the path to name in a message: where it was going in `out`, since the
    /// temporary folder is gone by the time anyone reads it.
    fn create(&self, rel: &str) -> Result<(fs::File, PathBuf), Error> {
        let path = safe_join(&self.tmp, rel)
            .ok_or_else(|| Error::Refused(format!("đường dẫn đầu ra không hợp lệ: “{rel}”")))?;
        let shown = self.out.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(shown.parent().unwrap_or(&shown), "tạo thư mục", e))?;
        }
        let file = fs::File::create(&path).map_err(|e| Error::io(&shown, "tạo tệp", e))?;
        Ok((file, shown))
    }

    /// Writes one file of the site from its parts; several threads may write at once. Returns
    /// the number of bytes written.
    pub fn put_parts(&self, rel: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> Result<u64, Error> {
        let (mut file, path) = self.create(rel)?;
        let mut len = 0;
        for part in parts {
            file.write_all(&part).map_err(|e| Error::io(&path, "ghi tệp", e))?;
            len += part.len() as u64;
        }
        // Linux flushes the whole tree with one `syncfs` in `commit`; elsewhere each file now.
        if !cfg!(target_os = "linux") {
            file.sync_all().map_err(|e| Error::io(&path, "ghi tệp", e))?;
        }
        Ok(len)
    }

    /// Writes one file of the site.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.put_parts(rel, &mut std::iter::once(bytes.to_vec())).map(|_| ())
    }

    /// Puts the new folder in place of `out`, or changes nothing. A build killed at any point
    /// leaves `out` as the previous site or the new one, whole, and at most a marked temporary
    /// sibling, which the next build removes.
    pub fn commit(mut self) -> Result<(), Error> {
        self.committed = true;
        let (out, tmp) = (self.out.as_path(), self.tmp.as_path());
        if let Err(e) = flush(tmp) {
            let _ = remove_ours(tmp);
            return Err(e);
        }
        let parent = out.parent().unwrap_or(Path::new("."));
        if out.exists() {
            if exchange(tmp, out).is_ok() {
                sync_dir(parent);
                // `tmp` now holds the previous site.
                let _ = remove_ours(tmp);
                return Ok(());
            }
            // Without an atomic exchange there is a moment with no `out` at all; the previous site
            // is then the marked `…-cu-…` sibling, put back on any failure.
            let old = sibling(out, "cu");
            fs::rename(out, &old).map_err(|e| {
                let _ = remove_ours(tmp);
                Error::io(out, "đổi tên thư mục đầu ra cũ", e)
            })?;
            if let Err(e) = fs::rename(tmp, out) {
                let _ = fs::rename(&old, out);
                let _ = remove_ours(tmp);
                return Err(Error::io(out, "thay thư mục đầu ra", e));
            }
            sync_dir(parent);
            let _ = remove_ours(&old);
        } else {
            fs::rename(tmp, out).map_err(|e| {
                let _ = remove_ours(tmp);
                Error::io(out, "tạo thư mục đầu ra", e)
            })?;
            sync_dir(parent);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_ours(&self.tmp);
        }
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Error> {
        self.put_parts(path, &mut std::iter::once(bytes)).map(|_| ())
    }

    fn put_parts(&self, rel: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> Result<u64, Error> {
        Staging::put_parts(self, rel, parts)
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

    fn page(path: &str, text: &str) -> OutFile {
        OutFile { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn only_our_own_abandoned_leftovers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let dead = u32::MAX - 7; // beyond any pid_max: no such process
        let make = |name: &str, files: &[&str]| {
            let p = dir.path().join(name);
            fs::create_dir_all(&p).unwrap();
            for f in files {
                fs::write(p.join(f), "x").unwrap();
            }
            p
        };
        let marked_new = make(&format!(".output.bangtin-moi-{dead}"), &[MARKER, "index.html"]);
        let marked_old = make(&format!(".output.bangtin-cu-{dead}"), &[MARKER]);
        let empty = make(&format!(".output.bangtin-moi-{}", dead - 1), &[]);
        let mine = make(&format!(".output.bangtin-moi-{}", std::process::id()), &[MARKER]);
        // Not ours: no marker, another name, another output's sibling, a running build's folder.
        let unmarked = make(&format!(".output.bangtin-moi-{}", dead - 2), &["luu-tru.docx"]);
        let other_name = make(&format!(".output.bangtin-moi-{dead}x"), &[MARKER]);
        let other_out = make(&format!(".output2.bangtin-moi-{dead}"), &[MARKER]);
        let running = make(".output.bangtin-moi-1", &[MARKER]);
        fs::write(dir.path().join(format!(".output.bangtin-cu-{}", dead - 3)), "a file, not a folder").unwrap();
        #[cfg(unix)]
        {
            let target = make("ngoai", &[MARKER, "quan-trong.txt"]);
            std::os::unix::fs::symlink(&target, dir.path().join(format!(".output.bangtin-cu-{}", dead - 4))).unwrap();
        }
        clean_leftovers(&out);
        for gone in [&marked_new, &marked_old, &empty, &mine] {
            assert!(!gone.exists(), "{} should be removed", gone.display());
        }
        for kept in [&unmarked, &other_name, &other_out] {
            assert!(kept.exists(), "{} is not ours", kept.display());
        }
        assert_eq!(running.exists(), cfg!(target_os = "linux"), "pid 1 is running");
        assert!(dir.path().join(format!(".output.bangtin-cu-{}", dead - 3)).is_file());
        #[cfg(unix)]
        assert!(dir.path().join("ngoai/quan-trong.txt").exists(), "a symlink is never followed");
    }

    /// The kinds come from the listing now, not from a `stat` of each entry: a link to a
    /// folder, at the top or further in, is removed as a link and what it leads to stays.
    #[cfg(unix)]
    #[test]
    fn removing_a_folder_of_ours_never_follows_a_link_in_it() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("ngoai");
        fs::create_dir_all(outside.join("con")).unwrap();
        fs::write(outside.join("con/quan-trong.txt"), "x").unwrap();
        let ours = dir.path().join(format!(".output.bangtin-cu-{}", u32::MAX - 9));
        fs::create_dir_all(ours.join("tin-tuc/a")).unwrap();
        fs::write(ours.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(ours.join("tin-tuc/a/index.html"), "tin").unwrap();
        std::os::unix::fs::symlink(&outside, ours.join("lien-ket")).unwrap();
        std::os::unix::fs::symlink(&outside, ours.join("tin-tuc/lien-ket")).unwrap();
        std::os::unix::fs::symlink(outside.join("con"), ours.join("tin-tuc/a/lien-ket")).unwrap();
        remove_ours(&ours).unwrap();
        assert!(!ours.exists());
        assert!(outside.join("con/quan-trong.txt").is_file(), "what the links lead to is not ours");
    }

    #[test]
    fn a_write_replaces_the_whole_folder_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&out, &[page("index.html", "một"), page("lich/index.html", "lịch")]).unwrap();
        write_atomically(&out, &[page("index.html", "hai"), page("tin-tuc/index.html", "tin")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "hai");
        assert!(!out.join("lich").exists(), "nothing of the previous build stays");
        assert!(out.join(MARKER).is_file() && out.join("tin-tuc/index.html").is_file());
        let beside: Vec<String> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(beside, ["output"]);
    }

    #[test]
    fn a_path_that_escapes_fails_the_write_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&out, &[page("index.html", "một")]).unwrap();
        assert!(write_atomically(&out, &[page("a.html", "x"), page("../ngoai.html", "x")]).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "một");
        assert!(!dir.path().join("ngoai.html").exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary folder is gone");
    }
}
