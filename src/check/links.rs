//! Every `href` and `src` in every generated page leads to a file the build writes, and every
//! `#anchor` to an id on the page it names. This reads the rendered output, so it covers what the
//! Markdown check cannot see: links written by the theme's templates and by a site's template
//! overrides, navigation, calendars and chart files.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::content::model::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::html;
use crate::markdown::{classify, Dest};
use crate::render::OutFile;

/// Attributes that make a browser fetch or open another address.
const LINKING: [&str; 5] = ["href", "src", "srcset", "xlink:href", "poster"];

/// Checks the rendered site; each problem names the page and line where it first appears, the
/// number of pages repeating it, and where the link comes from.
pub fn check(site: &Site, files: &[OutFile]) -> Diagnostics {
    check_files(files, &site.config.base_url, &|page| origin(site, page))
}

/// A page's links, by the number of its path in [`Names`]: a page's path is numbered anyway when
/// it is made, and a second copy of every path of a province's site added 0.8 MiB to the
/// build's peak heap (massif, one thread).
pub type Page = (u32, PageLinks);

/// [`check_pages`] for a site: problems point at the templates and content that made the page.
pub fn check_site(site: &Site, pages: &[Page], written: &[&str], names: &Names) -> Diagnostics {
    check_pages(pages, written, &site.config.base_url, &|page| origin(site, page), names)
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
    if !s.as_bytes().contains(&b'%') {
        return s.to_string();
    }
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
    match normalise(here, path) {
        // Most paths have no escape: kept as made.
        Some(p) if !p.as_bytes().contains(&b'%') => Target::Here { path: p, fragment },
        Some(p) => Target::Here { path: decode(&p), fragment },
        None => Target::Outside,
    }
}

/// The files a static host answers a link to `path` (under the site root, without fragment)
/// with, each as `path` and a tail, in the order it tries them: `x/` (and the root) by
/// `x/index.html`; `x` by the file `x`, else by `x/index.html` (a redirect to `x/`). The link
/// check, the body links' check and the links settled while pages are made all go by this.
pub(crate) fn served_by(path: &str) -> impl Iterator<Item = (&str, &'static str)> {
    let tails: &'static [&'static str] =
        if path.is_empty() || path.ends_with('/') { &["index.html"] } else { &["", "/index.html"] };
    tails.iter().map(move |tail| (path, *tail))
}

/// Whether a link to `path` (without fragment) may find the file at `file`, that file being made.
fn leads_to(path: &str, file: &str) -> bool {
    served_by(path).any(|(p, tail)| file.strip_prefix(p) == Some(tail))
}

/// The folder a page's relative links start from: `huong-dan/x/index.html` → `huong-dan/x/`.
fn folder(page: &str) -> &str {
    page.rfind('/').map(|i| &page[..=i]).unwrap_or("")
}

/// Resolves `rel` against the folder `base` (`huong-dan/vneid/`), without query or fragment;
/// `None` when `..` climbs above the site root.
pub(crate) fn normalise(base: &str, rel: &str) -> Option<String> {
    let rel = &rel[..rel.bytes().position(|c| c == b'#' || c == b'?').unwrap_or(rel.len())];
    if rel.is_empty() {
        return Some(base.to_string());
    }
    // Segments joined by '/' as they come, a `..` cutting the last one off, each found with a
    // plain loop: the link check resolves every link of every page, and a list of segments
    // joined at the end, and `split`'s searcher on strings this short, cost more than the rest.
    let mut out = String::with_capacity(base.len() + rel.len() + 1);
    let push = |out: &mut String, seg: &str| {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(seg);
    };
    for seg in segments(base).filter(|s| !s.is_empty()) {
        push(&mut out, seg);
    }
    let mut last = "";
    for seg in segments(rel) {
        last = seg;
        match seg {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return None;
                }
                out.truncate(out.bytes().rposition(|c| c == b'/').unwrap_or(0));
            }
            s => push(&mut out, s),
        }
    }
    if matches!(last, "" | "." | "..") && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// What `s.split('/')` gives.
fn segments(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|c| c == b'/') {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Strings the link check compares, each kept once and named by a number: attribute values,
/// paths, ids and tag names. A large site repeats the same navigation on every page; numbers
/// keep what is remembered of each page small, and comparisons cheap.
#[derive(Default)]
pub struct Names {
    inner: Mutex<Table>,
}

/// Each string's number, and each number's string: all the strings in one buffer, and a hash
/// table of numbers. A province's site has some 60,000 of them, mostly paths and addresses
/// that one page alone names; a map of shared strings took twice the memory.
#[derive(Default)]
struct Table {
    text: String,
    /// Where string `n` is in `text`.
    spans: Vec<(u32, u32)>,
    numbers: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    /// One bit per number: the string is the path of a file the build has made.
    made: Vec<u64>,
}

impl Table {
    fn text(&self, n: u32) -> &str {
        span(&self.text, &self.spans, n)
    }

    fn get(&self, s: &str) -> Option<u32> {
        use std::hash::BuildHasher;
        self.numbers.find(self.hasher.hash_one(s), |n| self.text(*n) == s).copied()
    }

    fn intern(&mut self, s: &str) -> u32 {
        use std::hash::BuildHasher;
        let Table { text, spans, numbers, hasher, .. } = self;
        let hash = hasher.hash_one(s);
        if let Some(n) = numbers.find(hash, |n| span(text, spans, *n) == s) {
            return *n;
        }
        let n = spans.len() as u32;
        spans.push((text.len() as u32, s.len() as u32));
        text.push_str(s);
        numbers.insert_unique(hash, n, |m| hasher.hash_one(span(text, spans, *m)));
        n
    }

    fn is_made(&self, file: &str) -> bool {
        self.get(file).is_some_and(|n| self.made.get(n as usize / 64).is_some_and(|w| w & (1 << (n % 64)) != 0))
    }

    /// Whether the link check would find a file of the build at `path` (a link's path, as
    /// [`check_among`] looks it up), among the files made so far.
    fn leads_to_made(&self, path: &str, buf: &mut String) -> bool {
        served_by(path).any(|(p, tail)| {
            buf.clear();
            buf.push_str(p);
            buf.push_str(tail);
            self.is_made(buf)
        })
    }
}

fn span<'t>(text: &'t str, spans: &[(u32, u32)], n: u32) -> &'t str {
    let (start, len) = spans[n as usize];
    &text[start as usize..(start + len) as usize]
}

impl Names {
    fn lock(&self) -> std::sync::MutexGuard<'_, Table> {
        crate::lock::locked(&self.inner)
    }

    /// Whether a link to `path` (under the site root, without fragment) leads to a file made
    /// so far, as a static host answers it.
    pub fn leads_to_made(&self, path: &str) -> bool {
        self.lock().leads_to_made(path, &mut String::new())
    }

    /// Records that the build made the file at `path`, so that [`PageLinks::read`] of a later
    /// page keeps no link that plainly leads to it; the number of its path.
    pub fn made(&self, path: &str) -> u32 {
        let mut g = self.lock();
        let n = g.intern(path);
        let k = n as usize;
        if g.made.len() <= k / 64 {
            g.made.resize(k / 64 + 1, 0);
        }
        g.made[k / 64] |= 1 << (k % 64);
        n
    }

    /// Sorts `pages` by their paths, the order every check takes them in.
    pub fn sort_by_path(&self, pages: &mut [Page]) {
        let g = self.lock();
        pages.sort_unstable_by(|a, b| g.text(a.0).cmp(g.text(b.0)));
    }

    /// Puts the pages an edit rendered, `edit`, into `pages`, both sorted by path: a page made
    /// before is replaced (its path has the same number), a new one joins. The paths of the
    /// pages that lost an id another page may link to.
    pub fn merge_pages(&self, pages: &mut Vec<Page>, edit: Vec<Page>) -> Vec<String> {
        let g = self.lock();
        let mut lost = Vec::new();
        for (n, links) in edit {
            match pages.binary_search_by(|(p, _)| g.text(*p).cmp(g.text(n))) {
                Ok(at) => {
                    if !links.keeps_ids_of(&pages[at].1) {
                        lost.push(g.text(n).to_string());
                    }
                    pages[at] = (n, links);
                }
                Err(at) => pages.insert(at, (n, links)),
            }
        }
        lost
    }
}

/// No fragment: the link names a page, not a place on it.
const NO_FRAGMENT: u32 = u32::MAX;

/// Where a link leads, by number, as read from the page that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum To {
    Here { path: u32, fragment: u32 },
    Outside,
    Script,
}

/// One link of a page: the first attribute on the page with its value.
#[derive(Debug, Clone, Copy)]
struct Found {
    value: u32,
    tag: u32,
    /// Index into [`LINKING`].
    name: u8,
    line: u32,
    to: To,
}

/// What the link check needs of a generated page, read from it as it is rendered: where its
/// links lead (each value once, in order of first appearance) and its ids.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    links: Vec<Found>,
    /// Sorted.
    ids: Vec<u32>,
}

impl PageLinks {
    /// Whether every id of `before` is still on the page: no link to a place on it can break.
    pub fn keeps_ids_of(&self, before: &PageLinks) -> bool {
        before.ids.iter().all(|id| self.ids.binary_search(id).is_ok())
    }

    /// Reads the page at `page` (its path under the site root).
    pub fn read(page: &str, html: &str, base_url: &str, names: &Names) -> PageLinks {
        use std::borrow::Cow;
        // Borrowed from the page wherever the text is already what is compared: this runs over
        // every attribute of every page, and most values have no character reference.
        struct Raw<'h> {
            tag: Cow<'h, str>,
            name: u8,
            value: Cow<'h, str>,
            /// Where its tag starts; made a line only for the links kept.
            at: usize,
        }
        let mut raw: Vec<Raw> = Vec::new();
        let mut ids: Vec<Cow<str>> = Vec::new();
        html::scan(html, |tag, name, value, at| {
            if name.eq_ignore_ascii_case("id") || (name.eq_ignore_ascii_case("name") && tag.eq_ignore_ascii_case("a")) {
                ids.push(html::decode_entities(value));
            } else if let Some(k) = LINKING.iter().position(|l| name.eq_ignore_ascii_case(l)) {
                let tag = match tag.bytes().any(|b| b.is_ascii_uppercase()) {
                    true => Cow::Owned(tag.to_ascii_lowercase()),
                    false => Cow::Borrowed(tag),
                };
                raw.push(Raw { tag, name: k as u8, value: html::decode_entities(value), at });
            }
        });
        // A value met again on the same page adds nothing: problems are counted once a page.
        let keep: Vec<bool> = {
            let mut seen = foldhash::HashSet::default();
            raw.iter().map(|r| seen.insert((r.value.as_ref(), LINKING[r.name as usize] == "srcset"))).collect()
        };
        let mut keep = keep.into_iter();
        raw.retain(|_| keep.next().unwrap_or(false));

        // Per link: which attribute, and whether it leads to a path of ours (and has a
        // fragment), or where else it leads.
        enum Pending {
            Here { fragment: bool },
            To(To),
        }
        let mut pending: Vec<(usize, Pending)> = Vec::new();
        // The paths and fragments of links that stay on the site, in the order of `pending`.
        let mut here: Vec<String> = Vec::new();
        for (i, r) in raw.iter().enumerate() {
            let mut one = |v: &str| match resolve(page, v, base_url) {
                Target::Elsewhere => {}
                Target::Script => pending.push((i, Pending::To(To::Script))),
                Target::Outside => pending.push((i, Pending::To(To::Outside))),
                Target::Here { path, fragment } => {
                    here.push(path);
                    let fragment = fragment.filter(|f| !f.is_empty());
                    pending.push((i, Pending::Here { fragment: fragment.is_some() }));
                    here.extend(fragment);
                }
            };
            if LINKING[r.name as usize] == "srcset" {
                r.value.split(',').filter_map(|c| c.split_whitespace().next()).for_each(&mut one);
            } else {
                one(&r.value);
            }
        }

        // One trip to the table for the whole page. A link that cannot break is not kept for
        // the check at the end: on a province's site most of a page's links are its navigation,
        // to pages made before it, and keeping them all was a tenth of the build's peak memory.
        // Those are links without a fragment to a file already made (a preview's edit keeps the
        // set of files; any other edit is a whole build) or to this page, which is being made,
        // and links to a place on this page that it has.
        let own_ids: std::cell::OnceCell<foldhash::HashSet<&str>> = std::cell::OnceCell::new();
        let mut g = names.lock();
        let mut buf = String::new();
        let mut here = here.iter();
        let mut lines = crate::text::Lines::new(html);
        // Not sized for every link: most are settled, and what is kept lives until the check.
        let mut links = Vec::new();
        for (i, p) in pending {
            let to = match p {
                Pending::Here { fragment } => {
                    let path = here.next().map_or("", String::as_str);
                    let fragment = if fragment { here.next().map(String::as_str) } else { None };
                    let settled = match fragment {
                        None => leads_to(path, page) || g.leads_to_made(path, &mut buf),
                        Some(f) => {
                            leads_to(path, page)
                                && own_ids.get_or_init(|| ids.iter().map(|id| id.as_ref()).collect()).contains(f)
                        }
                    };
                    if settled {
                        continue;
                    }
                    To::Here { path: g.intern(path), fragment: fragment.map_or(NO_FRAGMENT, |f| g.intern(f)) }
                }
                Pending::To(to) => to,
            };
            let r = &raw[i];
            links.push(Found {
                value: g.intern(&r.value),
                tag: g.intern(&r.tag),
                name: r.name,
                line: (lines.at(r.at) + 1) as u32,
                to,
            });
        }
        let mut ids: Vec<u32> = ids.iter().map(|id| g.intern(id)).collect();
        drop(g);
        ids.sort_unstable();
        ids.dedup();
        ids.shrink_to_fit();
        PageLinks { links, ids }
    }
}

/// The checks, without the site: `origin` says where a page comes from, for the message.
pub(crate) fn check_files(files: &[OutFile], base_url: &str, origin: &dyn Fn(&str) -> String) -> Diagnostics {
    let names = Names::default();
    let mut pages: Vec<Page> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            let links = PageLinks::read(&f.path, &String::from_utf8_lossy(&f.bytes), base_url, &names);
            (names.lock().intern(&f.path), links)
        })
        .collect();
    let mut written: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    written.sort_unstable();
    names.sort_by_path(&mut pages);
    check_pages(&pages, &written, base_url, origin, &names)
}

/// Checks every link of `pages` against the files of the build, `written`, both sorted by path.
pub fn check_pages(
    pages: &[Page],
    written: &[&str],
    base_url: &str,
    origin: &dyn Fn(&str) -> String,
    names: &Names,
) -> Diagnostics {
    let all: Vec<&Page> = pages.iter().collect();
    check_among(&all, pages, written, base_url, origin, names)
}

/// [`check_site`] after some pages, `changed`, were rendered again with the same set of files:
/// only their own links can have broken, and the links of other pages to a place on the pages
/// that lost an id, `lost`.
pub fn check_changed(
    site: &Site,
    pages: &[Page],
    changed: &HashSet<&str>,
    lost: &HashSet<&str>,
    written: &[&str],
    names: &Names,
) -> Diagnostics {
    let g = names.lock();
    // The numbers of the paths that lead to a page that lost an id, as links write them.
    let into: HashSet<u32> = {
        lost.iter()
            .flat_map(|p| {
                let dir = p.strip_suffix("index.html");
                [
                    Some(p.to_string()),
                    dir.map(str::to_string),
                    dir.and_then(|d| d.strip_suffix('/')).map(str::to_string),
                ]
            })
            .flatten()
            .filter_map(|p| g.get(p.as_str()))
            .collect()
    };
    let checked: Vec<&Page> = if into.is_empty() {
        // `pages` is sorted by path: the changed pages are found, not sought among 15,000.
        let mut checked: Vec<&Page> = changed
            .iter()
            .filter_map(|c| pages.binary_search_by(|(p, _)| g.text(*p).cmp(c)).ok().map(|i| &pages[i]))
            .collect();
        checked.sort_unstable_by(|a, b| g.text(a.0).cmp(g.text(b.0)));
        checked
    } else {
        pages
            .iter()
            .filter(|(p, l)| {
                changed.contains(g.text(*p))
                    || l.links.iter().any(|f| {
                        matches!(f.to, To::Here { path, fragment } if fragment != NO_FRAGMENT && into.contains(&path))
                    })
            })
            .collect()
    };
    drop(g);
    check_among(&checked, pages, written, &site.config.base_url, &|page| origin(site, page), names)
}

/// Checks the links of `checked`, a part of `pages`, the whole site.
fn check_among(
    checked: &[&Page],
    pages: &[Page],
    written: &[&str],
    base_url: &str,
    origin: &dyn Fn(&str) -> String,
    names: &Names,
) -> Diagnostics {
    // Held while checking: every page is rendered by now, nothing else numbers strings.
    let table = names.lock();
    let text = |n: u32| table.text(n);
    // `written` and `pages` are sorted by path. A whole site's check looks up every path and
    // tables pay; a preview's edit checks a few pages, and building the tables of 15,000 paths
    // cost more than all its lookups.
    let few = checked.len() <= 64;
    let written_set: foldhash::HashSet<&str> = if few { Default::default() } else { written.iter().copied().collect() };
    let is_written = |p: &str| if few { written.binary_search(&p).is_ok() } else { written_set.contains(p) };
    let find =
        |p: &str| -> Option<String> { served_by(p).map(|(p, tail)| format!("{p}{tail}")).find(|f| is_written(f)) };
    let by_path: foldhash::HashMap<&str, &PageLinks> =
        if few { Default::default() } else { pages.iter().map(|(p, l)| (text(*p), l)).collect() };
    let links_of = |file: &str| -> Option<&PageLinks> {
        if few {
            pages.binary_search_by(|(p, _)| text(*p).cmp(file)).ok().map(|i| &pages[i].1)
        } else {
            by_path.get(file).copied()
        }
    };
    // What each path leads to, worked out once however many pages link to it.
    let mut leads: HashMap<u32, Option<String>> = HashMap::new();

    // The same broken link in the navigation would otherwise be reported once per page.
    // Per problem: the page and link where it is first met, and every (page, value) it is met at.
    type Seen = (usize, Found, HashSet<(usize, u32)>);
    let mut found: BTreeMap<Problem, Seen> = BTreeMap::new();
    for (pi, (_, links)) in checked.iter().enumerate() {
        for f in &links.links {
            let problem = match f.to {
                To::Script => Problem::Script(text(f.value).to_string()),
                To::Outside => Problem::Outside(text(f.value).to_string()),
                To::Here { path, fragment } => {
                    let file = leads.entry(path).or_insert_with(|| find(text(path)));
                    match file {
                        None => Problem::Missing(text(path).to_string()),
                        Some(file) if fragment != NO_FRAGMENT && file.ends_with(".html") => {
                            let has = links_of(file).is_some_and(|l| l.ids.binary_search(&fragment).is_ok());
                            if has {
                                continue;
                            }
                            Problem::NoAnchor { page: file.clone(), id: text(fragment).to_string() }
                        }
                        Some(_) => continue,
                    }
                }
            };
            let at = found.entry(problem).or_insert_with(|| (pi, *f, HashSet::new()));
            at.2.insert((pi, f.value));
        }
    }

    let mut diags = Diagnostics::default();
    if found.is_empty() {
        return diags;
    }
    let known: BTreeSet<String> = written
        .iter()
        .map(|p| p.strip_suffix("index.html").unwrap_or(p).to_string())
        .filter(|p| !p.is_empty())
        .collect();
    for (problem, (pi, a, pages_with)) in found {
        let page = text(checked[pi].0);
        let (name, value, tag) = (LINKING[a.name as usize], text(a.value), text(a.tag));
        let link = format!("{name}=\"{value}\" (thẻ <{tag}>)");
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
        let more = if pages_with.len() > 1 {
            format!(" — gặp ở {} trang, đây là trang đầu tiên", pages_with.len())
        } else {
            String::new()
        };
        let mut d = Diagnostic::new(PathBuf::from(page), format!("{what}{more}"))
            .expected(format!("sửa chỗ tạo ra liên kết này: {}", origin(page)))
            .hint(hint);
        // A line of the generated page; its column would mean nothing to the officer.
        d.line = Some(a.line as usize);
        diags.push(d);
    }
    diags.sorted()
}

/// Which files make a page, for "fix it here": its template (the site's own override when there
/// is one) and the content file it shows.
fn origin(site: &Site, page: &str) -> String {
    use crate::paths::Page;
    let file = |f: &std::path::Path| Some(f.display().to_string());
    let (template, content) = match crate::paths::page(page) {
        Page::Home => ("index.html", None),
        Page::NotFound => ("404.html", None),
        Page::Plan(s) => ("plan.html", site.plan(s).and_then(|p| file(&p.file))),
        Page::Progress(s) => ("progress.html", site.plan(s).and_then(|p| file(&p.file))),
        Page::Guides => ("guides.html", None),
        Page::Guide(s) => ("guide.html", site.guide(s).and_then(|g| file(&g.file))),
        Page::Events => ("events.html", None),
        Page::EventOrUnit(s) if site.units.get(s).is_some() => ("unit_events.html", Some("units.yaml".to_string())),
        Page::EventOrUnit(s) => ("event.html", site.events.iter().find(|e| e.slug == s).and_then(|e| file(&e.file))),
        Page::NewsList => ("news_list.html", None),
        Page::News(s) => ("news.html", site.news.iter().find(|n| n.slug == s).and_then(|n| file(&n.file))),
        Page::Other => {
            let dir = page.strip_suffix("index.html").unwrap_or(page);
            return format!("mẫu trang hoặc nội dung tạo ra trang “/{dir}”");
        }
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

    #[test]
    fn links_to_files_already_made_are_not_kept_and_the_check_finds_the_same() {
        let nav = "<a href=\"../../\">t</a><a href=\"../../lich\">l</a><link href=\"../../style.css\">";
        let files = [
            file("huong-dan/a/index.html", &format!("{nav}<a href=\"../b/\">b</a><a href=\"../b/#buoc-9\">b</a>")),
            file("huong-dan/b/index.html", &format!("{nav}<h2 id=\"buoc-1\"><a href=\"../c/\">c</a>")),
            file(
                "huong-dan/d/index.html",
                &format!(
                    "{nav}<a href=\"../b/#buoc-1\">b</a><a href=\"/x\">x</a>\n<a href=\"./\">d</a>\
                     <a href=\"https://x.vn/huong-dan/d/\">d</a><a href=\"#top\">d</a><h1 id=\"top\"><a href=\"#khong\">d</a>"
                ),
            ),
            file("lich/index.html", ""),
            file("index.html", ""),
            file("style.css", ""),
        ];
        let check = |made_first: bool| {
            let names = Names::default();
            if made_first {
                files.iter().for_each(|f| {
                    names.made(&f.path);
                });
            }
            let mut pages: Vec<Page> = files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .map(|f| {
                    let links = PageLinks::read(&f.path, &String::from_utf8_lossy(&f.bytes), "https://x.vn/", &names);
                    (names.lock().intern(&f.path), links)
                })
                .collect();
            names.sort_by_path(&mut pages);
            let kept: usize = pages.iter().map(|(_, l)| l.links.len()).sum();
            let mut written: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
            written.sort_unstable();
            let diags = check_pages(&pages, &written, "https://x.vn/", &|p| p.to_string(), &names);
            let got: Vec<String> =
                diags.items.iter().map(|d| format!("{}:{:?} {}", d.file.display(), d.line, d.problem)).collect();
            (got, kept)
        };
        let ((all, kept_all), (after, kept_after)) = (check(false), check(true));
        assert_eq!(all.len(), 4, "../c/, #buoc-9, /x and #khong: {all:#?}");
        assert_eq!(after, all);
        // A page's links to itself, and to a place on it that it has, are never kept. Of the
        // nav's three links on each page and "../b/", nothing is kept once they are made; the
        // links to a place on another page and those that lead nowhere are.
        assert_eq!((kept_all, kept_after), (15, 5));
    }

    /// The resolution as first written, segments collected and joined: the reference.
    fn by_segments(base: &str, rel: &str) -> Option<String> {
        let rel = rel.split(['#', '?']).next().unwrap_or("");
        if rel.is_empty() {
            return Some(base.to_string());
        }
        let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
        for seg in rel.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let mut out = parts.join("/");
        if matches!(rel.rsplit('/').next().unwrap_or(""), "" | "." | "..") && !out.is_empty() {
            out.push('/');
        }
        Some(out)
    }

    #[test]
    fn links_resolve_as_segments_would() {
        let bases = ["", "huong-dan/", "huong-dan/vneid/", "tin-tuc/2024-05-20-zalo/in/", "a"];
        let pieces = ["", ".", "..", "x", "tệp.svg", "index.html", "#muc", "?a=1", "y/"];
        let mut rels = vec![String::new()];
        for a in pieces {
            for b in pieces {
                for c in ["", "/", "#b", "/..", "/./z"] {
                    rels.push(format!("{a}/{b}{c}"));
                    rels.push(format!("{a}{b}{c}"));
                }
            }
        }
        for base in bases {
            for rel in &rels {
                assert_eq!(normalise(base, rel), by_segments(base, rel), "{base:?} + {rel:?}");
            }
        }
        assert_eq!(normalise("huong-dan/vneid/", "../../lich/").as_deref(), Some("lich/"));
        assert_eq!(normalise("huong-dan/", "../../x"), None);
    }
}
