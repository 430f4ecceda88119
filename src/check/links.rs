//! Every `href` and `src` in every generated page leads to a file the build writes, and every
//! `#anchor` to an id on the page it names. This reads the rendered output, so it covers what the
//! Markdown check cannot see: links written by the theme's templates and by a site's template
//! overrides, navigation, calendars and chart files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use super::html;
use crate::content::model::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::markdown::{classify, Dest};
use crate::render::OutFile;

/// Attributes that make a browser fetch or open another address.
const LINKING: [&str; 5] = ["href", "src", "srcset", "xlink:href", "poster"];

/// Checks the rendered site; each problem names the page and line where it first appears, the
/// number of pages repeating it, and where the link comes from.
pub fn check(site: &Site, files: &[OutFile]) -> Diagnostics {
    check_files(files, &site.config.base_url, &|page| origin(site, page))
}

/// What went wrong with one link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Problem {
    /// Leads to no file of the build.
    Missing(String),
    /// The page exists, the id does not.
    NoAnchor { page: String, id: String },
    /// Climbs above the site's folder, or is a root path outside `base_url`; the link as written.
    Outside(String),
    /// `javascript:` and the like, as written.
    Script(String),
}

/// Where a link leads, read like a browser would from the page that holds it.
enum Target {
    /// Another host or an app: not ours to check.
    Elsewhere,
    Here {
        path: String,
        fragment: Option<String>,
    },
    Outside,
    Script,
}

/// The path part of `base_url`, which root-relative links on the 404 page start with.
fn base_path(base_url: &str) -> &str {
    let after = base_url.split_once("://").map(|(_, r)| r).unwrap_or(base_url);
    after.find('/').map(|i| &after[i..]).unwrap_or("/")
}

fn split_fragment(s: &str) -> (&str, Option<String>) {
    match s.split_once('#') {
        Some((p, f)) => (p, Some(decode(f))),
        None => (s, None),
    }
}

/// `%C3%A1` → `á`, as a server maps a request to a file name; an invalid escape stays as written.
fn decode(s: &str) -> String {
    crate::text::percent_decode(s).and_then(|b| String::from_utf8(b).ok()).unwrap_or_else(|| s.to_string())
}

fn resolve(page: &str, raw: &str, base_url: &str) -> Target {
    let raw = raw.trim();
    if raw.is_empty() {
        return Target::Here { path: page.to_string(), fragment: None };
    }
    let (here, rest) = match classify(raw) {
        Dest::Script => return Target::Script,
        Dest::App => return Target::Elsewhere,
        Dest::Fragment => return Target::Here { path: page.to_string(), fragment: Some(decode(&raw[1..])) },
        Dest::Remote => match raw.get(..base_url.len()) {
            Some(prefix) if prefix.eq_ignore_ascii_case(base_url) => ("", &raw[base_url.len()..]),
            _ => return Target::Elsewhere,
        },
        Dest::SiteAbsolute(_) => match raw.strip_prefix(base_path(base_url)) {
            Some(rest) => ("", rest),
            None => return Target::Outside,
        },
        Dest::Relative(_) => (folder(page), raw),
    };
    let (path, fragment) = split_fragment(rest);
    let path = path.split('?').next().unwrap_or("");
    match crate::render::normalise(here, path) {
        Some(p) => Target::Here { path: decode(&p), fragment },
        None => Target::Outside,
    }
}

/// The folder a page's relative links start from: `huong-dan/x/index.html` → `huong-dan/x/`.
fn folder(page: &str) -> &str {
    page.rfind('/').map(|i| &page[..=i]).unwrap_or("")
}

/// The checks, without the site: `origin` says where a page comes from, for the message.
pub(crate) fn check_files(files: &[OutFile], base_url: &str, origin: &dyn Fn(&str) -> String) -> Diagnostics {
    let written: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let find = |p: &str| -> Option<String> {
        if p.is_empty() || p.ends_with('/') {
            let index = format!("{p}index.html");
            return written.contains(index.as_str()).then_some(index);
        }
        if written.contains(p) {
            return Some(p.to_string());
        }
        // A static host answers `/lich` with a redirect to `/lich/`.
        let index = format!("{p}/index.html");
        written.contains(index.as_str()).then_some(index)
    };
    let pages: Vec<(&str, Vec<html::Attr>)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path.as_str(), html::attributes(&String::from_utf8_lossy(&f.bytes))))
        .collect();
    let ids: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|(p, attrs)| {
            let ids = attrs
                .iter()
                .filter(|a| a.name == "id" || (a.name == "name" && a.tag == "a"))
                .map(|a| a.value.as_str())
                .collect();
            (*p, ids)
        })
        .collect();

    // The same broken link in the navigation would otherwise be reported once per page.
    let mut found: BTreeMap<Problem, Vec<(&str, &html::Attr)>> = BTreeMap::new();
    for (page, attrs) in &pages {
        for a in attrs.iter().filter(|a| LINKING.contains(&a.name.as_str())) {
            let values: Vec<&str> = if a.name == "srcset" {
                a.value.split(',').filter_map(|c| c.split_whitespace().next()).collect()
            } else {
                vec![a.value.as_str()]
            };
            for v in values {
                let problem = match resolve(page, v, base_url) {
                    Target::Elsewhere => continue,
                    Target::Script => Problem::Script(v.to_string()),
                    Target::Outside => Problem::Outside(v.to_string()),
                    Target::Here { path, fragment } => match find(&path) {
                        None => Problem::Missing(path),
                        Some(file) => match fragment.filter(|f| !f.is_empty()) {
                            Some(id) if file.ends_with(".html") => {
                                if ids.get(file.as_str()).is_some_and(|set| set.contains(id.as_str())) {
                                    continue;
                                }
                                Problem::NoAnchor { page: file, id }
                            }
                            _ => continue,
                        },
                    },
                };
                let at = found.entry(problem).or_default();
                if !at.iter().any(|(p, x)| p == page && x.value == a.value) {
                    at.push((page, a));
                }
            }
        }
    }

    let known: BTreeSet<String> = written
        .iter()
        .map(|p| p.strip_suffix("index.html").unwrap_or(p).to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let mut diags = Diagnostics::default();
    for (problem, at) in found {
        let Some((page, a)) = at.first() else { continue };
        let link = format!("{}=\"{}\" (thẻ <{}>)", a.name, a.value, a.tag);
        let (what, hint) = match &problem {
            Problem::Missing(path) => (
                format!(
                    "liên kết hỏng trong trang đã dựng: {link} dẫn tới “/{path}”, không có trang hay tệp nào như vậy"
                ),
                crate::text::closest(path, known.iter().map(String::as_str))
                    .map(|p| format!("có phải ý bạn là “/{p}”?")),
            ),
            Problem::NoAnchor { page: target, id } => (
                format!(
                    "liên kết {link} dẫn tới mục “#{id}”, nhưng trang “/{}” không có phần tử nào mang id=\"{id}\"",
                    target.strip_suffix("index.html").unwrap_or(target)
                ),
                None,
            ),
            Problem::Outside(_) => (
                format!(
                    "liên kết {link} đi ra ngoài thư mục của trang web ({}); khi tải lên cổng thông tin nó sẽ hỏng",
                    base_path(base_url)
                ),
                Some("viết đường dẫn tương đối, hoặc dùng {{ page.root }} trong mẫu trang".into()),
            ),
            Problem::Script(_) => (format!("liên kết {link} chạy mã lệnh; trang không dùng JavaScript"), None),
        };
        let more = if at.len() > 1 {
            format!(" — gặp ở {} trang, đây là trang đầu tiên", at.len())
        } else {
            String::new()
        };
        let mut d = Diagnostic::new(PathBuf::from(*page), format!("{what}{more}"))
            .expected(format!("sửa chỗ tạo ra liên kết này: {}", origin(page)))
            .hint(hint);
        // A line of the generated page; its column would mean nothing to the officer.
        d.line = Some(a.line);
        diags.push(d);
    }
    diags.sorted()
}

/// Which files make a page, for "fix it here": its template (the site's own override when there
/// is one) and the content file it shows.
fn origin(site: &Site, page: &str) -> String {
    let dir = page.strip_suffix("index.html").unwrap_or(page);
    let parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let file = |f: &std::path::Path| Some(f.display().to_string());
    let (template, content) = match parts.as_slice() {
        [] => ("index.html", None),
        ["404.html"] => ("404.html", None),
        ["ke-hoach", s] => ("plan.html", site.plan(s).and_then(|p| file(&p.file))),
        ["tien-do", s] => ("progress.html", site.plan(s).and_then(|p| file(&p.file))),
        ["huong-dan"] => ("guides.html", None),
        ["huong-dan", s] => ("guide.html", site.guide(s).and_then(|g| file(&g.file))),
        ["lich"] => ("events.html", None),
        ["lich", s] if site.units.get(s).is_some() => ("unit_events.html", Some("units.yaml".to_string())),
        ["lich", s] => ("event.html", site.events.iter().find(|e| e.slug == *s).and_then(|e| file(&e.file))),
        ["tin-tuc"] => ("news_list.html", None),
        ["tin-tuc", s] => ("news.html", site.news.iter().find(|n| n.slug == *s).and_then(|n| file(&n.file))),
        _ => return format!("mẫu trang hoặc nội dung tạo ra trang “/{dir}”"),
    };
    // The site's own overrides are the likeliest culprits: they are what the officer edited.
    let overrides: Vec<String> = [template, "base.html", "components.html"]
        .into_iter()
        .filter(|t| site.templates.contains_key(*t))
        .map(String::from)
        .chain(site.templates.keys().filter(|k| k.starts_with('_')).cloned())
        .map(|t| format!("templates/{t}"))
        .collect();
    let template = if !overrides.is_empty() {
        format!("mẫu trang {}", overrides.join(" hoặc "))
    } else if site.config.theme == "default" {
        format!("mẫu trang {template} của giao diện mặc định (hoặc base.html)")
    } else {
        format!("mẫu trang themes/{}/templates/{template} (hoặc base.html)", site.config.theme)
    };
    match content {
        Some(c) => format!("{template}, hoặc nội dung {c}"),
        None => template,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutFile {
        OutFile { path: path.into(), bytes: html.as_bytes().to_vec() }
    }

    fn run(files: &[OutFile]) -> Vec<String> {
        check_files(files, "https://x.vn/cds/", &|p| format!("nguồn của {p}"))
            .items
            .into_iter()
            .map(|d| format!("{}:{} {}", d.file.display(), d.line.unwrap_or(0), d.problem))
            .collect()
    }

    #[test]
    fn relative_root_absolute_and_own_host_links_resolve() {
        let files = [
            file(
                "huong-dan/a/index.html",
                "<a href=\"../../\">x</a><a href=\"../b/#buoc-1\">b</a><link href=\"../../style.css\">\n\
                 <a href=\"https://x.vn/cds/lich/\">l</a><a href=\"/cds/lich\">l</a><a href=\"https://other.vn/\">o</a>\
                 <a href=\"tel:0254\">t</a><a href=\"#top\">t</a><h1 id=\"top\">",
            ),
            file("huong-dan/b/index.html", "<h2 id=\"buoc-1\">"),
            file("lich/index.html", ""),
            file("index.html", ""),
            file("style.css", ""),
        ];
        assert_eq!(run(&files), Vec::<String>::new());
    }

    #[test]
    fn broken_links_anchors_and_escapes_are_reported_once_each() {
        let nav = "<a href=\"../../lich/\">l</a>";
        let files = [
            file("huong-dan/a/index.html", &format!("{nav}\n<a href=\"../b/#buoc-9\">b</a><img src=\"/anh.png\">")),
            file("huong-dan/b/index.html", &format!("{nav}<h2 id=\"buoc-1\"><a href=\"../../../x\">")),
            file("index.html", ""),
        ];
        let got = run(&files);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[0].starts_with("huong-dan/a/index.html:1 liên kết hỏng") && got[0].contains("gặp ở 2 trang"));
        assert!(got[1].contains("“#buoc-9”") && got[1].starts_with("huong-dan/a/index.html:2"), "{got:#?}");
        assert!(got[2].contains("src=\"/anh.png\"") && got[2].contains("ra ngoài thư mục"), "{got:#?}");
        assert!(got[3].starts_with("huong-dan/b/index.html:1") && got[3].contains("ra ngoài"), "{got:#?}");
    }
}
