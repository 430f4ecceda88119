//! One test per validation rule: a broken copy of the example site must fail with exit code 1,
//! a Vietnamese message naming the file, line and field, and leave the previous output as it was.

mod common;

use common::*;

/// Builds the example once, breaks it with `mutate`, builds again, and checks the failure.
fn rejects(mutate: impl FnOnce(&Scratch), expected: &[&str]) -> String {
    let sc = Scratch::of(&example());
    let first = sc.build("2024-06-03");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&sc.out());
    mutate(&sc);
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 1, "expected exit 1, got {}:\n{}{}", r.code, r.stdout, r.stderr);
    for e in expected {
        assert!(r.stderr.contains(e), "missing {e:?} in:\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stderr.contains("được giữ nguyên như trước"), "{}", r.stderr);
    assert!(snapshot(&sc.out()) == before, "output changed after a failed build");
    // `check` reports the same problem without writing.
    let c = run(&["check", "--content", s(&sc.site()), "--today", "2024-06-03"]);
    assert_eq!(c.code, 1);
    assert!(c.stderr.contains(expected[0]), "{}", c.stderr);
    r.stderr
}

#[test]
fn unknown_unit_in_a_report_suggests_the_closest_id() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "  kp8: { cccd", "  kp88: { cccd"),
        &[
            "lỗi: progress/2024-05-31.yaml:13:3",
            "trường:  values.kp88",
            "không có khu phố nào mang mã “kp88” trong units.yaml",
            "có phải ý bạn là “kp8”?",
        ],
    );
}

#[test]
fn unknown_indicator_in_a_report() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "kp3: { cccd: 1154", "kp3: { cccdd: 1154"),
        &["progress/2024-05-31.yaml:8:10", "values.kp3.cccdd", "không có chỉ tiêu “cccdd”", "có phải ý bạn là “cccd”?"],
    );
}

#[test]
fn unknown_plan_in_a_report() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "plan: 2024-cong-dan-so", "plan: 2024-cong-dan-soo"),
        &[
            "progress/2024-05-31.yaml:2:1",
            "không có kế hoạch “2024-cong-dan-soo” trong plans/",
            "có phải ý bạn là “2024-cong-dan-so”?",
        ],
    );
}

#[test]
fn unknown_guide_in_an_indicator() {
    rejects(
        |sc| sc.edit("plans/2024-cong-dan-so.md", "guide: kich-hoat-vneid", "guide: kich-hoat-vnied"),
        &[
            "plans/2024-cong-dan-so.md:",
            "indicators[1].guide",
            "không có hướng dẫn “kich-hoat-vnied”",
            "“kich-hoat-vneid”",
        ],
    );
}

#[test]
fn unknown_unit_in_an_event() {
    rejects(
        |sc| sc.edit("events/ra-quan-khu-pho.md", "kp2", "kp-2"),
        &["events/ra-quan-khu-pho.md:", "units[1]", "mã “kp-2”"],
    );
}

#[test]
fn impossible_date_is_named_in_words() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "date: 2024-05-31", "date: 2024-02-30"),
        &["progress/2024-05-31.yaml:1:1", "ngày 30/2/2024 không có trên lịch"],
    );
}

#[test]
fn slash_dates_get_a_rewrite_hint() {
    rejects(
        |sc| sc.edit("events/hoi-nghi-lan-2.md", "starts: 2024-04-23 07:30", "starts: 23/4/2024 07:30"),
        &["events/hoi-nghi-lan-2.md:5:1", "2024-04-23"],
    );
}

#[test]
fn negative_figures() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "chu-ky-so: 150", "chu-ky-so: -150"),
        &["values.kp1.chu-ky-so", "số âm (-150)"],
    );
}

#[test]
fn figures_above_their_base() {
    // Khu phố 1 has 1.401 residents.
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "kp1: { cccd: 1295", "kp1: { cccd: 1500"),
        &[
            "progress/2024-05-31.yaml:6:10",
            "values.kp1.cccd",
            "số liệu 1.500 lớn hơn cơ số “population” của Khu phố 1 (1.401)",
        ],
    );
}

#[test]
fn thousands_dot_in_a_count_is_explained() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "cccd: 1295", "cccd: 1.295"),
        &["values.kp1.cccd", "không phải số nguyên", "hãy viết liền không dấu chấm: 1295"],
    );
}

#[test]
fn report_outside_its_plan_period() {
    rejects(
        |sc| {
            let text = std::fs::read_to_string(sc.file("progress/2024-05-31.yaml")).unwrap();
            std::fs::remove_file(sc.file("progress/2024-05-31.yaml")).unwrap();
            sc.write("progress/2024-10-04.yaml", &text.replace("date: 2024-05-31", "date: 2024-10-04"));
        },
        &["progress/2024-10-04.yaml:1:1", "nằm ngoài thời gian của kế hoạch (16/4/2024 – 30/9/2024)"],
    );
}

#[test]
fn report_date_must_match_its_file_name() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "date: 2024-05-31", "date: 2024-05-30"),
        &["khác ngày trong tên tệp 31/5/2024"],
    );
}

#[test]
fn two_reports_for_the_same_day() {
    rejects(
        |sc| {
            let text = std::fs::read_to_string(sc.file("progress/2024-05-31.yaml")).unwrap();
            sc.write("progress/2024-05-31.yml", &text);
        },
        &["đã có báo cáo ngày 31/5/2024 của kế hoạch này"],
    );
}

#[test]
fn duplicate_unit_ids() {
    rejects(|sc| sc.edit("units.yaml", "id: kp2", "id: kp1"), &["units.yaml:6:5", "units[1].id", "mã “kp1” bị trùng"]);
}

#[test]
fn duplicate_indicator_ids() {
    rejects(
        |sc| sc.edit("plans/2024-cong-dan-so.md", "id: vneid", "id: cccd"),
        &["plans/2024-cong-dan-so.md:", "chỉ tiêu “cccd” bị trùng mã"],
    );
}

#[test]
fn missing_required_field() {
    rejects(
        |sc| {
            sc.edit(
                "guides/kich-hoat-vneid.md",
                "title: \"Cài đặt VNeID và kích hoạt định danh điện tử mức 1, mức 2\"\n",
                "",
            )
        },
        &["guides/kich-hoat-vneid.md:2:1", "thiếu trường bắt buộc “title”"],
    );
}

#[test]
fn unreadable_yaml_has_its_line() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "  kp2: { cccd: 1664,", "  kp2: { cccd: 1664\n"),
        &["progress/2024-05-31.yaml:", "YAML không đọc được"],
    );
}

#[test]
fn tab_indentation_is_explained() {
    rejects(|sc| sc.edit("units.yaml", "  - id: kp3", "\t- id: kp3"), &["units.yaml:", "YAML không đọc được"]);
}

#[test]
fn unknown_field_suggests_the_known_one() {
    rejects(
        |sc| sc.edit("events/hoi-nghi-lan-1.md", "location:", "locaton:"),
        &["events/hoi-nghi-lan-1.md:8:1", "trường “locaton” không được hỗ trợ ở đây", "có phải ý bạn là “location”?"],
    );
}

#[test]
fn unknown_event_status() {
    rejects(
        |sc| sc.edit("events/hoi-nghi-lan-1.md", "status: confirmed", "status: tentatve"),
        &["events/hoi-nghi-lan-1.md:7:1", "trạng thái “tentatve” không có", "“tentative”"],
    );
}

#[test]
fn event_ending_before_it_starts() {
    rejects(
        |sc| sc.edit("events/hoi-nghi-lan-1.md", "ends: 2024-04-16 11:00", "ends: 2024-04-16 06:00"),
        &["events/hoi-nghi-lan-1.md:6:1", "kết thúc trước khi bắt đầu"],
    );
}

#[test]
fn deadline_outside_the_period() {
    rejects(
        |sc| sc.edit("plans/2024-cong-dan-so.md", "deadline: 2024-05-31", "deadline: 2024-12-31"),
        &["plans/2024-cong-dan-so.md:", "hạn 31/12/2024 nằm ngoài thời gian của kế hoạch"],
    );
}

#[test]
fn unknown_base_of_a_percent_target() {
    rejects(
        |sc| sc.edit("plans/2024-cong-dan-so.md", "of: adults", "of: adult"),
        &["target.of", "cơ số “adult” không có", "có phải ý bạn là “adults”?"],
    );
}

#[test]
fn file_names_must_be_slugs() {
    rejects(
        |sc| {
            let text = std::fs::read_to_string(sc.file("guides/kich-hoat-vneid.md")).unwrap();
            sc.write("guides/Kích hoạt.md", &text);
        },
        &["guides/Kích hoạt.md", "không dùng được làm địa chỉ trang", "đổi tên thành “kich-hoat”"],
    );
}

#[test]
fn not_utf8() {
    rejects(
        |sc| std::fs::write(sc.file("news/2024-05-30-x.md"), b"---\ntitle: \"Th\xf4ng b\xe1o\"\n---\n").unwrap(),
        &["news/2024-05-30-x.md:2:1", "không phải văn bản UTF-8"],
    );
}

#[test]
fn missing_front_matter() {
    rejects(
        |sc| sc.write("news/2024-05-30-x.md", "Thông báo không có phần đầu.\n"),
        &["news/2024-05-30-x.md:1:1", "thiếu phần thông tin đầu tệp"],
    );
}

#[test]
fn broken_site_template() {
    rejects(
        |sc| {
            sc.write(
                "templates/news.html",
                "{% extends \"base.html\" %}{% block content %}{{ data.title {% endblock content %}",
            )
        },
        &["templates/news.html:1:", "mẫu trang (template) bị lỗi: gặp `{` ở chỗ cần }}", "cú pháp tera hợp lệ"],
    );
}

/// What tera says in English about a name a page does not have is said in Vietnamese, with
/// the names it has and where they are listed.
#[test]
fn a_template_naming_a_field_the_page_lacks() {
    let err = rejects(
        |sc| {
            let theme = std::fs::read_to_string(repo().join("themes/default/templates/guide.html")).unwrap();
            assert!(theme.contains("{{ page.root }}"));
            sc.write("templates/guide.html", &theme.replacen("{{ page.root }}", "{{ page.titel }}", 1));
        },
        &["templates/guide.html:", "trường `titel` không có. Các trường có: ", "docs/template-variables.md"],
    );
    assert!(!err.contains("is not defined") && !err.contains("Available"), "{err}");
}

#[test]
fn many_problems_are_reported_together() {
    let err = rejects(
        |sc| {
            sc.edit("progress/2024-05-31.yaml", "kp1: { cccd: 1295", "kp1: { cccd: -1");
            let units = std::fs::read_to_string(sc.file("units.yaml")).unwrap();
            sc.write("units.yaml", &format!("{units}  - id: kp1\n    name: \"Khu phố 1 (bản sao)\"\n"));
            sc.edit("events/hoi-nghi-lan-1.md", "location:", "locaton:");
        },
        &["số âm"],
    );
    assert!(err.contains("bị trùng") && err.contains("locaton"), "{err}");
    assert!(err.contains("Tìm thấy 3 lỗi"), "{err}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let sc = Scratch::of(&example());
    std::fs::create_dir_all(sc.out()).unwrap();
    std::fs::write(sc.out().join("luu-tru.docx"), b"tai lieu quan trong").unwrap();
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không do bangtin tạo ra"), "{}", r.stderr);
    assert_eq!(std::fs::read(sc.out().join("luu-tru.docx")).unwrap(), b"tai lieu quan trong");
    assert_eq!(snapshot(&sc.out()).len(), 1);
}

#[test]
fn missing_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&["build", "--content", s(&dir.path().join("khong-co")), "--out", s(&dir.path().join("out"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không tìm thấy thư mục nội dung"), "{}", r.stderr);
    assert!(!dir.path().join("out").exists());
}

#[test]
fn bad_today_flag_is_a_usage_error() {
    let r = run(&["build", "--today", "2024-02-30"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("không có trên lịch"), "{}", r.stderr);
}

#[test]
fn huge_numbers_are_refused_not_overflowed() {
    rejects(
        |sc| sc.edit("units.yaml", "households: 412", "households: 99999999999999"),
        &["units.yaml:5:", "units[0].bases.households", "quá lớn"],
    );
    rejects(
        |sc| sc.edit("units.yaml", "households: 412", "households: 99999999999999999999"),
        &["units.yaml:5:26", "số quá lớn"],
    );
}

#[test]
fn a_cumulative_figure_that_falls_is_a_weekly_count() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "kp1: { cccd: 1295", "kp1: { cccd: 11"),
        &[
            "progress/2024-05-31.yaml:6:10",
            "values.kp1.cccd",
            "số liệu cộng dồn giảm từ 1.284 (báo cáo ngày 24/5/2024) xuống 11",
        ],
    );
}

#[test]
fn a_report_dated_after_today() {
    rejects(
        |sc| {
            let text = std::fs::read_to_string(sc.file("progress/2024-05-31.yaml")).unwrap();
            std::fs::remove_file(sc.file("progress/2024-05-31.yaml")).unwrap();
            sc.write("progress/2024-06-28.yaml", &text.replace("date: 2024-05-31", "date: 2024-06-28"));
        },
        &["progress/2024-06-28.yaml:1:1", "ngày báo cáo 28/6/2024 chưa tới (hôm nay là 3/6/2024)"],
    );
}

#[test]
fn a_zero_target() {
    rejects(
        |sc| sc.edit("plans/2024-cong-dan-so.md", "percent: 95", "percent: 0"),
        &["plans/2024-cong-dan-so.md", "indicators[0].target.percent", "tỷ lệ chỉ tiêu bằng 0%"],
    );
}

#[test]
fn an_absurd_year() {
    rejects(
        |sc| sc.edit("plans/2024-cong-dan-so.md", "to: 2024-09-30", "to: 9999-12-31"),
        &["plans/2024-cong-dan-so.md", "period.to", "năm 9999 trong ngày “9999-12-31” không hợp lý"],
    );
}

#[test]
fn a_repeat_that_never_happens() {
    rejects(
        // Starts on Monday 6/5/2024; Saturdays until Tuesday 7/5 never come.
        |sc| {
            sc.edit(
                "events/truc-ho-tro-mot-cua.md",
                "repeat: { days: [mon, tue, wed, thu, fri], until: 2024-09-30 }",
                "repeat: { days: [sat], until: 2024-05-07 }",
            )
        },
        &["events/truc-ho-tro-mot-cua.md", "repeat", "lịch lặp lại không rơi vào ngày nào"],
    );
}

#[test]
fn a_misspelt_folder_and_a_subfolder() {
    let err = rejects(
        |sc| {
            sc.write("guide/moi.md", "---\ntitle: x\n---\n");
            sc.write("progress/2024-05/2024-05-31.yaml", "date: 2024-05-31\n");
        },
        &["lỗi: guide", "thư mục “guide/” không phải thư mục bangtin đọc", "có phải ý bạn là “guides”?"],
    );
    assert!(err.contains("thư mục con “2024-05” trong progress/ không được đọc"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlinked_static_folder_is_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("bi-mat.txt"), "SECRET").unwrap();
    rejects(
        |sc| {
            let _ = std::fs::remove_dir_all(sc.file("static"));
            std::os::unix::fs::symlink(outside.path(), sc.file("static")).unwrap();
        },
        &["lỗi: static", "liên kết tượng trưng (symlink)"],
    );
}

#[test]
fn script_links_remote_images_and_broken_links() {
    let news = "news/2024-05-20-kenh-zalo-chinh-thuc.md";
    let err = rejects(
        |sc| {
            sc.edit(
                news,
                "Cán bộ phường không bao giờ",
                "[bấm](javascript:alert(1))\n\n![mã QR](https://evil.example/qr.png)\n\n[VNeID](/huong-dan/kich-hoat-vneidd/)\n\nCán bộ phường không bao giờ",
            );
        },
        &["news/2024-05-20-kenh-zalo-chinh-thuc.md:8:1", "liên kết “javascript:alert(1)” chạy mã lệnh trên trang"],
    );
    assert!(err.contains(":10:1") && err.contains("ảnh “https://evil.example/qr.png” nằm trên máy chủ khác"), "{err}");
    assert!(err.contains(":12:1") && err.contains("liên kết hỏng: “/huong-dan/kich-hoat-vneidd/”"), "{err}");
    assert!(err.contains("có phải ý bạn là “/huong-dan/kich-hoat-vneid/”?"), "{err}");
}

#[test]
fn heading_attributes_cannot_carry_script() {
    let sc = Scratch::of(&example());
    sc.edit(
        "news/2024-05-20-kenh-zalo-chinh-thuc.md",
        "Cán bộ phường không bao giờ",
        "## Lưu ý {#luu-y onclick=alert(1) style=color:red}\n\nCán bộ phường không bao giờ",
    );
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = read(&sc.out(), "tin-tuc/2024-05-20-kenh-zalo-chinh-thuc/index.html");
    assert!(html.contains(r#"<h2 id="luu-y">Lưu ý</h2>"#), "{html}");
    assert!(!html.contains("onclick") && !html.contains("color:red"));
}

#[test]
fn a_static_file_named_like_a_page_folder() {
    rejects(|sc| sc.write("static/lich", "x"), &["lỗi: static/lich", "tệp “lich” trùng tên với thư mục “lich/”"]);
}

#[test]
fn a_misspelt_template_override() {
    rejects(
        |sc| sc.write("templates/indexx.html", "<p>x</p>"),
        &["lỗi: templates/indexx.html", "giao diện không có mẫu trang “indexx.html”", "có phải ý bạn là “index.html”?"],
    );
}

#[test]
fn a_news_file_named_with_an_impossible_date() {
    rejects(
        |sc| {
            let text = std::fs::read_to_string(sc.file("news/2024-05-20-kenh-zalo-chinh-thuc.md")).unwrap();
            sc.write("news/2024-02-30-tin-moi.md", &text);
        },
        &["lỗi: news/2024-02-30-tin-moi.md", "ngày 30/2/2024 không có trên lịch"],
    );
}

#[test]
fn a_repeated_key_points_at_its_second_occurrence() {
    rejects(
        |sc| sc.edit("progress/2024-05-31.yaml", "  kp2: { cccd: 1664", "  kp1: { cccd: 1664"),
        &["progress/2024-05-31.yaml:7:3", "một khóa xuất hiện hai lần"],
    );
}

#[test]
fn a_misspelt_unit_id_is_reported_once_not_at_every_use() {
    let err = rejects(
        |sc| sc.edit("units.yaml", "id: kp1", "id: KP1"),
        &["units.yaml:", "mã “KP1” không hợp lệ", "dùng “kp1”"],
    );
    assert!(err.contains("Tìm thấy 1 lỗi"), "{err}");
}

#[test]
fn numeric_unit_ids_are_read_not_dropped() {
    let sc = Scratch::of(&example());
    sc.edit("units.yaml", "id: kp1", "id: 1");
    for f in std::fs::read_dir(sc.file("progress")).unwrap() {
        let p = f.unwrap().path();
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, t.replace("  kp1: {", "  1: {")).unwrap();
    }
    let ev = std::fs::read_to_string(sc.file("events/ra-quan-khu-pho.md")).unwrap();
    std::fs::write(sc.file("events/ra-quan-khu-pho.md"), ev.replace("kp1", "1")).unwrap();
    let r = sc.build("2024-06-03");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = visible(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"));
    assert!(page.contains("Khu phố 1 92,4% (1.295)"), "{page}");
}

#[test]
fn output_inside_the_content_is_refused() {
    let sc = Scratch::of(&example());
    let inside = sc.file("static/site");
    let r = run(&["build", "--content", s(&sc.site()), "--out", s(&inside), "--today", "2024-06-03"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("nằm trong thư mục nội dung"), "{}", r.stderr);
    assert!(!inside.exists());
}

#[test]
fn command_line_mistakes_are_explained_in_vietnamese() {
    let r = run(&["build", "--contnt", "x"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("không có tùy chọn “--contnt”"), "{}", r.stderr);
    assert!(r.stderr.contains("có phải ý bạn là “--content”?"), "{}", r.stderr);
}

#[test]
fn an_event_named_like_a_unit() {
    // Units and events share /lich/: /lich/kp3/ is Khu phố 3's calendar.
    rejects(
        |sc| {
            let text = std::fs::read_to_string(sc.file("events/hoi-nghi-lan-2.md")).unwrap();
            sc.write("events/kp3.md", &text);
        },
        &[
            "lỗi: events/kp3.md",
            "tên tệp “kp3.md” trùng mã khu phố “kp3” (Khu phố 3) trong units.yaml",
            "/lich/kp3/",
            "đổi tên tệp sự kiện, ví dụ “events/hoi-nghi-kp3.md”",
        ],
    );
}

#[test]
fn a_radio_dialect_that_does_not_exist() {
    rejects(
        |sc| sc.edit("site.yaml", "dialect: nam", "dialect: trung"),
        &[
            "lỗi: site.yaml:9:",
            "trường:  radio.dialect",
            "giọng đọc “trung” không có",
            "bac (giọng Bắc",
            "nam (giọng Nam",
        ],
    );
}

#[test]
fn a_radio_lexicon_entry_with_digits() {
    rejects(
        |sc| {
            sc.edit(
                "site.yaml",
                "radio: { station: \"Đài truyền thanh Phường 3\", dialect: nam }",
                "radio:\n  station: \"Đài truyền thanh Phường 3\"\n  lexicon:\n    KP: \"khu phố\"\n    P3: \"phường 3\"\n",
            )
        },
        &[
            "lỗi: site.yaml:13:5",
            "trường:  radio.lexicon.P3",
            "cách đọc “phường 3” còn chữ số",
            "viết hoàn toàn bằng chữ",
        ],
    );
}

#[test]
fn a_radio_issuer_code_that_is_not_a_code() {
    rejects(
        |sc| {
            sc.edit(
                "site.yaml",
                "radio: { station: \"Đài truyền thanh Phường 3\", dialect: nam }",
                "radio:\n  station: \"Đài truyền thanh Phường 3\"\n  issuers:\n    SVHTT: \"Sở Văn hóa và Thể thao\"\n    \"sở y tế\": \"Sở Y tế\"\n    SYT: \"Sở Y tế (SYT)\"\n",
            )
        },
        &[
            "lỗi: site.yaml:13:5",
            "trường:  radio.issuers.sở y tế",
            "“sở y tế” không phải mã cơ quan ban hành",
            "265-KH/TU",
            "trường:  radio.issuers.SYT",
            "có ký hiệu “(”",
            "ví dụ TU: “Tỉnh ủy”",
        ],
    );
}

#[test]
fn a_radio_rate_out_of_range() {
    rejects(
        |sc| sc.edit("site.yaml", "dialect: nam }", "dialect: nam, rate: 500, pauses: { sentence: 9 } }"),
        &[
            "lỗi: site.yaml:9:",
            "trường:  radio.rate",
            "500 nằm ngoài khoảng 100–400",
            "thường là 240",
            "radio.pauses.sentence",
            "9 nằm ngoài khoảng 0–5",
        ],
    );
}

#[test]
fn a_broken_link_is_found_in_the_body_of_every_kind_of_page() {
    // Each body also links to pages made before and after its own (the schedule early, the
    // lists last): those are fine, whenever the render made them.
    let files = [
        "plans/2024-cong-dan-so.md",
        "guides/kich-hoat-vneid.md",
        "events/hoi-nghi-lan-1.md",
        "news/2024-05-20-kenh-zalo-chinh-thuc.md",
    ];
    let err = rejects(
        |sc| {
            for (i, f) in files.iter().enumerate() {
                let mut text = std::fs::read_to_string(sc.file(f)).unwrap();
                text.push_str(&format!(
                    "\n\n[lịch](/lich/) [tin](/tin-tuc/) [trang chủ](/) [hướng dẫn](../../huong-dan/) [hỏng](/khong-co-{i}/)\n"
                ));
                sc.write(f, &text);
            }
        },
        &["liên kết hỏng: “/khong-co-0/”"],
    );
    for (i, f) in files.iter().enumerate() {
        // The message names the file on its first line: `lỗi: <file>:<line>:<column>`.
        let at = err.find(&format!("“/khong-co-{i}/”")).unwrap_or_else(|| panic!("{f}: {err}"));
        let start = err[..at].rfind("lỗi:").unwrap_or(0);
        assert!(err[start..at].contains(&format!("{f}:")), "{f}: {}", &err[start..at]);
    }
    assert_eq!(err.matches("liên kết hỏng").count(), 4, "{err}");
}
