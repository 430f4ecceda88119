//! `bangtin radio --audio`: the bulletin read by espeak-ng lasts about as long as the air time its
//! header estimates, because espeak-ng is given the site's rate and the estimate's own pauses
//! (`airtime::ssml`). The length is measured where espeak-ng is installed; what espeak-ng is
//! given is checked everywhere, with a stand-in program on `PATH`.

mod common;

use std::fs;
use std::path::Path;

use bangtin::content::model::Pauses;
use bangtin::radio::airtime;
use common::*;

const TODAY: &str = "2023-06-15";

/// How far the sound may be from the estimate.
const TOLERANCE: f64 = 0.15;

/// Seconds of a "4 phút 20 giây" / "45 giây" / "2 phút" duration.
fn seconds_of(words: &str) -> f64 {
    let w: Vec<&str> = words.split_whitespace().collect();
    let mut total = 0.0;
    for pair in w.windows(2) {
        match pair[1].trim_end_matches([',', ')', ']', '.', ';']) {
            "phút" => total += pair[0].parse::<f64>().unwrap() * 60.0,
            "giây" => total += pair[0].parse::<f64>().unwrap(),
            _ => {}
        }
    }
    total
}

/// The air time in the bulletin's header, "[Thời lượng ước tính: 5 phút 20 giây, đọc 240 tiếng
/// một phút]", in seconds, and the rate it was estimated at.
fn estimate(text: &str) -> (f64, f64) {
    let line = text.lines().find(|l| l.starts_with("[Thời lượng ước tính:")).expect("air time in the header");
    let (time, rate) = line.split_once(':').unwrap().1.split_once(", đọc ").unwrap();
    let rate = rate.split_whitespace().next().unwrap().parse().unwrap();
    (seconds_of(time), rate)
}

/// The lines to read: everything after the header that is not a bracketed note.
fn spoken(text: &str) -> Vec<&str> {
    text.lines().skip_while(|l| !l.starts_with("[1.")).filter(|l| !l.is_empty() && !l.starts_with('[')).collect()
}

/// Seconds a PCM WAV file plays: its `data` chunk over the `fmt ` chunk's bytes a second.
fn wav_seconds(bytes: &[u8]) -> f64 {
    assert_eq!(&bytes[..4], b"RIFF");
    assert_eq!(&bytes[8..12], b"WAVE");
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
    let (mut at, mut byte_rate) = (12, 0);
    loop {
        let (id, size) = (&bytes[at..at + 4], u32_at(at + 4) as usize);
        if id == b"fmt " {
            byte_rate = u32_at(at + 16);
        } else if id == b"data" {
            assert!(byte_rate > 0, "a fmt chunk before the data");
            let size = size.min(bytes.len() - at - 8);
            return size as f64 / byte_rate as f64;
        }
        at += 8 + size + (size & 1);
    }
}

fn espeak_installed() -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("espeak-ng").is_file()))
}

/// Reads `site`'s bulletin of `today` into a WAV with the real espeak-ng and compares its length with the
/// header's estimate; returns both.
fn measured(site: &Path, today: &str) -> (f64, f64) {
    let dir = tempfile::tempdir().unwrap();
    let (wav, txt) = (dir.path().join("ban-tin.wav"), dir.path().join("ban-tin.txt"));
    let r = run(&["radio", "--content", s(site), "--today", today, "-o", s(&txt), "--audio", s(&wav)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (estimate, _) = estimate(&fs::read_to_string(&txt).unwrap());
    let sound = wav_seconds(&fs::read(&wav).unwrap());
    assert!(r.stderr.contains("Đã đọc bản tin thành tệp âm thanh"), "{}", r.stderr);
    // Written whole: nothing but the two files is left in the folder.
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "{left:?}");
    (estimate, sound)
}

fn within_tolerance(what: &str, estimate: f64, sound: f64) {
    eprintln!("{what}: estimate {estimate:.0} s, WAV {sound:.1} s ({:+.1}%)", (sound / estimate - 1.0) * 100.0);
    assert!(
        (sound - estimate).abs() <= TOLERANCE * estimate,
        "{what}: the WAV lasts {sound:.1} s, the bulletin estimates {estimate:.0} s (more than {:.0}% apart)",
        TOLERANCE * 100.0
    );
}

#[test]
fn the_sound_lasts_as_long_as_the_estimate() {
    if !espeak_installed() {
        eprintln!("espeak-ng is not installed; the audio length test is skipped");
        return;
    }
    for (name, today) in [("003-my-phu-dong", TODAY), ("001-tinh-hiep", "2024-08-20")] {
        let (estimate, sound) = measured(&fixture(name), today);
        within_tolerance(name, estimate, sound);
    }
}

#[test]
fn the_sound_follows_the_sites_rate_and_pauses() {
    if !espeak_installed() {
        eprintln!("espeak-ng is not installed; the audio length test is skipped");
        return;
    }
    // A slow station with long pauses, and a fast one without any: the sound follows both.
    for radio in ["rate: 180, pauses: { sentence: 1.2, comma: 0.5, item: 2 }", "rate: 330, pauses: { item: 0.5 }"] {
        let sc = Scratch::of(&fixture("003-my-phu-dong"));
        sc.edit("site.yaml", "dialect: nam }", &format!("dialect: nam, {radio} }}"));
        let (estimate, sound) = measured(&sc.site(), TODAY);
        within_tolerance(radio, estimate, sound);
    }
}

/// Sum of the `<break time="…ms"/>` of an SSML text, in seconds.
fn breaks(ssml: &str) -> f64 {
    ssml.split("<break time=\"").skip(1).map(|b| b.split_once("ms\"/>").unwrap().0.parse::<f64>().unwrap()).sum::<f64>()
        / 1000.0
}

#[test]
fn the_ssml_of_a_bulletin_pauses_as_the_estimate_does() {
    let r = run(&["radio", "--content", s(&fixture("003-my-phu-dong")), "--today", TODAY]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (estimate, rate) = estimate(&r.stdout);
    let lines = spoken(&r.stdout);
    let pauses = Pauses { sentence: 0.6, comma: 0.3, item: 1.0 };
    let ssml = airtime::ssml(lines.iter().copied(), &pauses);
    assert!(ssml.starts_with("<speak>") && ssml.trim_end().ends_with("</speak>"), "{ssml}");
    // Read at the rate, the words and the breaks take the estimate (which is rounded to the second).
    let words: usize = lines.iter().map(|l| airtime::syllables(l)).sum();
    let total = words as f64 / rate * 60.0 + breaks(&ssml);
    assert!((total - estimate).abs() <= 0.5 + 1e-9, "{total} s against {estimate} s");
    // Each line but the last ends with its own pause and the one between items; its sentences
    // and commas have theirs.
    let opening = ssml.lines().nth(1).unwrap();
    assert!(opening.ends_with("<break time=\"1600ms\"/>"), "{opening}");
    assert!(opening.contains(".<break time=\"600ms\"/> "), "{opening}");
    assert!(opening.contains(",<break time=\"300ms\"/> "), "{opening}");
    assert_eq!(ssml.lines().count(), lines.len() + 2, "one line of SSML for each line read: {ssml}");
}

#[test]
fn the_ssml_escapes_what_content_may_hold() {
    let pauses = Pauses { sentence: 0.6, comma: 0.3, item: 1.0 };
    let ssml = airtime::ssml(["Điện & nước <miễn phí>, “tại” \"nhà\" 'văn hóa'."], &pauses);
    assert_eq!(
        ssml,
        "<speak>\nĐiện &amp; nước &lt;miễn phí&gt;,<break time=\"300ms\"/> “tại” &quot;nhà&quot; \
         &apos;văn hóa&apos;.<break time=\"600ms\"/>\n</speak>\n"
    );
}

/// A stand-in espeak-ng in `dir/bin` that keeps its arguments and input in `dir/seen.*` and
/// writes a tiny WAV; returns the `PATH` that finds it first.
#[cfg(unix)]
fn fake_espeak(dir: &Path) -> std::ffi::OsString {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    fs::create_dir(&bin).unwrap();
    let fake = bin.join("espeak-ng");
    let seen = dir.join("seen");
    fs::write(
        &fake,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{seen}.args'\ncat > '{seen}.in'\nwhile [ \"$1\" != -w ]; do shift; done\n\
             printf 'RIFF\\044\\0\\0\\0WAVEfmt \\020\\0\\0\\0\\001\\0\\001\\0\\042\\126\\0\\0\\104\\254\\0\\0\\002\\0\\020\\0data\\0\\0\\0\\0' > \"$2\"\n",
            seen = seen.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths([bin].into_iter().chain(std::env::split_paths(&path))).unwrap()
}

/// What the command gives espeak-ng, seen through a stand-in that keeps its arguments and input
/// and writes a tiny WAV: runs with or without the real one.
#[cfg(unix)]
#[test]
fn espeak_is_given_the_ssml_at_the_sites_rate() {
    let dir = tempfile::tempdir().unwrap();
    let path = fake_espeak(dir.path());
    let sc = Scratch::of(&fixture("003-my-phu-dong"));
    sc.edit("site.yaml", "dialect: nam }", "dialect: nam, rate: 200, pauses: { sentence: 0.8 } }");
    let wav = dir.path().join("ban-tin.wav");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args(["radio", "--content", s(&sc.site()), "--today", TODAY, "--audio", s(&wav)])
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    let args = fs::read_to_string(dir.path().join("seen.args")).unwrap();
    let args: Vec<&str> = args.lines().collect();
    assert_eq!(&args[..5], ["-v", "vi", "-m", "-s", "131"], "200 syllables a minute is 131 words of espeak-ng");
    let given = fs::read_to_string(dir.path().join("seen.in")).unwrap();
    let pauses = Pauses { sentence: 0.8, comma: 0.3, item: 1.0 };
    assert_eq!(given, airtime::ssml(spoken(&stdout), &pauses));
    assert!(given.contains(".<break time=\"800ms\"/> "), "the site's sentence pause: {given}");
    assert!(fs::read(&wav).unwrap().starts_with(b"RIFF"));
}

/// A named pipe given to `--audio` is written into, as `bangtin radio -o` writes into one: the
/// sound reaches whoever reads the pipe, and the pipe stays a pipe.
#[cfg(unix)]
#[test]
fn audio_into_a_named_pipe_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let path = fake_espeak(dir.path());
    let fifo = dir.path().join("loa.wav");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    let site = fixture("003-my-phu-dong");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bangtin"))
        .args(["radio", "--content", s(&site), "--today", TODAY, "-o", "-", "--audio", s(&fifo)])
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    if !out.status.success() {
        // Lets the reader go before failing.
        let _ = fs::OpenOptions::new().write(true).open(&fifo);
        panic!("{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(reader.join().unwrap().starts_with(b"RIFF"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a named pipe");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 4, "bin, seen.args, seen.in and the pipe, nothing else: {left:?}");
}
