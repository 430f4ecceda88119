//! The `bangtin` command: Vietnamese help and messages, exit code 0 on success, 1 when the
//! content has problems or the build cannot be written, 2 for a wrong command line. Each command
//! is one `run_*` function; the work itself lives in the library.

use std::error::Error as _;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use bangtin::term::Ui;
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

#[cfg(all(feature = "jemalloc", not(windows)))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read once when it starts. One arena: the two cores' threads reuse each
/// other's freed pages instead of each keeping its own. Requests of 256 KiB and more (pages of a
/// province's lists, parts of the search index and of the CSV) go to an arena that gives their
/// pages back as soon as they are freed. At 10k pages the defaults peaked at 111 MiB, these at
/// 98 MiB, in the same time (`benches/HISTORY.md`, the sixth session).
#[cfg(all(feature = "jemalloc", not(windows)))]
#[allow(non_upper_case_globals)]
#[export_name = "_rjem_malloc_conf"]
pub static malloc_conf: &[u8; 36] = b"narenas:1,oversize_threshold:262144\0";

const EXIT_CODES: &str =
    "Mã thoát: 0 thành công (có thể kèm cảnh báo); 1 nội dung có lỗi hoặc không đọc, ghi được; 2 dòng lệnh sai.";

mod cli_radio;

#[derive(Parser)]
#[command(
    name = "bangtin",
    version,
    about = "Dựng trang thông tin “Công dân số” của phường, xã từ nội dung Markdown và YAML.",
    disable_help_subcommand = true,
    override_usage = "bangtin [--quiet] <LỆNH> [TÙY_CHỌN]",
    help_template = "{about}\n\nCách dùng: {usage}\n\nLệnh:\n{subcommands}\n\nTùy chọn:\n{options}{after-help}"
)]
struct Cli {
    /// Không in tóm tắt, tiến độ và cảnh báo khi dựng; chỉ in lỗi (lệnh check vẫn in cảnh báo)
    #[arg(short, long, global = true, help_heading = "Tùy chọn")]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct SiteArgs {
    /// Thư mục nội dung (có site.yaml); mặc định: content
    #[arg(long, value_name = "THƯ_MỤC", default_value = "content", hide_default_value = true)]
    content: PathBuf,
    /// Ngày “hôm nay” (NĂM-THÁNG-NGÀY) để tính sự kiện sắp tới và số ngày còn lại; mặc định là ngày hiện tại
    #[arg(long, value_name = "NĂM-THÁNG-NGÀY", value_parser = parse_today)]
    today: Option<chrono::NaiveDate>,
}

impl SiteArgs {
    fn options(self, out: PathBuf) -> bangtin::Options {
        bangtin::Options {
            content: self.content,
            out,
            today: self.today.unwrap_or_else(bangtin::today_local),
            offline: false,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Dựng toàn bộ trang vào thư mục đầu ra
    #[command(
        override_usage = "bangtin build [--content THƯ_MỤC] [--out THƯ_MỤC] [--today NĂM-THÁNG-NGÀY] [--offline]"
    )]
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Thư mục đầu ra; mặc định: output (với --offline: output-offline)
        #[arg(long, value_name = "THƯ_MỤC")]
        out: Option<PathBuf>,
        /// Dựng bản xem ngay trên máy, không cần máy chủ hay Internet: mở index.html bằng trình duyệt, hoặc chép cả thư mục vào USB cho máy ở bộ phận một cửa. Mọi liên kết ghi rõ tên tệp (huong-dan/index.html)
        #[arg(long)]
        offline: bool,
    },
    /// Kiểm tra nội dung và mọi liên kết như khi dựng trang, in cảnh báo; không ghi gì
    #[command(override_usage = "bangtin check [--content THƯ_MỤC] [--today NĂM-THÁNG-NGÀY]")]
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Xem trước trang trong trình duyệt; tự dựng lại và tải lại trang khi bạn lưu tệp
    #[command(
        override_usage = "bangtin serve [--content THƯ_MỤC] [--port CỔNG] [--bind ĐỊA_CHỈ] [--today NĂM-THÁNG-NGÀY] [--open]"
    )]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Cổng của máy chủ xem trước; 0 để tự chọn một cổng trống. Mặc định: 1111
        #[arg(long, value_name = "CỔNG", default_value = "1111", hide_default_value = true, value_parser = parse_port)]
        port: u16,
        /// Địa chỉ mở máy chủ. Mặc định 127.0.0.1: chỉ máy này xem được; 0.0.0.0 mở cho mọi máy trong mạng
        #[arg(long, value_name = "ĐỊA_CHỈ", default_value = "127.0.0.1", hide_default_value = true, value_parser = parse_bind)]
        bind: std::net::IpAddr,
        /// Mở bản xem trước trong trình duyệt mặc định khi đã sẵn sàng
        #[arg(long)]
        open: bool,
    },
    /// Tạo một trang mới dựng được ngay, trong một thư mục mới hoặc trống
    #[command(override_usage = "bangtin init THƯ_MỤC [--today NĂM-THÁNG-NGÀY]")]
    Init {
        /// Thư mục của trang mới; nội dung nằm trong THƯ_MỤC/content/
        #[arg(value_name = "THƯ_MỤC")]
        dir: PathBuf,
        /// Ngày bắt đầu kế hoạch mẫu (NĂM-THÁNG-NGÀY); mặc định là hôm nay
        #[arg(long, value_name = "NĂM-THÁNG-NGÀY", value_parser = parse_today)]
        today: Option<chrono::NaiveDate>,
    },
    /// Tạo một tệp nội dung mới: hướng dẫn, sự kiện, báo cáo tiến độ hôm nay hoặc tin
    #[command(
        override_usage = "bangtin new guide|event|news \"TIÊU ĐỀ\" [--content THƯ_MỤC] [--plan MÃ]\n           bangtin new report [\"NGUỒN SỐ LIỆU\"] [--xlsx|--csv] [--content THƯ_MỤC] [--plan MÃ] [--today NĂM-THÁNG-NGÀY]"
    )]
    New {
        /// guide (hướng dẫn), event (sự kiện), report (báo cáo tiến độ hôm nay, có sẵn số liệu kỳ trước) hoặc news (tin)
        #[arg(value_enum, value_name = "LOẠI", hide_possible_values = true)]
        kind: NewKind,
        /// Tiêu đề, trong ngoặc kép; tên tệp làm từ tiêu đề (“Kích hoạt định danh” → kich-hoat-dinh-danh). Với report: nguồn số liệu
        #[arg(value_name = "TIÊU_ĐỀ")]
        title: Option<String>,
        #[command(flatten)]
        site: SiteArgs,
        /// Kế hoạch của tệp mới (tên tệp trong plans/, không có .md); mặc định là kế hoạch hiện tại
        #[arg(long, value_name = "MÃ")]
        plan: Option<String>,
        #[command(flatten)]
        sheet: NewSheetArgs,
    },
    /// Nhập kế hoạch từ văn bản Word (.docx) hoặc chữ chép từ PDF (.txt) thành bản nháp plans/…md
    #[command(override_usage = "bangtin import plan TỆP.docx|TỆP.txt [--content THƯ_MỤC]")]
    Import {
        /// plan (kế hoạch)
        #[arg(value_enum, value_name = "LOẠI", hide_possible_values = true)]
        kind: ImportKind,
        /// Tệp văn bản: .docx (Word) hoặc .txt (chữ chép ra từ PDF)
        #[arg(value_name = "TỆP")]
        file: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Viết bản tin phát thanh của một ngày (văn bản để đọc trên loa), hoặc cách đọc một đoạn chữ
    Radio(cli_radio::RadioArgs),
    /// Tạo một trang mẫu cỡ lớn để đo tốc độ (benches/run)
    #[command(
        hide = true,
        name = "bench-site",
        override_usage = "bangtin bench-site THƯ_MỤC [--size 1k|2k|10k] [--pages SỐ] [--units SỐ] [--events SỐ] [--weeks SỐ_TUẦN] [--hugo THƯ_MỤC]"
    )]
    BenchSite {
        /// Thư mục nội dung mới
        #[arg(value_name = "THƯ_MỤC")]
        dir: PathBuf,
        /// Cỡ có tên: 1k, 2k hoặc 10k
        #[arg(long, value_name = "CỠ")]
        size: Option<String>,
        /// Số hướng dẫn và tin (một phần năm là hướng dẫn)
        #[arg(long, value_name = "SỐ", default_value = "1000")]
        pages: usize,
        /// Số khu phố (đơn vị)
        #[arg(long, value_name = "SỐ", default_value = "30")]
        units: usize,
        /// Số sự kiện trong lịch
        #[arg(long, value_name = "SỐ", default_value = "100")]
        events: usize,
        /// Số báo cáo tiến độ hằng tuần, 1–52: các báo cáo nằm trong năm 2024 của kế hoạch
        #[arg(long, value_name = "SỐ_TUẦN", default_value = "52", value_parser = clap::value_parser!(u16).range(1..=52))]
        weeks: u16,
        /// Cũng ghi các hướng dẫn và tin thành một trang Hugo trong thư mục này
        #[arg(long, value_name = "THƯ_MỤC")]
        hugo: Option<PathBuf>,
    },
}

/// `bangtin new report --xlsx|--csv`: the report as a table to fill in.
#[derive(clap::Args)]
struct NewSheetArgs {
    /// Với report: tạo bảng Excel progress/NGÀY.xlsx để điền số liệu, thay cho tệp YAML
    #[arg(long, conflicts_with = "csv")]
    xlsx: bool,
    /// Với report: tạo bảng CSV progress/NGÀY.csv (mở bằng LibreOffice Calc hoặc Excel) để điền số liệu
    #[arg(long)]
    csv: bool,
}

impl NewSheetArgs {
    fn form(&self) -> Option<bangtin::scaffold::SheetForm> {
        use bangtin::scaffold::SheetForm;
        match (self.xlsx, self.csv) {
            (true, _) => Some(SheetForm::Xlsx),
            (_, true) => Some(SheetForm::Csv),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ImportKind {
    #[value(alias = "ke-hoach")]
    Plan,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum NewKind {
    #[value(alias = "huong-dan")]
    Guide,
    #[value(alias = "su-kien", alias = "lich")]
    Event,
    #[value(alias = "bao-cao", alias = "tien-do")]
    Report,
    #[value(alias = "tin", alias = "tin-tuc")]
    News,
}

fn parse_today(s: &str) -> Result<chrono::NaiveDate, String> {
    bangtin::content::source::parse_date(s)
}

fn parse_port(s: &str) -> Result<u16, String> {
    s.trim().parse().map_err(|_| "cổng là một số từ 0 đến 65535, ví dụ 1111 (0: tự chọn một cổng trống)".to_string())
}

fn parse_bind(s: &str) -> Result<std::net::IpAddr, String> {
    if s.trim().eq_ignore_ascii_case("localhost") {
        return Ok(std::net::IpAddr::from([127, 0, 0, 1]));
    }
    s.trim().parse().map_err(|_| {
        "cần một địa chỉ IP, ví dụ 127.0.0.1 (chỉ máy này xem được) hoặc 0.0.0.0 (mọi máy trong mạng)".to_string()
    })
}

/// clap writes its help in English; every command's help says the same in Vietnamese.
fn command() -> clap::Command {
    Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_arg())
        .arg(clap::Arg::new("version").short('V').long("version").action(ArgAction::Version).help("In phiên bản"))
        .after_help(format!(
            "Hướng dẫn của từng lệnh: bangtin LỆNH --help (hoặc bangtin help LỆNH), ví dụ bangtin build --help.\n\n{EXIT_CODES}"
        ))
        .mut_subcommands(vietnamese)
}

/// `-h`/`--help` in Vietnamese, in place of clap's “Print help”.
fn help_arg() -> clap::Arg {
    clap::Arg::new("help").short('h').long("help").action(ArgAction::Help).help("In hướng dẫn dùng lệnh này")
}

/// A command's help and its subcommands', at any depth (`radio say`), in Vietnamese: clap's
/// own words (“Usage:”, “Commands:”, “Options:”, “Arguments:”, “[default: …]”, “[possible
/// values: …]”, “Print help”) replaced, the exit codes after the command's own notes.
fn vietnamese(c: clap::Command) -> clap::Command {
    let after = match c.get_after_help() {
        Some(own) => format!("{own}\n\n{EXIT_CODES}"),
        None => EXIT_CODES.to_string(),
    };
    c.disable_help_flag(true)
        .arg(help_arg())
        .mut_args(vietnamese_arg)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .help_template("{about}\n\nCách dùng: {usage}\n\n{all-args}{after-help}")
        .after_help(after)
        .mut_subcommands(vietnamese)
}

/// An argument's heading in Vietnamese, and its default and possible values said in its help
/// rather than in clap's English brackets.
fn vietnamese_arg(a: clap::Arg) -> clap::Arg {
    let mut a = if a.is_positional() { a.help_heading("Tham số") } else { a.help_heading("Tùy chọn") };
    let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    let mut say = |what: &str, values: Vec<String>| {
        let sep = if help.is_empty() { "" } else { "; " };
        help.push_str(&format!("{sep}{what}: {}", values.join(", ")));
    };
    let takes_values = a.get_action().takes_values();
    let possible: Vec<String> = a.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
    if takes_values && !a.is_hide_possible_values_set() && !possible.is_empty() {
        say("một trong", possible);
        a = a.hide_possible_values(true);
    }
    if takes_values && !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
        say("mặc định", a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect());
        a = a.hide_default_value(true);
    }
    a.help(help)
}

/// clap speaks English; the officer reads the same mistakes in Vietnamese, with the usage of the
/// command they typed (`args`, as given).
fn command_line_error_vi(e: &clap::Error, cmd: &clap::Command, args: &[OsString]) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let commands: Vec<&str> = shown(cmd).map(|c| c.get_name()).collect();
    let problem = match e.kind() {
        ErrorKind::UnknownArgument => {
            let arg = ctx(ContextKind::InvalidArg);
            if arg.starts_with('-') {
                format!("không có tùy chọn “{arg}”")
            } else {
                format!(
                    "thừa “{arg}”: lệnh này không nhận thêm tham số đó (tiêu đề có dấu cách thì đặt trong ngoặc kép)"
                )
            }
        }
        ErrorKind::InvalidSubcommand => format!("không có lệnh “{}”", ctx(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            format!("thiếu lệnh: {}", commands.join(", "))
        }
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => {
            format!("thiếu giá trị sau {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let why = e.source().map(|s| format!(": {}", parse_error_vi(&s.to_string()))).unwrap_or_default();
            format!(
                "giá trị “{}” của {} không dùng được{why}",
                ctx(ContextKind::InvalidValue),
                ctx(ContextKind::InvalidArg)
            )
        }
        ErrorKind::ArgumentConflict => format!("tùy chọn {} được cho hai lần", ctx(ContextKind::InvalidArg)),
        ErrorKind::MissingRequiredArgument => format!("thiếu {}", ctx(ContextKind::InvalidArg)),
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("số giá trị của {} không đúng", ctx(ContextKind::InvalidArg))
        }
        _ => "dòng lệnh không đúng".to_string(),
    };
    let mut out = format!("lỗi: {problem}");
    let valid = ctx(ContextKind::ValidValue);
    if !valid.is_empty() {
        out.push_str(&format!("\n  cần:     một trong: {valid}"));
    }
    let suggested = ctx(ContextKind::SuggestedArg) + &ctx(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        out.push_str(&format!("\n  gợi ý:   có phải ý bạn là “{suggested}”?"));
    }
    out.push_str("\n\nCách dùng: ");
    match failing_command(e, cmd, args) {
        Some((words, c)) => {
            out.push_str(&usage_of(c));
            out.push_str(&format!("\nXem thêm: {words} --help"));
        }
        None => {
            let top: Vec<String> = shown(cmd).map(usage_of).collect();
            out.push_str(&top.join("\n           "));
            out.push_str("\nXem thêm: bangtin --help");
        }
    }
    out
}

/// A command's usage as its help shows it, without clap's English title.
fn usage_of(c: &clap::Command) -> String {
    untitled(&c.clone().render_usage().to_string()).to_string()
}

/// A usage as clap renders it, without its title “Usage:”.
fn untitled(usage: &str) -> &str {
    usage.trim_start_matches("Usage:").trim()
}

/// The commands `cmd` lists in its help: all but the hidden (`bench-site`).
fn shown(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|c| !c.is_hide_set())
}

/// Every shown command under `cmd`, at any depth, with the words that call it, `called` being
/// `cmd`'s own: ("bangtin radio say", …).
fn commands_named<'c>(cmd: &'c clap::Command, called: &str) -> Vec<(String, &'c clap::Command)> {
    let mut all = Vec::new();
    for c in shown(cmd) {
        let words = format!("{called} {}", c.get_name());
        all.extend(commands_named(c, &words));
        all.push((words, c));
    }
    all
}

/// The command a mistake was made in, with the words that call it; `None` where the mistake is
/// in the command's name itself. clap says which for most mistakes (by the usage it would show),
/// not for a value its parser refused; then the first words typed that are not options do.
fn failing_command<'c>(
    e: &clap::Error,
    cmd: &'c clap::Command,
    args: &[OsString],
) -> Option<(String, &'c clap::Command)> {
    use clap::error::{ContextKind, ContextValue};
    let all = commands_named(cmd, "bangtin");
    if let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) {
        let said = u.to_string();
        return all.into_iter().find(|(_, c)| usage_of(c) == untitled(&said));
    }
    let typed: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).filter(|a| !a.starts_with('-')).collect();
    all.into_iter()
        .filter(|(words, _)| typed.starts_with(&words.split(' ').skip(1).collect::<Vec<_>>()))
        .max_by_key(|(words, _)| words.len())
}

/// `bangtin help build` is `bangtin build --help`, as in git and cargo; `bangtin help` alone is
/// `bangtin --help`. The command is the first word that is not an option: the top level's only
/// option, `--quiet`, takes no value.
fn help_as_flag(mut args: Vec<OsString>) -> Vec<OsString> {
    let command = args.iter().skip(1).position(|a| !a.to_string_lossy().starts_with('-')).map(|i| i + 1);
    if let Some(i) = command.filter(|&i| args[i] == "help") {
        args.remove(i);
        args.push("--help".into());
    }
    args
}

fn main() -> ExitCode {
    let args = help_as_flag(std::env::args_os().collect());
    let mut cmd = command();
    let parsed = cmd.try_get_matches_from_mut(&args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    Ui::detect(false).error(&command_line_error_vi(&e, &cmd, &args));
                    ExitCode::from(2)
                }
            };
        }
    };
    let ui = Ui::detect(cli.quiet);
    match cli.command {
        Command::Build { site, out, offline } => {
            let out = out.unwrap_or_else(|| PathBuf::from(if offline { "output-offline" } else { "output" }));
            run_build(bangtin::Options { offline, ..site.options(out) }, &ui)
        }
        Command::Check { site } => run_check(site.options(PathBuf::new()), &ui),
        Command::Serve { site, port, bind, open } => run_serve(site, port, bind, open, ui),
        Command::Init { dir, today } => run_init(&dir, today.unwrap_or_else(bangtin::today_local), &ui),
        Command::New { kind, title, site, plan, sheet } => {
            run_new(kind, title.as_deref(), plan.as_deref(), sheet.form(), site, &ui)
        }
        Command::Import { kind: ImportKind::Plan, file, site } => run_import(&file, site, &ui),
        Command::Radio(args) => cli_radio::run(args),
        Command::BenchSite { dir, size, pages, units, events, weeks, hugo } => run_bench_site(
            &dir,
            size.as_deref(),
            bangtin::benchsite::Size { pages, units, events, weeks: weeks.into() },
            hugo,
            &ui,
        ),
    }
}

fn run_build(opts: bangtin::Options, ui: &Ui) -> ExitCode {
    let progress = ui.progress();
    let times = bangtin::term::StageTimes::from_env();
    let result = bangtin::build(&opts, &|s| {
        progress.stage(s);
        times.stage(s);
    });
    drop(times);
    drop(progress);
    match result {
        Ok(r) => {
            let s = &r.summary;
            ui.done(&format!(
                "Đã dựng {} ({} tệp, {} KB) vào {} trong {} ms.",
                s.counts(),
                s.files,
                s.bytes.div_ceil(1024),
                opts.out.display(),
                s.elapsed.as_millis()
            ));
            if opts.offline {
                ui.done(&format!(
                    "Bản xem không cần mạng: mở {} bằng trình duyệt (nhấp đúp), hoặc chép cả thư mục {} vào USB.",
                    opts.out.join("index.html").display(),
                    opts.out.display()
                ));
            }
            if !r.warnings.is_empty() {
                ui.warn(&r.warnings.to_string());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            ui.error(&e.to_string());
            ui.error(&format!("Không dựng được trang. Thư mục {} được giữ nguyên như trước.", opts.out.display()));
            ExitCode::from(1)
        }
    }
}

fn run_check(opts: bangtin::Options, ui: &Ui) -> ExitCode {
    let progress = ui.progress();
    let times = bangtin::term::StageTimes::from_env();
    let result = bangtin::check(&opts, &|s| {
        progress.stage(s);
        times.stage(s);
    });
    drop(times);
    drop(progress);
    match result {
        Ok(r) => {
            if !r.warnings.is_empty() {
                ui.warn_always(&r.warnings.to_string());
            }
            ui.done(&format!(
                "Nội dung hợp lệ, mọi liên kết đều dẫn tới đúng chỗ ({}, kiểm tra trong {} ms). Không ghi tệp nào.",
                r.summary.counts(),
                r.summary.elapsed.as_millis()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            ui.error(&e.to_string());
            ExitCode::from(1)
        }
    }
}

fn run_serve(site: SiteArgs, port: u16, bind: std::net::IpAddr, open: bool, ui: Ui) -> ExitCode {
    // The preview keeps everything in memory and writes nothing, so stopping at once is clean;
    // the handler only says so, instead of leaving a bare ^C.
    let _ = ctrlc::set_handler(|| {
        println!("\nĐã dừng xem trước. Không có tệp nào bị thay đổi.");
        std::process::exit(0);
    });
    let config = bangtin::serve::Config { content: site.content, today: site.today, bind, port, open };
    match bangtin::serve::serve(config, ui) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            ui.error(&e.to_string());
            ExitCode::from(1)
        }
    }
}

/// The reason a value parser gives, in Vietnamese: the standard number parsers and clap's range
/// check speak English.
fn parse_error_vi(why: &str) -> String {
    if let Some((value, range)) = why.split_once(" is not in ") {
        return format!("{value} nằm ngoài khoảng {}", range.replace("..=", "–"));
    }
    match why {
        "invalid digit found in string" => "không phải một số nguyên không âm".into(),
        "number too large to fit in target type" => "số quá lớn".into(),
        "number too small to fit in target type" => "số quá nhỏ".into(),
        "cannot parse integer from empty string" | "cannot parse float from empty string" => "trống".into(),
        "invalid float literal" => "không phải một số".into(),
        other => other.to_string(),
    }
}

fn run_bench_site(
    dir: &std::path::Path,
    named: Option<&str>,
    size: bangtin::benchsite::Size,
    hugo: Option<PathBuf>,
    ui: &Ui,
) -> ExitCode {
    let size = match named {
        None => size,
        Some(n) => match bangtin::benchsite::named(n) {
            Some(s) => s,
            None => {
                ui.error(&format!("lỗi: không có cỡ “{n}”; dùng 1k, 2k hoặc 10k"));
                return ExitCode::from(2);
            }
        },
    };
    match bangtin::benchsite::generate(dir, hugo.as_deref(), &size) {
        Ok(()) => {
            ui.done(&format!(
                "Đã tạo trang mẫu trong {}: {} hướng dẫn và tin, {} khu phố, {} sự kiện, {} báo cáo; dựng với --today {}.",
                dir.display(),
                size.pages,
                size.units,
                size.events,
                size.weeks,
                bangtin::benchsite::TODAY
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            ui.error(&e.to_string());
            ExitCode::from(1)
        }
    }
}

fn run_init(dir: &std::path::Path, today: chrono::NaiveDate, ui: &Ui) -> ExitCode {
    match bangtin::scaffold::init(dir, today) {
        Ok(created) => {
            ui.done(&format!("Đã tạo trang mới trong {}:", dir.display()));
            for f in &created.files {
                ui.info(&format!("  {}", f.display()));
            }
            ui.info("Việc tiếp theo:");
            for n in &created.next {
                ui.info(&format!("  - {n}"));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            ui.error(&e.to_string());
            ExitCode::from(1)
        }
    }
}

fn run_new(
    kind: NewKind,
    title: Option<&str>,
    plan: Option<&str>,
    sheet: Option<bangtin::scaffold::SheetForm>,
    site: SiteArgs,
    ui: &Ui,
) -> ExitCode {
    use bangtin::scaffold::Kind;
    let kind = match kind {
        NewKind::Guide => Kind::Guide,
        NewKind::Event => Kind::Event,
        NewKind::Report => Kind::Report,
        NewKind::News => Kind::News,
    };
    let today = site.today.unwrap_or_else(bangtin::today_local);
    let created = match (kind, sheet) {
        (Kind::Report, Some(form)) => bangtin::scaffold::new_report_sheet(&site.content, form, title, plan, today),
        (_, Some(_)) => {
            ui.error("lỗi: --xlsx và --csv chỉ dùng với bangtin new report (báo cáo tiến độ dạng bảng tính)");
            return ExitCode::from(2);
        }
        (_, None) => bangtin::scaffold::new_file(&site.content, kind, title, plan, today),
    };
    match created {
        Ok(created) => {
            for f in &created.files {
                ui.done(&format!("Đã tạo {}.", f.display()));
            }
            if let Some(page) = &created.page {
                ui.info(&format!("Trang: {page}"));
            }
            for n in &created.next {
                ui.info(&format!("  - {n}"));
            }
            ui.info(&format!(
                "  - Xem trước trong trình duyệt: {}; kiểm tra: {}",
                on_site("serve", &site.content),
                on_site("check", &site.content)
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            ui.error(&e.to_string());
            if matches!(e, bangtin::Error::Content(_)) {
                ui.error(
                    "Báo cáo mới chép số liệu từ nội dung hiện có, nên cần sửa các lỗi trên trước (xem bangtin check).",
                );
            }
            ExitCode::from(1)
        }
    }
}

/// The command line to type next for the site in `content`, as short as the officer can type it:
/// `--content` only when it is not the default, in quotes when the folder's name has a space.
fn on_site(command: &str, content: &std::path::Path) -> String {
    if content == std::path::Path::new("content") {
        return format!("bangtin {command}");
    }
    format!("bangtin {command} --content {}", bangtin::term::typed_path(content))
}

fn run_import(file: &std::path::Path, site: SiteArgs, ui: &Ui) -> ExitCode {
    let today = site.today.unwrap_or_else(bangtin::today_local);
    match bangtin::import::plan(file, &site.content, today) {
        Ok(imported) => {
            ui.done(&format!("Đã tạo bản nháp {} (trang {}).", imported.plan.display(), imported.page));
            for f in &imported.others {
                ui.done(&format!("Đã tạo bản nháp {}.", f.display()));
            }
            ui.info("Cần kiểm tra:");
            for c in &imported.check {
                ui.info(&format!("  - {c}"));
            }
            if !imported.units.is_empty() {
                ui.info("units.yaml cần có:");
                for u in &imported.units {
                    ui.info(&format!("  - {u}"));
                }
            }
            ui.info(&format!(
                "Sau khi sửa, chạy: {} — lỗi “thiếu trường …” là chỗ còn phải điền.",
                on_site("check", &site.content)
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            ui.error(&e.to_string());
            ExitCode::from(1)
        }
    }
}
