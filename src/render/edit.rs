//! Edit: what a preview re-renders when only a guide's body changed, instead of the whole site.
//! A body shows on the guide's page and poster, on the two lists of guides (its number of
//! steps), in its document of the search index and in the bulletins that read it; its front
//! matter shows on many more pages, so an edit of front matter is not one of these.

use super::{body_problems, bulletins, guide_lists, guide_pages, renderer, Kept, Made, Memory, OutFile, Written};
use crate::check::links::Names;
use crate::content::model::Site;
use crate::locked;

/// The files a guide's edit changed, and what is known of each.
pub struct Edited {
    /// Sorted by path.
    pub files: Vec<OutFile>,
    /// The same files, with the links of each page.
    pub made: Vec<Made>,
}

/// Renders again what the body of `site.guides[i]` shows on, given the rest of the site as
/// the last render left it: `written`, every file of it (sorted); `search`, its search index
/// script. `None` on any problem (a broken link, a template error): a whole render reports it
/// with everything around it.
pub fn guide_body(
    site: &Site,
    i: usize,
    kept: &mut Kept,
    names: &Names,
    written: &[&str],
    search: &[u8],
) -> Option<Edited> {
    let g = &site.guides[i];
    let page = format!("huong-dan/{}/", g.slug);
    if !body_problems(&g.file, &g.body, g.body_line, &page, &Written::new(written)).is_empty() {
        return None;
    }

    let memory = Memory::default();
    let (r, _) = renderer(site, &memory, names).ok()?;
    let item = guide_pages(&r, site, g);
    // The lists show what a guide is for and how many steps it has, not its text.
    if item != kept.guides[i] {
        kept.guides[i] = item;
        guide_lists(&r, site, &kept.guides);
    }
    bulletins::refresh_guide(&r, site, &mut kept.bulletins, g);
    let doc = crate::search::guide_doc(g);
    r.file(crate::search::PATH.into(), crate::search::splice(search, &doc.u, &doc)?);
    if !locked(&r.diags).is_empty() {
        return None;
    }
    let mut made = std::mem::take(&mut *locked(&r.made));
    made.sort_by(|a, b| a.path.cmp(&b.path));
    let files = memory.into_files();
    // The same files as before, or this is not an edit of a body alone.
    if files.iter().any(|f| written.binary_search(&f.path.as_str()).is_err()) {
        return None;
    }
    Some(Edited { files, made })
}
