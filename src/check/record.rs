//! The link check's side of a render: a [`Sink`] that passes every file on to the sink it wraps
//! and reads, as each page is made, where its links lead and its ids ([`PageLinks`]), and which
//! links of the Markdown bodies shown on it need a look once every file is made. A page is read
//! while it is in memory, in the render's own task on whichever core made it, and a link to a
//! file made before its page is settled at once rather than kept ([`Names`]): most of a page's
//! links are its navigation, and keeping them all was a tenth of a province's peak memory.
//!
//! The render does not know of it: [`crate::pipeline`] and the preview's rebuild
//! ([`crate::rebuild`]) wrap their sink in a [`Recorder`], and check what it [`Recorded`].

use std::collections::HashSet;
use std::sync::Mutex;

use super::links::{self, Names, Page, PageLinks};
use super::{bodies, paths};
use crate::content::model::Site;
use crate::diag::{Diagnostics, Error};
use crate::lock::locked;
use crate::markdown::LinkRef;
use crate::render::Sink;

/// A sink that reads what passes through it for the link check.
pub struct Recorder<'a> {
    inner: &'a dyn Sink,
    base_url: &'a str,
    names: &'a Names,
    /// Files taken as made before they are.
    expected: &'static [&'static str],
    pages: Mutex<Vec<Page>>,
    /// By page: the links of its body that were not settled when it was made.
    bodies: Mutex<Vec<(String, Vec<LinkRef>)>>,
}

/// What a [`Recorder`] read of the files that passed through it.
pub struct Recorded {
    /// Every page's links, sorted by path.
    pages: Vec<Page>,
    bodies: Vec<(String, Vec<LinkRef>)>,
    expected: &'static [&'static str],
}

impl<'a> Recorder<'a> {
    /// Passes every file on to `inner`, numbering strings in `names`; links to `base_url` are
    /// links into the site.
    pub fn new(inner: &'a dyn Sink, base_url: &'a str, names: &'a Names) -> Recorder<'a> {
        Recorder {
            inner,
            base_url,
            names,
            expected: &[],
            pages: Mutex::new(Vec::new()),
            bodies: Mutex::new(Vec::new()),
        }
    }

    /// Takes `files`, which the render makes last and nearly every page links to
    /// ([`crate::render::LISTS`]), as made from the start, so that a page's links to them are
    /// settled as it is read rather than kept: at 10k pages, keeping them added 2.0 MiB to the
    /// build's peak heap (massif, one thread). [`check_render`] fails if one was not made after
    /// all.
    pub fn expecting(mut self, files: &'static [&'static str]) -> Recorder<'a> {
        for f in files {
            self.names.made(f);
        }
        self.expected = files;
        self
    }

    pub fn finish(self) -> Recorded {
        let mut pages = self.pages.into_inner().unwrap_or_else(|p| p.into_inner());
        self.names.sort_by_path(&mut pages);
        let bodies = self.bodies.into_inner().unwrap_or_else(|p| p.into_inner());
        Recorded { pages, bodies, expected: self.expected }
    }

    fn made(&self, path: &str, links: Option<PageLinks>) {
        let n = self.names.made(path);
        if let Some(l) = links {
            locked(&self.pages).push((n, l));
        }
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Error> {
        // A static `.html` file is linked to and links like a page.
        let links = path
            .ends_with(".html")
            .then(|| PageLinks::read(path, &String::from_utf8_lossy(&bytes), self.base_url, self.names));
        let put = self.inner.put(path, bytes);
        self.made(path, links);
        put
    }

    fn put_page(&self, path: &str, html: String) -> Result<(), Error> {
        let links = PageLinks::read(path, &html, self.base_url, self.names);
        let put = self.inner.put_page(path, html);
        self.made(path, Some(links));
        put
    }

    fn put_parts(&self, path: &str, parts: &mut dyn Iterator<Item = Vec<u8>>) -> Result<u64, Error> {
        let put = self.inner.put_parts(path, parts);
        self.made(path, None);
        put
    }

    fn mostly_written(&self) {
        self.inner.mostly_written();
    }

    /// Keeps the links the check after the render must look at: those to a file not made yet,
    /// and those that are wrong wherever they lead. A link to a file already made, another site
    /// or an app is settled here.
    fn body_links(&self, page: &str, links: Vec<LinkRef>) {
        let open: Vec<LinkRef> =
            links.into_iter().filter(|l| !bodies::settled(page, l, &|t| self.names.leads_to_made(t))).collect();
        if !open.is_empty() {
            locked(&self.bodies).push((page.to_string(), open));
        }
    }
}

/// Every link of a whole render, given every file it made (`written`, sorted): first what the
/// officer wrote (the links of the bodies) and the paths of files that cannot be written, then,
/// when those are fine, every link of every generated page.
pub fn check_render(site: &Site, recorded: &Recorded, written: &[&str], names: &Names) -> Result<(), Error> {
    if let Some(p) = recorded.expected.iter().find(|p| written.binary_search(p).is_err()) {
        // Taken as made from the start, so no link to it was kept for the check.
        return Err(Error::Refused(format!(
            "trang “/{p}” không được dựng, dù mọi trang khác liên kết tới nó: đây là lỗi của bangtin, không phải của nội dung"
        )));
    }
    let mut diags = paths::conflicts(written, site);
    bodies::check(site, written, &recorded.bodies, &mut diags);
    if diags.is_empty() {
        diags = links::check_site(site, &recorded.pages, written, names);
    }
    match diags.is_empty() {
        true => Ok(()),
        false => Err(Error::Content(diags.sorted())),
    }
}

/// What the link check knows of a rendered site, kept by a preview so that an edit checks only
/// what it changed.
pub struct SiteLinks {
    pub names: Names,
    /// Every page's links, sorted by path.
    pages: Vec<Page>,
}

impl SiteLinks {
    pub fn new(names: Names, recorded: Recorded) -> SiteLinks {
        SiteLinks { names, pages: recorded.pages }
    }

    /// Takes in what an edit's render recorded; the pages that lost an id another page may
    /// link to. `None` when a link of a body it rendered has a problem: a whole build reports it
    /// with everything around it. `written` are every file of the site, sorted.
    pub fn update(&mut self, site: &Site, edit: Recorded, written: &[&str]) -> Option<HashSet<String>> {
        let mut diags = Diagnostics::default();
        bodies::check(site, written, &edit.bodies, &mut diags);
        if !diags.is_empty() {
            return None;
        }
        Some(self.names.merge_pages(&mut self.pages, edit.pages).into_iter().collect())
    }

    /// The problems of the links of the pages `changed` by an edit, and of every link into a
    /// page that `lost` an id; `written` are every file of the site, sorted.
    pub fn check_changed(
        &self,
        site: &Site,
        changed: &HashSet<&str>,
        lost: &HashSet<String>,
        written: &[&str],
    ) -> Diagnostics {
        let lost: HashSet<&str> = lost.iter().map(String::as_str).collect();
        links::check_changed(site, &self.pages, changed, &lost, written, &self.names)
    }
}
