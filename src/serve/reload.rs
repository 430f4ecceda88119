//! Live reload: a version number that goes up whenever what the preview serves changes, a
//! server-sent event stream (`/__bangtin/reload`) that announces it, and the small script that
//! listens. The script goes only into HTML the preview server sends, never into a build.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// A comment line this often lets the stream notice a closed tab and end its thread.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The current version, and a way to wait for the next.
pub struct Versions {
    current: Mutex<u64>,
    changed: Condvar,
}

impl Versions {
    pub fn new() -> Versions {
        Versions { current: Mutex::new(1), changed: Condvar::new() }
    }

    pub fn current(&self) -> u64 {
        self.current.lock().map(|v| *v).unwrap_or(0)
    }

    /// A new version: every open page reloads.
    pub fn bump(&self) -> u64 {
        let v = match self.current.lock() {
            Ok(mut v) => {
                *v += 1;
                *v
            }
            Err(_) => return 0,
        };
        self.changed.notify_all();
        v
    }

    /// Waits until the version differs from `seen`, or `timeout` passes; returns the version.
    fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let Ok(guard) = self.current.lock() else { return seen };
        match self.changed.wait_timeout_while(guard, timeout, |v| *v == seen) {
            Ok((v, _)) => *v,
            Err(_) => seen,
        }
    }
}

impl Default for Versions {
    fn default() -> Self {
        Versions::new()
    }
}

/// Holds the connection open and sends `reload` when the version moves past the one the page
/// was served at. A page that connects late, after a rebuild, is told at once.
pub fn stream(mut conn: TcpStream, versions: &Versions, page_version: Option<u64>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n";
    // A browser retries a dropped stream after this many milliseconds: after a restart of
    // `bangtin serve`, the tab reconnects quickly.
    if conn.write_all(head.as_bytes()).and_then(|_| conn.write_all(b"retry: 1000\n\n")).is_err() {
        return;
    }
    let _ = conn.flush();
    let mut seen = page_version.unwrap_or_else(|| versions.current());
    loop {
        let now = versions.wait_past(seen, KEEP_ALIVE);
        let msg = if now != seen { format!("event: reload\ndata: {now}\n\n") } else { ": con sống\n\n".to_string() };
        if conn.write_all(msg.as_bytes()).and_then(|_| conn.flush()).is_err() {
            return;
        }
        seen = now;
    }
}

/// The listener, added before `</body>` of every HTML response of the preview.
pub fn script(version: u64) -> String {
    format!(
        "<script>/* bangtin serve: tải lại trang khi nội dung thay đổi (chỉ có khi xem trước, không có trong trang đã dựng) */\n\
         (function(){{var s=new EventSource(\"/__bangtin/reload?v={version}\");\
         s.addEventListener(\"reload\",function(){{s.close();location.reload();}});}})();</script>\n"
    )
}

/// `html` with the listener before its last `</body>`, or at its end when it has none.
pub fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let script = script(version);
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<body><p>x</p></body>\n</html>", 4)).unwrap();
        assert!(out.starts_with("<body><p>x</p><script>"), "{out}");
        assert!(out.contains("reload?v=4") && out.ends_with("</script>\n</body>\n</html>"), "{out}");
        let bare = String::from_utf8(inject(b"<p>x", 1)).unwrap();
        assert!(bare.starts_with("<p>x<script>"));
    }

    #[test]
    fn waiting_ends_at_a_new_version() {
        let v = std::sync::Arc::new(Versions::new());
        let seen = v.current();
        let other = std::sync::Arc::clone(&v);
        let t = std::thread::spawn(move || other.wait_past(seen, Duration::from_secs(120)));
        std::thread::sleep(Duration::from_millis(20));
        let next = v.bump();
        assert_eq!(t.join().unwrap(), next);
        assert_eq!(v.wait_past(next, Duration::from_millis(10)), next, "times out without a change");
    }
}
