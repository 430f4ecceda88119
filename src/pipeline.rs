//! The build loop: **load** ([`crate::content`]) → **derive** and **render**
//! ([`crate::render::render_site`], which asks [`crate::progress`] and [`crate::schedule`]) →
//! **check** ([`crate::check`]) → **write** ([`crate::output`]), for `build`, `check` and the
//! preview alike. What to build ([`Options`]), its steps ([`Stage`]) and what it made
//! ([`Summary`]).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::diag::{Error, Warnings};
use crate::{content, output, paths, render};

/// What to build and as of which day.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub out: PathBuf,
    /// Decides what is "upcoming" and how many days are left; a flag so builds are reproducible.
    pub today: NaiveDate,
    /// Every link to a page names its file, so the site works opened from a disk
    /// ([`render::offline`]).
    pub offline: bool,
}

/// The steps of a build, named for a progress line while a long build runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Render,
    Links,
    Write,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Load => "đọc nội dung",
            Stage::Render => "dựng trang",
            Stage::Links => "kiểm tra liên kết",
            Stage::Write => "ghi ra đĩa",
        }
    }
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    /// Standalone chart files (`.svg`), not the site's icon.
    pub charts: usize,
    /// iCalendar files (`.ics`).
    pub calendars: usize,
    /// Data downloads (`.csv`).
    pub data: usize,
    /// Radio bulletins (`phat-thanh/*.txt`), written by the radio stage.
    pub bulletins: usize,
    /// Size of the search index (`tim-kiem/chi-muc.js` and its parts), of which a query
    /// fetches only a few parts.
    pub search_bytes: u64,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

impl Summary {
    pub(crate) fn of(files: &[render::Made], started: Instant) -> Summary {
        let count = |f: &dyn Fn(&str) -> bool| files.iter().filter(|x| f(&x.path)).count();
        Summary {
            pages: count(&|p| p.ends_with(".html")),
            charts: count(&|p| p.ends_with(".svg") && p != crate::paths::FAVICON),
            calendars: count(&|p| p.ends_with(".ics")),
            data: count(&|p| p.ends_with(".csv")),
            bulletins: count(&|p| p.starts_with(crate::paths::RADIO) && p.ends_with(".txt")),
            search_bytes: files
                .iter()
                .filter(|f| f.path == paths::SEARCH_INDEX || f.path.starts_with(paths::SEARCH_PARTS))
                .map(|f| f.len)
                .sum(),
            files: files.len(),
            bytes: files.iter().map(|f| f.len).sum(),
            elapsed: started.elapsed(),
        }
    }

    /// "27 trang, 14 biểu đồ, 12 lịch .ics, 1 bảng số liệu .csv": what a resident will find,
    /// leaving out kinds the site has none of.
    pub fn counts(&self) -> String {
        let mut parts = vec![format!("{} trang", self.pages)];
        for (n, what) in [
            (self.charts, "biểu đồ"),
            (self.calendars, "lịch .ics"),
            (self.data, "bảng số liệu .csv"),
            (self.bulletins, "bản tin phát thanh"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        if self.search_bytes > 0 {
            parts.push(format!("chỉ mục tìm kiếm {} KB", self.search_bytes.div_ceil(1024)));
        }
        parts.join(", ")
    }
}

/// A site rendered: what `build` wrote, `check` inspected or `serve` serves.
pub struct Rendered {
    /// Sorted by path; only when rendered in memory ([`render_in_memory`]): `build` writes each
    /// file as it is made and keeps none.
    pub files: Vec<render::OutFile>,
    pub warnings: Warnings,
    pub summary: Summary,
}

/// Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
pub fn today_local() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

/// Loads and validates the site, opens the sink only then (so a content error is reported
/// before any trouble with the output folder, and creates nothing), renders into it, and checks
/// every link of the generated pages. `base_url` stands in for the site's own, so the preview
/// server's pages point at it.
fn pipeline<S: render::Sink>(
    opts: &Options,
    base_url: Option<&str>,
    stage: &dyn Fn(Stage),
    open: impl FnOnce() -> Result<S, Error>,
) -> Result<(Vec<render::Made>, Warnings, S), Error> {
    pipeline_keeping(opts, base_url, stage, open, false).map(|(made, warnings, sink, _)| (made, warnings, sink))
}

/// The site, what the link check knows of it and what the render kept: for a preview to
/// re-render an edit.
pub(crate) type KeptSite = (content::model::Site, crate::check::SiteLinks, render::Kept);

/// [`pipeline`]; with `keep`, also what [`crate::rebuild`] needs.
pub(crate) fn pipeline_keeping<S: render::Sink>(
    opts: &Options,
    base_url: Option<&str>,
    stage: &dyn Fn(Stage),
    open: impl FnOnce() -> Result<S, Error>,
    keep: bool,
) -> Result<(Vec<render::Made>, Warnings, S, Option<KeptSite>), Error> {
    stage(Stage::Load);
    let mut site = content::load(&opts.content, opts.today).map_err(Error::Content)?;
    if let Some(url) = base_url {
        site.config.base_url = url.to_string();
    }
    let sink = open()?;
    stage(Stage::Render);
    let names = crate::check::links::Names::default();
    // Every page's links are read as it passes through this sink, while it is in memory.
    let recorder = crate::check::Recorder::new(&sink, &site.config.base_url, &names).expecting(&render::LISTS);
    // Offline, the links are rewritten before the recorder reads them: the check reads what the disk gets.
    let offline = opts.offline.then(|| render::offline::Offline::new(&recorder, &site.config.base_url));
    let into: &dyn render::Sink = match &offline {
        Some(o) => o,
        None => &recorder,
    };
    // The warnings read the site alone, beside the render: finding the line of each one
    // parses its file again, which took a tenth of a second at 10k pages on one core.
    let (warnings, rendered) = rayon::join(
        || crate::check::warnings(&site, opts.today),
        || render::render_site(&site, opts.today, into, keep),
    );
    drop(offline);
    let recorded = recorder.finish();
    let render::Render { made, failed, kept } = rendered?;
    stage(Stage::Links);
    let written: Vec<&str> = made.iter().map(|m| m.path.as_str()).collect();
    crate::check::check_render(&site, &recorded, &written, &names)?;
    if let Some(e) = failed {
        return Err(e);
    }
    let kept = kept.map(|k| (site, crate::check::SiteLinks::new(names, recorded), k));
    Ok((made, warnings, sink, kept))
}

/// Loads, validates and renders the site, then checks every link of the generated pages; writes
/// nothing. `base_url` stands in for the site's own, so the preview server's pages point at it.
pub fn render_in_memory(opts: &Options, base_url: Option<&str>, stage: &dyn Fn(Stage)) -> Result<Rendered, Error> {
    let started = Instant::now();
    let (made, warnings, memory) = pipeline(opts, base_url, stage, || Ok(render::Memory::default()))?;
    let summary = Summary::of(&made, started);
    Ok(Rendered { files: memory.into_files(), warnings, summary })
}

/// Loads, renders and writes the site; on any error `opts.out` is left exactly as it was. Each
/// file goes into the new output folder as soon as it is rendered, so a large site is never all
/// in memory; the folder replaces `opts.out` only once every check has passed.
pub fn build(opts: &Options, stage: &dyn Fn(Stage)) -> Result<Rendered, Error> {
    let started = Instant::now();
    // `link/` names what the link points at, to every call that follows: the link itself is asked.
    let out = output::without_trailing_slash(&opts.out);
    output::check_apart(&opts.content, &out)?;
    output::check_replaceable(&out)?;
    output::check_not_inside_an_output(&out)?;
    // Before anything can fail: what a killed build left is removed even when this one stops at
    // a content error.
    output::clean_leftovers(&out);
    let (made, mut warnings, staging) = pipeline(opts, None, stage, || output::Staging::begin(&out))?;
    stage(Stage::Write);
    warnings.items.extend(staging.commit()?);
    Ok(Rendered { files: Vec::new(), warnings, summary: Summary::of(&made, started) })
}

/// Everything `build` checks, writing nothing.
pub fn check(opts: &Options, stage: &dyn Fn(Stage)) -> Result<Rendered, Error> {
    let started = Instant::now();
    let (made, warnings, _) = pipeline(opts, None, stage, || Ok(render::Discard))?;
    Ok(Rendered { files: Vec::new(), warnings, summary: Summary::of(&made, started) })
}
