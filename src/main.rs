//! The `bangtin` command: Vietnamese help and messages, exit code 0 on success, 1 when the
//! content has problems or the build cannot be written, 2 for a wrong command line.

use std::error::Error as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli_radio;

#[derive(Parser)]
#[command(
    name = "bangtin",
    version,
    about = "Dựng trang thông tin “Công dân số” của phường, xã từ nội dung Markdown và YAML.",
    disable_help_subcommand = true,
    help_template = "{about}\n\nCách dùng: {usage}\n\nLệnh:\n{subcommands}\n\nTùy chọn:\n{options}\n\nMã thoát: 0 thành công; 1 nội dung có lỗi hoặc không ghi được; 2 dòng lệnh sai.\n"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct SiteArgs {
    /// Thư mục nội dung (có site.yaml)
    #[arg(long, value_name = "THƯ_MỤC", default_value = "content")]
    content: PathBuf,
    /// Ngày “hôm nay” (NĂM-THÁNG-NGÀY) để tính sự kiện sắp tới và số ngày còn lại; mặc định là ngày hiện tại
    #[arg(long, value_name = "NĂM-THÁNG-NGÀY", value_parser = parse_today)]
    today: Option<chrono::NaiveDate>,
}

#[derive(Subcommand)]
enum Command {
    /// Dựng toàn bộ trang vào thư mục đầu ra
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Thư mục đầu ra
        #[arg(long, value_name = "THƯ_MỤC", default_value = "output")]
        out: PathBuf,
    },
    /// Kiểm tra nội dung như khi dựng trang, không ghi gì
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Viết bản tin phát thanh của một ngày (văn bản để đọc trên loa), hoặc cách đọc một đoạn chữ
    Radio(cli_radio::RadioArgs),
}

fn parse_today(s: &str) -> Result<chrono::NaiveDate, String> {
    bangtin::content::source::parse_date(s)
}

/// clap speaks English; the officer reads the same mistakes in Vietnamese.
fn command_line_error_vi(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let problem = match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn “{}”", ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!("không có lệnh “{}”", ctx(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "thiếu lệnh: build, check hoặc radio".to_string()
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let why = e.source().map(|s| format!(": {s}")).unwrap_or_default();
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
    let suggested = ctx(ContextKind::SuggestedArg) + &ctx(ContextKind::SuggestedSubcommand);
    if !suggested.is_empty() {
        out.push_str(&format!("\n  gợi ý:   có phải ý bạn là “{suggested}”?"));
    }
    out.push_str("\n\nCách dùng: bangtin build [--content THƯ_MỤC] [--out THƯ_MỤC] [--today NĂM-THÁNG-NGÀY]\n           bangtin check [--content THƯ_MỤC] [--today NĂM-THÁNG-NGÀY]\n           bangtin radio [--content THƯ_MỤC] [--date NĂM-THÁNG-NGÀY] [--plan KẾ_HOẠCH] [-o TỆP] [--dialect bac|nam] [--max-minutes PHÚT] [--audio TỆP.wav]\n           bangtin radio say CHỮ|-\nXem thêm: bangtin --help");
    out
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    let _ = e.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("{}", command_line_error_vi(&e));
                    ExitCode::from(2)
                }
            };
        }
    };
    let (site, out, write) = match cli.command {
        Command::Build { site, out } => (site, out, true),
        Command::Check { site } => (site, PathBuf::new(), false),
        Command::Radio(args) => return cli_radio::run(args),
    };
    let opts = bangtin::Options { content: site.content, out, today: site.today.unwrap_or_else(bangtin::today_local) };
    let result = if write { bangtin::build(&opts) } else { bangtin::check(&opts) };
    match result {
        Ok(s) => {
            let ms = s.elapsed.as_millis();
            if write {
                println!(
                    "Đã dựng {} trang ({} tệp, {} KB) vào {} trong {ms} ms.",
                    s.pages,
                    s.files,
                    s.bytes.div_ceil(1024),
                    opts.out.display()
                );
            } else {
                println!("Nội dung hợp lệ: {} trang sẽ được dựng. Không ghi tệp nào.", s.pages);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            if write {
                eprintln!("Không dựng được trang. Thư mục {} được giữ nguyên như trước.", opts.out.display());
            }
            ExitCode::from(1)
        }
    }
}
