//! The links and images written in the Markdown bodies of plans, guides, events and news: each
//! must lead to a file of the build, another site or an app, never run a script, and never load
//! an image from another host. Reported against the content file and line the officer wrote
//! them on; the links of the generated pages, templates included, are [`super::links`]'.

use std::path::Path;

use super::links::{normalise, served_by};
use crate::content::model::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{classify, Dest, LinkRef};

/// Every link and image in every page body must lead somewhere: a page or file this build
/// writes, another site, or an app (`tel:`, `mailto:`). Images must be our own files, since pages
/// load nothing from other hosts, and script links are refused outright. `open` holds, by page,
/// the links each body's render did not settle ([`settled`]); every body the render showed is
/// in it, so no other link can be wrong. `files` are every file of the build, sorted.
pub fn check(site: &Site, files: &[&str], open: &[(String, Vec<LinkRef>)], diags: &mut Diagnostics) {
    if open.is_empty() {
        return;
    }
    let written = Written::new(files);
    let open: std::collections::HashMap<&str, &[LinkRef]> =
        open.iter().map(|(page, links)| (page.as_str(), links.as_slice())).collect();
    for b in site.bodies() {
        let Some(page) = b.kind.page(b.slug) else { continue };
        if let Some(links) = open.get(page.as_str()) {
            for d in link_problems(b.file, links, b.line, &page, &written) {
                diags.push(d);
            }
        }
    }
}

/// Whether the link `l` in the body of the page at `page` is fine wherever it leads, or leads to
/// a file that is `made`: what [`link_problems`] would find nothing wrong with.
pub fn settled(page: &str, l: &LinkRef, made: &dyn Fn(&str) -> bool) -> bool {
    match classify(&l.dest) {
        Dest::Script => false,
        Dest::Remote => !l.image,
        Dest::App | Dest::Fragment => true,
        Dest::SiteAbsolute(rest) => normalise("", rest).is_some_and(|t| made(&t)),
        Dest::Relative(rel) => normalise(page, rel).is_some_and(|t| made(&t)),
    }
}

/// The files of a render, sorted by path: where the links of a body may lead.
struct Written<'a> {
    files: &'a [&'a str],
    /// The folders of its pages, for "did you mean".
    pages: Vec<&'a str>,
}

impl<'a> Written<'a> {
    fn new(files: &'a [&'a str]) -> Written<'a> {
        let pages = files.iter().filter_map(|f| f.strip_suffix("index.html")).filter(|p| !p.is_empty()).collect();
        Written { files, pages }
    }

    /// Whether a link to `p` (a path under the root, without fragment) finds a file, as a static
    /// host answers it ([`served_by`]).
    fn exists(&self, p: &str) -> bool {
        served_by(p).any(|(p, tail)| self.files.binary_search(&format!("{p}{tail}").as_str()).is_ok())
    }
}

/// The problems of `links`, of the body of the page at `page`.
fn link_problems(file: &Path, links: &[LinkRef], body_line: usize, page: &str, written: &Written) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for l in links {
        let at = Some((body_line + l.line, 1));
        let what = if l.image { "ảnh" } else { "liên kết" };
        let target = match classify(&l.dest) {
            Dest::Script => {
                diags.push(
                    Diagnostic::new(file, format!("{what} “{}” chạy mã lệnh trên trang", l.dest))
                        .at(at)
                        .expected("liên kết tới một trang: https://… hoặc /huong-dan/…"),
                );
                continue;
            }
            Dest::Remote if l.image => {
                diags.push(
                    Diagnostic::new(file, format!("ảnh “{}” nằm trên máy chủ khác", l.dest))
                        .at(at)
                        .expected("ảnh chép vào static/ và ghi là /ten-anh.jpg; trang không tải gì từ nơi khác")
                        .hint(Some("tải ảnh về, đặt vào thư mục static/, rồi viết ![mô tả](/ten-anh.jpg)".into())),
                );
                continue;
            }
            Dest::Remote | Dest::App | Dest::Fragment => continue,
            Dest::SiteAbsolute(rest) => normalise("", rest),
            Dest::Relative(rel) => normalise(page, rel),
        };
        match target {
            Some(t) if written.exists(&t) => {}
            Some(t) => {
                let hint = crate::text::closest(&t, written.pages.iter().copied())
                    .map(|p| format!("có phải ý bạn là “/{p}”?"));
                diags.push(
                    Diagnostic::new(
                        file,
                        format!("{what} hỏng: “{}” không dẫn tới trang hay tệp nào của trang web", l.dest),
                    )
                    .at(at)
                    .expected("đường dẫn tới một trang có thật, ví dụ /huong-dan/kich-hoat-vneid/ hoặc /lich/")
                    .hint(hint),
                );
            }
            None => diags.push(
                Diagnostic::new(file, format!("{what} “{}” đi ra ngoài trang web", l.dest))
                    .at(at)
                    .expected("đường dẫn bắt đầu bằng / tính từ trang chủ, ví dụ /huong-dan/"),
            ),
        }
    }
    diags
}
