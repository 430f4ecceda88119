//! Edit: what a preview re-renders, instead of the whole site, when only the bodies of guides,
//! events or news items, or only progress reports, changed.
//!
//! A guide's body shows on the guide's page and poster, on the two lists of guides (its number
//! of steps), in its document of the search index and in the bulletins that read it; its front
//! matter shows on many more pages, so an edit of front matter is not one of these.
//!
//! An event's body shows on its page and poster and in its document of the search index; the
//! schedules, the calendars and the bulletins show only its front matter.
//!
//! A news item's body shows on its page, in its document of the search index and, when it has
//! no summary, in the feed and in the notices of the bulletins of its fortnight. The lists and
//! the home page show only its front matter.
//!
//! A plan's reports show on its plan and progress pages, charts and CSV file, on the home page
//! and the campaign's poster when it is the current plan, in the feed, and in the bulletins
//! of their day and after.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{
    bulletins, current_plan, data, event_pages, feed, guide_lists, guide_pages, home_pages, news_page, plan_pages,
    Grown, Kept, Made, Renderer, Sink,
};
use crate::content::model::{Report, Site};
use crate::lock::locked;
use crate::paths;

/// A file of the site as it was before an edit, by path.
pub type Before<'a> = dyn Fn(&str) -> Option<&'a [u8]> + Sync + 'a;

/// What an edit gave its sink, and the files it changed only from some point on.
pub struct Edited {
    /// Every file made, sorted by path.
    pub made: Vec<Made>,
    pub grown: Vec<Grown>,
}

/// Renders again into `sink` what the body of `site.guides[i]` shows on, as of `today`, given
/// the rest of the site as the last render left it: `written`, every file of it (sorted);
/// `None` on any problem (a template error, a file the site
/// did not have): a whole render reports it with everything around it.
pub fn guide_body(
    site: &Site,
    i: usize,
    today: NaiveDate,
    kept: &mut Kept,
    sink: &dyn Sink,
    written: &[&str],
) -> Option<Edited> {
    let g = &site.guides[i];
    let tera = Arc::clone(&kept.tera);
    let index = kept.search.replace(crate::search::guide_doc(g))?;
    body_edit(site, tera, sink, written, index, |r| {
        let item = guide_pages(r, site, g, &super::views::GuideDesks::new(site, today));
        // The lists show what a guide is for and how many steps it has, not its text.
        if item != kept.guides[i] {
            kept.guides[i] = item;
            guide_lists(r, site, &kept.guides);
        }
        bulletins::refresh_guide(r, site, &mut kept.bulletins, g);
    })
}

/// Renders again what the body of `site.events[k]` shows on, as of `today`, as [`guide_body`]
/// does for a guide.
pub fn event_body(
    site: &Site,
    k: usize,
    today: NaiveDate,
    kept: &mut Kept,
    sink: &dyn Sink,
    written: &[&str],
) -> Option<Edited> {
    let e = &site.events[k];
    let tera = Arc::clone(&kept.tera);
    let index = kept.search.replace(crate::search::event_doc(e))?;
    body_edit(site, tera, sink, written, index, |r| {
        event_pages(r, site, e, crate::schedule::when(e, today));
    })
}

/// Renders again what the body of `site.news[k]` shows on, as [`guide_body`] does for a guide.
pub fn news_body(site: &Site, k: usize, kept: &mut Kept, sink: &dyn Sink, written: &[&str]) -> Option<Edited> {
    let n = &site.news[k];
    let tera = Arc::clone(&kept.tera);
    let index = kept.search.replace(crate::search::news_doc(n))?;
    body_edit(site, tera, sink, written, index, |r| {
        news_page(r, site, n);
        // The feed's summary of a news item without one is the start of its body.
        if n.summary.is_none() {
            r.file(paths::FEED.into(), feed::atom(site));
        }
        bulletins::refresh_news(r, site, &mut kept.bulletins, k);
    })
}

/// What the three edits of a body share: what shows it rendered by `render`, the files of the
/// search index the new body changed (`index`), and the same files as before, or the edit was
/// not of a body alone.
fn body_edit(
    site: &Site,
    tera: Arc<tera::Tera>,
    sink: &dyn Sink,
    written: &[&str],
    index: Vec<(String, Vec<u8>)>,
    render: impl FnOnce(&Renderer),
) -> Option<Edited> {
    let r = Renderer::new(site, tera, sink);
    render(&r);
    for (path, bytes) in index {
        r.file(path, bytes);
    }
    let made = made(r)?;
    if made.iter().any(|m| written.binary_search(&m.path.as_str()).is_err()) {
        return None;
    }
    Some(Edited { made, grown: Vec::new() })
}

/// Renders again into `sink` what the progress reports of some plans show on, given the rest of
/// the site as the last render left it. `plans` are the plans whose reports changed, by index, each with the
/// date of its earliest changed or new report, that `fresh` tells apart; `before` gives a file
/// of the site as it was; `written`, every file of it (sorted). A new report adds its bulletin,
/// and the sitemap with it. `None` on any problem, as for [`guide_body`].
#[allow(clippy::too_many_arguments)]
pub fn reports(
    site: &Site,
    plans: &[(usize, NaiveDate)],
    fresh: &(dyn Fn(&Report) -> bool + Sync),
    kept: &mut Kept,
    sink: &dyn Sink,
    written: &[&str],
    before: &Before,
    today: NaiveDate,
) -> Option<Edited> {
    let r = Renderer::new(site, Arc::clone(&kept.tera), sink);
    let current = current_plan(site);
    let Kept { bulletins, csv, .. } = kept;
    // The pages and charts of a plan on one core, its bulletins and CSV on the other.
    let (views, grown) = rayon::join(
        || plans.iter().map(|&(i, _)| (i, plan_pages(&r, site, i, today))).collect::<Vec<_>>(),
        || {
            r.file(paths::FEED.into(), feed::atom(site));
            let mut grown = Vec::new();
            for &(i, from) in plans {
                let plan = &site.plans[i];
                if !bulletins::refresh_reports(&r, site, bulletins, plan, from) {
                    return None;
                }
                let path = paths::progress_csv(&plan.slug);
                let (keep, tail, parts) = data::splice_csv(site, plan, before(&path)?, &csv[i], fresh)?;
                csv[i] = parts;
                let len = (keep + tail.len()) as u64;
                locked(&r.made).push(Made { path: path.clone(), len });
                grown.push(Grown { path, keep, tail });
            }
            Some(grown)
        },
    );
    let grown = grown?;
    if let Some((_, pv)) = views.iter().find(|(i, _)| Some(*i) == current) {
        home_pages(&r, site, Some(pv), today);
    }
    let mut pages: Vec<String> = locked(&r.made).iter().map(|m| m.path.clone()).collect();
    pages.retain(|p| p.ends_with(".html") && written.binary_search(&p.as_str()).is_err());
    if !pages.is_empty() {
        // A new page (a new report's bulletin) is one more line of the sitemap.
        pages.extend(written.iter().filter(|p| p.ends_with(".html")).map(|p| p.to_string()));
        pages.sort_unstable();
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        r.file(paths::SITEMAP.into(), feed::sitemap(site, &pages));
    }
    let made = made(r)?;
    Some(Edited { made, grown })
}

/// What is known of each file rendered, sorted by path; `None` when a template failed.
fn made(r: Renderer) -> Option<Vec<Made>> {
    if !locked(&r.diags).is_empty() {
        return None;
    }
    let mut made = std::mem::take(&mut *locked(&r.made));
    made.sort_by(|a, b| a.path.cmp(&b.path));
    Some(made)
}
