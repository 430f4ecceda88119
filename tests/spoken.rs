//! What the announcer reads: every line of the four real ward plans (`tests/radio/seeds/written/`,
//! copies of the seeds the project started from) through `bangtin radio say`, compared with the
//! reviewed spoken form beside them (`tests/radio/seeds/*.txt`), so that a change in any reading
//! is seen; and a site's own issuer codes read on air.
//!
//! After a reviewed change in the reader, rewrite the expected files with
//! `BANGTIN_BLESS=1 cargo test --test spoken`, then read the diff through as an announcer would.

mod common;

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use common::*;

/// `bangtin radio say -` of `text`, in the northern dialect (the default), one line per line.
fn say(text: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args(["radio", "say", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_line_of_the_seed_plans_is_read_as_reviewed() {
    let dir = repo().join("tests/radio/seeds");
    let mut files: Vec<_> = fs::read_dir(dir.join("written")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 4, "{files:?}");
    let bless = std::env::var_os("BANGTIN_BLESS").is_some();
    let mut differ = Vec::new();
    let mut lines = 0;
    for written in &files {
        let text = fs::read_to_string(written).unwrap();
        let said = say(&text);
        assert_eq!(said.lines().count(), text.lines().count(), "{}: one spoken line per line", written.display());
        lines += text.lines().filter(|l| !l.trim().is_empty()).count();
        let expected = dir.join(written.file_name().unwrap());
        if bless {
            fs::write(&expected, &said).unwrap();
            continue;
        }
        let want = fs::read_to_string(&expected).unwrap_or_else(|e| {
            panic!("{}: {e}; write it with BANGTIN_BLESS=1 cargo test --test spoken", expected.display())
        });
        for (n, ((w, got), line)) in want.lines().zip(said.lines()).zip(text.lines()).enumerate() {
            if w != got {
                differ.push(format!(
                    "{}:{}\n  written  {line}\n  reviewed {w}\n  now      {got}",
                    expected.display(),
                    n + 1
                ));
            }
        }
    }
    assert!(lines > 300, "only {lines} lines in the seeds");
    assert!(
        differ.is_empty(),
        "{} lines of the seeds are read differently from the reviewed text; if intended, run \
         BANGTIN_BLESS=1 cargo test --test spoken and review the diff:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

/// The copies are the seeds, where the seeds are at hand (beside the repository).
#[test]
fn the_written_copies_are_the_seeds() {
    let seeds = repo().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("{} is not here; the copies are checked where it is", seeds.display());
        return;
    }
    let mut originals: Vec<String> = fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    let mut copies: Vec<String> = fs::read_dir(repo().join("tests/radio/seeds/written"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    originals.sort();
    copies.sort();
    assert!(originals == copies, "tests/radio/seeds/written/ no longer holds the seeds of {}", seeds.display());
}

/// A site names its own issuers in `site.yaml`; a news item citing their document is read with
/// the issuer's name, and `radio say --content` reads with them too.
#[test]
fn a_sites_own_issuers_are_read_on_air() {
    let sc = Scratch::of(&example());
    sc.edit(
        "site.yaml",
        "radio: { station: \"Đài truyền thanh Phường 3\", dialect: nam }",
        "radio:\n  station: \"Đài truyền thanh Phường 3\"\n  dialect: nam\n  issuers:\n    SVHTT: \"Sở Văn hóa và Thể thao\"\n",
    );
    sc.edit(
        "news/2024-05-20-kenh-zalo-chinh-thuc.md",
        "summary: \"Người dân, doanh nghiệp có thể",
        "summary: \"Thực hiện Kế hoạch số 12/KH-SVHTT ngày 3/5/2024./. Người dân, doanh nghiệp có thể",
    );
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let txt = read(&sc.out(), "phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt");
    assert!(
        txt.contains(
            "Thực hiện Kế hoạch số mười hai của Sở Văn hóa và Thể thao ngày ba tháng năm năm hai ngàn không trăm hai mươi bốn. Người dân"
        ),
        "{txt}"
    );
    let r = run(&["radio", "say", "--content", s(&sc.site()), "Công văn 7/SVHTT-VP; số 8/KH-SVHTT"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.trim(),
        "Công văn bảy của Sở Văn hóa và Thể thao, Văn phòng; số tám, kế hoạch của Sở Văn hóa và Thể thao"
    );
    // Without the site, the code is spelled: the table is the site's.
    let r = run(&["radio", "say", "số 8/KH-SVHTT"]);
    assert_eq!(r.stdout.trim(), "số tám, kế hoạch của ét vê hát tê tê");
}
