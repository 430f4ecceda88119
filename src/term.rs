//! The terminal: how messages reach the officer. Colours only when the stream is a terminal and
//! `NO_COLOR` is not set (<https://no-color.org>); a progress line on stderr when a build takes
//! longer than a second; `--quiet` keeps only what must be read. Hand-written ANSI: four colours
//! do not need a crate.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::pipeline::Stage;

/// Whether text written to a stream that `is_terminal` may carry colour codes.
pub fn colour_allowed(is_terminal: bool) -> bool {
    // NO_COLOR set to anything, even empty, is a request for none: never risk the opposite.
    is_terminal && std::env::var_os("NO_COLOR").is_none() && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// A path as the officer types it in a command line the messages suggest: in double quotes when
/// it has a space (`cd "Trang phuong 3"`), both in cmd and in a POSIX shell.
pub fn typed_path(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    if shown.contains(char::is_whitespace) {
        format!("\"{shown}\"")
    } else {
        shown
    }
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// How this run talks to the officer.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub quiet: bool,
    colour_out: bool,
    colour_err: bool,
    err_is_terminal: bool,
}

impl Ui {
    pub fn detect(quiet: bool) -> Ui {
        let err_is_terminal = std::io::stderr().is_terminal();
        Ui {
            quiet,
            colour_out: colour_allowed(std::io::stdout().is_terminal()),
            colour_err: colour_allowed(err_is_terminal),
            err_is_terminal,
        }
    }

    /// Plain text everywhere, as tests and pipes get it.
    pub fn plain(quiet: bool) -> Ui {
        Ui { quiet, colour_out: false, colour_err: false, err_is_terminal: false }
    }

    /// A line of good news on stdout (the summary), unless `--quiet`.
    pub fn done(&self, line: &str) {
        if !self.quiet {
            println!("{}", paint(line, GREEN, self.colour_out));
        }
    }

    /// A line on stdout that is needed even with `--quiet`: where the preview is, which
    /// `--port 0` leaves to the system.
    pub fn essential(&self, line: &str) {
        println!("{}", paint(line, GREEN, self.colour_out));
    }

    /// Information on stdout, unless `--quiet`.
    pub fn info(&self, text: &str) {
        if !self.quiet {
            println!("{text}");
        }
    }

    /// An error report on stderr, always.
    pub fn error(&self, report: &str) {
        eprintln!("{}", self.report(report));
    }

    /// A warning report on stderr; warnings are not errors, so `--quiet` silences them.
    pub fn warn(&self, report: &str) {
        if !self.quiet {
            eprintln!("{}", self.report(report));
        }
    }

    /// A warning report on stderr even with `--quiet`: `check` exists to show them.
    pub fn warn_always(&self, report: &str) {
        eprintln!("{}", self.report(report));
    }

    /// Colours the heads of a diagnostics report: `lỗi:` red, `cảnh báo:` yellow, hints cyan.
    pub fn report(&self, text: &str) -> String {
        if !self.colour_err {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 64);
        for line in text.split_inclusive('\n') {
            let (body, nl) = line.strip_suffix('\n').map(|b| (b, "\n")).unwrap_or((line, ""));
            let painted = if body.starts_with("lỗi:") {
                paint(body, RED, true)
            } else if body.starts_with("cảnh báo:") {
                paint(body, YELLOW, true)
            } else if body.starts_with("  gợi ý:") || body.starts_with("  cần:") {
                paint(body, CYAN, true)
            } else {
                body.to_string()
            };
            out.push_str(&painted);
            out.push_str(nl);
        }
        out
    }

    /// A progress line that appears only if the work takes more than a second, only on a
    /// terminal, and never with `--quiet`.
    pub fn progress(&self) -> Progress {
        Progress::start(self.err_is_terminal && !self.quiet)
    }
}

fn paint(text: &str, colour: &str, on: bool) -> String {
    if on {
        format!("{colour}{text}{RESET}")
    } else {
        text.to_string()
    }
}

struct State {
    stage: Stage,
    done: bool,
}

/// How long each stage took, on stderr when `BANGTIN_STAGE_TIMES` is set: what the benchmark
/// (`benches/run`) reports beside the wall time, so a slow build says where its time went.
pub struct StageTimes {
    on: bool,
    last: Mutex<Option<(Stage, Instant)>>,
}

impl StageTimes {
    pub fn from_env() -> StageTimes {
        StageTimes { on: std::env::var_os("BANGTIN_STAGE_TIMES").is_some(), last: Mutex::new(None) }
    }

    /// A stage begins, so the one before it is over.
    pub fn stage(&self, next: Stage) {
        self.end(Some(next));
    }

    fn end(&self, next: Option<Stage>) {
        if !self.on {
            return;
        }
        if let Ok(mut last) = self.last.lock() {
            let now = Instant::now();
            if let Some((stage, since)) = last.take() {
                let ms = (now - since).as_secs_f64() * 1000.0;
                eprintln!("giai đoạn: {} {ms:.1} ms, bộ nhớ đỉnh {}", stage.label(), peak_memory());
            }
            *last = next.map(|s| (s, now));
        }
    }
}

/// The process's peak resident memory so far (Linux `VmHWM`), to see which stage raises it.
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().trim_end_matches(" kB"));
    match kb.and_then(|k| k.parse::<u64>().ok()) {
        Some(kb) => format!("{} MiB", kb / 1024),
        None => "không rõ".into(),
    }
}

impl Drop for StageTimes {
    fn drop(&mut self) {
        self.end(None);
    }
}

/// A spinner on stderr for builds that take longer than a second; stopped and erased on drop.
pub struct Progress {
    shared: Option<Arc<(Mutex<State>, Condvar)>>,
    thread: Option<JoinHandle<()>>,
}

/// Below this a build feels instant, and a flashing line would only distract.
const SHOW_AFTER: Duration = Duration::from_secs(1);

impl Progress {
    fn start(enabled: bool) -> Progress {
        Progress::start_after(enabled, SHOW_AFTER)
    }

    /// [`Progress::start`], the line shown after `show_after`.
    fn start_after(enabled: bool, show_after: Duration) -> Progress {
        if !enabled {
            return Progress { shared: None, thread: None };
        }
        let shared = Arc::new((Mutex::new(State { stage: Stage::Load, done: false }), Condvar::new()));
        let theirs = Arc::clone(&shared);
        let thread = std::thread::spawn(move || spin(&theirs, show_after));
        Progress { shared: Some(shared), thread: Some(thread) }
    }

    /// Tells the line which step the build is at.
    pub fn stage(&self, stage: Stage) {
        if let Some(shared) = &self.shared {
            if let Ok(mut s) = shared.0.lock() {
                s.stage = stage;
            }
        }
    }
}

fn spin(shared: &(Mutex<State>, Condvar), show_after: Duration) {
    let (lock, cv) = shared;
    let started = Instant::now();
    let Ok(mut state) = lock.lock() else { return };
    let mut shown = 0usize;
    let mut width = 0;
    loop {
        let wait = if shown == 0 { show_after } else { Duration::from_millis(120) };
        state = match cv.wait_timeout_while(state, wait, |s| !s.done) {
            Ok((s, _)) => s,
            Err(_) => return,
        };
        if state.done {
            break;
        }
        let line = format!(
            "{} Đang {}… {:.1} giây",
            ['-', '\\', '|', '/'][shown % 4],
            state.stage.label(),
            started.elapsed().as_secs_f64()
        );
        width = width.max(line.chars().count());
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line}");
        let _ = err.flush();
        shown += 1;
    }
    if shown > 0 {
        // Spaces rather than an ANSI erase, so the line is cleared even on plain terminals.
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{}\r", " ".repeat(width));
        let _ = err.flush();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(shared) = &self.shared {
            if let Ok(mut s) = shared.0.lock() {
                s.done = true;
            }
            shared.1.notify_all();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_painted_only_when_allowed() {
        let text = "lỗi: a.yaml:1\n  vấn đề:  x\n  gợi ý:   y\ncảnh báo: b.md\n";
        assert_eq!(Ui::plain(false).report(text), text);
        let ui = Ui { quiet: false, colour_out: true, colour_err: true, err_is_terminal: true };
        let painted = ui.report(text);
        assert!(painted.starts_with("\x1b[1;31mlỗi: a.yaml:1\x1b[0m\n  vấn đề:  x\n\x1b[36m"), "{painted:?}");
        assert!(painted.contains("\x1b[1;33mcảnh báo: b.md\x1b[0m\n"));
    }

    #[test]
    fn a_quick_build_shows_no_progress_line() {
        // Shown after ten minutes here: a drop that waited for the line would take them all,
        // and a loaded machine never takes five to end a thread.
        let started = Instant::now();
        let p = Progress::start_after(true, Duration::from_secs(600));
        p.stage(Stage::Render);
        drop(p);
        assert!(started.elapsed() < Duration::from_secs(300), "dropping the line must not wait for it");
    }
}
