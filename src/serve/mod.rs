//! Serve: the live preview the officer edits against. The site is rendered in memory (nothing
//! is written to disk) and served on 127.0.0.1 by a small HTTP server ([`http`], a thread per
//! connection); the content and theme folders are watched ([`watch`]) and every change rebuilds
//! the site and reloads open tabs ([`reload`]). Content errors become a Vietnamese page in the
//! browser ([`error_page`]) instead of stopping the server.

mod browser;
mod error_page;
pub mod http;
mod reload;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::NaiveDate;

use crate::diag::Error;
use crate::lock::locked;
use crate::term::Ui;
use http::{Method, Response, Route};

/// What to preview, and where.
#[derive(Debug, Clone)]
pub struct Config {
    pub content: PathBuf,
    /// Fixed "today"; without it each rebuild uses the day it runs.
    pub today: Option<NaiveDate>,
    pub bind: IpAddr,
    /// 0 lets the system pick a free port.
    pub port: u16,
    /// Open the preview in the default browser once it is ready (`--open`).
    pub open: bool,
}

/// What the server answers with, replaced whole on every rebuild.
struct Snapshot {
    /// The last site that built; kept while the content has errors, so stylesheets and images
    /// still load and the officer's tab comes back the moment the error is fixed.
    files: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// The error page, while the content has errors.
    error: Option<String>,
}

/// A browser opens a handful of connections; more than this at once is not a preview. Each is
/// a thread, an open tab's reload stream included, which holds its connection until the tab
/// closes (noticed when a keep-alive cannot be written, within half a minute); past this many,
/// requests get 503 (README, "The preview").
pub const MAX_CONNECTIONS: usize = 256;

struct Preview {
    config: Config,
    base_url: String,
    snapshot: Mutex<Arc<Snapshot>>,
    versions: reload::Versions,
    connections: AtomicUsize,
    ui: Ui,
    /// Warnings are printed when they change, not on every save.
    last_warnings: Mutex<String>,
    /// What the last whole build left for the next edit to start from; none after an error.
    warm: Mutex<Option<crate::rebuild::Warm>>,
}

/// Local time in Asia/Ho_Chi_Minh, for the timestamp of each rebuild line.
fn clock() -> String {
    (chrono::Utc::now() + chrono::Duration::hours(7)).format("%H:%M:%S").to_string()
}

impl Preview {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&locked(&self.snapshot))
    }

    fn replace(&self, next: Snapshot) {
        *locked(&self.snapshot) = Arc::new(next);
    }

    /// The site of the last build with the files an edit changed.
    fn update(&self, edited: Vec<crate::render::OutFile>, grown: Vec<crate::render::Grown>) {
        let mut slot = locked(&self.snapshot);
        let mut files = Arc::clone(&slot.files);
        // The old snapshot let go first: unless a request is reading it this moment, the map and
        // a grown file are then changed in place. Copying the map's 15,000 entries took a tenth
        // of a save at 10k pages, and copying a plan's CSV file (17 MB) another.
        *slot = Arc::new(Snapshot { files: Arc::default(), error: None });
        let map = Arc::make_mut(&mut files);
        map.extend(edited.into_iter().map(|f| (f.path, Arc::new(f.bytes))));
        for g in grown {
            let file = Arc::make_mut(map.entry(g.path).or_default());
            file.truncate(g.keep);
            file.extend_from_slice(&g.tail);
        }
        *slot = Arc::new(Snapshot { files, error: None });
    }

    /// Renders the site again in memory; a new version when anything a browser sees changed.
    /// An edit of guides' or news items' bodies alone, or of progress reports alone, renders only
    /// what shows them ([`crate::rebuild`]).
    fn rebuild(&self, changed: &[PathBuf]) {
        let started = Instant::now();
        let today = self.config.today.unwrap_or_else(crate::pipeline::today_local);
        let before = self.snapshot();
        let what = describe_changes(&self.config.content, changed);
        if !changed.is_empty() && before.error.is_none() {
            let mut warm = locked(&self.warm);
            if let Some(w) = warm.as_mut() {
                let file = |path: &str| before.files.get(path).map(|b| b.as_slice());
                match crate::rebuild::edit(w, changed, today, &file) {
                    Some(edit) => {
                        let same = edit.grown.is_empty()
                            && edit.files.iter().all(|f| before.files.get(&f.path).is_some_and(|b| **b == f.bytes));
                        drop(before);
                        if !same {
                            self.update(edit.files, edit.grown);
                            self.versions.bump();
                        }
                        self.built(started, changed, same, &edit.summary, edit.warnings.as_ref(), &what);
                        return;
                    }
                    None => *warm = None,
                }
            }
        }
        let opts = crate::pipeline::Options {
            content: self.config.content.clone(),
            out: PathBuf::new(),
            today,
            offline: false,
        };
        match crate::rebuild::render(&opts, Some(&self.base_url)) {
            Ok((r, warm)) => {
                let files: HashMap<String, Arc<Vec<u8>>> =
                    r.files.into_iter().map(|f| (f.path, Arc::new(f.bytes))).collect();
                let same = before.error.is_none() && *before.files == files;
                self.replace(Snapshot { files: Arc::new(files), error: None });
                *locked(&self.warm) = Some(warm);
                if !same {
                    self.versions.bump();
                }
                self.built(started, changed, same, &r.summary, Some(&r.warnings), &what);
            }
            Err(e) => {
                *locked(&self.warm) = None;
                let page = error_page::render(&self.config.content, &e);
                let same = before.error.as_deref() == Some(page.as_str());
                self.replace(Snapshot { files: Arc::clone(&before.files), error: Some(page) });
                if !same {
                    self.versions.bump();
                }
                self.ui.error(&format!("[{}] Không dựng được{what}:\n{e}", clock()));
                self.ui.error("Trình duyệt đang hiện các lỗi này. Sửa tệp rồi lưu: trang sẽ tự tải lại.");
            }
        }
    }

    /// The line saying a build is done, and the warnings when they changed (`None`: an edit
    /// left them as they were).
    fn built(
        &self,
        started: Instant,
        changed: &[PathBuf],
        same: bool,
        summary: &crate::pipeline::Summary,
        warnings: Option<&crate::diag::Warnings>,
        what: &str,
    ) {
        let ms = started.elapsed().as_millis();
        let line = match (changed.is_empty(), same) {
            (true, _) => format!("Đã dựng {} trong {ms} ms.", summary.counts()),
            (false, false) => format!("[{}] Đã dựng lại {} trong {ms} ms{what}.", clock(), summary.counts()),
            (false, true) => format!("[{}] Đã dựng lại trong {ms} ms{what}: trang không đổi.", clock()),
        };
        self.ui.done(&line);
        let Some(warnings) = warnings else { return };
        let warnings = if warnings.is_empty() { String::new() } else { warnings.to_string() };
        let mut last = locked(&self.last_warnings);
        if *last != warnings {
            if !warnings.is_empty() {
                self.ui.warn(&warnings);
            }
            *last = warnings;
        }
    }

    fn respond(&self, mut stream: TcpStream) {
        let req = match http::read_request(&stream) {
            None => return,
            Some(Ok(r)) => r,
            Some(Err(status)) => {
                let _ = Response::text(status, "Yêu cầu không hợp lệ.").write(&mut stream, false);
                return;
            }
        };
        let head_only = match req.method {
            Method::Get => false,
            Method::Head => true,
            Method::Other(_) => {
                let r = Response::text(405, "Bản xem trước chỉ nhận yêu cầu GET và HEAD.")
                    .header("Allow", "GET, HEAD".into());
                let _ = r.write(&mut stream, false);
                return;
            }
        };
        let route = match http::route(&req.target) {
            Ok(r) => r,
            Err(403) => {
                let r = Response::text(403, "Không được phép: đường dẫn này đi ra ngoài trang web.");
                let _ = r.write(&mut stream, head_only);
                return;
            }
            Err(status) => {
                let _ = Response::text(status, "Yêu cầu không hợp lệ.").write(&mut stream, head_only);
                return;
            }
        };
        match route {
            Route::Reload(_) if head_only => {
                let _ = Response::new(200, "text/event-stream; charset=utf-8", Vec::new()).write(&mut stream, true);
            }
            Route::Reload(v) => reload::stream(stream, &self.versions, v),
            Route::Site(path) => {
                let _ = self.site_response(&path, &req.target).write(&mut stream, head_only);
            }
        }
    }

    fn site_response(&self, path: &str, target: &str) -> Response {
        let snap = self.snapshot();
        let version = self.versions.current();
        let html =
            |status: u16, body: &[u8]| Response::new(status, "text/html; charset=utf-8", reload::inject(body, version));
        let file = |key: &str, bytes: &[u8]| {
            let ct = http::content_type(key);
            if ct.starts_with("text/html") {
                html(200, bytes)
            } else {
                Response::new(200, ct, bytes.to_vec())
            }
        };
        let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
        let last = key.rsplit('/').next().unwrap_or("");
        let is_page = key.ends_with(".html") || !last.contains('.');
        if let Some(error) = &snap.error {
            return match snap.files.get(&key) {
                Some(bytes) if !is_page => file(&key, bytes),
                _ if is_page => html(500, error.as_bytes()),
                _ => html(404, error.as_bytes()),
            };
        }
        if let Some(bytes) = snap.files.get(&key) {
            return file(&key, bytes);
        }
        // Pages link their stylesheet relative to their folder: `/lich` must become `/lich/`.
        if snap.files.contains_key(&format!("{key}/index.html")) {
            let query = target.split_once('?').map(|(_, q)| format!("?{q}")).unwrap_or_default();
            return Response::text(301, "Trang đã chuyển.")
                .header("Location", format!("/{}/{query}", encode_path(&key)));
        }
        match snap.files.get(crate::paths::NOT_FOUND) {
            Some(page) => html(404, page),
            None => Response::text(404, "Không tìm thấy trang."),
        }
    }
}

/// A path as it may stand in a `Location` header: ASCII, with `/` kept.
fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// " (thay đổi: guides/a.md, site.yaml)": what the officer saved, relative to the site.
fn describe_changes(root: &Path, changed: &[PathBuf]) -> String {
    if changed.is_empty() {
        return String::new();
    }
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // An editor's temporary file is gone by now; name what the officer saved (or deleted).
    let existing: Vec<&PathBuf> = changed.iter().filter(|p| p.exists()).collect();
    let shown = if existing.is_empty() { changed.iter().collect() } else { existing };
    let mut names: Vec<String> = shown
        .into_iter()
        .map(|p| {
            p.strip_prefix(&root_abs)
                .or_else(|_| p.strip_prefix(root))
                .map(|r| r.display().to_string())
                .unwrap_or_else(|_| p.display().to_string())
        })
        .collect();
    names.dedup();
    let more = names.len().saturating_sub(3);
    names.truncate(3);
    let tail = if more > 0 { format!(" và {more} tệp khác") } else { String::new() };
    format!(" (thay đổi: {}{tail})", names.join(", "))
}

/// 503 to a connection past the cap. The request is read (a little, for a moment) after the
/// answer: a socket closed with a request unread is reset, and the reset can reach the browser
/// before the answer does.
fn answer_busy(mut stream: TcpStream) {
    use std::io::Read;
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(200)));
    let _ = stream.set_write_timeout(Some(std::time::Duration::from_millis(200)));
    let _ = Response::text(503, "Máy chủ xem trước đang bận.").write(&mut stream, false);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut sink = [0u8; 4096];
    let mut read = 0;
    while read < 64 * 1024 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
}

/// Counts a connection for as long as it is served.
struct Slot<'a>(&'a AtomicUsize);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The address pages are served at, as a browser on this machine types it.
fn public_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

/// Runs the preview until the process is stopped (Ctrl+C).
pub fn serve(config: Config, ui: Ui) -> Result<(), Error> {
    if !config.content.join("site.yaml").is_file() {
        return Err(Error::Refused(format!(
            "không thấy site.yaml trong thư mục nội dung “{}”. Chỉ định thư mục bằng --content THƯ_MỤC, hoặc tạo trang mới bằng: bangtin init THƯ_MỤC",
            config.content.display()
        )));
    }
    let listener = TcpListener::bind((config.bind, config.port)).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "cổng {} đang được dùng (có thể bangtin serve đang chạy ở cửa sổ khác). Chọn cổng khác, ví dụ --port {}, hoặc --port 0 để tự chọn cổng trống",
                config.port,
                config.port.wrapping_add(1)
            ),
            std::io::ErrorKind::PermissionDenied => format!(
                "không có quyền mở cổng {}; cổng dưới 1024 cần quyền quản trị. Dùng cổng khác, ví dụ --port 1111",
                config.port
            ),
            _ => format!("không mở được máy chủ xem trước tại {}:{}: {}", config.bind, config.port, crate::diag::io_vi(&e)),
        };
        Error::Refused(why)
    })?;
    let addr = listener.local_addr().map_err(|e| Error::io(Path::new("."), "đọc địa chỉ máy chủ", e))?;
    let base_url = public_url(addr);
    let preview = Arc::new(Preview {
        config: config.clone(),
        base_url: base_url.clone(),
        snapshot: Mutex::new(Arc::new(Snapshot { files: Arc::new(HashMap::new()), error: None })),
        versions: reload::Versions::new(),
        connections: AtomicUsize::new(0),
        ui,
        last_warnings: Mutex::new(String::new()),
        warm: Mutex::new(None),
    });
    preview.rebuild(&[]);

    // The theme folder beside the content, when there is one: a site's own theme is edited too.
    let mut folders = vec![config.content.clone()];
    let themes = config.content.join("..").join("themes");
    if themes.is_dir() {
        folders.push(themes);
    }
    let watched = Arc::clone(&preview);
    let _watcher = watch::start(&folders, move |changed| {
        watched.rebuild(&changed);
    })
    .map_err(|e| Error::Refused(format!("không theo dõi được thư mục nội dung để tự dựng lại: {e}")))?;

    if !addr.ip().is_loopback() {
        ui.warn_always(&format!(
            "cảnh báo: máy chủ xem trước mở tại {} — mọi máy trong cùng mạng đều xem được nội dung chưa đăng.\n  gợi ý:   chỉ dùng trong mạng tin cậy; bỏ --bind để chỉ máy này xem được (127.0.0.1).",
            addr.ip()
        ));
    }
    // Printed even with --quiet: with --port 0 it is the only way to know the port.
    ui.essential(&format!("Xem trước tại {base_url} — trang tự tải lại khi bạn lưu tệp. Nhấn Ctrl+C để dừng."));
    if config.open {
        // Asked once the site is rendered and the port listens: the browser's first request
        // waits in the listener's queue until the loop below takes it.
        let hint = format!("\n  gợi ý:   tự mở {base_url} trong trình duyệt; bản xem trước vẫn chạy.");
        let later = hint.clone();
        let opened = browser::open(&base_url, move |why| ui.warn_always(&format!("cảnh báo: {why}{later}")));
        if let Err(why) = opened {
            ui.warn_always(&format!("cảnh báo: {why}{hint}"));
        }
    }

    // Connections past the cap are answered one at a time on a thread of their own, so the
    // loop that accepts never waits on one; past what it has room for they are closed unanswered.
    let (busy, turned_away) = std::sync::mpsc::sync_channel::<TcpStream>(64);
    std::thread::spawn(move || turned_away.into_iter().for_each(answer_busy));
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        if preview.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            preview.connections.fetch_sub(1, Ordering::SeqCst);
            let _ = busy.try_send(stream);
            continue;
        }
        let p = Arc::clone(&preview);
        std::thread::spawn(move || {
            let _slot = Slot(&p.connections);
            p.respond(stream);
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_keep_paths_ascii() {
        assert_eq!(encode_path("tài liệu/a b"), "t%C3%A0i%20li%E1%BB%87u/a%20b");
    }

    #[test]
    fn the_url_names_this_machine() {
        assert_eq!(public_url("0.0.0.0:1111".parse().unwrap()), "http://127.0.0.1:1111/");
        assert_eq!(public_url("[::]:8".parse().unwrap()), "http://[::1]:8/");
        assert_eq!(public_url("192.168.1.5:80".parse().unwrap()), "http://192.168.1.5:80/");
    }
}
