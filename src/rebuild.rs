//! Rebuild: what `serve` does after a save, when doing less than a whole build gives the same
//! site. That is a save that changed only:
//! - the body of one or more guides, the edit an officer makes most while previewing: the
//!   guide's pages, the lists of guides, its search document and the bulletins that read it are
//!   rendered again;
//! - the body of one or more news items: the item's page, its search document and, when it has
//!   no summary, the feed and the bulletins whose notices read it;
//! - the body of one or more events: the event's page, poster and search document;
//! - progress reports, new or edited, YAML or spreadsheets, the weekly task: the plan's pages,
//!   charts and CSV, the home page, the feed and the bulletins of the reports' days and after
//!   are rendered again.
//!
//! The links of what was rendered are checked. Anything else (front matter, a deleted file, a
//! report moved to another day, the theme, a new day) is a whole build.
//!
//! A test renders every edit both ways and compares every file, the warnings and the summary.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use crate::check::warnings::removed_html_in;
use crate::check::{Recorder, SiteLinks};
use crate::content::kind::Kind;
use crate::content::model::{Report, Site};
use crate::content::{self, parse};
use crate::diag::{Diagnostic, Diagnostics, Error, Warnings};
use crate::pipeline::{Options, Rendered, Summary};
use crate::render::edit::{Before, Edited};
use crate::render::{self, Grown, Kept, Made, Memory, OutFile, Sink};

/// What a whole build leaves for the next edit to start from.
pub struct Warm {
    site: Site,
    /// The links of every page, for the check of what an edit changes.
    links: SiteLinks,
    kept: Kept,
    /// Every file of the site, sorted by path.
    made: Vec<Made>,
    warnings: Warnings,
    /// Those of the warnings that the reports decide ([`crate::check::warnings::of_reports`]).
    report_warnings: Vec<Diagnostic>,
    today: NaiveDate,
}

/// A whole render in memory, as [`crate::pipeline::render_in_memory`], keeping what an edit needs.
pub fn render(opts: &Options, base_url: Option<&str>) -> Result<(Rendered, Warm), Error> {
    let started = Instant::now();
    let memory = || Ok(render::Memory::default());
    let (made, warnings, memory, kept) = crate::pipeline::pipeline_keeping(opts, base_url, &|_| {}, memory, true)?;
    let summary = Summary::of(&made, started);
    let rendered = Rendered { files: memory.into_files(), warnings: warnings.clone(), summary };
    let warm = kept.map(|(site, links, kept)| {
        let report_warnings = crate::check::warnings::of_reports(&site, opts.today);
        Warm { site, links, kept, made, warnings, report_warnings, today: opts.today }
    });
    // A render asked to keep always keeps.
    warm.map(|w| (rendered, w)).ok_or_else(|| Error::Refused("bản dựng không giữ lại được trạng thái".into()))
}

/// The files an edit changed (sorted by path), with the site's summary after it and its
/// warnings when the edit changed them.
pub struct Edit {
    pub files: Vec<OutFile>,
    /// Files the edit changed only from some point on, such as a plan's CSV after a new week.
    pub grown: Vec<Grown>,
    pub warnings: Option<Warnings>,
    pub summary: Summary,
}

/// A content file whose body alone an edit may have changed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Body {
    Guide(usize),
    Event(usize),
    News(usize),
}

/// The guides, events and news items whose files are `changed`; `None` when anything else
/// changed.
fn edited_bodies(site: &Site, changed: &[PathBuf]) -> Option<Vec<Body>> {
    let root_abs = site.root.canonicalize().ok()?;
    let mut bodies = Vec::new();
    for p in changed {
        let rel = p.strip_prefix(&root_abs).or_else(|_| p.strip_prefix(&site.root)).ok()?;
        let kind = rel.parent().and_then(Path::to_str).and_then(Kind::of_folder);
        let known = match kind {
            Some(Kind::Guide) => site.guides.iter().position(|g| g.file == rel).map(Body::Guide),
            Some(Kind::Event) => site.events.iter().position(|e| e.file == rel).map(Body::Event),
            Some(Kind::News) => site.news.iter().position(|n| n.file == rel).map(Body::News),
            Some(Kind::Plan | Kind::Report) | None => return None,
        };
        match std::fs::symlink_metadata(p) {
            Ok(m) if m.is_file() => bodies.push(known?),
            Ok(_) => return None,
            // Gone: an editor's temporary file beside them is nothing; a guide, event or news item is.
            Err(_) if known.is_none() => {}
            Err(_) => return None,
        }
    }
    bodies.sort_unstable();
    bodies.dedup();
    Some(bodies)
}

/// Renders again what `changed` touches, when that is only guides' bodies or only progress
/// reports, updating `warm`; `before` gives a file of the site as it was before the edit. `None`
/// when the edit needs a whole build, or found a problem a whole build reports best: `warm` is
/// then stale.
pub fn edit(warm: &mut Warm, changed: &[PathBuf], today: NaiveDate, before: &Before) -> Option<Edit> {
    let started = Instant::now();
    if today != warm.today {
        return None;
    }
    let mut ch = Changes::default();
    match edited_bodies(&warm.site, changed) {
        Some(bodies) => edit_bodies(warm, &bodies, &mut ch)?,
        None => edit_reports(warm, &edited_reports(&warm.site, changed)?, before, &mut ch)?,
    };

    let written: Vec<&str> = warm.made.iter().map(|m| m.path.as_str()).collect();
    let changed: HashSet<&str> = ch.files.iter().map(|f| f.path.as_str()).collect();
    let broken = warm.links.check_changed(&warm.site, &changed, &ch.lost, &written);
    if !broken.is_empty() {
        return None;
    }
    // A province's site has thousands of warnings; a preview prints them again only when they change.
    let warnings = ch.warned.then(|| warm.warnings.clone());
    Some(Edit { files: ch.files, grown: ch.grown, warnings, summary: Summary::of(&warm.made, started) })
}

/// What a save changed so far.
#[derive(Default)]
struct Changes {
    /// Sorted by path.
    files: Vec<OutFile>,
    grown: Vec<Grown>,
    /// The pages that lost an id another page may link to.
    lost: HashSet<String>,
    /// Whether the site's warnings changed.
    warned: bool,
}

/// The bodies of `bodies` read again and what shows them rendered; the files changed.
fn edit_bodies(warm: &mut Warm, bodies: &[Body], ch: &mut Changes) -> Option<()> {
    for &body in bodies {
        let Some((file, old_body, body_line)) = read_body(&mut warm.site, body)? else { continue };
        let gone = removed_html_in(&warm.site, &file, &old_body, body_line);
        let new_body = match body {
            Body::Guide(i) => &warm.site.guides[i].body,
            Body::Event(k) => &warm.site.events[k].body,
            Body::News(k) => &warm.site.news[k].body,
        };
        let came = removed_html_in(&warm.site, &file, new_body, body_line);
        ch.warned |= replace_warnings(&mut warm.warnings, &gone, came);

        let written: Vec<&str> = warm.made.iter().map(|m| m.path.as_str()).collect();
        let (site, kept, today) = (&warm.site, &mut warm.kept, warm.today);
        let edited = render_edit(site, &mut warm.links, &written, |sink| match body {
            Body::Guide(i) => render::edit::guide_body(site, i, today, kept, sink, &written),
            Body::Event(k) => render::edit::event_body(site, k, today, kept, sink, &written),
            Body::News(k) => render::edit::news_body(site, k, kept, sink, &written),
        })?;
        merge(warm, edited, ch);
    }
    Some(())
}

/// The file of `body` read again into the site, when only its body changed: its path, the
/// body it had and the line its body starts on. `Some(None)` when nothing changed; `None` when
/// more than the body did, or the file has a problem a whole build reports best.
fn read_body(site: &mut Site, body: Body) -> Option<Option<(PathBuf, String, usize)>> {
    let mut diags = Diagnostics::default();
    // Everything but the body must be as it was: it shows on other pages.
    macro_rules! swap_body {
        ($old:expr, $new:expr) => {{
            let (old, mut new) = ($old, $new?);
            if !diags.is_empty() {
                return None;
            }
            if new.body == old.body {
                return (new == *old).then_some(None);
            }
            let old_body = std::mem::replace(&mut old.body, std::mem::take(&mut new.body));
            new.body.clone_from(&old.body);
            (new == *old).then(|| Some((old.file.clone(), old_body, old.body_line)))
        }};
    }
    match body {
        Body::Guide(i) => {
            let g = &site.guides[i];
            let new = content::read_md(&site.root.join(&g.file), &g.file, &mut diags)
                .and_then(|src| parse::guide(&g.slug, &src, &mut diags));
            swap_body!(&mut site.guides[i], new)
        }
        Body::Event(k) => {
            let e = &site.events[k];
            let new = content::read_md(&site.root.join(&e.file), &e.file, &mut diags)
                .and_then(|src| parse::event(&e.slug, &src, &mut diags));
            swap_body!(&mut site.events[k], new)
        }
        Body::News(k) => {
            let n = &site.news[k];
            let new = content::read_news(&site.root.join(&n.file), &n.file, &mut diags);
            swap_body!(&mut site.news[k], new)
        }
    }
}

/// The reports in `progress/` named by `changed` (relative to the site folder), when every
/// file changed is one: `None` when anything else changed, or a report is gone.
fn edited_reports(site: &Site, changed: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let root_abs = site.root.canonicalize().ok()?;
    let mut reports = Vec::new();
    for p in changed {
        let rel = p.strip_prefix(&root_abs).or_else(|_| p.strip_prefix(&site.root)).ok()?;
        if rel.parent() != Some(Path::new(Kind::Report.folder())) {
            return None;
        }
        let name = rel.file_name()?.to_string_lossy();
        // An editor's backup or swap file.
        if content::unread(&name) {
            continue;
        }
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        let report = Kind::Report.extensions().contains(&ext);
        match std::fs::symlink_metadata(p) {
            Ok(m) if m.is_file() && report => reports.push(rel.to_path_buf()),
            Ok(_) => return None,
            // Gone: an editor's temporary file is nothing; a report is.
            Err(_) if !site.reports.iter().any(|r| r.file == rel) => {}
            Err(_) => return None,
        }
    }
    reports.sort_unstable();
    reports.dedup();
    Some(reports)
}

/// The reports `rels` read again (a report may be new) and what shows them rendered; the
/// files changed. A report whose plan or date changed is left to a whole build: the bulletin
/// of its old day would have to go.
fn edit_reports(warm: &mut Warm, rels: &[PathBuf], before: &Before, ch: &mut Changes) -> Option<()> {
    let site = &mut warm.site;
    let mut fresh: Vec<(String, NaiveDate)> = Vec::new();
    for rel in rels {
        let mut diags = Diagnostics::default();
        // A spreadsheet is read against the units and plans, which this edit did not change.
        let new = content::reread_report(site, rel, &mut diags)?;
        if !diags.is_empty() {
            return None;
        }
        let key = (new.plan.clone(), new.date);
        match site.reports.iter().position(|r| r.file == *rel) {
            Some(i) if (site.reports[i].plan.as_str(), site.reports[i].date) != (key.0.as_str(), key.1) => return None,
            Some(i) if site.reports[i] == new => continue,
            Some(i) => site.reports[i] = new,
            None => {
                // Where the load's order puts it: by plan, then date.
                let at = site.reports.partition_point(|r| (r.plan.as_str(), r.date) < (key.0.as_str(), key.1));
                site.reports.insert(at, new);
            }
        }
        fresh.push(key);
    }
    if fresh.is_empty() {
        return Some(());
    }
    let is_fresh = |r: &Report| fresh.iter().any(|(p, d)| *p == r.plan && *d == r.date);
    let changed: Vec<usize> = (0..site.reports.len()).filter(|&k| is_fresh(&site.reports[k])).collect();
    let mut diags = Diagnostics::default();
    content::validate::reports(site, &site.root, &changed, warm.today, &mut diags);
    if !diags.is_empty() {
        return None;
    }

    let mut plans: Vec<(usize, NaiveDate)> = Vec::new();
    for (i, plan) in site.plans.iter().enumerate() {
        if let Some(from) = fresh.iter().filter(|(p, _)| *p == plan.slug).map(|(_, d)| *d).min() {
            plans.push((i, from));
        }
    }
    let written: Vec<&str> = warm.made.iter().map(|m| m.path.as_str()).collect();
    let (site, kept, links, today) = (&*site, &mut warm.kept, &mut warm.links, warm.today);
    let (came, edited) = rayon::join(
        || crate::check::warnings::of_reports(site, today),
        || {
            render_edit(site, links, &written, |sink| {
                render::edit::reports(site, &plans, &is_fresh, kept, sink, &written, before, today)
            })
        },
    );
    let edited = edited?;
    ch.warned |= replace_warnings(&mut warm.warnings, &warm.report_warnings, came.clone());
    warm.report_warnings = came;
    merge(warm, edited, ch);
    Some(())
}

/// `gone` out of the site's warnings and `came` in, when they differ; whether they did.
fn replace_warnings(warnings: &mut Warnings, gone: &[Diagnostic], came: Vec<Diagnostic>) -> bool {
    if gone == came.as_slice() {
        return false;
    }
    let mut items = std::mem::take(&mut warnings.items);
    items.retain(|d| !gone.contains(d));
    items.extend(came);
    *warnings = Warnings { items: Diagnostics { items }.sorted().items };
    true
}

/// What an edit's render gave its sink, `render(sink)`, kept in memory and read for the link
/// check: the files, what the edit made, and the pages that lost an id another page may link
/// to. `None` as for the edit, or when a link of a body it rendered has a problem.
fn render_edit(
    site: &Site,
    links: &mut SiteLinks,
    written: &[&str],
    render: impl FnOnce(&dyn Sink) -> Option<Edited>,
) -> Option<Rendering> {
    let memory = Memory::default();
    let recorder = Recorder::new(&memory, &site.config.base_url, &links.names);
    let edited = render(&recorder);
    let recorded = recorder.finish();
    let edited = edited?;
    let lost = links.update(site, recorded, written)?;
    Some(Rendering { files: memory.into_files(), edited, lost })
}

/// What [`render_edit`] gives.
struct Rendering {
    /// Sorted by path.
    files: Vec<OutFile>,
    edited: Edited,
    lost: HashSet<String>,
}

/// What an edit rendered, into the site's list of files (a new file joins it) and into the
/// changes of this save.
fn merge(warm: &mut Warm, rendering: Rendering, ch: &mut Changes) {
    let Rendering { files, edited, lost } = rendering;
    for m in edited.made {
        match warm.made.binary_search_by(|x| x.path.as_str().cmp(&m.path)) {
            Ok(at) => warm.made[at] = m,
            Err(at) => warm.made.insert(at, m),
        }
    }
    ch.lost.extend(lost);
    for f in files {
        match ch.files.binary_search_by(|x| x.path.cmp(&f.path)) {
            Ok(at) => ch.files[at] = f,
            Err(at) => ch.files.insert(at, f),
        }
    }
    // One save's reports are rendered together: a file grows once.
    ch.grown.extend(edited.grown);
}
