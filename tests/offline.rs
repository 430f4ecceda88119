//! `bangtin build --offline` (issue 34): a copy of the site that works opened from a disk
//! (`file://`), where a folder is not its page and `/` is the disk's root. Every internal `href`
//! and `src` of every page must name a file that exists, relative to its page; everything else
//! is the site as a normal build makes it. (`tests/browser/offline.mjs` opens it in Chromium.)

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn build(content: &Path, out: &Path, today: &str, offline: bool) {
    let mut args = vec!["build", "-q", "--content", s(content), "--out", s(out), "--today", today];
    if offline {
        args.push("--offline");
    }
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// A link that leaves the page for another address: another site, a phone number, a place on
/// the same page.
fn elsewhere(v: &str) -> bool {
    let end = v.find(['/', '?', '#']).unwrap_or(v.len());
    v.starts_with('#') || v.starts_with("//") || v[..end].contains(':')
}

/// Every problem with the links of the offline copy in `out`: a link from the root, a link to a
/// folder, a link to nothing.
fn broken_links(out: &Path) -> (Vec<String>, usize) {
    let files = snapshot(out);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let folder = page.rfind('/').map_or("", |i| &page[..=i]);
        for a in bangtin::html::attributes(&html) {
            let values: Vec<&str> = match a.name.as_str() {
                "href" | "src" | "action" | "poster" | "xlink:href" => vec![a.value.as_str()],
                "srcset" => a.value.split(',').filter_map(|c| c.split_whitespace().next()).collect(),
                _ => continue,
            };
            for v in values.into_iter().filter(|v| !elsewhere(v)) {
                checked += 1;
                let path = &v[..v.find(['?', '#']).unwrap_or(v.len())];
                if v.starts_with('/') {
                    problems.push(format!("{page}:{}: {v} starts from the disk's root", a.line));
                    continue;
                }
                // The page's own file when the link is `?…` alone (the search form).
                let target = if path.is_empty() { page.clone() } else { resolve(folder, path) };
                if !files.contains_key(&target) {
                    problems.push(format!("{page}:{}: {}=\"{v}\" leads to {target}, which is no file", a.line, a.name));
                }
            }
        }
    }
    (problems, checked)
}

/// `rel` from the folder `folder` (`huong-dan/x/`), `..` applied; a trailing `/` kept, so a
/// folder never matches a file.
fn resolve(folder: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let segs: Vec<&str> = rel.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            ".." => {
                parts.pop();
            }
            "." => {}
            "" if i + 1 == segs.len() => return format!("{}/", parts.join("/")),
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn every_link_of_an_offline_copy_names_a_file_relative_to_its_page() {
    let sites = [
        (example(), "2024-06-03"),
        (fixture("001-tinh-hiep"), "2024-08-20"),
        (fixture("002-bim-son"), "2023-03-27"),
        (fixture("003-my-phu-dong"), "2023-06-15"),
        (fixture("004-nam-son"), "2024-10-16"),
    ];
    for (content, today) in sites {
        let dir = tempfile::tempdir().unwrap();
        let (online, offline) = (dir.path().join("output"), dir.path().join("output-offline"));
        build(&content, &online, today, false);
        build(&content, &offline, today, true);
        let (problems, checked) = broken_links(&offline);
        assert!(
            problems.is_empty(),
            "{}: {} of {checked} links:\n{}",
            content.display(),
            problems.len(),
            problems.join("\n")
        );
        assert!(checked > 500, "{checked} links");

        // Only the links change: the same files, and every one but the pages byte for byte.
        let (a, b) = (snapshot(&online), snapshot(&offline));
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        let differ: BTreeMap<&String, usize> =
            a.iter().filter(|(p, bytes)| b[*p] != **bytes).map(|(p, bytes)| (p, bytes.len())).collect();
        assert!(differ.keys().all(|p| p.ends_with(".html")), "{differ:?}");
        // The online site's own links do not pass: what this test looks for is really there.
        assert!(!broken_links(&online).0.is_empty());
    }
}

#[test]
fn the_home_page_links_its_guides_by_file_and_the_404_page_from_itself() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kiosk");
    build(&example(), &out, "2024-06-03", true);
    let home = read(&out, "index.html");
    assert!(home.contains(r#"href="huong-dan/kich-hoat-vneid/index.html""#), "{home}");
    assert!(home.contains(r#"href="tien-do/2024-cong-dan-so/index.html#ct-vneid""#));
    // Links out of the site, and the canonical address, stay as they are.
    assert!(home.contains(r#"href="https://phuong3.example.gov.vn/cong-dan-so/""#));
    assert!(home.contains(r#"href="tel:"#));
    let guide = read(&out, "huong-dan/kich-hoat-vneid/index.html");
    assert!(guide.contains(r#"href="../../index.html""#) && guide.contains(r#"href="../../style.css""#));
    // The 404 page writes its links from the site's root, to be served at any depth.
    let missing = read(&out, "404.html");
    assert!(missing.contains(r#"href="huong-dan/index.html""#) && !missing.contains(r#"href="/cong-dan-so/"#));
    // The search page's script adds `index.html` to its results on a disk.
    assert!(read(&out, "tim-kiem.js").contains(r#"location.protocol === "file:""#));
}

#[test]
fn an_offline_build_goes_to_its_own_folder_by_default_and_says_how_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example(), &dir.path().join("content"));
    let r = run_in(dir.path(), &["build", "--offline", "--today", "2024-06-03"]);
    let stdout = &r.stdout;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("output-offline/index.html").is_file());
    assert!(!dir.path().join("output").exists(), "the site to upload is not replaced");
    assert!(stdout.contains("output-offline") && stdout.contains("index.html"), "{stdout}");
}
