//! Which system calls bangtin makes beyond what std offers on every system, and the switch that
//! turns them off.
//!
//! On Linux the output swap uses `renameat2(RENAME_EXCHANGE)` (the old site and the new swapped in
//! one step), `syncfs` (the whole new tree flushed at once) and `openat2` (a build writes over
//! the previous site, never through a link), `/proc` tells whether a build that left a folder is
//! still running, and content files are opened with `O_NONBLOCK` (a named pipe never blocks the
//! build). Every other system takes the portable path: two renames, each file synced as it is
//! written, a fresh folder for each build, a folder left behind taken as abandoned, and a file's
//! kind asked before it is opened. (Listing folders goes through std's `read_dir` everywhere:
//! bangtin calls no `getdents` of its own.)
//!
//! `BANGTIN_PORTABLE=1` makes Linux take the portable path too, read once here, so that the tests
//! build and run it on Linux (`scripts/test` runs the output and crash-safety tests once with it)
//! and the Windows and macOS builds do not rot unseen. It also serves on a file system that
//! misbehaves under the Linux calls (some network shares). The allocator, jemalloc where it
//! builds, is the cargo feature `jemalloc` instead (on by default; not on Windows).

/// Whether to use the Linux calls: on Linux, unless `BANGTIN_PORTABLE` is set to anything but
/// empty or `0`.
pub fn linux() -> bool {
    #[cfg(target_os = "linux")]
    {
        static PORTABLE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        !*PORTABLE.get_or_init(|| std::env::var_os("BANGTIN_PORTABLE").is_some_and(|v| !v.is_empty() && v != "0"))
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}
