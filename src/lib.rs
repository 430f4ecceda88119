//! bangtin: a static-site generator for a Vietnamese ward's “Công dân số” campaign.
//!
//! The build is a visible pipeline:
//! **load** ([`content`]: walk, parse, validate into a typed model) →
//! **derive** ([`progress`], [`schedule`]: aggregates, status, what is upcoming) →
//! **render** ([`render`]: HTML through tera; [`chart`]: progress charts as SVG; [`ical`]: calendars) →
//! **write** ([`output`]: atomically, or not at all).

pub mod chart;
pub mod content;
pub mod diag;
pub mod ical;
pub mod output;
pub mod progress;
pub mod qr;
pub mod radio;
pub mod render;
pub mod schedule;
pub mod search;
pub mod text;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

pub use diag::{Diagnostic, Diagnostics, Error};

/// What to build and as of which day.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub out: PathBuf,
    /// Decides what is "upcoming" and how many days are left; a flag so builds are reproducible.
    pub today: NaiveDate,
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
pub fn today_local() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

fn render(opts: &Options) -> Result<Vec<render::OutFile>, Error> {
    let site = content::load(&opts.content, opts.today).map_err(Error::Content)?;
    render::render_site(&site, opts.today).map_err(|d| Error::Content(d.sorted()))
}

fn summarise(files: &[render::OutFile], started: Instant) -> Summary {
    Summary {
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: files.len(),
        bytes: files.iter().map(|f| f.bytes.len() as u64).sum(),
        elapsed: started.elapsed(),
    }
}

/// Loads, renders and writes the site; on any error `opts.out` is left exactly as it was.
pub fn build(opts: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    output::check_apart(&opts.content, &opts.out)?;
    output::check_replaceable(&opts.out)?;
    let files = render(opts)?;
    output::write_atomically(&opts.out, &files)?;
    Ok(summarise(&files, started))
}

/// Everything `build` checks, writing nothing.
pub fn check(opts: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    let files = render(opts)?;
    Ok(summarise(&files, started))
}
