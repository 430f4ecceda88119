//! `bangtin build --offline`: a copy of the site that works opened from a disk or a USB stick
//! (`file://`), for the officer's own look before uploading and for a kiosk PC at the ward office
//! without Internet. There a folder is not its page (the browser lists the folder) and `/` is the
//! disk's root, so every page passes through [`Offline`] on its way to the sink, and each link to
//! a page of the site names its file: `huong-dan/` → `huong-dan/index.html`, `../` →
//! `../index.html`, and a link from the site's root (`/cong-dan-so/lich/`, as the 404 page has
//! them) becomes relative to the page. Links to other sites, to files (`lich.ics`, `style.css`)
//! and to places on a page are left as they are. The search page's script loads its index as
//! scripts, which a browser runs from a disk where it refuses `fetch`, and adds `index.html` to
//! its results itself when it is opened from one.
//!
//! The pipeline puts [`Offline`] in front of the link check's recorder, so the check reads the
//! links as written to disk: an offline build fails, as any build does, on a link that leads to
//! no file.

use crate::render::Sink;

/// The attributes that lead somewhere a resident goes or the page loads.
const REWRITTEN: [&str; 5] = ["href", "src", "action", "poster", "xlink:href"];

/// A sink that names the file of every link to a page, then hands the page on.
pub struct Offline<'a> {
    inner: &'a dyn Sink,
    /// The path of the site's address (`/cong-dan-so/`), which links from the root start with.
    base_path: String,
}

impl<'a> Offline<'a> {
    pub fn new(inner: &'a dyn Sink, base_url: &str) -> Offline<'a> {
        // `https://host/cong-dan-so/` → `/cong-dan-so/`.
        let after_scheme = base_url.split_once("//").map_or(base_url, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let base_path = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
        Offline { inner, base_path }
    }
}

impl Sink for Offline<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), crate::diag::Error> {
        // A static `.html` file of the site's is a page too.
        if path.ends_with(".html") {
            match String::from_utf8(bytes) {
                Ok(html) => return self.inner.put(path, rewrite(path, &html, &self.base_path).into_bytes()),
                Err(e) => return self.inner.put(path, e.into_bytes()),
            }
        }
        self.inner.put(path, bytes)
    }

    fn put_page(&self, path: &str, html: String) -> Result<(), crate::diag::Error> {
        self.inner.put_page(path, rewrite(path, &html, &self.base_path))
    }

    fn put_parts(&self, path: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> Result<u64, crate::diag::Error> {
        if !path.ends_with(".html") {
            return self.inner.put_parts(path, parts);
        }
        let bytes: Vec<u8> = parts.flatten().collect();
        let bytes = match String::from_utf8(bytes) {
            Ok(html) => rewrite(path, &html, &self.base_path).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        let len = bytes.len() as u64;
        self.inner.put(path, bytes)?;
        Ok(len)
    }

    fn mostly_written(&self) {
        self.inner.mostly_written()
    }

    fn body_links(&self, page: &str, links: Vec<crate::markdown::LinkRef>) {
        self.inner.body_links(page, links)
    }
}

/// The page at `page` (its path under the site root) with every link to a page naming its file.
pub fn rewrite(page: &str, html: &str, base_path: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut last = 0;
    crate::html::scan(html, |_tag, name, raw, _at| {
        if !REWRITTEN.iter().any(|n| name.eq_ignore_ascii_case(n)) {
            return;
        }
        // Where the value is in the page. An attribute without a value has none there.
        let start = (raw.as_ptr() as usize).wrapping_sub(html.as_ptr() as usize);
        let quoted = start > 0 && start <= html.len() && matches!(html.as_bytes()[start - 1], b'"' | b'\'');
        if start < last || start > html.len() || (raw.is_empty() && !quoted) {
            return;
        }
        if let Some(new) = offline_link(page, raw, base_path) {
            out.push_str(&html[last..start]);
            out.push_str(&new);
            last = start + raw.len();
        }
    });
    out.push_str(&html[last..]);
    out
}

/// The link `raw` (as written in the page at `page`) as it must be written to be followed from
/// a disk, or `None` when it already can.
fn offline_link(page: &str, raw: &str, base_path: &str) -> Option<String> {
    if raw.starts_with('#') || raw.starts_with("//") || raw.trim() != raw || has_scheme(raw) {
        return None;
    }
    // From the site's root: made relative to the page, whose folder is `depth` folders down.
    let from_root = raw.starts_with('/');
    let (up, rest) = match from_root {
        true => {
            let rest =
                raw.strip_prefix(base_path).or_else(|| (raw == base_path.trim_end_matches('/')).then_some(""))?;
            ("../".repeat(page.matches('/').count()), rest)
        }
        false => (String::new(), raw),
    };
    let cut = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, tail) = rest.split_at(cut);
    let last = path.rsplit('/').next().unwrap_or(path);
    let file = if path.is_empty() && !from_root {
        // `href=""` or `?q=…`: the page itself, by its own file's name.
        page.rsplit('/').next().unwrap_or(page).to_string()
    } else if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else if last == "." || last == ".." || !last.contains('.') {
        // A page's folder written without its `/` (`../huong-dan`): page addresses have no dot.
        format!("{path}/index.html")
    } else if !from_root {
        return None;
    } else {
        path.to_string()
    };
    Some(format!("{up}{file}{tail}"))
}

/// `mailto:`, `tel:`, `https:`, `data:`, `javascript:`…: a scheme before any `/`, `?` or `#`.
fn has_scheme(raw: &str) -> bool {
    let end = raw.find(['/', '?', '#']).unwrap_or(raw.len());
    raw[..end].find(':').is_some_and(|i| {
        let scheme = &raw[..i];
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_pages_name_their_file_and_the_rest_are_left_alone() {
        let at = |page: &str, raw: &str| offline_link(page, raw, "/cong-dan-so/");
        let guide = "huong-dan/kich-hoat-vneid/index.html";
        assert_eq!(at("index.html", "huong-dan/").as_deref(), Some("huong-dan/index.html"));
        assert_eq!(at("index.html", "").as_deref(), Some("index.html"));
        assert_eq!(at(guide, "../../").as_deref(), Some("../../index.html"));
        assert_eq!(at(guide, "../").as_deref(), Some("../index.html"));
        assert_eq!(at(guide, "..").as_deref(), Some("../index.html"));
        assert_eq!(at(guide, "../../lich").as_deref(), Some("../../lich/index.html"));
        assert_eq!(at(guide, "#buoc-2"), None);
        assert_eq!(at(guide, "?q=a#b").as_deref(), Some("index.html?q=a#b"));
        assert_eq!(
            at("index.html", "tien-do/ke-hoach/#ct-vneid").as_deref(),
            Some("tien-do/ke-hoach/index.html#ct-vneid")
        );
        assert_eq!(at("tim-kiem/index.html", "chi-muc.js"), None);
        assert_eq!(at("tim-kiem/index.html", "../style.css"), None);
        assert_eq!(at("index.html", "lich.ics"), None);
        // From the root, as the 404 page writes them.
        assert_eq!(at("404.html", "/cong-dan-so/").as_deref(), Some("index.html"));
        assert_eq!(at("404.html", "/cong-dan-so").as_deref(), Some("index.html"));
        assert_eq!(at("404.html", "/cong-dan-so/lich/").as_deref(), Some("lich/index.html"));
        assert_eq!(at("404.html", "/cong-dan-so/style.css").as_deref(), Some("style.css"));
        assert_eq!(at("a/b/index.html", "/cong-dan-so/style.css").as_deref(), Some("../../style.css"));
        assert_eq!(at("404.html", "/khac/"), None, "outside the site");
        for other in ["https://phuong3.example.gov.vn/cong-dan-so/", "tel:02543852123", "mailto:a@b.vn", "//cdn.vn/x"] {
            assert_eq!(at("index.html", other), None, "{other}");
        }
    }

    #[test]
    fn a_page_is_rewritten_in_its_links_only() {
        let html = r#"<a href="huong-dan/">Hướng dẫn</a> <a href>x</a> <a href="">y</a><img src="a.svg" alt="huong-dan/"><script>var a = '<a href="lich/">';</script><form action="tim-kiem/"></form>"#;
        assert_eq!(
            rewrite("index.html", html, "/"),
            r#"<a href="huong-dan/index.html">Hướng dẫn</a> <a href>x</a> <a href="index.html">y</a><img src="a.svg" alt="huong-dan/"><script>var a = '<a href="lich/">';</script><form action="tim-kiem/index.html"></form>"#
        );
    }
}
