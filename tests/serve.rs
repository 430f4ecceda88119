//! `bangtin serve`, as a browser meets it: the real binary on an ephemeral port, plain HTTP/1.1
//! over `TcpStream`, edits on disk, and the reload event stream.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;

/// How long a test waits for what must come: long enough for a two-core machine at load 10, so
/// that only a hang fails. How quick the preview is, benches/run measures.
const PATIENCE: Duration = Duration::from_secs(120);

/// A running `bangtin serve`, killed when dropped so no test leaves one behind.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

fn collect(from: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let theirs = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines().map_while(Result::ok) {
            let mut t = theirs.lock().unwrap();
            t.push_str(&line);
            t.push('\n');
        }
    });
    text
}

impl Server {
    fn start(site: &Path) -> Server {
        Server::start_with(site, &[], &[], &[])
    }

    /// With `first` before the command (`--quiet`), more arguments after it and environment
    /// variables.
    fn start_with(site: &Path, first: &[&str], args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
            .args(first)
            .args(["serve", "--port", "0", "--today", "2024-06-03", "--content", s(site)])
            .args(args)
            .envs(env.iter().copied())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut server = Server { child, port: 0, stdout, stderr };
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let out = server.stdout.lock().unwrap().clone();
            if let Some(rest) = out.split("Xem trước tại http://127.0.0.1:").nth(1) {
                server.port = rest.split('/').next().unwrap().parse().unwrap();
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("serve exited with {status}:\n{out}\n{}", server.stderr.lock().unwrap());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("serve printed no address:\n{}", server.stdout.lock().unwrap());
    }

    fn raw(&self, request: &[u8]) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        s.write_all(request).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        Reply::parse(&bytes)
    }

    fn request(&self, method: &str, target: &str) -> Reply {
        self.raw(format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes())
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// Opens the reload stream as the page served at `version` does.
    fn events(&self, version: u64) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let req = format!("GET /__bangtin/reload?v={version} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut ev = Events { stream: s, seen: String::new() };
        // The stream is open once its headers have arrived.
        assert!(ev.wait_for("retry:", PATIENCE), "no event stream: {}", ev.seen);
        ev
    }
}

/// Waits for `needle` in what the server printed: the tab may reload before the terminal line
/// has travelled through the pipe.
fn printed(text: &Mutex<String>, needle: &str) -> bool {
    let deadline = Instant::now() + PATIENCE;
    while Instant::now() < deadline {
        if slashed(text.lock().unwrap().as_str()).contains(needle) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        Reply { status, head, body: bytes[split + 4..].to_vec() }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }

    /// The version the page was served at, from its reload script.
    fn version(&self) -> u64 {
        let text = self.text();
        let at = text.find("reload?v=").expect("a served page carries the reload script");
        text[at + 9..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
    }
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    fn wait_for(&mut self, what: &str, patience: Duration) -> bool {
        let deadline = Instant::now() + patience;
        let mut buf = [0u8; 1024];
        while !self.seen.contains(what) {
            if Instant::now() > deadline {
                return false;
            }
            match self.stream.read(&mut buf) {
                Ok(0) => return false,
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {}
            }
        }
        true
    }

    /// How long until the stream says `reload`, if it does.
    fn reload_after(&mut self, started: Instant) -> Option<Duration> {
        self.wait_for("event: reload", PATIENCE).then(|| started.elapsed())
    }
}

#[test]
fn an_edit_shows_up_and_reloads_the_open_page_quickly() {
    let sc = Scratch::of(&example());
    let server = Server::start(&sc.site());
    let page = server.get("/huong-dan/phan-anh-qua-zalo/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Gửi phản ánh, kiến nghị cho phường qua Zalo"));
    assert!(page.text().contains("<script>/* bangtin serve"), "served pages reload themselves");
    let mut version = page.version();
    let mut latencies = Vec::new();
    for round in 1..=3 {
        let mut events = server.events(version);
        let started = Instant::now();
        sc.write(
            "guides/phan-anh-qua-zalo.md",
            &std::fs::read_to_string(example().join("guides/phan-anh-qua-zalo.md"))
                .unwrap()
                .replace("Gửi phản ánh, kiến nghị cho phường qua Zalo", &format!("Phản ánh qua Zalo, bản {round}")),
        );
        let latency = events.reload_after(started).unwrap_or_else(|| panic!("no reload event: {}", events.seen));
        latencies.push(latency);
        let page = server.get("/huong-dan/phan-anh-qua-zalo/");
        assert!(page.text().contains(&format!("Phản ánh qua Zalo, bản {round}")), "round {round}");
        assert!(page.version() > version);
        version = page.version();
    }
    // Every save reloaded within PATIENCE (or reload_after failed above). How quickly is
    // benches/run's to measure: on a loaded two-core machine a rebuild waits for the processor,
    // which says nothing about the preview.
    eprintln!("reload latencies: {latencies:?}");
    assert!(printed(&server.stdout, "(thay đổi: guides/phan-anh-qua-zalo.md)"), "{}", server.stdout.lock().unwrap());
}

#[test]
fn a_page_connecting_after_a_rebuild_reloads_at_once() {
    let sc = Scratch::of(&example());
    let server = Server::start(&sc.site());
    let old = server.get("/").version();
    sc.edit("news/2024-05-20-kenh-zalo-chinh-thuc.md", "Thực hiện mô hình", "Nhằm thực hiện mô hình");
    let deadline = Instant::now() + PATIENCE;
    while server.get("/").version() == old && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut events = server.events(old);
    // No further change is needed: the stream compares the page's version with the current one.
    assert!(events.wait_for("event: reload", PATIENCE), "{}", events.seen);
}

#[test]
fn a_content_error_is_a_page_in_the_browser_until_it_is_fixed() {
    let sc = Scratch::of(&example());
    let server = Server::start(&sc.site());
    let good = std::fs::read_to_string(sc.file("guides/kich-hoat-vneid.md")).unwrap();
    let mut events = server.events(server.get("/").version());
    sc.write("guides/kich-hoat-vneid.md", &good.replacen("title:", "ti<b>tle:", 1));
    assert!(events.reload_after(Instant::now()).is_some(), "{}", events.seen);

    let page = server.get("/huong-dan/kich-hoat-vneid/");
    assert_eq!(page.status, 500);
    let html = slashed(page.text());
    assert!(html.contains("<html lang=\"vi\">") && html.contains("trang chưa dựng được"), "{html}");
    assert!(html.contains("<code>guides/kich-hoat-vneid.md</code>, dòng 2"), "{html}");
    assert!(html.contains("trường “ti&lt;b&gt;tle” không được hỗ trợ"), "escaped: {html}");
    assert!(!html.contains("ti<b>tle"), "never raw: {html}");
    assert!(html.contains("thiếu trường bắt buộc “title”"), "{html}");
    assert!(html.contains("/__bangtin/reload"), "fixing the file must bring the page back");
    assert_eq!(server.get("/").status, 500, "every page shows the error");
    assert_eq!(server.get("/style.css").status, 200, "assets of the last good build still load");
    assert!(printed(&server.stderr, "lỗi: guides/kich-hoat-vneid.md:2"), "{}", server.stderr.lock().unwrap());

    let mut events = server.events(page.version());
    sc.write("guides/kich-hoat-vneid.md", &good);
    assert!(events.reload_after(Instant::now()).is_some(), "{}", events.seen);
    let page = server.get("/huong-dan/kich-hoat-vneid/");
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("trang chưa dựng được"));
    assert!(Child::id(&server.child) > 0 && server.get("/").status == 200, "the server kept running");
}

#[test]
fn requests_outside_the_site_are_refused() {
    let sc = Scratch::of(&example());
    sc.write("static/tai-lieu/ke-hoach.txt", "bản ký");
    let server = Server::start(&sc.site());
    for target in [
        "/../Cargo.toml",
        "/../../../../../../etc/passwd",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/Cargo.toml",
        "/..%2f..%2fCargo.toml",
        "/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/static/../../Cargo.toml",
        "/tai-lieu/../../site.yaml",
        "/..\\..\\Cargo.toml",
        "/tai-lieu%5c..%5c..%5csite.yaml",
        "/ke-hoach.txt%00.html",
        "//etc/passwd",
        "/site.yaml",
        "/guides/kich-hoat-vneid.md",
        "/.bangtin",
        // Double encoding, overlong UTF-8, mixed case, encoded backslash, NUL, path parameters.
        "/%252e%252e/%252e%252e/Cargo.toml",
        "/tai-lieu/%252e%252e%252f%252e%252e%252fsite.yaml",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/Cargo.toml",
        "/%C0%AE%C0%AE%C0%AFCargo.toml",
        "/%2E%2e/%2e%2E/Cargo.toml",
        "/.%2e/.%2E/Cargo.toml",
        "/tai-lieu%5C..%5C..%5Csite.yaml",
        "/tai-lieu/ke-hoach.txt%00",
        "/..;/..;/Cargo.toml",
        "/tai-lieu/..;x=1/..;/site.yaml",
    ] {
        let r = server.get(target);
        assert!(matches!(r.status, 400 | 403 | 404), "{target}: {}", r.status);
        let body = r.text();
        for secret in ["[package]", "root:", "base_url:", "summary:"] {
            assert!(!body.contains(secret), "{target} leaked {secret}");
        }
    }
    assert_eq!(server.get("/../Cargo.toml").status, 403);
    // The absolute form is read like any other target: its path is checked, its host ignored.
    assert_eq!(server.get("http://x/../Cargo.toml").status, 403);
    assert_eq!(server.get("http://127.0.0.1/%252e%252e/site.yaml").status, 403);
    assert_eq!(server.get("http://127.0.0.1/tai-lieu/ke-hoach.txt").text(), "bản ký");
    assert_eq!(server.get("/tai-lieu/ke-hoach.txt").text(), "bản ký");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_static_folder_is_never_served() {
    let sc = Scratch::of(&example());
    let secret = sc.dir.path().join("bi-mat.txt");
    std::fs::write(&secret, "BÍ MẬT").unwrap();
    std::fs::create_dir_all(sc.file("static")).unwrap();
    std::os::unix::fs::symlink(&secret, sc.file("static/bi-mat.txt")).unwrap();
    let server = Server::start(&sc.site());
    let r = server.get("/bi-mat.txt");
    assert!(matches!(r.status, 403 | 404), "{}", r.status);
    assert!(!r.text().contains("BÍ MẬT"));
    let home = server.get("/");
    assert!(home.text().contains("liên kết tượng trưng"), "the page says why: {}", home.text());
}

#[test]
fn files_have_their_types_folders_their_index_and_missing_pages_the_404() {
    let sc = Scratch::of(&example());
    for (name, bytes) in [
        ("anh/a.png", &b"\x89PNG"[..]),
        ("anh/b.jpg", b"\xff\xd8"),
        ("tai-lieu/ke-hoach.pdf", b"%PDF-1.4"),
        ("tai-lieu/ghi-chu.txt", b"x"),
        ("du-lieu.xml", b"<a/>"),
    ] {
        let p = sc.file(&format!("static/{name}"));
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let server = Server::start(&sc.site());
    for (target, ty) in [
        ("/", "text/html; charset=utf-8"),
        ("/lich/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/lich.ics", "text/calendar; charset=utf-8"),
        ("/tien-do/2024-cong-dan-so/du-lieu.csv", "text/csv; charset=utf-8"),
        ("/tien-do/2024-cong-dan-so/cccd-tong.svg", "image/svg+xml"),
        ("/anh/a.png", "image/png"),
        ("/anh/b.jpg", "image/jpeg"),
        ("/tai-lieu/ke-hoach.pdf", "application/pdf"),
        ("/tai-lieu/ghi-chu.txt", "text/plain; charset=utf-8"),
        ("/du-lieu.xml", "application/xml; charset=utf-8"),
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(r.header("Content-Type").as_deref(), Some(ty), "{target}");
        assert_eq!(r.header("Content-Length"), Some(r.body.len().to_string()), "{target}");
    }
    assert!(!server.get("/style.css").text().contains("<script"), "only HTML gets the script");

    let r = server.get("/huong-dan?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location").as_deref(), Some("/huong-dan/?x=1"));

    let r = server.get("/khong-co-trang-nay/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Không tìm thấy trang") && r.text().contains("/__bangtin/reload"));

    let head = server.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("Content-Length"), Some(server.get("/").body.len().to_string()));

    let post = server.request("POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow").as_deref(), Some("GET, HEAD"));
    assert_eq!(server.raw(b"nonsense\r\n\r\n").status, 400);
}

#[test]
fn the_build_has_no_reload_script() {
    let sc = Scratch::of(&example());
    assert_eq!(sc.build("2024-06-03").code, 0);
    for (path, bytes) in snapshot(&sc.out()) {
        assert!(!String::from_utf8_lossy(&bytes).contains("__bangtin"), "{path}");
    }
}

#[test]
fn a_busy_port_is_explained() {
    let sc = Scratch::of(&example());
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args(["serve", "--port", &port, "--content", s(&sc.site())])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve did not stop on a busy port");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("cổng {port} đang được dùng")) && err.contains("--port 0"), "{err}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_preview_cleanly() {
    let sc = Scratch::of(&example());
    let mut server = Server::start(&sc.site());
    let before = snapshot(&sc.site());
    let sent = Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl+C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    assert!(printed(&server.stdout, "Đã dừng xem trước"), "{}", server.stdout.lock().unwrap());
    assert!(snapshot(&sc.site()) == before, "the preview writes nothing");
    assert!(!sc.out().exists());
}

/// With `--port 0` the system picks the port, and the address line is the only way to know it:
/// `--quiet` keeps it, and nothing else.
#[test]
fn quiet_keeps_the_address_line() {
    let sc = Scratch::of(&example());
    let server = Server::start_with(&sc.site(), &["--quiet"], &[], &[]);
    assert_eq!(server.get("/").status, 200);
    let out = server.stdout.lock().unwrap().clone();
    assert_eq!(out.lines().count(), 1, "the address line alone: {out}");
    assert!(server.stderr.lock().unwrap().is_empty(), "no warnings: {}", server.stderr.lock().unwrap());
}

/// Each connection is a thread; past the cap every request gets 503 and the preview stays up,
/// serving again once connections close (README, "The preview").
#[test]
fn past_the_connection_cap_requests_get_503_until_some_close() {
    let sc = Scratch::of(&example());
    let server = Server::start(&sc.site());
    let held: Vec<TcpStream> =
        (0..bangtin::serve::MAX_CONNECTIONS).map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap()).collect();
    // Accepted one by one: the cap is reached once all are.
    let deadline = Instant::now() + PATIENCE;
    let busy = loop {
        let r = server.get("/");
        if r.status == 503 || Instant::now() > deadline {
            break r;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(busy.status, 503);
    assert!(busy.text().contains("Máy chủ xem trước đang bận"), "{}", busy.text());
    drop(held);
    let deadline = Instant::now() + PATIENCE;
    while server.get("/").status != 200 {
        assert!(Instant::now() < deadline, "the preview did not come back");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `--open` hands the preview's address to the browser once the site answers there: here
/// `$BROWSER`, a script that writes down what it was given.
#[cfg(unix)]
#[test]
fn open_hands_the_address_to_the_browser_once_the_site_answers() {
    use std::os::unix::fs::PermissionsExt;
    let sc = Scratch::of(&example());
    let dir = tempfile::tempdir().unwrap();
    let seen = dir.path().join("dia-chi.txt");
    let browser = dir.path().join("trinh-duyet");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}.tmp' && mv '{0}.tmp' '{0}'\n", seen.display()),
    )
    .unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = Server::start_with(&sc.site(), &[], &["--open"], &[("BROWSER", browser.as_os_str())]);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !seen.exists() {
        assert!(Instant::now() < deadline, "the browser was not asked to open anything");
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = std::fs::read_to_string(&seen).unwrap();
    assert_eq!(url, format!("http://127.0.0.1:{}/", server.port));
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("<h1"), "{}", home.text());
}

/// A browser that cannot be started is a warning with the address to open by hand; the preview
/// goes on.
#[test]
fn open_without_a_browser_says_where_to_look_and_keeps_serving() {
    let sc = Scratch::of(&example());
    let missing = sc.site().join("khong-co-trinh-duyet");
    let server = Server::start_with(&sc.site(), &[], &["--open"], &[("BROWSER", missing.as_os_str())]);
    let url = format!("tự mở http://127.0.0.1:{}/", server.port);
    assert!(printed(&server.stderr, &url), "{}", server.stderr.lock().unwrap());
    assert!(server.stderr.lock().unwrap().contains("không chạy được"));
    assert_eq!(server.get("/").status, 200);
}
