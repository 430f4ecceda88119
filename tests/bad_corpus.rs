//! The bad-input corpus in `tests/bad/`: each case is a small change to a copy of the example
//! site (described in `tests/bad/README.md`) and the Vietnamese messages the build must print.
//! Every broken case must exit with 1, print them, never panic or hang, and leave the previous
//! output exactly as it was; every `expect-ok` case (BOM, CRLF, NFD, very long lines…) must
//! build, with what it names in the output.
//!
//! Unix only: the cases write file names Windows cannot hold, which is what they are about.
#![cfg(unix)]

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Far longer than any case takes, even on two cores at load 10 (the slowest case takes a few
/// seconds there); a build still running then is a hang.
const HANG: Duration = Duration::from_secs(600);
/// Messages stay readable: a 1 MB line must not be echoed back whole.
const MAX_STDERR: usize = 32 * 1024;

/// `\n`, `\t`, `\r`, `\\`, `\xNN` (a raw byte, so invalid UTF-8 can be written), `\u{…}`, `\e`.
fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match it.next() {
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('r') => out.push(b'\r'),
            Some('e') => out.push(0x1b),
            Some('\\') => out.push(b'\\'),
            Some('x') => {
                let hex: String = it.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).unwrap_or_else(|_| panic!("bad \\x{hex}")));
            }
            Some('u') => {
                assert_eq!(it.next(), Some('{'));
                let hex: String = it.by_ref().take_while(|c| *c != '}').collect();
                let c = char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap();
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            other => panic!("unknown escape \\{other:?} in {s:?}"),
        }
    }
    out
}

fn path_of(site: &Path, escaped: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    site.join(std::ffi::OsStr::from_bytes(&unescape(escaped)))
}

/// Applies one case's `files/` and `setup` to the copy of the example in `site`.
fn prepare(case: &Path, root: &Path, site: &Path) {
    if case.join("files").is_dir() {
        copy_dir(&case.join("files"), site);
    }
    let Ok(setup) = fs::read_to_string(case.join("setup")) else { return };
    for line in setup.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (cmd, rest) = line.split_once(' ').unwrap_or((line, ""));
        let (arg, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        let p = path_of(site, arg);
        let read = |p: &Path| fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        match cmd {
            "delete" => fs::remove_file(&p).unwrap(),
            "copy" => {
                fs::copy(&p, path_of(site, tail)).unwrap();
            }
            "write" => {
                fs::create_dir_all(p.parent().unwrap()).unwrap();
                fs::write(&p, unescape(tail)).unwrap();
            }
            "append" => {
                let mut b = read(&p);
                b.extend(unescape(tail));
                fs::write(&p, b).unwrap();
            }
            "fill" => {
                // fill PATH COUNT UNIT: UNIT appended COUNT times.
                let (count, unit) = tail.split_once(' ').unwrap();
                let mut b = if p.exists() { read(&p) } else { Vec::new() };
                b.extend(unescape(unit).repeat(count.parse().unwrap()));
                fs::write(&p, b).unwrap();
            }
            "edit" => {
                let (from, to) = tail.split_once(" => ").unwrap();
                let text = String::from_utf8(read(&p)).unwrap();
                let from = String::from_utf8(unescape(from)).unwrap();
                assert!(text.contains(&from), "{}: {arg} has no {from:?}", case.display());
                let to = String::from_utf8(unescape(to)).unwrap();
                fs::write(&p, text.replacen(&from, &to, 1)).unwrap();
            }
            "crlf" => fs::write(&p, String::from_utf8(read(&p)).unwrap().replace('\n', "\r\n")).unwrap(),
            "bom" => fs::write(&p, [b"\xef\xbb\xbf".as_slice(), &read(&p)].concat()).unwrap(),
            "nfd" => {
                use unicode_normalization::UnicodeNormalization;
                let nfd: String = String::from_utf8(read(&p)).unwrap().nfd().collect();
                fs::write(&p, nfd).unwrap();
            }
            "big" => {
                // big PATH BYTES: a file of that size, front matter first for a Markdown file.
                let size: usize = tail.parse().unwrap();
                let mut b = if arg.ends_with(".md") { b"---\ntitle: \"x\"\n---\n".to_vec() } else { Vec::new() };
                let line = format!("{}\n", "a".repeat(99));
                while b.len() < size {
                    b.extend_from_slice(line.as_bytes());
                }
                fs::write(&p, b).unwrap();
            }
            "fifo" => {
                let status = Command::new("mkfifo").arg(&p).status().expect("mkfifo");
                assert!(status.success(), "mkfifo {}", p.display());
            }
            "symlink" => {
                // symlink PATH TARGET: TARGET (relative to the case's scratch folder) is made.
                let target = root.join(tail);
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::write(&target, "BÍ MẬT\n").unwrap();
                std::os::unix::fs::symlink(&target, &p).unwrap();
            }
            other => panic!("{}: unknown setup command {other}", case.display()),
        }
    }
}

/// Runs `bangtin` with its arguments, killing it if it has not finished within [`HANG`].
fn run_bounded(args: &[&str]) -> Result<Run, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {HANG:?}: a hang"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok(Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&t_out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap()).into_owned(),
    })
}

fn lines(p: &Path) -> Vec<String> {
    fs::read_to_string(p)
        .map(|t| {
            t.lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| String::from_utf8(unescape(l)).unwrap())
                .collect()
        })
        .unwrap_or_default()
}

/// What is wrong with one case's outcome, if anything.
fn check_case(case: &Path, base_out: &Path, base: &std::collections::BTreeMap<String, Vec<u8>>) -> Result<(), String> {
    let scratch = tempfile::tempdir().unwrap();
    let (site, out) = (scratch.path().join("site"), scratch.path().join("out"));
    copy_dir(&example(), &site);
    copy_dir(base_out, &out);
    prepare(case, scratch.path(), &site);
    let args = ["build", "--content", s(&site), "--out", s(&out), "--today", "2024-06-03"];
    let r = run_bounded(&args)?;
    if let Some(dump) = std::env::var_os("BANGTIN_BAD_DUMP") {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        fs::create_dir_all(&dump).unwrap();
        fs::write(Path::new(&dump).join(format!("{name}.txt")), format!("exit {}\n{}", r.code, r.stderr)).unwrap();
    }
    let said = format!("exit {}\n--- stderr:\n{}", r.code, r.stderr.chars().take(4000).collect::<String>());
    if r.stderr.contains("panicked") || r.code == 101 {
        return Err(format!("panicked: {said}"));
    }
    if r.stderr.len() > MAX_STDERR {
        return Err(format!("{} bytes of messages: {said}", r.stderr.len()));
    }
    for not in lines(&case.join("expect-not.txt")) {
        if r.stderr.contains(&not) {
            return Err(format!("says {not:?}, which it must not: {said}"));
        }
    }
    if case.join("expect-ok").exists() {
        if r.code != 0 {
            return Err(format!("expected a build: {said}"));
        }
        for l in lines(&case.join("expect-ok")) {
            if l == "nfc" {
                for (p, bytes) in snapshot(&out) {
                    let text = String::from_utf8_lossy(&bytes);
                    if (p.ends_with(".html") || p.ends_with(".txt")) && !unicode_normalization::is_nfc(&text) {
                        return Err(format!("{p} is not NFC"));
                    }
                }
                continue;
            }
            let (file, want) = l.split_once(' ').unwrap_or_else(|| panic!("bad expect-ok line {l:?}"));
            let text = fs::read_to_string(out.join(file)).map_err(|e| format!("{file}: {e}"))?;
            match want.strip_prefix('!') {
                Some(not) if text.contains(not) => return Err(format!("{file} contains {not:?}")),
                Some(_) => {}
                None if !text.contains(want) => return Err(format!("{file} lacks {want:?}")),
                None => {}
            }
        }
        return Ok(());
    }
    let expected = lines(&case.join("expect.txt"));
    if expected.is_empty() {
        return Err("neither expect.txt nor expect-ok".into());
    }
    if r.code != 1 {
        return Err(format!("expected exit 1: {said}"));
    }
    for e in &expected {
        if !r.stderr.contains(e.as_str()) {
            return Err(format!("missing {e:?}: {said}"));
        }
    }
    if !r.stderr.contains("được giữ nguyên như trước") {
        return Err(format!("does not say the output was kept: {said}"));
    }
    if &snapshot(&out) != base {
        return Err("the previous output changed".into());
    }
    let beside: Vec<String> = fs::read_dir(scratch.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out."))
        .collect();
    if !beside.is_empty() {
        return Err(format!("left {beside:?} beside the output"));
    }
    // `check` finds the same first problem without writing anything.
    let c = run_bounded(&["check", "--content", s(&site), "--today", "2024-06-03"])?;
    if c.code != 1 || !c.stderr.contains(expected[0].as_str()) {
        return Err(format!("check: exit {} without {:?}:\n{}", c.code, expected[0], c.stderr));
    }
    Ok(())
}

#[test]
fn every_case_of_the_bad_input_corpus() {
    let scratch = tempfile::tempdir().unwrap();
    let base_out = scratch.path().join("out");
    let r = run(&["build", "--content", s(&example()), "--out", s(&base_out), "--today", "2024-06-03"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let base = snapshot(&base_out);
    let mut cases: Vec<PathBuf> =
        fs::read_dir(repo().join("tests/bad")).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    let only = std::env::var("BANGTIN_BAD_CASE").unwrap_or_default();
    cases.retain(|c| c.file_name().unwrap().to_string_lossy().contains(&only));
    let good = cases.iter().filter(|c| c.join("expect-ok").exists()).count();
    let bad = cases.len() - good;
    // Two at a time: each case is two runs of the debug binary.
    let failures = std::sync::Mutex::new(Vec::new());
    let took = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(case) = cases.get(i) else { break };
                let name = case.file_name().unwrap().to_string_lossy().into_owned();
                let started = Instant::now();
                if let Err(e) = check_case(case, &base_out, &base) {
                    failures.lock().unwrap().push(format!("tests/bad/{name}: {e}"));
                }
                took.lock().unwrap().push((started.elapsed(), name));
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    let mut took = took.into_inner().unwrap();
    took.sort();
    eprintln!("bad-input corpus: {bad} broken cases, {good} accepted cases");
    // What a loaded machine is measured by (HANG is far above it).
    for (t, name) in took.iter().rev().take(3) {
        eprintln!("  slow: {name} took {:.1} s (build and check)", t.as_secs_f64());
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), bad + good, failures.join("\n\n"));
    if only.is_empty() {
        assert!(bad >= 40, "only {bad} broken cases");
    }
}
