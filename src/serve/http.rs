//! The smallest HTTP/1.1 the preview needs, on `std::net`: read one request head, map its path
//! to a file of the rendered site, write one response, close. Paths are refused before they are
//! looked up: the site is served from memory, so nothing outside it can be reached anyway, but a
//! request that tries (`..`, encoded slashes, backslashes, NUL) gets a clear 403.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Larger request heads are not from a browser opening a preview.
const MAX_HEAD: usize = 16 * 1024;
/// A client that sends nothing for this long is gone; its thread should not wait for ever.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    /// The request target as sent, query included.
    pub target: String,
}

/// Reads one request head. `None` when the client closed, timed out or sent something that is
/// not HTTP; there is no one to answer then.
pub fn read_request(stream: &TcpStream) -> Option<Result<Request, u16>> {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let mut reader = BufReader::new(stream.take(MAX_HEAD as u64 + 1));
    let mut line = String::new();
    let mut total = 0;
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    total += line.len();
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Some(Err(400));
    };
    if !version.starts_with("HTTP/1.") {
        return Some(Err(400));
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        m => Method::Other(m.to_string()),
    };
    let target = target.to_string();
    // The headers say nothing the preview needs; read them so the client sees a clean answer.
    loop {
        let mut h = String::new();
        let n = reader.read_line(&mut h).ok()?;
        total += n;
        if total > MAX_HEAD {
            return Some(Err(431));
        }
        if n == 0 || h == "\r\n" || h == "\n" {
            break;
        }
    }
    Some(Ok(Request { method, target }))
}

/// Where a request leads inside the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The live-reload event stream, with the version the page was served at.
    Reload(Option<u64>),
    /// A path under the site root, `/`-separated, without a leading `/` (`huong-dan/`).
    Site(String),
}

/// Maps a request target to a route, or to the status that refuses it: 400 for what is not a
/// path, 403 for a path that tries to leave the site.
pub fn route(target: &str) -> Result<Route, u16> {
    // The absolute form (`GET http://host/path`) must be accepted (RFC 9112 §3.2.2); the host is
    // this preview whatever it says, and the path is checked like any other.
    let target = match absolute_form_path(target) {
        Some(path) => path,
        None => target,
    };
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (target, None),
    };
    let path = path.split('#').next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(400);
    }
    // Encoded separators and NUL never appear in a URL bangtin writes; decoded they could make
    // a `..` or cut a name short.
    let lower = path.to_ascii_lowercase();
    if path.contains('\\') || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Err(403);
    }
    let bytes = crate::text::percent_decode(path).ok_or(400u16)?;
    // `%c0%ae` is an overlong `.`: no UTF-8 decoder accepts it, but some servers once did.
    let overlong = bytes.iter().any(|b| matches!(b, 0xc0 | 0xc1));
    let decoded = String::from_utf8(bytes).map_err(|_| if overlong { 403u16 } else { 400 })?;
    if decoded.chars().any(|c| c.is_control() || c == '\\') {
        return Err(403);
    }
    // Decoded once, `%252e%252e` is `%2e%2e`: harmless here, a `..` to anything that decodes again.
    let again = decoded.to_ascii_lowercase();
    if ["%2e", "%2f", "%5c", "%00"].iter().any(|e| again.contains(e)) {
        return Err(403);
    }
    let rest = &decoded[1..];
    // `//etc/passwd` and `/C:/…` are absolute paths on some system, never a page of ours.
    if rest.starts_with('/') || rest.split('/').next().is_some_and(|s| s.len() == 2 && s.ends_with(':')) {
        return Err(403);
    }
    // `..;x` is `..` to servers that read `;` as the start of path parameters.
    if rest.split('/').map(|seg| seg.split(';').next().unwrap_or("")).any(|seg| seg == ".." || seg == ".") {
        return Err(403);
    }
    if rest == "__bangtin/reload" {
        let v = query.and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("v="))).and_then(|v| v.parse().ok());
        return Ok(Route::Reload(v));
    }
    Ok(Route::Site(rest.to_string()))
}

/// The path part of an absolute-form target (`http://127.0.0.1:1111/lich/` → `/lich/`).
fn absolute_form_path(target: &str) -> Option<&str> {
    let scheme = target.get(..8).map(str::to_ascii_lowercase)?;
    let rest = if scheme.starts_with("http://") {
        &target[7..]
    } else if scheme == "https://" {
        &target[8..]
    } else {
        return None;
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    match &rest[end..] {
        "" => Some("/"),
        p if p.starts_with('?') => None,
        p => Some(p),
    }
}

/// The Content-Type of a file of the site, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// One whole response; the connection closes after it, which keeps the server simple and costs
/// nothing on a local preview.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status, content_type, headers: Vec::new(), body }
    }

    /// A short Vietnamese text for refusals that have no page of their own.
    pub fn text(status: u16, text: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", format!("{text}\n").into_bytes())
    }

    pub fn header(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }

    pub fn write(&self, stream: &mut TcpStream, head_only: bool) -> std::io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (k, v) in &self.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_files_route_to_site_paths() {
        assert_eq!(route("/"), Ok(Route::Site("".into())));
        assert_eq!(route("/huong-dan/x/?a=1"), Ok(Route::Site("huong-dan/x/".into())));
        assert_eq!(route("/t%C3%A0i%20li%E1%BB%87u.pdf"), Ok(Route::Site("tài liệu.pdf".into())));
        assert_eq!(route("/__bangtin/reload?v=7"), Ok(Route::Reload(Some(7))));
    }

    #[test]
    fn escapes_are_refused() {
        for t in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/..%2f..%2fCargo.toml",
            "/static/../../Cargo.toml",
            "/a/./b",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "/a%00.html",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/a%0a",
        ] {
            assert_eq!(route(t), Err(403), "{t}");
        }
        assert_eq!(route("/%zz"), Err(400));
        assert_eq!(route("/%ff"), Err(400));
    }

    #[test]
    fn every_encoding_of_a_way_out_is_refused() {
        for t in [
            // Double encoding: `%25` is `%`, so one decoding leaves `%2e%2e`.
            "/%252e%252e/Cargo.toml",
            "/%252E%252E%252FCargo.toml",
            "/a%255c..%255cCargo.toml",
            "/a%2500.html",
            // Overlong UTF-8 for `.` and `/`.
            "/%c0%ae%c0%ae/Cargo.toml",
            "/%C0%AE%C0%AE%C0%AFCargo.toml",
            "/%c1%9c",
            // Mixed case and partial encoding.
            "/%2E%2e/Cargo.toml",
            "/.%2E/Cargo.toml",
            "/%2e./Cargo.toml",
            // Backslashes, raw and encoded, and NUL.
            "/%5C..%5CCargo.toml",
            "/tai-lieu\\..\\Cargo.toml",
            "/%00",
            "/index.html%00.txt",
            // Path parameters.
            "/..;/Cargo.toml",
            "/a/..;x=1/..;/Cargo.toml",
            "/.;/a",
            // The absolute form.
            "http://x/../Cargo.toml",
            "HTTP://127.0.0.1:1111/%2e%2e/Cargo.toml",
            "https://x//etc/passwd",
        ] {
            assert_eq!(route(t), Err(403), "{t}");
        }
        assert_eq!(route("http://127.0.0.1:1111/lich/?a=1"), Ok(Route::Site("lich/".into())));
        assert_eq!(route("http://127.0.0.1:1111"), Ok(Route::Site("".into())));
        assert_eq!(route("http://x?y"), Err(400));
        assert_eq!(route("*"), Err(400));
        assert_eq!(route("x/../"), Err(400));
        assert_eq!(route("/%u002e%u002e/"), Err(400));
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("lich.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("x/y.SVG"), "image/svg+xml");
        assert_eq!(content_type("anh.JPG"), "image/jpeg");
        assert_eq!(content_type("Makefile"), "application/octet-stream");
    }
}
