//! Helpers shared by the integration tests: copy a site, run the real `bangtin` binary on it,
//! and read what it wrote.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example() -> PathBuf {
    repo().join("content")
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A scratch copy of a site, with room for an output folder beside it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn of(site: &Path) -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(site, &dir.path().join("site"));
        Scratch { dir }
    }

    pub fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.site().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.file(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// `n` short news items, one a day from 1 January 2024 ("Tin số 0" onwards): older than
    /// the example's own news and reports.
    pub fn add_daily_news(&self, n: i64) {
        for i in 0..n {
            let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(i);
            self.write(
                &format!("news/{}-tin-so-{i:02}.md", day.format("%Y-%m-%d")),
                &format!("---\ntitle: \"Tin số {i}\"\n---\nBà con lưu ý thông báo số {i}.\n"),
            );
        }
    }

    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let p = self.file(rel);
        let text = fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        fs::write(p, text.replacen(from, to, 1)).unwrap();
    }

    pub fn build(&self, today: &str) -> Run {
        run(&["build", "--content", s(&self.site()), "--out", s(&self.out()), "--today", today])
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Whether bangtin takes its portable path (`src/sys.rs`): off Linux, or with
/// `BANGTIN_PORTABLE` set, which the binaries the tests run inherit.
#[allow(dead_code)]
pub fn portable() -> bool {
    !cfg!(target_os = "linux") || std::env::var_os("BANGTIN_PORTABLE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Runs bangtin. Its messages name files with the system's separator (`plans\\x.md` on
/// Windows, as the officer's Explorer does); the tests read them with `/`, on every system.
/// [`run_raw`] keeps them as written, for the tests of the separator itself.
pub fn run(args: &[&str]) -> Run {
    let r = run_raw(args);
    Run { code: r.code, stdout: slashed(r.stdout), stderr: slashed(r.stderr) }
}

/// A message as the tests read it: with `/` between the parts of a path, on Windows too.
#[allow(dead_code)]
pub fn slashed(text: impl Into<String>) -> String {
    let text = text.into();
    if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text
    }
}

/// [`run`] with its output as bangtin wrote it.
pub fn run_raw(args: &[&str]) -> Run {
    launch(Command::new(env!("CARGO_BIN_EXE_bangtin")).args(args))
}

/// [`run`] from the folder `dir`, as an officer runs it from the site's folder (`content/` and
/// `output/` by default, files named relative to it).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let r = run_raw_in(dir, args);
    Run { code: r.code, stdout: slashed(r.stdout), stderr: slashed(r.stderr) }
}

/// [`run_in`] with its output as bangtin wrote it.
pub fn run_raw_in(dir: &Path, args: &[&str]) -> Run {
    launch(Command::new(env!("CARGO_BIN_EXE_bangtin")).args(args).current_dir(dir))
}

fn launch(cmd: &mut Command) -> Run {
    let out: Output = cmd.env("NO_COLOR", "1").output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir` with its bytes, for "nothing changed" and determinism checks.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, fs::read(entry.path()).unwrap());
        }
    }
    out
}

pub fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Text of an HTML page with tags removed and whitespace collapsed, so assertions read like
/// what a resident sees.
pub fn visible(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The interpreter with the PyPI clients (`icalendar`, `feedparser`): `scripts/test` installs
/// them and names it in `BANGTIN_PYTHON`, and sets `BANGTIN_REQUIRE_PY` so its absence fails
/// the run. A plain `cargo test` without either skips, saying loudly what was not checked.
pub fn python(unchecked: &str) -> Option<String> {
    match std::env::var("BANGTIN_PYTHON") {
        Ok(p) if !p.is_empty() => Some(p),
        _ if std::env::var_os("BANGTIN_REQUIRE_PY").is_some() => {
            panic!("BANGTIN_REQUIRE_PY is set but BANGTIN_PYTHON is not: run `bash scripts/test`")
        }
        _ => {
            skipped(unchecked, "BANGTIN_PYTHON is not set");
            None
        }
    }
}

/// `xmllint`, which `scripts/test` installs (and then requires through `BANGTIN_REQUIRE_XMLLINT`).
pub fn xmllint(unchecked: &str) -> Option<&'static str> {
    let found = Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
    match found {
        true => Some("xmllint"),
        false if std::env::var_os("BANGTIN_REQUIRE_XMLLINT").is_some() => {
            panic!("BANGTIN_REQUIRE_XMLLINT is set but xmllint is not installed: run `bash scripts/test`")
        }
        false => {
            skipped(unchecked, "xmllint is not installed");
            None
        }
    }
}

fn skipped(what: &str, why: &str) {
    eprintln!(
        "\n**********************************************************************\n\
         SKIPPED: {what}.\n{why}; `bash scripts/test` sets it up and runs this.\n\
         **********************************************************************\n"
    );
}
