//! Write: puts a rendered site on disk atomically. Files go into a fresh sibling folder, which
//! is flushed to disk and then swapped with the output folder in one step, so a failed or killed
//! build leaves the previous site as it was and a power cut never publishes empty files. A marker
//! file proves a folder is ours before we replace or remove it; temporary siblings left by a
//! killed build are removed by the next one.
//!
//! The site a build replaces is not removed: it waits beside the output as the spare
//! (`.output.bangtin-du-tru`), and the next build writes its files over the spare's instead of
//! making every folder and file anew. Removing a province's previous site and creating the new
//! one's files were a third of a build's processor time, on every build after the first.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Error};
use crate::render::OutFile;
use crate::sys;

/// Written into every output folder; its presence is what allows a later build to replace it.
pub const MARKER: &str = ".bangtin";
const MARKER_TEXT: &str = "Thư mục này do bangtin tạo ra; bangtin sẽ thay toàn bộ nội dung ở lần dựng sau.\n";

fn out_name(out: &Path) -> String {
    out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into())
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    out.with_file_name(format!(".{}.bangtin-{tag}-{}", out_name(out), std::process::id()))
}

/// Where the site a build replaced waits for the next build to write over it.
pub fn spare(out: &Path) -> PathBuf {
    out.with_file_name(format!(".{}.bangtin-du-tru", out_name(out)))
}

/// A marked folder of ours that is no longer needed becomes the spare when there is none (a
/// rename, where removing it is a whole site of unlinks), else it is removed.
fn set_aside(dir: &Path, out: &Path) {
    let spare = spare(out);
    if !sys::linux() || fs::symlink_metadata(&spare).is_ok() || fs::rename(dir, &spare).is_err() {
        let _ = remove_ours(dir);
    }
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

/// The process id in the name of a spare a build gave up on (`.output.bangtin-hong-4242`):
/// never written over again, removed as far as it can be.
fn broken_pid(out_name: &str, name: &str) -> Option<u32> {
    let pid = name.strip_prefix(&format!(".{out_name}.bangtin-hong-"))?;
    pid.bytes().all(|b| b.is_ascii_digit()).then(|| pid.parse().ok()).flatten()
}

/// Whether another build with this process id may still be running: its folder is then someone
/// else's work in progress, not a leftover. Our own id is a leftover of a killed build whose id
/// we inherited (in a container every run may get the same one): we clean before we write. Only
/// Linux can tell cheaply (`/proc`); elsewhere a folder is taken as abandoned, which matters only
/// when two builds write one output folder at the same time.
fn may_be_running(pid: u32) -> bool {
    pid != std::process::id() && sys::linux() && Path::new("/proc").join(pid.to_string()).exists()
}

/// Leftovers of builds that were killed midway: temporary siblings of `out` that carry our name
/// pattern, belong to no running build, and hold our marker or nothing at all (a build killed
/// between creating its folder and marking it). A folder with anything else in it is left alone.
/// A marked one becomes the spare when there is none: the next build writes over it. Where the
/// swap is two renames (no `renameat2`, [`sys::linux`]), a build killed between them left no `out`
/// and the previous site whole as its `…-cu-…` sibling, which is put back.
pub fn clean_leftovers(out: &Path) {
    let Some(parent) = out.parent() else { return };
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Ok(entries) = fs::read_dir(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }) else { return };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = broken_pid(&name, &file_name) {
            // Whatever could not be written over may still not be removable: as far as it goes.
            if !may_be_running(pid) && fs::symlink_metadata(e.path().join(MARKER)).is_ok_and(|m| m.is_file()) {
                remove_what_can_be(&e.path());
            }
            continue;
        }
        let Some(pid) = leftover_pid(&name, &file_name) else { continue };
        // Never through a symlink: whatever it points at is not a folder we made.
        let is_dir = fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_dir());
        if !is_dir || may_be_running(pid) {
            continue;
        }
        let marked = fs::symlink_metadata(e.path().join(MARKER)).is_ok_and(|m| m.is_file());
        let empty = fs::read_dir(e.path()).is_ok_and(|mut d| d.next().is_none());
        let previous = e.file_name().to_string_lossy().starts_with(&format!(".{name}.bangtin-cu-"));
        if marked && previous && fs::symlink_metadata(out).is_err() && fs::rename(e.path(), out).is_ok() {
            sync_dir(parent);
        } else if marked {
            set_aside(&e.path(), out);
        } else if empty {
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

/// Removes what it can of a folder of ours, never through a link, the marker last and only if
/// everything else went: a file that cannot be removed (immutable, or another user's in a folder
/// of theirs) stays, with the marker that says whose the folder is.
fn remove_what_can_be(dir: &Path) {
    fn inner(dir: &Path, top: bool) -> bool {
        let Ok(entries) = fs::read_dir(dir) else { return false };
        let mut all = true;
        for e in entries.flatten() {
            if top && e.file_name() == MARKER {
                continue;
            }
            let gone = match e.file_type() {
                Ok(t) if t.is_dir() => inner(&e.path(), false) && fs::remove_dir(e.path()).is_ok(),
                _ => fs::remove_file(e.path()).is_ok(),
            };
            all &= gone;
        }
        all
    }
    if inner(dir, true) {
        let _ = fs::remove_file(dir.join(MARKER));
        let _ = fs::remove_dir(dir);
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

/// `out` without a trailing `/` or `/.`: `output/` and `output` are the same folder, but the
/// system reads `link/` as the folder the link points at, so asking it whether `link/` is a link
/// says no. The root stays the root.
pub fn without_trailing_slash(out: &Path) -> PathBuf {
    let trimmed: PathBuf = out.components().collect();
    if trimmed.as_os_str().is_empty() {
        out.to_path_buf()
    } else {
        trimmed
    }
}

/// Refuses an output folder inside another site's output (a folder with bangtin's marker): the
/// next build of that site would replace it, this site and all.
pub fn check_not_inside_an_output(out: &Path) -> Result<(), Error> {
    let resolved = resolved(out);
    // The marker's words, not only its name: a `.bangtin` of something else is no output.
    let is_output = |dir: &Path| {
        fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file() && m.len() == MARKER_TEXT.len() as u64)
            && fs::read(dir.join(MARKER)).is_ok_and(|b| b == MARKER_TEXT.as_bytes())
    };
    for ancestor in resolved.ancestors().skip(1) {
        if is_output(ancestor) {
            return Err(Error::Refused(format!(
                "thư mục đầu ra “{}” nằm trong “{}”, thư mục đầu ra của một lần dựng khác: lần dựng đó sẽ thay cả thư mục này. Chọn thư mục khác bằng --out, ví dụ bên cạnh “{}”.",
                out.display(),
                ancestor.display(),
                ancestor.display()
            )));
        }
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
/// the whole tree (each file was synced as written elsewhere, [`sys::linux`]).
fn flush(dir: &Path) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    if sys::linux() {
        use std::os::fd::AsRawFd;
        let d = fs::File::open(dir).map_err(|e| Error::io(dir, "ghi ra đĩa", e))?;
        // SAFETY: syncfs only reads the descriptor, which `d` keeps open for the call.
        if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
            return Err(Error::io(dir, "ghi ra đĩa", std::io::Error::last_os_error()));
        }
    }
    let _ = dir;
    Ok(())
}

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`): at every instant
/// `out` names either the old site or the new one, never nothing. `Err` when the system or the
/// file system cannot, and the caller falls back to two renames.
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if sys::linux() {
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
        return if r == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) };
    }
    let _ = (a, b);
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
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
    committed: bool,
    /// Where the files go. Read-locked by each file's write; changed only when the spare
    /// cannot be written over ([`Staging::give_up_spare`]), once every write under way is done.
    target: std::sync::RwLock<Target>,
    /// The spare given up on, when one was.
    gave_up: std::sync::Mutex<Option<GaveUp>>,
}

/// The folder a build writes into, and what writing over it needs when it is the spare.
struct Target {
    tmp: PathBuf,
    /// Set when the folder is the spare, written over.
    reuse: Option<Reuse>,
}

/// A spare that could not be written over: the folder it is now, and the file that stopped it.
struct GaveUp {
    folder: PathBuf,
    file: PathBuf,
    err: std::io::Error,
}

/// The spare being written over, and what this build has written there. Whatever the folder
/// holds that was not written is removed before the folder is put in place, so the spare may
/// hold anything: an older site, a killed build's files, folders where files now go.
struct Reuse {
    /// The folder, which every file is opened beneath.
    root: fs::File,
    written: std::sync::Mutex<Paths>,
    /// The listing of the folder, when [`Staging::mostly_written`] started it beside the build.
    listing: std::sync::Mutex<Option<std::sync::mpsc::Receiver<std::io::Result<Listing>>>>,
}

/// Paths end to end, each ended by a NUL, which no path holds: a province's site is 30k of
/// them, and a string each was 2 MB beside the peak of the build's memory.
#[derive(Default)]
struct Paths(String);

impl Paths {
    fn push(&mut self, path: &str) {
        self.0.push_str(path);
        self.0.push('\0');
    }

    fn iter(&self) -> std::str::SplitTerminator<'_, char> {
        self.0.split_terminator('\0')
    }
}

/// A folder's files (links too) and folders, by path under it.
#[derive(Default)]
struct Listing {
    files: Paths,
    folders: Paths,
    /// Names that are not UTF-8, which no file of a site has.
    odd: Vec<PathBuf>,
}

impl Listing {
    fn add(&mut self, other: Listing) {
        self.files.0.push_str(&other.files.0);
        self.folders.0.push_str(&other.folders.0);
        self.odd.extend(other.odd);
    }
}

/// Everything under `root`, on every core; kinds from the listing, so a link is listed, never
/// followed.
fn list(root: &Path) -> std::io::Result<Listing> {
    use rayon::prelude::*;
    /// What `rel` holds; its folders are added to `deeper` instead of listed when given. A
    /// folder gone, or a file now, was made way for by a file of the build writing beside the
    /// listing, and held nothing to remove.
    fn one(root: &Path, rel: &str, into: &mut Listing, mut deeper: Option<&mut Vec<String>>) -> std::io::Result<()> {
        let entries = match fs::read_dir(root.join(rel)) {
            Err(e) if !rel.is_empty() && gone(&e) => return Ok(()),
            entries => entries?,
        };
        for e in entries {
            let e = e?;
            let name = e.file_name();
            let Some(name) = name.to_str() else {
                into.odd.push(Path::new(rel).join(name));
                continue;
            };
            let path = if rel.is_empty() { name.to_string() } else { format!("{rel}/{name}") };
            // Asked of the disk only where the folder does not say (no `d_type`), and then it
            // may be gone already.
            let kind = match e.file_type() {
                Err(err) if gone(&err) => continue,
                kind => kind?,
            };
            if !kind.is_dir() {
                into.files.push(&path);
                continue;
            }
            into.folders.push(&path);
            match deeper.as_deref_mut() {
                Some(d) => d.push(path),
                None => one(root, &path, into, None)?,
            }
        }
        Ok(())
    }
    // Two levels here, the rest a few folders at a time on every core: `tin-tuc/` alone is
    // half of a province's site.
    let mut listing = Listing::default();
    let mut top = Vec::new();
    one(root, "", &mut listing, Some(&mut top))?;
    let mut second = Vec::new();
    for d in &top {
        one(root, d, &mut listing, Some(&mut second))?;
    }
    let rest = second
        .par_iter()
        .with_max_len(64)
        .map(|d| {
            let mut l = Listing::default();
            one(root, d, &mut l, None).map(|()| l)
        })
        .try_reduce(Listing::default, |mut a, b| {
            a.add(b);
            Ok(a)
        })?;
    listing.add(rest);
    Ok(listing)
}

/// Whether an error says there is nothing at a path: nothing at all, or a file where a folder
/// on the way was.
fn gone(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory)
}

impl Reuse {
    /// `None` where files cannot be opened beneath a folder without following links (Linux
    /// before 5.6, or a sandbox that refuses `openat2`): the spare is then removed instead.
    fn begin(tmp: &Path) -> Option<Reuse> {
        let root = fs::File::open(tmp).ok()?;
        #[cfg(target_os = "linux")]
        openat2(&root, MARKER).ok()?;
        Some(Reuse { root, written: Default::default(), listing: Default::default() })
    }

    /// Removes what the spare held that this build did not write: the folder is then exactly
    /// the new site.
    ///
    /// The listing may have been made while the last files were written: what it shows is then
    /// the spare's old entries, some of them since made way for, and some of the new. A new one
    /// is written or on the way to one; an old one that is neither is still there, since only
    /// making way for a written file removes anything.
    fn finish(self, tmp: &Path) -> std::io::Result<()> {
        let started = self.listing.into_inner().unwrap_or_else(|e| e.into_inner());
        let listing = match started.map(|r| r.recv()) {
            Some(Ok(listing)) => listing?,
            // The listing panicked: list again here, where a panic is reported.
            Some(Err(_)) | None => list(tmp)?,
        };
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        let written: std::collections::HashSet<&str> = written.iter().collect();
        let needed: std::collections::HashSet<&str> =
            written.iter().flat_map(|p| p.match_indices('/').map(|(i, _)| &p[..i])).collect();
        // A file listed where a folder now goes was made way for; the folder is the new site's.
        let files = listing.files.iter().filter(|f| *f != MARKER && !written.contains(f) && !needed.contains(f));
        // A folder inside one removed before it is already gone, which `remove_entry` allows.
        let folders = listing.folders.iter().filter(|d| !needed.contains(d) && !written.contains(d));
        files
            .chain(folders)
            .map(Path::new)
            .chain(listing.odd.iter().map(PathBuf::as_path))
            .try_for_each(|p| remove_entry(&tmp.join(p)))
    }
}

/// Opens `rel` under `root` (the folder `dir`) to be written over, making way for it: missing
/// folders are made, and a folder or link where the file goes, or a file or link where a folder
/// goes, is removed. No link on the way is followed (`openat2` with `RESOLVE_NO_SYMLINKS`), so
/// nothing outside the folder is ever written. A file that has other names (a hard link to it in
/// a copy of an old site) is never written over but replaced. Returns the file and its length.
#[cfg(target_os = "linux")]
fn open_over(root: &fs::File, dir: &Path, rel: &str) -> std::io::Result<(fs::File, u64)> {
    use std::os::unix::fs::MetadataExt;
    let file = match openat2(root, rel) {
        Ok(f) => f,
        Err(_) => {
            make_way(dir, rel)?;
            openat2(root, rel)?
        }
    };
    let meta = file.metadata()?;
    if meta.is_file() && meta.nlink() == 1 {
        return Ok((file, meta.len()));
    }
    // Reached without a link, so its path names it: a second name, a device or a FIFO that had
    // a reader is unlinked and the file made anew.
    drop(file);
    fs::remove_file(dir.join(rel))?;
    Ok((openat2(root, rel)?, 0))
}

/// `rel` under `root` opened for writing, made if missing, never through a link.
#[cfg(target_os = "linux")]
fn openat2(root: &fs::File, rel: &str) -> std::io::Result<fs::File> {
    use std::os::fd::{AsRawFd, FromRawFd};
    let path = std::ffi::CString::new(rel).map_err(std::io::Error::other)?;
    /// The kernel's `struct open_how` (libc's cannot be built outside the crate).
    #[repr(C)]
    struct OpenHow {
        flags: u64,
        mode: u64,
        resolve: u64,
    }
    let how = OpenHow {
        // Not blocking: a FIFO where a file goes would otherwise wait for a reader forever.
        flags: (libc::O_WRONLY | libc::O_CREAT | libc::O_CLOEXEC | libc::O_NONBLOCK) as u64,
        mode: 0o644,
        resolve: libc::RESOLVE_BENEATH | libc::RESOLVE_NO_SYMLINKS,
    };
    // SAFETY: the path is NUL-terminated and `how` is the size given; both outlive the call,
    // and the descriptor returned is owned by nothing else.
    let fd = unsafe {
        libc::syscall(libc::SYS_openat2, root.as_raw_fd(), path.as_ptr(), &how, std::mem::size_of::<OpenHow>())
    };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a new descriptor, from the call above.
    Ok(unsafe { fs::File::from_raw_fd(fd as i32) })
}

/// Removes whatever stands at `p`, a folder with all it holds, never through a link; nothing
/// there, or a file where a folder on the way was, is no error.
fn remove_entry(p: &Path) -> std::io::Result<()> {
    let removed = match fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(p),
        Ok(_) => fs::remove_file(p),
        Err(e) => Err(e),
    };
    match removed {
        Err(e) if !gone(&e) => Err(e),
        _ => Ok(()),
    }
}

/// Clears the way to `rel` under `dir`: what stands where a folder of its path goes and is not
/// a folder is removed, the missing folders made, and a folder or link at `rel` removed.
#[cfg(target_os = "linux")]
fn make_way(dir: &Path, rel: &str) -> std::io::Result<()> {
    let mut at = dir.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        match fs::symlink_metadata(&at) {
            Ok(m) if last && !m.is_file() => remove_entry(&at)?,
            Ok(m) if !last && !m.is_dir() => {
                fs::remove_file(&at)?;
                fs::create_dir(&at)?;
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if !last {
                    fs::create_dir(&at)?;
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Whether a write over the spare failed for want of permission on what it held (a file made
/// immutable, or another user's): a fresh folder does not have that problem.
fn spare_refused(e: &Error) -> bool {
    matches!(e, Error::Io { err, .. } if err.kind() == std::io::ErrorKind::PermissionDenied)
}

impl Staging {
    /// Starts the new folder beside `out`, marked before anything else is in it.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        check_replaceable(out)?;
        // `--out a/b/c` makes `a/b` as Hugo and Zola do, once the content is known to build.
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "tạo thư mục", e))?;
        }
        clean_leftovers(out);
        let tmp = sibling(out, "moi");
        let spare = spare(out);
        // Taken by a rename, so two builds never write over the same spare.
        let taken = sys::linux()
            && fs::symlink_metadata(&spare).is_ok_and(|m| m.is_dir())
            && fs::symlink_metadata(spare.join(MARKER)).is_ok_and(|m| m.is_file())
            && fs::rename(&spare, &tmp).is_ok();
        let reuse = match taken {
            true => Reuse::begin(&tmp).or_else(|| {
                let _ = remove_ours(&tmp);
                None
            }),
            false => None,
        };
        if reuse.is_none() {
            // Named as the officer wrote it: the temporary sibling means nothing to them.
            fs::create_dir(&tmp).map_err(|e| Error::io(out, "tạo thư mục", e))?;
        }
        // The marker goes first: a folder killed at any later point is recognisably ours.
        mark(&tmp)?;
        Ok(Staging {
            out: out.to_path_buf(),
            committed: false,
            target: std::sync::RwLock::new(Target { tmp, reuse }),
            gave_up: Default::default(),
        })
    }

    fn target(&self) -> std::sync::RwLockReadGuard<'_, Target> {
        self.target.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Where `rel` goes in the temporary folder `tmp`, refused if it would escape it, and the
    /// path to name in a message: where it was going in `out`.
    fn place(&self, tmp: &Path, rel: &str) -> Result<(PathBuf, PathBuf), Error> {
        let path =
            safe_join(tmp, rel).ok_or_else(|| Error::Refused(format!("đường dẫn đầu ra không hợp lệ: “{rel}”")))?;
        Ok((path, self.out.join(rel)))
    }

    /// The file, and the path to name in a message: where it was going in `out`, since the
    /// temporary folder is gone by the time anyone reads it.
    fn create(&self, tmp: &Path, rel: &str) -> Result<(fs::File, PathBuf), Error> {
        let (path, shown) = self.place(tmp, rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(shown.parent().unwrap_or(&shown), "tạo thư mục", e))?;
        }
        let file = fs::File::create(&path).map_err(|e| Error::io(&shown, "tạo tệp", e))?;
        Ok((file, shown))
    }

    /// [`Staging::create`] in the spare: the file as it was, to be written over, and its length.
    fn open_over(&self, tmp: &Path, root: &fs::File, rel: &str) -> Result<(fs::File, PathBuf, u64), Error> {
        let (path, shown) = self.place(tmp, rel)?;
        // Checked on every system; only Linux writes over the spare, relative to `root`
        // (elsewhere [`Staging::begin`] never takes it).
        #[cfg(target_os = "linux")]
        let opened = {
            let _ = path;
            open_over(root, tmp, rel)
        };
        #[cfg(not(target_os = "linux"))]
        let opened = {
            let _ = root;
            fs::File::create(&path).map(|f| (f, 0))
        };
        let (file, before) = opened.map_err(|e| Error::io(&shown, "ghi tệp", e))?;
        Ok((file, shown, before))
    }

    /// Writes one file of the site from its parts; several threads may write at once. Returns
    /// the number of bytes written.
    pub fn put_parts(&self, rel: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> Result<u64, Error> {
        {
            let target = self.target();
            if let Some(reuse) = &target.reuse {
                match self.open_over(&target.tmp, &reuse.root, rel) {
                    Ok((file, path, before)) => {
                        reuse.written.lock().unwrap_or_else(|e| e.into_inner()).push(rel);
                        // Written under the lock: the folder is not given up on while it is.
                        return write_parts(file, &path, before, parts);
                    }
                    Err(e) if spare_refused(&e) => {}
                    Err(e) => return Err(e),
                }
            } else {
                let (file, path) = self.create(&target.tmp, rel)?;
                return write_parts(file, &path, 0, parts);
            }
        }
        self.give_up_spare(rel)?;
        let target = self.target();
        let (file, path) = self.create(&target.tmp, rel)?;
        write_parts(file, &path, 0, parts)
    }

    /// The spare cannot be written over at `rel` (a file in it made immutable, or owned by
    /// another user): this build moves what it wrote there into a fresh folder and goes on in
    /// that, and the spare, renamed so that no build takes it again, waits to be removed.
    /// Every later build tries to remove it, and the site is built all the same.
    fn give_up_spare(&self, rel: &str) -> Result<(), Error> {
        let mut target = self.target.write().unwrap_or_else(|e| e.into_inner());
        // Another thread may have given up first.
        let Some(reuse) = target.reuse.take() else { return Ok(()) };
        let broken = sibling(&self.out, "hong");
        let fresh = target.tmp.clone();
        fs::rename(&fresh, &broken).map_err(|e| Error::io(&target.tmp, "đổi tên thư mục dự phòng", e))?;
        // From here a failure leaves two marked folders, each removed or taken by a later build.
        target.tmp = broken.clone();
        fs::create_dir(&fresh).map_err(|e| Error::io(&self.out, "tạo thư mục", e))?;
        target.tmp = fresh.clone();
        mark(&fresh)?;
        let written = reuse.written.into_inner().unwrap_or_else(|e| e.into_inner());
        for p in written.iter() {
            let (from, to) = (broken.join(p), fresh.join(p));
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(|e| Error::io(parent, "tạo thư mục", e))?;
            }
            fs::rename(&from, &to).map_err(|e| Error::io(&from, "chuyển tệp", e))?;
        }
        // Why, for the warning: the file as it stands now.
        let file = broken.join(rel);
        let err = match fs::OpenOptions::new().write(true).open(&file) {
            Err(e) => e,
            Ok(_) => std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        *self.gave_up.lock().unwrap_or_else(|e| e.into_inner()) = Some(GaveUp { folder: broken, file, err });
        Ok(())
    }

    /// Starts listing the spare being written over, beside the rest of the build: only the
    /// lists and the checks are left, which keep one core of two busy, and the listing, which
    /// the commit needs, took 0.05 s on both cores after them at 10k pages. On the threads that
    /// render (a thread of its own had the allocator set up another arena, 2–3 MiB at the peak),
    /// and waited for by [`Staging::commit`], which runs outside them.
    pub fn mostly_written(&self) {
        let target = self.target();
        let Some(reuse) = &target.reuse else { return };
        let mut listing = reuse.listing.lock().unwrap_or_else(|e| e.into_inner());
        if listing.is_none() {
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            let tmp = target.tmp.clone();
            rayon::spawn(move || {
                let _ = tx.send(list(&tmp));
            });
            *listing = Some(rx);
        }
    }

    /// Writes one file of the site.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.put_parts(rel, &mut std::iter::once(bytes.to_vec())).map(|_| ())
    }

    /// Puts the new folder in place of `out`, or changes nothing. A build killed at any point
    /// leaves `out` as the previous site or the new one, whole, and at most a marked temporary
    /// sibling, which the next build removes. Returns a warning when the spare could not be
    /// written over and a fresh folder was used: the spare, where it now is, waits to be removed.
    pub fn commit(mut self) -> Result<Option<Diagnostic>, Error> {
        self.committed = true;
        let target = std::mem::replace(
            self.target.get_mut().unwrap_or_else(|e| e.into_inner()),
            Target { tmp: PathBuf::new(), reuse: None },
        );
        let (out, tmp) = (self.out.as_path(), target.tmp.as_path());
        if let Some(reuse) = target.reuse {
            if let Err(e) = reuse.finish(tmp) {
                let _ = remove_ours(tmp);
                return Err(Error::io(out, "dọn tệp cũ trước khi thay thư mục đầu ra", e));
            }
        }
        if let Err(e) = flush(tmp) {
            let _ = remove_ours(tmp);
            return Err(e);
        }
        let parent = out.parent().unwrap_or(Path::new("."));
        if out.exists() {
            if exchange(tmp, out).is_ok() {
                sync_dir(parent);
                // `tmp` now holds the previous site.
                set_aside(tmp, out);
                return Ok(self.gave_up());
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
            set_aside(&old, out);
        } else {
            fs::rename(tmp, out).map_err(|e| {
                let _ = remove_ours(tmp);
                Error::io(out, "tạo thư mục đầu ra", e)
            })?;
            sync_dir(parent);
        }
        Ok(self.gave_up())
    }

    /// The warning for a spare given up on, if this build gave one up.
    fn gave_up(&self) -> Option<Diagnostic> {
        let g = self.gave_up.lock().unwrap_or_else(|e| e.into_inner()).take()?;
        // What could be removed of it goes now; the rest waits for a later build.
        remove_what_can_be(&g.folder);
        Some(
            Diagnostic::new(
                &g.file,
                format!(
                    "không ghi đè được tệp này trong thư mục dự phòng của lần dựng trước ({}); lần dựng này đã ghi vào một thư mục mới và vẫn xong",
                    crate::diag::io_vi(&g.err)
                ),
            )
            .expected(format!(
                "xóa thư mục “{}” khi có quyền: tệp có thể đã bị khóa (chattr +i) hoặc thuộc người dùng khác; mỗi lần dựng sau đều thử xóa nó",
                g.folder.display()
            )),
        )
    }
}

/// Writes the marker into `dir`: the folder is ours from then on.
fn mark(dir: &Path) -> Result<(), Error> {
    let marker = dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, "ghi tệp", e))
}

/// Writes a file's parts over what it held (`before` bytes), naming `path` on failure.
fn write_parts(
    mut file: fs::File,
    path: &Path,
    before: u64,
    parts: &mut dyn Iterator<Item = Vec<u8>>,
) -> Result<u64, Error> {
    let mut len = 0;
    for part in parts {
        file.write_all(&part).map_err(|e| Error::io(path, "ghi tệp", e))?;
        len += part.len() as u64;
    }
    if before > len {
        file.set_len(len).map_err(|e| Error::io(path, "ghi tệp", e))?;
    }
    // Linux flushes the whole tree with one `syncfs` in `commit`; elsewhere each file now.
    if !sys::linux() {
        file.sync_all().map_err(|e| Error::io(path, "ghi tệp", e))?;
    }
    Ok(len)
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Removed, not kept as the spare: a build that failed may have failed for want of space.
        if !self.committed {
            let _ = remove_ours(&self.target().tmp);
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

    fn mostly_written(&self) {
        Staging::mostly_written(self)
    }
}

/// Replaces `out` with exactly `files` (plus the marker), or changes nothing.
pub fn write_atomically(out: &Path, files: &[OutFile]) -> Result<(), Error> {
    let staging = Staging::begin(out)?;
    for f in files {
        staging.put(&f.path, &f.bytes)?;
    }
    staging.commit().map(|_| ())
}

/// Where a command writes one file (`bangtin radio -o`, `--audio`), by what stands at the path.
#[derive(Debug, PartialEq, Eq)]
pub enum FileTarget {
    /// Nothing, or a regular file: the new file is written beside it and renamed over it, so a
    /// reader sees the old contents or the new, never half. Through a link, the file the link
    /// names (the link stays a link).
    Replace(PathBuf),
    /// A named pipe or a character device (`/dev/null`, a terminal), as a shell's `>` would:
    /// written into, never replaced. Renaming a file over `/dev/null` would replace the
    /// system's device with a text file when run as root.
    Into(PathBuf),
}

/// What writing one file to `path` means, or why it is refused: a folder, a disk (a block
/// device), a socket, or a link to nothing.
pub fn file_target(path: &Path) -> Result<FileTarget, Error> {
    let refused = |what: &str| {
        Err(Error::Refused(format!(
            "“{}” là {what}, không phải một tệp; bangtin không ghi vào đó. Chọn một tệp, ví dụ ban-tin.txt, hoặc “-” để in ra màn hình.",
            path.display()
        )))
    };
    let meta = match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileTarget::Replace(path.to_path_buf())),
        Err(e) => return Err(Error::io(path, "ghi tệp", e)),
        Ok(m) => m,
    };
    // A link is followed to its end, and what stands there decides: the link itself is never
    // replaced by a file.
    let (target, meta) = if meta.file_type().is_symlink() {
        match fs::canonicalize(path).and_then(|t| fs::metadata(&t).map(|m| (t, m))) {
            Ok(found) => found,
            Err(_) => return refused("một liên kết tượng trưng (symlink) trỏ tới chỗ không có"),
        }
    } else {
        (path.to_path_buf(), meta)
    };
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(FileTarget::Replace(target));
    }
    if kind.is_dir() {
        return refused("một thư mục");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || kind.is_char_device() {
            return Ok(FileTarget::Into(target));
        }
        if kind.is_block_device() {
            return refused("một thiết bị lưu trữ (ổ đĩa)");
        }
        if kind.is_socket() {
            return refused("một ổ cắm (socket)");
        }
    }
    refused("một mục đặc biệt của hệ thống")
}

/// A temporary name beside `path`, for a file renamed over it when whole.
pub fn beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "tep".into());
    path.with_file_name(format!(".{name}.bangtin-{}", std::process::id()))
}

/// Writes one file the way [`file_target`] says: a regular file so that readers see the old
/// contents or the new, never half of it (into a temporary sibling first, then renamed over
/// it); a pipe or a device by writing into it. Errors name `path` as the officer wrote it.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    match file_target(path)? {
        FileTarget::Into(target) => {
            let written = fs::OpenOptions::new().write(true).open(&target).and_then(|mut f| f.write_all(bytes));
            written.map_err(|e| Error::io(path, "ghi vào", e))
        }
        FileTarget::Replace(target) => {
            let tmp = beside(&target);
            let written = fs::File::create(&tmp).and_then(|mut f| {
                f.write_all(bytes)?;
                f.sync_all()
            });
            if let Err(e) = written {
                let _ = fs::remove_file(&tmp);
                return Err(Error::io(path, "ghi tệp", e));
            }
            fs::rename(&tmp, &target).map_err(|e| {
                let _ = fs::remove_file(&tmp);
                Error::io(path, "ghi tệp", e)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `/dev/null` is written into, never replaced: asked, not written, so a mistake here could
    /// never replace the device of the machine the tests run on.
    #[cfg(unix)]
    #[test]
    fn a_device_is_a_target_to_write_into() {
        let null = Path::new("/dev/null");
        assert_eq!(file_target(null).unwrap(), FileTarget::Into(null.to_path_buf()));
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("loa");
        std::os::unix::fs::symlink(null, &link).unwrap();
        assert_eq!(file_target(&link).unwrap(), FileTarget::Into(null.to_path_buf()));
        let new = dir.path().join("moi.txt");
        assert_eq!(file_target(&new).unwrap(), FileTarget::Replace(new.clone()));
        write_file(&link, b"ban tin").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }

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
        // With no output, the previous site a swap of two renames left beside it is put back.
        assert_eq!(beside(&out), [MARKER], "the `…-cu-…` folder is the output again");
        assert_eq!(spare(&out).join(MARKER).is_file(), sys::linux(), "one of the marked ones is kept as the spare");
        for kept in [&unmarked, &other_name, &other_out] {
            assert!(kept.exists(), "{} is not ours", kept.display());
        }
        assert_eq!(running.exists(), sys::linux(), "pid 1 is running");
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
    fn a_write_replaces_the_whole_folder_and_keeps_the_previous_as_the_spare() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&out, &[page("index.html", "một"), page("lich/index.html", "lịch")]).unwrap();
        write_atomically(&out, &[page("index.html", "hai"), page("tin-tuc/index.html", "tin")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "hai");
        assert!(!out.join("lich").exists(), "nothing of the previous build stays");
        assert!(out.join(MARKER).is_file() && out.join("tin-tuc/index.html").is_file());
        if sys::linux() {
            assert_eq!(beside(dir.path()), [".output.bangtin-du-tru", "output"], "the previous site is the spare");
        } else {
            assert_eq!(beside(dir.path()), ["output"], "elsewhere the previous site is removed");
        }
    }

    /// The names in `dir`, sorted.
    fn beside(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    /// Every file under `dir` with its text, and every folder, by path.
    #[cfg(target_os = "linux")]
    fn tree(dir: &Path) -> std::collections::BTreeMap<String, Option<String>> {
        let mut m = std::collections::BTreeMap::new();
        for e in walkdir::WalkDir::new(dir).min_depth(1) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let text = e.file_type().is_file().then(|| fs::read_to_string(e.path()).unwrap());
            m.insert(rel, text);
        }
        m
    }

    /// The spare holds an older site with every kind of obstacle; the build written over it is
    /// exactly the new site, and nothing outside it is touched.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_build_written_over_the_spare_is_exactly_the_new_site() {
        over_the_spare(write_atomically);
    }

    /// The same with the spare listed before a file is written, as a build lists it beside its
    /// last pages: every obstacle is listed, then made way for.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_spare_listed_while_it_is_written_over_becomes_exactly_the_new_site() {
        over_the_spare(|out, files| {
            let staging = Staging::begin(out)?;
            staging.mostly_written();
            // Listed whole before anything is written: every obstacle is in the listing.
            {
                let target = staging.target();
                let reuse = target.reuse.as_ref().expect("written over the spare");
                let listed = reuse.listing.lock().unwrap().take().expect("listing started").recv().unwrap();
                let (tx, rx) = std::sync::mpsc::sync_channel(1);
                tx.send(listed).unwrap();
                *reuse.listing.lock().unwrap() = Some(rx);
            }
            for f in files {
                staging.put(&f.path, &f.bytes)?;
            }
            staging.commit().map(|_| ())
        });
    }

    #[cfg(target_os = "linux")]
    fn over_the_spare(write: impl Fn(&Path, &[OutFile]) -> Result<(), Error>) {
        if !sys::linux() {
            eprintln!("BANGTIN_PORTABLE: no spare is written over; skipped");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let outside = dir.path().join("ngoai");
        fs::create_dir_all(outside.join("con")).unwrap();
        fs::write(outside.join("con/index.html"), "không phải của bangtin").unwrap();
        fs::write(outside.join("ban-sao.html"), "bản sao").unwrap();
        write_atomically(&out, &[page("index.html", "một")]).unwrap();
        write_atomically(&out, &[page("index.html", "hai")]).unwrap();
        let spare = spare(&out);
        assert!(spare.join(MARKER).is_file());
        // What a spare may hold: a longer file, stale files and folders, a folder where a file
        // goes, a file where a folder goes, links (to a folder, in place of a folder on the way,
        // in place of a file) and a file with a second name outside.
        fs::write(spare.join("index.html"), "một trang rất dài của lần dựng trước").unwrap();
        fs::create_dir_all(spare.join("cu/sau")).unwrap();
        fs::write(spare.join("cu/sau/index.html"), "cũ").unwrap();
        fs::write(spare.join("cu.html"), "cũ").unwrap();
        fs::create_dir_all(spare.join("lich.ics/x")).unwrap();
        fs::write(spare.join("tin-tuc"), "một tệp chỗ thư mục").unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("huong-dan")).unwrap();
        std::os::unix::fs::symlink(outside.join("con/index.html"), spare.join("robots.txt")).unwrap();
        fs::create_dir_all(spare.join("lich")).unwrap();
        fs::hard_link(outside.join("ban-sao.html"), spare.join("lich/index.html")).unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("lien-ket-cu")).unwrap();
        let fifo = std::ffi::CString::new(spare.join("lich/ics").into_os_string().into_encoded_bytes()).unwrap();
        // SAFETY: a NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0, "a FIFO where a file goes");
        // And one with a reader, which opens for writing: it is unlinked, not written into.
        let read_fifo = std::ffi::CString::new(spare.join("lich/doc").into_os_string().into_encoded_bytes()).unwrap();
        // SAFETY: a NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(read_fifo.as_ptr(), 0o644) }, 0);
        use std::os::unix::fs::OpenOptionsExt;
        let _reader =
            fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(spare.join("lich/doc")).unwrap();
        use std::os::unix::ffi::OsStrExt;
        fs::write(spare.join(std::ffi::OsStr::from_bytes(b"t\xea\xe9n")), "latin-1").unwrap();
        let new = [
            page("index.html", "ba"),
            page("lich.ics", "BEGIN:VCALENDAR"),
            page("tin-tuc/a/index.html", "tin"),
            page("huong-dan/con/index.html", "hướng dẫn"),
            page("robots.txt", "User-agent: *"),
            page("lich/index.html", "lịch"),
            page("lich/ics", "lịch"),
            page("lich/doc", "đọc"),
        ];
        write(&out, &new).unwrap();
        let mut want: std::collections::BTreeMap<String, Option<String>> =
            new.iter().map(|f| (f.path.clone(), Some(String::from_utf8(f.bytes.clone()).unwrap()))).collect();
        for folder in ["tin-tuc", "tin-tuc/a", "huong-dan", "huong-dan/con", "lich"] {
            want.insert(folder.into(), None);
        }
        want.insert(MARKER.into(), Some(MARKER_TEXT.into()));
        assert_eq!(tree(&out), want);
        assert_eq!(fs::read_to_string(outside.join("con/index.html")).unwrap(), "không phải của bangtin");
        assert_eq!(fs::read_to_string(outside.join("ban-sao.html")).unwrap(), "bản sao", "a second name is replaced");
        assert_eq!(beside(dir.path()), [".output.bangtin-du-tru", "ngoai", "output"]);
        // And the next build writes over the site before this one.
        write(&out, &[page("index.html", "bốn")]).unwrap();
        assert_eq!(tree(&out).len(), 2);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "bốn");
    }

    #[test]
    fn a_path_that_escapes_fails_the_write_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_atomically(&out, &[page("index.html", "không")]).unwrap();
        write_atomically(&out, &[page("index.html", "một")]).unwrap();
        assert_eq!(spare(&out).is_dir(), sys::linux());
        assert!(write_atomically(&out, &[page("a.html", "x"), page("../ngoai.html", "x")]).is_err());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "một");
        assert!(!dir.path().join("ngoai.html").exists());
        // The failed write took the spare: it may have failed for want of space, so it is removed.
        assert_eq!(beside(dir.path()), ["output"], "the temporary folder is gone");
    }
}
