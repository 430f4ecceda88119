//! `bangtin check`: the rendered pages' links, the warnings a person should read, and the way
//! the command talks (exit codes, Vietnamese help, no colour where it does not belong).

mod common;

use std::process::Command;

use common::*;

fn check(sc: &Scratch, today: &str) -> Run {
    run(&["check", "--content", s(&sc.site()), "--today", today])
}

/// The example builds without a warning about itself, as of the day the README builds it and
/// as of any later day; left “tentative” after they took place, its conferences are named.
#[test]
fn the_example_passes_without_warnings_and_past_tentative_conferences_are_named() {
    let sc = Scratch::of(&example());
    for today in ["2024-06-03", "2031-01-01"] {
        let r = check(&sc, today);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("Nội dung hợp lệ, mọi liên kết đều dẫn tới đúng chỗ"), "{}", r.stdout);
        assert_eq!(r.stderr, "", "{today}");
    }
    for event in ["events/hoi-nghi-lan-1.md", "events/hoi-nghi-lan-2.md"] {
        sc.edit(event, "status: confirmed", "status: tentative");
    }
    let r = check(&sc, "2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    for w in [
        "cảnh báo: events/hoi-nghi-lan-1.md:7:1",
        "trường:  status",
        "đã qua (ngày 16/4/2024) nhưng vẫn ghi “dự kiến”",
        "status: confirmed nếu sự kiện đã diễn ra, hoặc status: cancelled",
        "cảnh báo: events/hoi-nghi-lan-2.md:7:1",
        "Có 2 cảnh báo",
    ] {
        assert!(r.stderr.contains(w), "missing {w:?} in:\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("lỗi:"), "{}", r.stderr);
}

#[test]
fn a_broken_link_written_by_a_template_fails_check_and_build() {
    let sc = Scratch::of(&example());
    let first = sc.build("2024-06-03");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&sc.out());
    sc.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Không có trang này</h1>\n\
         <p><a href=\"{{ page.root }}huong-dan/kich-hoat-vneidd/\">VNeID</a></p>\n\
         <p><a href=\"{{ page.root }}lich/#thang-13\">Lịch</a> <img src=\"{{ page.root }}anh/khong-co.png\" alt=\"\"></p>\n\
         {% endblock content %}",
    );
    let r = check(&sc, "2024-06-03");
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    for e in [
        // Lines are those of the generated page, which is what the message names.
        "lỗi: 404.html:",
        "liên kết hỏng trong trang đã dựng: href=\"/cong-dan-so/huong-dan/kich-hoat-vneidd/\" (thẻ <a>)",
        "có phải ý bạn là “/huong-dan/kich-hoat-vneid/”?",
        "sửa chỗ tạo ra liên kết này: mẫu trang templates/404.html",
        "dẫn tới mục “#thang-13”, nhưng trang “/lich/” không có phần tử nào mang id=\"thang-13\"",
        "src=\"/cong-dan-so/anh/khong-co.png\" (thẻ <img>)",
        "Tìm thấy 3 lỗi",
    ] {
        assert!(r.stderr.contains(e), "missing {e:?} in:\n{}", r.stderr);
    }
    let b = sc.build("2024-06-03");
    assert_eq!(b.code, 1, "a broken generated link is a bug in build too");
    assert!(b.stderr.contains("liên kết hỏng trong trang đã dựng"), "{}", b.stderr);
    assert!(snapshot(&sc.out()) == before, "a failed build leaves the output as it was");
}

#[test]
fn a_link_in_the_navigation_is_reported_once_with_the_number_of_pages() {
    let sc = Scratch::of(&example());
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    let broken = base.replacen("<a href=\"{{ page.root }}\">", "<a href=\"{{ page.root }}trang-chu/\">", 1);
    assert_ne!(base, broken);
    sc.write("templates/base.html", &broken);
    let r = check(&sc, "2024-06-03");
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr.matches("lỗi:").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("gặp ở 44 trang"), "{}", r.stderr);
    assert!(r.stderr.contains("mẫu trang templates/base.html"), "{}", r.stderr);
}

#[test]
fn stale_indicators_are_named_with_the_day_of_their_last_report() {
    let sc = Scratch::of(&example());
    let r = check(&sc, "2024-06-20");
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The four counts were last reported on 31/5; the Zalo channel is done and needs no more.
    assert_eq!(r.stderr.matches("không có số liệu mới").count(), 4, "{}", r.stderr);
    assert!(r.stderr.contains("cảnh báo: plans/2024-cong-dan-so.md:"), "{}", r.stderr);
    assert!(r
        .stderr
        .contains("báo cáo gần nhất có chỉ tiêu này là ngày 31/5/2024, đã 20 ngày trước hôm nay (20/6/2024)"));
    assert!(r.stderr.contains("bangtin new report"), "{}", r.stderr);
    assert!(!r.stderr.contains("Thiết lập kênh Zalo"), "{}", r.stderr);
    // Fourteen days is still fresh.
    let r = check(&sc, "2024-06-14");
    assert!(!r.stderr.contains("không có số liệu mới"), "{}", r.stderr);
}

#[test]
fn a_guide_no_indicator_leads_to_is_named() {
    let sc = Scratch::of(&example());
    sc.write(
        "guides/cai-dat-zalo.md",
        "---\ntitle: \"Cài đặt Zalo\"\nsummary: \"Cài Zalo trên điện thoại.\"\nindicators: [kenh-zalo]\n---\n## Bước 1: Mở CH Play\n",
    );
    let r = check(&sc, "2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("cảnh báo: guides/cai-dat-zalo.md:2:1"), "{}", r.stderr);
    assert!(r.stderr.contains("không được chỉ tiêu nào dẫn tới"), "{}", r.stderr);
    assert!(
        r.stderr.contains("thêm “guide: cai-dat-zalo” vào chỉ tiêu đó ở plans/2024-cong-dan-so.md:"),
        "{}",
        r.stderr
    );
}

/// HTML the sanitiser takes out is named, with its line, unless the site trusts its HTML.
#[test]
fn html_taken_out_of_a_body_is_a_warning_with_its_line() {
    let sc = Scratch::of(&example());
    sc.write(
        "news/2024-05-21-video.md",
        "---\ntitle: \"Video hướng dẫn\"\ndate: 2024-05-21\n---\nXem video:\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n<a href=\"../../lich/\" onclick=\"x()\">Lịch</a>\n",
    );
    let r = check(&sc, "2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    for w in [
        "cảnh báo: news/2024-05-21-video.md:7:1",
        "thẻ <iframe> bị bỏ khỏi trang vì lý do an toàn",
        "cảnh báo: news/2024-05-21-video.md:9:1",
        "thuộc tính onclick của thẻ <a> bị bỏ khỏi trang",
        "đặt trust_html: true trong site.yaml",
        "Có 2 cảnh báo",
    ] {
        assert!(r.stderr.contains(w), "missing {w:?} in:\n{}", r.stderr);
    }
    let yaml = std::fs::read_to_string(sc.site().join("site.yaml")).unwrap();
    sc.write("site.yaml", &format!("{yaml}trust_html: true\n"));
    let r = check(&sc, "2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("bị bỏ khỏi trang") && !r.stderr.contains("cảnh báo"), "{}", r.stderr);
}

#[test]
fn build_prints_warnings_unless_quiet() {
    let sc = Scratch::of(&example());
    for event in ["events/hoi-nghi-lan-1.md", "events/hoi-nghi-lan-2.md"] {
        sc.edit(event, "status: confirmed", "status: tentative");
    }
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("Đã dựng 44 trang, 14 biểu đồ, 12 lịch .ics, 1 bảng số liệu .csv, 5 bản tin phát thanh, chỉ mục tìm kiếm 12 KB ("), "{}", r.stdout);
    assert!(r.stderr.contains("Có 2 cảnh báo"), "{}", r.stderr);
    let q = run(&["build", "--quiet", "--content", s(&sc.site()), "--out", s(&sc.out()), "--today", "2024-06-03"]);
    assert_eq!(q.code, 0);
    assert_eq!((q.stdout.as_str(), q.stderr.as_str()), ("", ""));
    // check exists to show warnings: --quiet keeps them and drops only the summary.
    let c = run(&["check", "-q", "--content", s(&sc.site()), "--today", "2024-06-03"]);
    assert_eq!(c.code, 0);
    assert_eq!(c.stdout, "");
    assert!(c.stderr.contains("Có 2 cảnh báo"));
}

#[test]
fn help_is_vietnamese_and_names_the_exit_codes() {
    // Every command, at every depth, the hidden one too: clap's own words are English.
    let every: [&[&str]; 12] = [
        &["--help"],
        &["-h"],
        &["build", "--help"],
        &["check", "-h"],
        &["serve", "-h"],
        &["init", "-h"],
        &["new", "-h"],
        &["import", "--help"],
        &["radio", "--help"],
        &["radio", "say", "--help"],
        &["radio", "say", "-h"],
        &["bench-site", "--help"],
    ];
    for args in every {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("Mã thoát: 0 thành công"), "{}", r.stdout);
        assert!(r.stdout.contains("Cách dùng: bangtin"), "{}", r.stdout);
        assert!(r.stdout.contains("-h, --help  ") && r.stdout.contains("In hướng dẫn dùng lệnh này"), "{}", r.stdout);
        for english in [
            "Usage",
            "Options",
            "OPTIONS",
            "Commands",
            "COMMAND",
            "Arguments",
            "Print",
            "help for",
            "default:",
            "possible values",
            "[env:",
            "Subcommands",
        ] {
            assert!(!r.stdout.contains(english), "{english:?} in {args:?}:\n{}", r.stdout);
        }
    }
    let say = run(&["radio", "say", "--help"]).stdout;
    assert!(say.contains("bangtin radio say -") && say.contains("Ví dụ:"), "{say}");
    let radio = run(&["radio", "--help"]).stdout;
    assert!(radio.contains("Lệnh:\n  say") && radio.contains("mặc định: content"), "{radio}");
    let r = run(&["chek"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("lỗi: không có lệnh “chek”") && r.stderr.contains("“check”"), "{}", r.stderr);
    // A mistake in a command's name shows every command; a mistake in a command, that one's
    // usage only, as its own help shows it, and where to read more.
    assert!(r.stderr.contains("Cách dùng: bangtin build [") && r.stderr.contains("\n           bangtin radio say"));
    assert!(r.stderr.ends_with("Xem thêm: bangtin --help\n"), "{}", r.stderr);
    for (args, own) in [
        (&["build", "--foo"][..], &["build"][..]),
        (&["radio", "say", "--dialect", "trung", "1"], &["radio", "say"]),
        (&["radio", "--date", "2024-13-01"], &["radio"]),
        (&["serve", "--port", "abc"], &["serve"]),
        (&["-q", "new"], &["new"]),
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        let help = run(&[own, &["--help"]].concat()).stdout;
        let usage = help.split("\n\n").find(|p| p.starts_with("Cách dùng: ")).unwrap();
        let said = r.stderr.split("\n\n").nth(1).unwrap_or_default();
        assert_eq!(said, format!("{usage}\nXem thêm: bangtin {} --help\n", own.join(" ")), "{args:?}");
    }
    // `bangtin help LỆNH`, as in git and cargo, is `bangtin LỆNH --help`.
    for (asked, same) in [
        (&["help"][..], &["--help"][..]),
        (&["help", "radio", "say"], &["radio", "say", "--help"]),
        (&["-q", "help", "build"], &["build", "--help"]),
    ] {
        let (a, b) = (run(asked), run(same));
        assert_eq!((a.code, &a.stdout), (0, &b.stdout), "{asked:?}");
    }
    assert!(run(&["--help"]).stdout.contains("bangtin LỆNH --help (hoặc bangtin help LỆNH)"));
    let r = run(&["build", "--today", "16/4/2024"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("2024-04-16"), "{}", r.stderr);
    let r = run(&["serve", "--port", "abc"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cổng là một số từ 0 đến 65535") && !r.stderr.contains("invalid"), "{}", r.stderr);
    let r = run(&["new", "guide", "Kích", "hoạt"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("thừa “hoạt”") && r.stderr.contains("ngoặc kép"), "{}", r.stderr);
    let r = run(&["build", "--out"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("thiếu giá trị sau --out"), "{}", r.stderr);
}

/// Runs `bangtin args` under a pseudo-terminal (util-linux `script`), where colour is allowed
/// unless NO_COLOR says otherwise. `None` when no `script` is available to make one.
fn on_a_terminal(args: &[&str], no_color: bool) -> Option<String> {
    let line = std::iter::once(env!("CARGO_BIN_EXE_bangtin"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &line, "/dev/null"]).env_remove("NO_COLOR").env("TERM", "xterm");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().is_some() && text.contains("cảnh báo")).then_some(text)
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let sc = Scratch::of(&example());
    let site = sc.site();
    let args = ["check", "--content", s(&site), "--today", "2024-06-03"];
    let piped = Command::new(env!("CARGO_BIN_EXE_bangtin")).args(args).env_remove("NO_COLOR").output().unwrap();
    assert!(!piped.stderr.contains(&0x1b) && !piped.stdout.contains(&0x1b), "no colour into a pipe");
    let Some(coloured) = on_a_terminal(&args, false) else {
        eprintln!("skipped: no `script` command to make a terminal");
        return;
    };
    assert!(coloured.contains('\x1b'), "a terminal gets colour, or this test proves nothing:\n{coloured}");
    let plain = on_a_terminal(&args, true).expect("script ran once already");
    assert!(!plain.contains('\x1b'), "NO_COLOR must remove every escape:\n{plain:?}");
}
