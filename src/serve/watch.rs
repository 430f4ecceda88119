//! Watching: the folders whose changes change the site, and turning a burst of file-system
//! events (an editor's save is often several) into one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// A save is over when the folder has been quiet this long…
const QUIET: Duration = Duration::from_millis(50);
/// …or, during a long copy, this long after the first event, so the preview still moves.
const AT_MOST: Duration = Duration::from_millis(300);

/// Names the loader skips (hidden files, editor backups, Excel's lock file beside an open
/// workbook) and editor swap files.
fn ignored(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    crate::content::unread(&name) || name.ends_with(".swp") || name.ends_with(".swx")
}

fn relevant(ev: &notify::Event) -> bool {
    // Reading a file is what a build does; only changes count.
    !matches!(ev.kind, EventKind::Access(_)) && ev.paths.iter().any(|p| !ignored(p))
}

fn take(res: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
    if let Ok(ev) = res {
        if relevant(&ev) {
            changed.extend(ev.paths.into_iter().filter(|p| !ignored(p)));
        }
    }
}

/// Watches `folders` (each recursively) and calls `on_change` with the changed paths once a
/// burst of changes is over. The watcher stops when the returned value is dropped.
pub fn start(
    folders: &[PathBuf],
    on_change: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<notify::RecommendedWatcher, notify::Error> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    })?;
    for f in folders {
        watcher.watch(f, RecursiveMode::Recursive)?;
    }
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut changed = Vec::new();
            take(first, &mut changed);
            if changed.is_empty() {
                continue;
            }
            let started = Instant::now();
            loop {
                let left = AT_MOST.saturating_sub(started.elapsed());
                if left.is_zero() {
                    break;
                }
                match rx.recv_timeout(QUIET.min(left)) {
                    Ok(res) => take(res, &mut changed),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            changed.sort();
            changed.dedup();
            on_change(changed);
        }
    });
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored() {
        assert!(ignored(Path::new("guides/.kich-hoat.md.swp")));
        assert!(ignored(Path::new("guides/kich-hoat.md~")));
        assert!(!ignored(Path::new("guides/kich-hoat.md")));
    }

    #[test]
    fn a_burst_of_writes_is_one_change() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, rx) = mpsc::channel();
        let _w = start(&[dir.path().to_path_buf()], move |paths| {
            let _ = tx.send(paths);
        })
        .unwrap();
        for i in 0..20 {
            std::fs::write(dir.path().join("a.md"), format!("{i}")).unwrap();
        }
        let got = rx.recv_timeout(Duration::from_secs(120)).expect("a change is reported");
        assert!(got.iter().any(|p| p.ends_with("a.md")), "{got:?}");
        // Usually exactly one; a loaded machine may pause between two writes for longer than
        // QUIET, but twenty writes must never become twenty rebuilds.
        let more = std::iter::from_fn(|| rx.recv_timeout(Duration::from_millis(400)).ok()).count();
        assert!(more <= 2, "{} rebuilds for one burst of 20 writes", more + 1);
    }
}
