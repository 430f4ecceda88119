//! Rebuild: what `serve` does after a save, when doing less than a whole build gives the same
//! site. Today that is a save that changed only the body of one or more guides, the edit an
//! officer makes most while previewing: the guide's pages, the lists of guides, its search
//! document and the bulletins that read it are rendered again, and its links checked. Anything
//! else (front matter, a new or deleted file, a report, the theme, a new day) is a whole build.
//!
//! A test renders every edit both ways and compares every file, the warnings and the summary.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;

use crate::check::links::Names;
use crate::check::warnings::removed_html_in;
use crate::content::model::Site;
use crate::content::{parse, source};
use crate::diag::{Diagnostics, Warnings};
use crate::render::{self, Kept, Made, OutFile};
use crate::{Error, Options, Rendered, Summary};

/// What a whole build leaves for the next edit to start from.
pub struct Warm {
    site: Site,
    names: Names,
    kept: Kept,
    /// Every file of the site, sorted by path.
    made: Vec<Made>,
    warnings: Warnings,
    today: NaiveDate,
}

/// A whole render in memory, as [`crate::render_in_memory`], keeping what an edit needs.
pub fn render(opts: &Options, base_url: Option<&str>) -> Result<(Rendered, Warm), Error> {
    let started = Instant::now();
    let memory = || Ok(render::Memory::default());
    let (made, warnings, memory, kept) = crate::pipeline_keeping(opts, base_url, &|_| {}, memory, true)?;
    let summary = Summary::of(&made, started);
    let rendered = Rendered { files: memory.into_files(), warnings: warnings.clone(), summary };
    let warm = kept.map(|(site, names, kept)| Warm { site, names, kept, made, warnings, today: opts.today });
    // A render asked to keep always keeps.
    warm.map(|w| (rendered, w)).ok_or_else(|| Error::Refused("bản dựng không giữ lại được trạng thái".into()))
}

/// The files an edit changed (sorted by path), with the site's warnings and summary after it.
pub struct Edit {
    pub files: Vec<OutFile>,
    pub warnings: Warnings,
    pub summary: Summary,
}

/// The guides whose files are `changed`, by index; `None` when anything else changed.
fn edited_guides(site: &Site, changed: &[PathBuf]) -> Option<Vec<usize>> {
    let root_abs = site.root.canonicalize().ok()?;
    let mut guides = Vec::new();
    for p in changed {
        let rel = p.strip_prefix(&root_abs).or_else(|_| p.strip_prefix(&site.root)).ok()?;
        let known = site.guides.iter().position(|g| g.file == rel);
        match std::fs::symlink_metadata(p) {
            Ok(m) if m.is_file() => guides.push(known?),
            Ok(_) => return None,
            // Gone: an editor's temporary file next to the guides is nothing; a guide is.
            Err(_) if known.is_none() && rel.parent() == Some(Path::new("guides")) => {}
            Err(_) => return None,
        }
    }
    guides.sort_unstable();
    guides.dedup();
    Some(guides)
}

/// Renders again what `changed` touches, when that is only guides' bodies, updating `warm`;
/// `before` is the site's search index script before the edit. `None` when the edit needs a
/// whole build, or found a problem a whole build reports best: `warm` is then stale.
pub fn edit(warm: &mut Warm, changed: &[PathBuf], today: NaiveDate, before: &[u8]) -> Option<Edit> {
    let started = Instant::now();
    if today != warm.today {
        return None;
    }
    let mut files: Vec<OutFile> = Vec::new();
    let mut lost: HashSet<String> = HashSet::new();
    for i in edited_guides(&warm.site, changed)? {
        let old = &mut warm.site.guides[i];
        let mut diags = Diagnostics::default();
        let abs = warm.site.root.join(&old.file);
        let text = source::read_text(&abs, &old.file, &mut diags)?;
        let src = source::Source::front_matter_file(&old.file, &text, &mut diags)?;
        let mut new = parse::guide(&old.slug, &src, &mut diags)?;
        if !diags.is_empty() {
            return None;
        }
        if new.body == old.body {
            if new != *old {
                return None;
            }
            continue;
        }
        let old_body = std::mem::replace(&mut old.body, std::mem::take(&mut new.body));
        new.body.clone_from(&old.body);
        if new != *old {
            return None;
        }
        let g = &warm.site.guides[i];
        let gone = removed_html_in(&warm.site, &g.file, &old_body, g.body_line);
        let came = removed_html_in(&warm.site, &g.file, &g.body, g.body_line);
        if gone != came {
            let mut items = std::mem::take(&mut warm.warnings.items);
            items.retain(|d| !gone.contains(d));
            items.extend(came);
            warm.warnings = Warnings { items: Diagnostics { items }.sorted().items };
        }

        let written: Vec<&str> = warm.made.iter().map(|m| m.path.as_str()).collect();
        // The index as the previous guide of this save left it.
        let index = files.iter().find(|f| f.path == crate::search::PATH).map_or(before, |f| f.bytes.as_slice());
        let edited = render::edit::guide_body(&warm.site, i, &mut warm.kept, &warm.names, &written, index)?;
        for m in edited.made {
            let at = warm.made.binary_search_by(|x| x.path.as_str().cmp(&m.path)).ok()?;
            if let (Some(old), Some(new)) = (&warm.made[at].links, &m.links) {
                if !new.keeps_ids_of(old) {
                    lost.insert(m.path.clone());
                }
            }
            warm.made[at] = m;
        }
        for f in edited.files {
            match files.binary_search_by(|x| x.path.cmp(&f.path)) {
                Ok(at) => files[at] = f,
                Err(at) => files.insert(at, f),
            }
        }
    }

    let pages: Vec<(&str, &crate::check::links::PageLinks)> =
        warm.made.iter().filter_map(|m| m.links.as_ref().map(|l| (m.path.as_str(), l))).collect();
    let written: Vec<&str> = warm.made.iter().map(|m| m.path.as_str()).collect();
    let changed: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let lost: HashSet<&str> = lost.iter().map(String::as_str).collect();
    let broken = crate::check::links::check_changed(&warm.site, &pages, &changed, &lost, &written, &warm.names);
    if !broken.is_empty() {
        return None;
    }
    Some(Edit { files, warnings: warm.warnings.clone(), summary: Summary::of(&warm.made, started) })
}
