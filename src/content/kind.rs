//! The kinds of content a site folder holds, each in a folder of its own: plans, guides,
//! events, news and progress reports. The folder a kind is read from, the files it takes, and
//! the page an item of it is shown on are written here once; the loader, the preview's rebuild,
//! the link check and `bangtin new` ask it.

use std::path::{Path, PathBuf};

use crate::paths;

/// `rel`, a path in the site folder written with `/` (as [`Kind::file`] writes it), under
/// `dir` with the system's separator: on Windows `content\plans\x.md`, as a message names it,
/// not `content\plans/x.md`.
pub fn under(dir: &Path, rel: &str) -> PathBuf {
    rel.split('/').filter(|c| !c.is_empty()).fold(dir.to_path_buf(), |p, c| p.join(c))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plan,
    Guide,
    Event,
    Report,
    News,
}

impl Kind {
    /// In the order messages name their folders.
    pub const ALL: [Kind; 5] = [Kind::Plan, Kind::Guide, Kind::Event, Kind::Report, Kind::News];

    /// The folder of the site its files are in.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Plan => "plans",
            Kind::Guide => "guides",
            Kind::Event => "events",
            Kind::News => "news",
            Kind::Report => "progress",
        }
    }

    /// The endings of the files it is read from: Markdown with front matter, YAML, or for a
    /// report also a spreadsheet (`content::sheet::FORMS`).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Plan | Kind::Guide | Kind::Event | Kind::News => &["md"],
            Kind::Report => &["yaml", "yml", "xlsx", "xls", "ods", "csv"],
        }
    }

    /// The kind whose folder is `name`.
    pub fn of_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }

    /// Whether an item has a Markdown body, shown on its own page.
    pub fn has_body(self) -> bool {
        self.extensions() == ["md"]
    }

    /// The file of an item named `name`, under the site folder: `guides/kich-hoat-vneid.md`.
    pub fn file(self, name: &str) -> String {
        format!("{}/{name}.{}", self.folder(), self.extensions()[0])
    }

    /// The page an item of this kind named `slug` is shown on; a report has none of its own.
    pub fn page(self, slug: &str) -> Option<String> {
        match self {
            Kind::Plan => Some(paths::plan(slug)),
            Kind::Guide => Some(paths::guide(slug)),
            Kind::Event => Some(paths::event(slug)),
            Kind::News => Some(paths::news(slug)),
            Kind::Report => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn every_kind_is_found_by_its_folder_and_every_body_has_a_page() {
        for k in Kind::ALL {
            assert_eq!(Kind::of_folder(k.folder()), Some(k));
            assert_eq!(k.page("x").is_some(), k.has_body(), "{k:?}");
        }
        assert_eq!(Kind::of_folder("static"), None);
        let sep = std::path::MAIN_SEPARATOR;
        let p = super::under(std::path::Path::new("content"), &Kind::Guide.file("x"));
        assert_eq!(p.to_string_lossy(), format!("content{sep}guides{sep}x.md"));
        // A report may be any spreadsheet the reader takes.
        for form in crate::content::sheet::FORMS {
            assert!(Kind::Report.extensions().contains(&form), "{form}");
        }
    }
}
