//! The officers' documentation in Vietnamese (`docs/vi/`): NFC, as every Vietnamese text of the
//! project; every link to a file of the repository leads to one; the README's Vietnamese quick
//! start links each page, so an officer finds them from the first page they open.

mod common;

use std::fs;

use common::*;
use unicode_normalization::is_nfc;

/// The targets of the Markdown links `[…](target)` in `text`, outside code (the examples of
/// links the pages show are not links).
fn links(text: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            // Every other piece between backticks is code.
            prose.extend(line.split('`').step_by(2).flat_map(|p| [p, " "]));
            prose.push('\n');
        }
    }
    let found =
        prose.match_indices("](").filter_map(|(i, _)| prose[i + 2..].split_once(')').map(|(t, _)| t.to_string()));
    found.collect()
}

#[test]
fn the_officers_guide_is_nfc_and_its_links_lead_to_files() {
    let dir = repo().join("docs/vi");
    let mut pages: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    assert!(pages.len() >= 7, "{pages:?}");
    for page in &pages {
        let text = fs::read_to_string(page).unwrap();
        assert!(is_nfc(&text), "{} is not NFC", page.display());
        for target in links(&text).iter().filter(|t| !t.contains("://")) {
            let file = target.split('#').next().unwrap();
            assert!(dir.join(file).exists(), "{}: the link {target} leads to no file", page.display());
        }
    }
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let quick = &readme[readme.find("## Hướng dẫn nhanh cho cán bộ").expect("the Vietnamese quick start")..];
    for page in &pages {
        let name = format!("docs/vi/{}", page.file_name().unwrap().to_string_lossy());
        assert!(quick.contains(&format!("]({name})")), "the quick start does not link {name}");
    }
}
