//! `bangtin radio`: the loudspeaker bulletin of a day as plain text (and, with espeak-ng, as
//! sound), and `bangtin radio say`, the spoken form of any text.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{ExitCode, Stdio};

use bangtin::content::model::Site;
use bangtin::output::FileTarget;
use bangtin::radio::{airtime, bulletin};
use bangtin::speech::{Dialect, Speaker};
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(clap::Args)]
#[command(
    override_usage = "bangtin radio [--content THƯ_MỤC] [--today NĂM-THÁNG-NGÀY] [--date NĂM-THÁNG-NGÀY] [--plan KẾ_HOẠCH] [-o TỆP] [--dialect bac|nam] [--max-minutes PHÚT] [--audio TỆP.wav]\n           bangtin radio say CHỮ…|-",
    after_help = "Bản tin viết sẵn cách đọc: số, ngày, giờ, chữ viết tắt đều ghi bằng chữ. Dòng trong ngoặc vuông là ghi chú, không đọc.\nVí dụ:\n  bangtin radio --date 2023-06-14 -o ban-tin.txt\n  bangtin radio say \"Hạn chót 30/6/2023, còn 1.057 hộ\"\n  bangtin radio say - < thong-bao.txt"
)]
pub struct RadioArgs {
    /// Thư mục nội dung (có site.yaml); mặc định: content
    #[arg(long, value_name = "THƯ_MỤC", default_value = "content", hide_default_value = true, global = true)]
    content: PathBuf,
    /// Ngày “hôm nay” (NĂM-THÁNG-NGÀY); mặc định là ngày hiện tại
    #[arg(long, value_name = "NĂM-THÁNG-NGÀY", value_parser = parse_date)]
    today: Option<NaiveDate>,
    /// Ngày phát bản tin (NĂM-THÁNG-NGÀY); mặc định là hôm nay (--today). Số liệu lấy từ báo cáo gần nhất không sau ngày đó
    #[arg(long, value_name = "NĂM-THÁNG-NGÀY", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Kế hoạch (tên tệp trong plans/, không có .md); mặc định là current_plan trong site.yaml
    #[arg(long, value_name = "KẾ_HOẠCH")]
    plan: Option<String>,
    /// Ghi bản tin vào tệp này thay vì in ra màn hình (“-” là màn hình); ống dẫn hay thiết bị như /dev/null được ghi vào, không bị thay
    #[arg(short = 'o', long = "out", value_name = "TỆP")]
    out: Option<PathBuf>,
    /// Cách đọc số: bac (nghìn, linh) hoặc nam (ngàn, lẻ); mặc định theo site.yaml
    #[arg(long, value_name = "bac|nam", value_parser = parse_dialect, global = true)]
    dialect: Option<Dialect>,
    /// Rút gọn bản tin cho vừa số phút này, bỏ phần ít cần nhất trước
    #[arg(long, value_name = "PHÚT", value_parser = parse_minutes)]
    max_minutes: Option<f64>,
    /// Đọc bản tin thành tệp âm thanh WAV bằng espeak-ng (phải cài sẵn)
    #[arg(long, value_name = "TỆP.wav")]
    audio: Option<PathBuf>,
    #[command(subcommand)]
    action: Option<RadioAction>,
}

#[derive(Subcommand)]
enum RadioAction {
    /// In cách đọc của một đoạn chữ; “-” để đọc từng dòng từ đầu vào chuẩn
    #[command(
        override_usage = "bangtin radio say CHỮ… [--dialect bac|nam] [--content THƯ_MỤC]\n           bangtin radio say - [--dialect bac|nam] [--content THƯ_MỤC]",
        after_help = "Ví dụ:\n  bangtin radio say \"Họp lúc 7h30, thứ Hai 15/6\"\n  echo \"UBND xã\" | bangtin radio say -"
    )]
    Say {
        /// Đoạn chữ cần chuyển sang cách đọc, hoặc “-” để đọc từ đầu vào chuẩn; đoạn chữ bắt đầu bằng “-” thì viết sau “--”
        #[arg(required = true, num_args = 1.., allow_negative_numbers = true, value_name = "CHỮ")]
        text: Vec<String>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    bangtin::content::source::parse_date(s)
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    Dialect::parse(s).ok_or_else(|| "chỉ dùng bac (giọng Bắc) hoặc nam (giọng Nam)".to_string())
}

fn parse_minutes(s: &str) -> Result<f64, String> {
    match s.trim().replace(',', ".").parse::<f64>() {
        Ok(m) if m.is_finite() && m > 0.0 && m <= 600.0 => Ok(m),
        _ => Err("cần một số phút lớn hơn 0, ví dụ 5 hoặc 4,5".to_string()),
    }
}

pub fn run(args: RadioArgs) -> ExitCode {
    match &args.action {
        Some(RadioAction::Say { text }) => say(&args, text),
        None => bulletin_command(&args),
    }
}

/// The dialect and lexicon of the site in `--content`, if there is one there: `say` is also for
/// an announcer's own notices, with no site at hand.
fn speaker_for_say(args: &RadioArgs) -> Result<Speaker, ExitCode> {
    match bangtin::content::load_config(&args.content) {
        Ok(Some(c)) => Ok(c.radio.speaker(args.dialect)),
        Ok(None) => Ok(Speaker::new(args.dialect.unwrap_or(Dialect::Bac), &Default::default())),
        Err(d) => {
            eprint!("{d}");
            eprintln!("Không đọc được {}; hãy sửa các lỗi trên.", args.content.join("site.yaml").display());
            Err(ExitCode::from(1))
        }
    }
}

fn say(args: &RadioArgs, text: &[String]) -> ExitCode {
    let sp = match speaker_for_say(args) {
        Ok(sp) => sp,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let print = |out: &mut std::io::StdoutLock, line: &str| -> std::io::Result<()> {
        writeln!(out, "{line}")?;
        out.flush()
    };
    if text != ["-"] {
        let spoken = sp.say(&bangtin::text::nfc(&text.join(" ")));
        return match print(&mut out, &spoken) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => quiet_if_closed(e),
        };
    }
    // Line by line, flushed, so an announcer's tool can pipe notices in and read each at once.
    let stdin = std::io::stdin();
    for (i, line) in stdin.lock().lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                eprintln!("lỗi: dòng {} của đầu vào không phải văn bản UTF-8", i + 1);
                return ExitCode::from(1);
            }
            Err(e) => {
                eprintln!("lỗi: không đọc được đầu vào: {}", bangtin::diag::io_vi(&e));
                return ExitCode::from(1);
            }
        };
        let line = line.strip_suffix('\r').unwrap_or(&line);
        // `say` keeps one line per line; an empty line stays an empty line.
        let spoken = sp.say(&bangtin::text::nfc(line));
        if let Err(e) = print(&mut out, spoken.lines().next().unwrap_or("")) {
            return quiet_if_closed(e);
        }
    }
    ExitCode::SUCCESS
}

/// A reader that stops early (`| head`) is not an error.
fn quiet_if_closed(e: std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ExitCode::SUCCESS
    } else {
        eprintln!("lỗi: không ghi được ra màn hình: {}", bangtin::diag::io_vi(&e));
        ExitCode::from(1)
    }
}

/// The plan asked for, else `current_plan`, else the latest.
fn pick_plan<'a>(site: &'a Site, asked: Option<&str>) -> Result<&'a bangtin::content::model::Plan, ExitCode> {
    let slugs: Vec<&str> = site.plans.iter().map(|p| p.slug.as_str()).collect();
    match asked {
        Some(slug) => site.plan(slug).ok_or_else(|| {
            eprintln!("lỗi: không có kế hoạch “{slug}” trong plans/");
            eprintln!("  cần:     tên một tệp trong plans/ (không có .md): {}", slugs.join(", "));
            if let Some(h) = bangtin::text::did_you_mean(slug, slugs.iter().copied()) {
                eprintln!("  gợi ý:   {h}");
            }
            ExitCode::from(2)
        }),
        None => {
            site.config.current_plan.as_deref().and_then(|s| site.plan(s)).or_else(|| site.plans.first()).ok_or_else(
                || {
                    eprintln!("lỗi: chưa có kế hoạch nào trong plans/, nên chưa có gì để phát thanh");
                    ExitCode::from(1)
                },
            )
        }
    }
}

fn bulletin_command(args: &RadioArgs) -> ExitCode {
    let today = args.today.unwrap_or_else(bangtin::today_local);
    let site = match bangtin::content::load(&args.content, today) {
        Ok(s) => s,
        Err(d) => {
            eprintln!("{}", bangtin::Error::Content(d));
            eprintln!("Chưa viết được bản tin; hãy sửa các lỗi trên.");
            return ExitCode::from(1);
        }
    };
    let plan = match pick_plan(&site, args.plan.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let espeak = match &args.audio {
        None => None,
        Some(_) => match find_on_path("espeak-ng") {
            Some(p) => Some(p),
            None => {
                eprintln!("lỗi: không tìm thấy chương trình espeak-ng, nên không đọc được bản tin thành tệp âm thanh.");
                eprintln!("  cần:     cài espeak-ng rồi chạy lại; trên Ubuntu hoặc Debian: sudo apt install espeak-ng");
                eprintln!("  gợi ý:   bỏ --audio để chỉ viết bản tin dạng văn bản");
                return ExitCode::from(1);
            }
        },
    };
    // The air day: progress as the latest report on or before it gives it, the news of the
    // fortnight up to it, the events after it.
    let date = args.date.unwrap_or(today);
    let cfg = &site.config.radio;
    let sp = cfg.speaker(args.dialect);
    let mut b = bulletin::compose(&site, plan, date, &sp);
    if let Some(minutes) = args.max_minutes {
        let limit = airtime::duration(minutes * 60.0);
        let left_out = bulletin::trim(&mut b, minutes * 60.0);
        if !left_out.is_empty() {
            eprintln!("Bản tin đã được rút gọn cho vừa {limit}; đã bỏ (phần ít cần nhất bỏ trước):");
            for l in &left_out {
                eprintln!("  - {l}");
            }
        }
        if b.seconds > minutes * 60.0 {
            eprintln!(
                "cảnh báo: bản tin vẫn dài khoảng {}, quá {limit}; phần mở đầu, sự kiện gần nhất và phần kết không được bỏ.",
                airtime::duration(b.seconds)
            );
        } else if !left_out.is_empty() {
            eprintln!("Thời lượng còn lại: khoảng {}.", airtime::duration(b.seconds));
        }
    }
    let text = bulletin::text(&b);
    // `-o -` is the screen (standard output), as for most commands that write a file.
    match args.out.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            if let Err(e) = bangtin::output::write_file(path, text.as_bytes()) {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
            println!(
                "Đã ghi bản tin ngày {} (khoảng {}) vào {}.",
                bangtin::format::date(b.date),
                airtime::duration(b.seconds),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                return quiet_if_closed(e);
            }
        }
    }
    match (espeak, &args.audio) {
        (Some(program), Some(wav)) => audio(&program, wav, &b),
        _ => ExitCode::SUCCESS,
    }
}

/// A program on `PATH`, the way a shell would find it.
fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file() || p.with_extension("exe").is_file()
}

/// espeak-ng's `-s` is English words a minute, and an English word is longer than a Vietnamese
/// syllable, so espeak-ng reads more syllables a minute than `-s` says. Measured with espeak-ng
/// 1.51 (Debian), voice `vi`, on the bulletins of `content/` and of the three fixtures (769 to
/// 1,016 syllables each) written as [`airtime::ssml`] writes them, at `-s` 110, 130, 157, 190
/// and 230: the WAV's length less its breaks gave 1.50 to 1.55 syllables a minute for each word
/// of `-s`, 1.53 on average, at every speed. (Read plainly, with no breaks and no punctuation,
/// it is 1.58: the clauses the breaks make take a little longer.)
const ESPEAK_SYLLABLES_PER_WORD: f64 = 1.53;
/// The speeds espeak-ng reads at, in its words a minute: it reads any slower speed at 80.
const ESPEAK_WPM: (f64, f64) = (80.0, 450.0);

/// espeak-ng's `-s` for the bulletin's rate in syllables a minute, and whether espeak-ng can read
/// that slowly (`radio.rate` may be as low as 100, below espeak-ng's slowest, about 122).
fn espeak_speed(rate: f64) -> (u32, bool) {
    let wpm = rate / ESPEAK_SYLLABLES_PER_WORD;
    (wpm.clamp(ESPEAK_WPM.0, ESPEAK_WPM.1).round() as u32, wpm >= ESPEAK_WPM.0 - 0.5)
}

/// Reads only the words to say (not the header or the bracketed notes) into `wav`, at the
/// bulletin's rate and with the pauses its air time counts, so the sound lasts about as long as
/// the estimate; through a temporary file so a failed run leaves no half-written sound file.
/// The temporary file is renamed over a regular file (`output::file_target`); a pipe or a
/// device is written into, from a temporary file in the system's temporary folder.
fn audio(espeak: &Path, wav: &Path, b: &bulletin::Bulletin) -> ExitCode {
    let target = match bangtin::output::file_target(wav) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let tmp = match &target {
        FileTarget::Replace(file) => bangtin::output::beside(file),
        FileTarget::Into(_) => std::env::temp_dir().join(format!("bangtin-ban-tin-{}.wav", std::process::id())),
    };
    let (wpm, reached) = espeak_speed(b.pace.rate);
    if !reached {
        eprintln!(
            "cảnh báo: espeak-ng không đọc chậm hơn khoảng {} tiếng một phút, nên tệp âm thanh đọc nhanh hơn {} tiếng một phút (radio.rate trong site.yaml) và ngắn hơn thời lượng ước tính.",
            (ESPEAK_WPM.0 * ESPEAK_SYLLABLES_PER_WORD).round(),
            bangtin::format::decimal(b.pace.rate)
        );
    }
    let ssml = airtime::ssml(b.sections.iter().flat_map(bulletin::Section::lines), &b.pace.pauses);
    let child = std::process::Command::new(espeak)
        .args(["-v", "vi", "-m", "-s", &wpm.to_string(), "-w"])
        .arg(&tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            eprintln!("lỗi: không chạy được espeak-ng: {}", bangtin::diag::io_vi(&e));
            return ExitCode::from(1);
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        // A failure to write shows up as espeak-ng's own failure below.
        let _ = stdin.write_all(ssml.as_bytes());
    }
    let result = child.wait_with_output();
    let ok = matches!(&result, Ok(o) if o.status.success()) && tmp.metadata().is_ok_and(|m| m.len() > 0);
    if !ok {
        let _ = std::fs::remove_file(&tmp);
        let why = match &result {
            Ok(o) => String::from_utf8_lossy(&o.stderr).trim().to_string(),
            Err(e) => bangtin::diag::io_vi(e),
        };
        eprintln!(
            "lỗi: espeak-ng không đọc được bản tin thành tệp âm thanh{}",
            if why.is_empty() { String::new() } else { format!(": {why}") }
        );
        return ExitCode::from(1);
    }
    // Measured before it is moved: a pipe cannot be read back.
    let seconds = wav_seconds(&tmp);
    let placed = match &target {
        FileTarget::Replace(file) => std::fs::rename(&tmp, file).map_err(|e| bangtin::Error::io(wav, "ghi tệp", e)),
        FileTarget::Into(_) => std::fs::read(&tmp)
            .map_err(|e| bangtin::Error::io(&tmp, "đọc tệp", e))
            .and_then(|bytes| bangtin::output::write_file(wav, &bytes)),
    };
    let _ = std::fs::remove_file(&tmp);
    if let Err(e) = placed {
        eprintln!("{e}");
        return ExitCode::from(1);
    }
    match seconds {
        Some(secs) => eprintln!(
            "Đã đọc bản tin thành tệp âm thanh {} (dài {}; ước tính {}).",
            wav.display(),
            airtime::duration(secs),
            airtime::duration(b.seconds)
        ),
        None => eprintln!("Đã đọc bản tin thành tệp âm thanh {}.", wav.display()),
    }
    ExitCode::SUCCESS
}

/// How long a PCM WAV file plays, from its header: the `data` chunk's bytes over the `fmt `
/// chunk's bytes a second.
fn wav_seconds(wav: &Path) -> Option<f64> {
    use std::io::Read;
    let file = std::fs::File::open(wav).ok()?;
    let len = file.metadata().ok()?.len();
    let mut head = Vec::with_capacity(512);
    file.take(512).read_to_end(&mut head).ok()?;
    wav_header_seconds(&head, len)
}

/// [`wav_seconds`] of a file of `len` bytes that starts with `head`. A `data` chunk's size may
/// be left unset (0 or all ones) by a program that streams; the file's length tells then.
fn wav_header_seconds(head: &[u8], len: u64) -> Option<f64> {
    let u32_at = |i: usize| -> Option<u32> { Some(u32::from_le_bytes(head.get(i..i + 4)?.try_into().ok()?)) };
    if head.get(..4)? != b"RIFF" || head.get(8..12)? != b"WAVE" {
        return None;
    }
    let (mut at, mut byte_rate) = (12, None);
    while let Some(id) = head.get(at..at + 4) {
        let size = u32_at(at + 4)?;
        match id {
            b"fmt " => byte_rate = u32_at(at + 16),
            b"data" => {
                let rest = len.saturating_sub(at as u64 + 8);
                let bytes = if size == 0 || size == u32::MAX { rest } else { u64::from(size).min(rest) };
                return byte_rate.filter(|&r| r > 0).map(|r| bytes as f64 / f64::from(r));
            }
            _ => {}
        }
        at = at.checked_add(8 + size as usize + (size as usize & 1))?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn espeak_reads_syllables_at_the_sites_rate() {
        // 240 syllables a minute is 157 of espeak-ng's words (240 / 1.53).
        assert_eq!(espeak_speed(240.0), (157, true));
        assert_eq!(espeak_speed(400.0), (261, true));
        assert_eq!(espeak_speed(123.0), (80, true));
        // Slower than espeak-ng reads: its slowest, and said so.
        assert_eq!(espeak_speed(100.0), (80, false));
    }

    #[test]
    fn a_wave_headers_length() {
        let mut h = b"RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0\x01\0\x22\x56\0\0\x44\xac\0\0\x02\0\x10\0".to_vec();
        h.extend_from_slice(b"data");
        h.extend_from_slice(&(44_100u32 * 3).to_le_bytes());
        let len = h.len() as u64 + 44_100 * 3;
        assert_eq!(wav_header_seconds(&h, len), Some(3.0));
        // Cut short, or its size unset: what the file holds.
        assert_eq!(wav_header_seconds(&h, len - 44_100), Some(2.0));
        let unset = h.len() - 4;
        h[unset..].copy_from_slice(&[0xff; 4]);
        assert_eq!(wav_header_seconds(&h, len), Some(3.0));
        assert_eq!(wav_header_seconds(b"RIFF\0\0\0\0WAVEdata\0\0\0\0", 100), None, "no fmt chunk before data");
        assert_eq!(wav_header_seconds(&h[..30], len), None);
        assert_eq!(wav_header_seconds(b"not a wave", 10), None);
    }
}
