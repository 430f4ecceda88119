//! A build killed at any moment leaves the output folder exactly as the previous build wrote it
//! or exactly as the new one would, never a mix, and whatever temporary folder it left beside
//! the output is removed by the next build or kept as its spare. Every build after the second
//! writes over the spare (the site before the previous one, or what a killed build left), so the
//! same run checks that a site written over an old one is exactly the site.
//!
//! The site is the example with 800 copies of a guide and of a news item (about 2,400 pages,
//! 2,500 files, 40 MB), so the write takes long enough to be interrupted in the middle. The
//! build is timed first; then it is killed with SIGKILL at points drawn from a fixed seed: a
//! third anywhere in the build, a third while files are written, a third after the new site has
//! taken the old one's place, while the old one is set aside.
//!
//! `bash scripts/test` runs this against the release binary (`BANGTIN_CRASH_BIN`), as officers
//! run it; a plain `cargo test` uses the much slower debug binary on a smaller site. It runs it
//! twice: once as Linux builds, once on the portable path Windows and macOS take
//! (`BANGTIN_PORTABLE=1`, `src/sys.rs`), where the swap is two renames and a build killed
//! between them leaves the previous site whole beside the output, for the next build to put back.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const KILLS: usize = 21;

fn binary() -> (PathBuf, usize) {
    match std::env::var_os("BANGTIN_CRASH_BIN") {
        Some(p) if !p.is_empty() => (PathBuf::from(p), 800),
        _ => {
            eprintln!("crash_safety: BANGTIN_CRASH_BIN is not set; using the debug binary on a smaller site");
            (PathBuf::from(env!("CARGO_BIN_EXE_bangtin")), 120)
        }
    }
}

/// The example with `copies` more guides and news items; news dated long before the campaign so
/// no radio bulletin has to read them all.
fn generate(site: &Path, copies: usize) {
    copy_dir(&example(), site);
    let guide = fs::read_to_string(site.join("guides/kich-hoat-vneid.md")).unwrap();
    let news = fs::read_to_string(site.join("news/2024-05-20-kenh-zalo-chinh-thuc.md")).unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
    for i in 0..copies {
        fs::write(site.join(format!("guides/kich-hoat-vneid-{i}.md")), &guide).unwrap();
        let day = first + chrono::Duration::days(i as i64);
        fs::write(site.join(format!("news/{day}-tin-{i}.md")), &news).unwrap();
    }
}

/// Every file under `dir`, by path, as a hash of its bytes.
fn digest(dir: &Path) -> BTreeMap<String, u64> {
    snapshot(dir)
        .into_iter()
        .map(|(p, bytes)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (p, h.finish())
        })
        .collect()
}

/// Temporary siblings of the output folder; the spare is not one.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.bangtin-") && n != ".out.bangtin-du-tru")
        .collect();
    v.sort();
    v
}

fn build_args<'a>(site: &'a Path, out: &'a Path) -> [&'a str; 8] {
    ["build", "--content", s(site), "--out", s(out), "--today", "2024-06-03", "-q"]
}

/// When, in a whole build, files start to be written, the new site takes the output's place,
/// and the build ends.
struct Phases {
    writing: Duration,
    swapped: Duration,
    total: Duration,
}

fn inode(p: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(p).ok().map(|m| m.ino())
}

/// Runs a whole build, watching the output folder's siblings and its identity.
fn timed_build(bin: &Path, dir: &Path, site: &Path, out: &Path) -> Phases {
    let before = inode(out);
    let started = Instant::now();
    let mut child =
        Command::new(bin).args(build_args(site, out)).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let (mut writing, mut swapped) = (None, None);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the reference build failed: {status}");
            break;
        }
        if writing.is_none() && dir.join(format!(".out.bangtin-moi-{}", child.id())).exists() {
            writing = Some(started.elapsed());
        }
        if swapped.is_none() && inode(out) != before {
            swapped = Some(started.elapsed());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let total = started.elapsed();
    Phases { writing: writing.unwrap_or(total), swapped: swapped.unwrap_or(total), total }
}

/// Polls until `cond` holds or the build has ended; whether it held.
fn wait_for(child: &mut std::process::Child, cond: impl Fn() -> bool) -> bool {
    loop {
        if cond() {
            return true;
        }
        if child.try_wait().ok().flatten().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// A small deterministic generator: the kill points are the same on every run.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one_and_no_leftovers() {
    let (bin, copies) = binary();
    let dir = tempfile::tempdir().unwrap();
    let (site_a, site_b, out) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("out"));
    generate(&site_a, copies);
    copy_dir(&site_a, &site_b);
    let config = fs::read_to_string(site_b.join("site.yaml")).unwrap();
    fs::write(site_b.join("site.yaml"), config.replacen("title: \"", "title: \"Bản mới — ", 1)).unwrap();
    // The sites live beside the output; only the output's own siblings are watched.
    let work = dir.path();

    timed_build(&bin, work, &site_a, &out);
    let ref_a = digest(&out);
    // Into an output folder that holds a site, like every build after the first.
    let p = timed_build(&bin, work, &site_b, &out);
    let ref_b = digest(&out);
    assert!(ref_a.len() > copies * 3, "{} files", ref_a.len());
    assert_ne!(ref_a, ref_b);
    eprintln!(
        "crash_safety: {} files; a build takes {:.2} s: writing from {:.2} s, the new site in place at {:.2} s",
        ref_b.len(),
        p.total.as_secs_f64(),
        p.writing.as_secs_f64(),
        p.swapped.as_secs_f64(),
    );

    let mut rng = Rng(0x6261_6e67_7469_6e21);
    let mut current = 'b';
    let (mut old, mut new, mut in_write, mut between) = (0, 0, 0, 0);
    for i in 0..KILLS {
        let (next, site) = if current == 'a' { ('b', &site_b) } else { ('a', &site_a) };
        let before = inode(&out);
        let started = Instant::now();
        let mut child = Command::new(&bin)
            .args(build_args(site, &out))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let tmp = work.join(format!(".out.bangtin-moi-{}", child.id()));
        // A third anywhere in the build; a third once files are being written, a third once the
        // new site is in place and the previous one is being set aside. The last two wait for
        // their phase to begin, so a build that runs slower than the timed one is still caught
        // in it, then let a seeded share of that phase's measured length pass.
        let (phase_began, length) = match i % 3 {
            0 => (true, p.total),
            1 => (wait_for(&mut child, || tmp.exists()), p.swapped.saturating_sub(p.writing)),
            _ => (wait_for(&mut child, || inode(&out) != before), p.total.saturating_sub(p.swapped)),
        };
        if phase_began {
            std::thread::sleep(length.mul_f64(rng.unit()));
        }
        let at = started.elapsed();
        if tmp.exists() {
            in_write += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let mut now = digest(&out);
        if portable() && !out.exists() {
            // Killed between the two renames of the portable swap: the previous site waits, whole,
            // as the `…-cu-…` sibling, and the next build puts it back.
            let old = leftovers(work).into_iter().find(|n| n.starts_with(".out.bangtin-cu-"));
            let old = old.unwrap_or_else(|| panic!("kill {i}: no output and no previous site beside it"));
            now = digest(&work.join(old));
            between += 1;
        }
        let (was, will) = if current == 'a' { (&ref_a, &ref_b) } else { (&ref_b, &ref_a) };
        if &now == was {
            old += 1;
        } else if &now == will {
            new += 1;
            current = next;
        } else {
            let differ = now.iter().filter(|(p, h)| was.get(*p) != Some(h) && will.get(*p) != Some(h)).count();
            panic!(
                "kill {i} at {:.3} s left a mix: {} files, {differ} matching neither build; beside: {:?}",
                at.as_secs_f64(),
                now.len(),
                leftovers(work)
            );
        }
    }
    eprintln!(
        "crash_safety: {KILLS} kills, {in_write} while writing; {old} left the previous site ({between} of them \
         between the portable swap's renames), {new} the new one"
    );
    assert!(in_write >= KILLS / 3, "too few kills landed while files were written: {in_write}");
    assert!(new >= KILLS / 6, "too few kills landed after the swap: {new}");

    // The next build removes whatever the killed ones left beside the output, and writes over
    // the spare whatever it held.
    let r = Command::new(&bin).args(build_args(&site_a, &out)).output().unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert_eq!(digest(&out), ref_a);
    assert_eq!(leftovers(work), Vec::<String>::new());
    if portable() {
        assert!(!work.join(".out.bangtin-du-tru").exists(), "the portable path keeps no spare");
    } else {
        assert!(work.join(".out.bangtin-du-tru/.bangtin").is_file(), "the site before is kept as the spare");
    }
}
