//! `bangtin import plan`: each seed plan's .docx (and its text) becomes a draft plan whose
//! front matter, indicators (with the sentences they were read from), headings and events are
//! the document's; `bangtin check` on the imported site passes once units.yaml has what the
//! import said it must, and names exactly that before. Other wards' layouts (no header table,
//! headings not bold, Word's own numbering, footnotes, a PDF's wrapped lines) import too.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use common::*;
use serde_yaml::Value;

fn plans() -> PathBuf {
    repo().join("tests/plans")
}

/// A site folder with a fixture's site.yaml and units.yaml and nothing else, as an officer
/// who has filled in units.yaml has it.
fn site_from(fixture: &Path, dir: &Path) -> PathBuf {
    let content = dir.join("content");
    fs::create_dir_all(&content).unwrap();
    let site = fs::read_to_string(fixture.join("site.yaml")).unwrap();
    let site: String = site.lines().filter(|l| !l.starts_with("current_plan:")).map(|l| format!("{l}\n")).collect();
    fs::write(content.join("site.yaml"), site).unwrap();
    fs::copy(fixture.join("units.yaml"), content.join("units.yaml")).unwrap();
    content
}

struct Imported {
    run: Run,
    text: String,
    front: Value,
    body: String,
}

fn import(file: &Path, content: &Path) -> Imported {
    let run = run(&["import", "plan", s(file), "--content", s(content)]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let plan = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("Đã tạo bản nháp ").and_then(|r| r.split(" (trang").next()))
        .unwrap_or_else(|| panic!("no plan named in {}", run.stdout));
    let text = fs::read_to_string(plan).unwrap();
    let (front, body) = split(&text);
    Imported { run, front, body, text }
}

fn split(text: &str) -> (Value, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    (serde_yaml::from_str(&rest[..end]).unwrap(), rest[end + 5..].to_string())
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn yaml(s: &str) -> Value {
    serde_yaml::from_str(s).unwrap()
}

/// Each indicator as (id, target).
fn indicators(front: &Value) -> Vec<(String, Value)> {
    front["indicators"]
        .as_sequence()
        .map(|s| s.iter().map(|i| (i["id"].as_str().unwrap().to_string(), i["target"].clone())).collect())
        .unwrap_or_default()
}

fn headings(body: &str) -> Vec<&str> {
    body.lines().filter(|l| l.starts_with("## ") || l.starts_with("### ")).collect()
}

/// The comment lines above an indicator, joined: the sentence it was read from.
fn source_of(text: &str, id: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.trim() == format!("- id: {id}")).unwrap_or_else(|| panic!("no {id}"));
    let mut k = at;
    while k > 0 && lines[k - 1].trim_start().starts_with('#') {
        k -= 1;
    }
    lines[k..at].iter().map(|l| l.trim_start().trim_start_matches('#').trim()).collect::<Vec<_>>().join(" ")
}

fn check(content: &Path, today: &str) -> Run {
    run(&["check", "--content", s(content), "--today", today])
}

/// The problems (`vấn đề:` lines) of a failed check.
fn problems(r: &Run) -> Vec<String> {
    r.stderr.lines().filter_map(|l| l.trim().strip_prefix("vấn đề:")).map(|p| p.trim().to_string()).collect()
}

fn set_current_plan(content: &Path, front_slug: &str) {
    let p = content.join("site.yaml");
    let mut site = fs::read_to_string(&p).unwrap();
    site.push_str(&format!("current_plan: {front_slug}\n"));
    fs::write(p, site).unwrap();
}

fn slug_of(run: &Run) -> String {
    let line = run.stdout.lines().find(|l| l.contains("(trang /ke-hoach/")).unwrap();
    line.split("/ke-hoach/").nth(1).unwrap().trim_end_matches(").").trim_end_matches('/').to_string()
}

#[test]
fn phuong_3_front_matter_indicators_headings_and_conferences() {
    let tmp = tempfile::tempdir().unwrap();
    let content = site_from(&example(), tmp.path());
    let i = import(&plans().join("000-phuong-3-vung-tau-2024.docx"), &content);
    let f = &i.front;
    assert_eq!(str_of(f, "issuer"), Some("Ủy ban nhân dân Phường 3"));
    assert_eq!(f.get("number"), None, "a draft has no number");
    assert!(i.text.contains("# TODO: số văn bản khi đã ban hành (bản dự thảo ghi “Số: /KH-UBND”)"), "{}", i.text);
    assert_eq!(str_of(f, "issued"), Some("tháng 3 năm 2024"));
    assert_eq!(str_of(f, "title"), Some("Thực hiện mô hình “Công dân số” trên địa bàn Phường 3, thành phố Vũng Tàu"));
    let basis: Vec<&str> = f["basis"].as_sequence().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(basis.len(), 4, "{basis:#?}");
    assert!(basis[0].starts_with("Kế hoạch số 228/KH-UBND ngày 27/10/2023 của UBND tỉnh Bà Rịa – Vũng Tàu"));
    assert!(basis[1].ends_with("chuyển đổi số và Đề án 06 năm 2024"), "{}", basis[1]);
    assert!(basis[2].starts_with("Thông báo Kết luận số 81/TB-UBND") && basis[2].contains("; Sơ kết 02 năm"));
    assert!(basis[3].starts_with("Công văn số 1293/UBND-NV"));
    assert_eq!(f["signed_by"], yaml("{ name: Diệp Bảo Hưng, title: Phó Chủ tịch, for: KT. Chủ tịch }"));
    assert_eq!(f["period"], yaml("{ from: 2024-04-16, to: 2024-09-30 }"));
    assert_eq!(
        indicators(f),
        vec![
            ("cccd".into(), yaml("{ percent: 95, of: population }")),
            ("vneid".into(), yaml("{ percent: 70, of: population }")),
            ("dich-vu-cong".into(), yaml("{ percent: 50, of: adults }")),
            ("chu-ky-so".into(), yaml("{ percent: 40, of: adults }")),
            ("thiet-lap-kenh-zalo".into(), yaml("milestone")),
        ]
    );
    assert_eq!(f["indicators"][0]["name"].as_str(), Some("Công dân được cấp thẻ CCCD gắn chip điện tử"));
    assert_eq!(
        source_of(&i.text, "cccd"),
        "“Phân đầu 95% công dân được cấp thẻ CCCD gắn chip điện tử; 70% công dân được cài đặt ứng dụng VNeID và kích hoạt định danh điện tử mức 1, mức 2.”"
    );
    assert_eq!(
        source_of(&i.text, "chu-ky-so"),
        "“Phân đầu 40% dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân.”"
    );
    assert_eq!(
        headings(&i.body),
        vec![
            "## I. MỤC ĐÍCH YÊU CẦU",
            "### 1. Mục đích",
            "### 2. Yêu cầu",
            "## II. NỘI DUNG MÔ HÌNH CÔNG DÂN SỐ",
            "### 1. Mục tiêu",
            "### 2. Phạm vi triển khai",
            "### 3. Đơn vị phối hợp thực hiện",
            "## III. THỜI GIAN, ĐỊA ĐIỂM TRIỂN KHAI MÔ HÌNH",
            "### 1. Hội nghị thứ Nhất",
            "### 2. Hội nghị thứ Hai",
            "## IV. TỔ CHỨC THỰC HIỆN",
            "### 1. Bộ phận Văn hóa – Xã hội Phường",
        ]
    );
    assert!(i.body.starts_with("Thực hiện Kế hoạch số 228/KH-UBND"), "the body opens with the basis paragraph");
    assert!(i.body.contains("\n- Tuyên truyền linh hoạt, kịp thời"), "dashes are a list");
    assert!(i.body.contains("\n  - Toàn thể cán bộ, công chức Phường 3;"), "“+” items nest");
    for gone in ["Nơi nhận", "Lưu: VT", "PHÓ CHỦ TỊCH", "Diệp Bảo Hưng", "CỘNG HÒA XÃ HỘI"] {
        assert!(!i.body.contains(gone), "{gone} is not in the public text");
    }
    // Two conferences, "dự kiến".
    let e = fs::read_to_string(content.join("events/hoi-nghi-thu-nhat.md")).unwrap();
    let (ef, _) = split(&e);
    assert_eq!(str_of(&ef, "kind"), Some("hoi-nghi"));
    assert_eq!(ef["starts"], yaml("2024-04-16"));
    assert_eq!(str_of(&ef, "status"), Some("tentative"));
    assert_eq!(str_of(&ef, "location"), Some("Hội trường UBND Phường 3"));
    assert_eq!(ef["attendees"].as_sequence().map(Vec::len), Some(6));
    assert!(content.join("events/hoi-nghi-thu-hai.md").is_file());
    // The example's units have population and adults: the site checks as it is.
    set_current_plan(&content, &slug_of(&i.run));
    let c = check(&content, "2024-06-03");
    assert_eq!(c.code, 0, "{}", c.stderr);
}

#[test]
fn tinh_hiep_shares_of_reported_figures_and_a_base_the_text_names() {
    let tmp = tempfile::tempdir().unwrap();
    let content = site_from(&fixture("001-tinh-hiep"), tmp.path());
    let i = import(&plans().join("001-tinh-hiep-2024.docx"), &content);
    let f = &i.front;
    assert_eq!(str_of(f, "issuer"), Some("Ủy ban nhân dân xã Tịnh Hiệp"));
    assert_eq!(str_of(f, "issued"), Some("tháng 8 năm 2024"));
    assert!(str_of(f, "title").unwrap().starts_with("Triển khai cao điểm 60 ngày đêm"));
    assert_eq!(f["basis"].as_sequence().map(Vec::len), Some(1));
    assert_eq!(f["signed_by"], yaml("{ name: Phan Trọng Tấn, title: Phó Chủ tịch, for: KT. Chủ tịch }"));
    assert_eq!(f["period"], yaml("{ from: 2024-08-10, to: 2024-10-10 }"));
    let ids = indicators(f);
    assert_eq!(ids[0], ("vneid".into(), yaml("{ percent: 100, of: cong-dan-du-dieu-kien }")));
    assert!(ids.contains(&("ho-so-truc-tuyen".into(), yaml("{ percent: 50, of: reported }"))), "{ids:#?}");
    assert!(ids.contains(&("so-hoa".into(), yaml("{ percent: 85, of: reported }"))), "{ids:#?}");
    assert!(ids.contains(&("thanh-toan".into(), yaml("{ percent: 90, of: reported }"))), "{ids:#?}");
    assert!(source_of(&i.text, "ho-so-truc-tuyen").contains("tối thiểu 50% tại cấp xã"));
    assert!(i.run.stdout.contains("cơ số mới “cong-dan-du-dieu-kien”"), "{}", i.run.stdout);
    // Two events: a field campaign of ten days and a training "in August".
    let ra_quan =
        fs::read_to_string(content.join("events/trien-khai-chien-dich-ra-quan-cua-to-cong-nghe-so-cong-dong.md"))
            .unwrap();
    let (rf, _) = split(&ra_quan);
    assert_eq!((rf["starts"].clone(), rf["ends"].clone()), (yaml("2024-10-01"), yaml("2024-10-10")));
    assert_eq!(str_of(&rf, "location"), Some("các điểm thôn"));
    let training = fs::read_dir(content.join("events"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("tap-huan"))
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .unwrap();
    let (tf, _) = split(&training);
    assert_eq!((str_of(&tf, "status"), str_of(&tf, "when_text")), (Some("tba"), Some("Trong tháng 8/2024")));

    // The check names exactly what units.yaml lacks; filled in as the import said, it passes.
    set_current_plan(&content, &slug_of(&i.run));
    let before = check(&content, "2024-08-20");
    assert_eq!(before.code, 1);
    assert_eq!(
        problems(&before),
        vec!["cơ số “cong-dan-du-dieu-kien” không có ở thôn an-ky, tho-nam, truong-tho, tho-bac, tan-hiep trong units.yaml"]
    );
    add_base(&content, "cong-dan-du-dieu-kien", "công dân đủ điều kiện", "adults");
    let after = check(&content, "2024-08-20");
    assert_eq!(after.code, 0, "{}", after.stderr);
}

/// units.yaml with a base named `id` for every unit (its `copy` base's figure) and its label.
fn add_base(content: &Path, id: &str, label: &str, copy: &str) {
    let p = content.join("units.yaml");
    let text = fs::read_to_string(&p).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_string();
        if let Some(at) = line.find(&format!("{copy}: ")) {
            let n: String = line[at + copy.len() + 2..].chars().take_while(char::is_ascii_digit).collect();
            line = line.replacen(" }", &format!(", {id}: {n} }}"), 1);
        }
        out.push_str(&line);
        out.push('\n');
    }
    let out = if out.contains("\nbases:") {
        out.replacen("\nbases:\n", &format!("\nbases:\n  {id}: {{ label: \"{label}\", noun: \"người\" }}\n"), 1)
    } else {
        format!("{out}bases:\n  {id}: {{ label: \"{label}\", noun: \"người\" }}\n")
    };
    fs::write(p, out).unwrap();
}

#[test]
fn bim_son_targets_per_group_milestones_and_a_daily_field_campaign() {
    let tmp = tempfile::tempdir().unwrap();
    let content = site_from(&fixture("002-bim-son"), tmp.path());
    let i = import(&plans().join("002-bim-son-2023.docx"), &content);
    let f = &i.front;
    assert_eq!(str_of(f, "issuer"), Some("Tổ công tác Đề án 06 thị xã Bỉm Sơn"));
    assert_eq!(f.get("number"), None);
    assert_eq!(str_of(f, "issued"), Some("tháng 3 năm 2023"));
    assert_eq!(
        str_of(f, "title"),
        Some("Cao điểm hướng dẫn người dân cài đặt, kích hoạt định danh điện tử, sử dụng ứng dụng VNeID và thực hiện các dịch vụ công trực tuyến")
    );
    let basis: Vec<&str> = f["basis"].as_sequence().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(basis.len(), 2);
    assert!(basis[0].starts_with("Nghị định số 59/NĐ-CP") && basis[1].starts_with("Kế hoạch số 656/KH-UBND"));
    assert_eq!(f["signed_by"], yaml("{ name: Trịnh Tuấn Thành, title: Chủ tịch UBND thị xã, for: Tổ trưởng }"));
    assert_eq!(f["period"], yaml("{ from: 2023-03-20, to: 2023-04-20 }"));
    let ids = indicators(f);
    let shares: Vec<(String, Value)> = ids.iter().filter(|(_, t)| t.is_mapping()).cloned().collect();
    assert_eq!(
        shares,
        vec![
            ("can-bo".into(), yaml("{ percent: 100, of: reported }")),
            ("doan-vien".into(), yaml("{ percent: 100, of: reported }")),
            ("hoi-vien".into(), yaml("{ above: 50, of: reported }")),
            ("hoc-sinh".into(), yaml("{ percent: 100, of: reported }")),
            ("dinh-danh".into(), yaml("{ percent: 50, of: cong-dan-con-lai }")),
            ("vneid".into(), yaml("{ percent: 100, of: cong-dan-du-dieu-kien }")),
        ]
    );
    assert!(source_of(&i.text, "hoi-vien").contains("đảm bảo trên 50% các hội viên"));
    // Tasks due by a day are milestones with that day.
    let tasks: Vec<&Value> =
        f["indicators"].as_sequence().unwrap().iter().filter(|i| i["target"].as_str() == Some("milestone")).collect();
    assert!(tasks.len() >= 5, "{tasks:#?}");
    let thanh_lap =
        tasks.iter().find(|t| t["name"].as_str().unwrap().starts_with("Thành lập các tổ công tác")).unwrap();
    assert_eq!(thanh_lap["deadline"], yaml("2023-03-23"));
    // The field campaign runs daily from 7:30 to 22:00.
    let e =
        fs::read_to_string(content.join("events/cac-to-cong-tac-dong-loat-ra-quan-huong-dan-dang-ky-thu.md")).unwrap();
    let (ef, _) = split(&e);
    assert_eq!((ef["starts"].clone(), ef["ends"].clone()), (yaml("2023-03-24 07:30"), yaml("2023-03-24 22:00")));
    assert_eq!(ef["repeat"], yaml("{ days: daily, until: 2023-04-20 }"));

    set_current_plan(&content, &slug_of(&i.run));
    let before = check(&content, "2023-03-27");
    let units = "phường, xã ba-dinh, lam-son, ngoc-trao, bac-son, dong-son, phu-son, quang-trung, ha-lan";
    assert_eq!(
        problems(&before),
        vec![
            format!("cơ số “cong-dan-con-lai” không có ở {units} trong units.yaml"),
            format!("cơ số “cong-dan-du-dieu-kien” không có ở {units} trong units.yaml"),
        ]
    );
    add_base(&content, "cong-dan-con-lai", "công dân còn lại", "adults");
    add_base(&content, "cong-dan-du-dieu-kien", "công dân đủ điều kiện", "adults");
    let after = check(&content, "2023-03-27");
    assert_eq!(after.code, 0, "{}", after.stderr);
}

#[test]
fn my_phu_dong_counts_and_its_appendix_as_the_first_report() {
    let tmp = tempfile::tempdir().unwrap();
    let content = site_from(&fixture("003-my-phu-dong"), tmp.path());
    let i = import(&plans().join("003-my-phu-dong-2023.docx"), &content);
    let f = &i.front;
    assert_eq!(str_of(f, "number"), Some("46/KH-UBND"));
    assert_eq!(f["issued"], yaml("2023-06-08"));
    assert_eq!(str_of(f, "issuer"), Some("Ủy ban nhân dân xã Mỹ Phú Đông"));
    assert!(str_of(f, "title").unwrap().starts_with("Triển khai thực hiện có hiệu quả mô hình điểm về “Công dân số”"));
    assert_eq!(
        f["basis"],
        yaml("[\"Kế hoạch số 138/KH-UBND ngày 02 tháng 6 năm 2023 của Ủy ban nhân dân huyện về triển khai mô hình điểm cấp huyện trong thực hiện Đề án 06/CP của Chính phủ\"]")
    );
    assert_eq!(f["signed_by"], yaml("{ name: Võ Hoàng Tâm, title: Chủ tịch, for: TM. Ủy ban nhân dân }"));
    assert_eq!(f["period"], yaml("{ from: 2023-05-25, to: 2023-06-30 }"));
    assert_eq!(
        indicators(f),
        vec![
            ("can-bo".into(), yaml("{ percent: 100, of: reported }")),
            ("cccd".into(), yaml("97")),
            ("dinh-danh".into(), yaml("1057")),
        ]
    );
    let cccd = &f["indicators"][1];
    assert_eq!((cccd["name"].as_str(), cccd["noun"].as_str()), (Some("Thu nhận hồ sơ cấp CCCD"), Some("trường hợp")));
    assert_eq!(cccd["deadline"], yaml("2023-06-20"));
    // Said three times in the plan: one indicator, every sentence kept.
    assert!(source_of(&i.text, "dinh-danh").contains("nhắc lại: “Phối hợp với các ngành"));
    assert_eq!(
        headings(&i.body)[..4],
        [
            "## I. MỤC ĐÍCH, YÊU CẦU",
            "## II. TÊN MÔ HÌNH, PHẠM VI, CHỈ TIÊU THỰC HIỆN",
            "### 3. Chỉ tiêu thực hiện",
            "## III. NỘI DUNG, PHƯƠNG PHÁP THỰC HIỆN"
        ]
    );
    assert!(i.body.contains("## PHỤ LỤC III"), "appendices stay");
    assert!(i.body.contains("| 1 | Áp Tân Phú | 339 | 186 | 153 | 50 |  |"), "tables stay");
    assert!(!i.body.contains("Võ Hoàng Tâm") && !i.body.contains("Nơi nhận"));
    // Phụ lục III's column "Đã tạo (đại diện 01 người/hộ)" is the 1.057 accounts, per ấp.
    let report = fs::read_to_string(content.join("progress/2023-06-08.yaml")).unwrap();
    let r: Value = serde_yaml::from_str(&report).unwrap();
    assert_eq!(
        r["values"],
        yaml("{ tan-phu: { dinh-danh: 186 }, tan-my: { dinh-danh: 169 }, tan-dong: { dinh-danh: 259 } }")
    );
    assert!(report
        .contains("# cột “Đã cài đặt VNeID” chưa ghép với chỉ tiêu nào: Áp Tân Phú 50, Áp Tân Mỹ 60, Áp Tân Đông 58"));
    set_current_plan(&content, &slug_of(&i.run));
    let c = check(&content, "2023-06-14");
    assert_eq!(c.code, 0, "{}", c.stderr);
}

#[test]
fn the_seeds_as_text_copied_out_read_like_their_docx() {
    for (name, fixture_dir) in [
        ("000-phuong-3-vung-tau-2024", example()),
        ("001-tinh-hiep-2024", fixture("001-tinh-hiep")),
        ("002-bim-son-2023", fixture("002-bim-son")),
        ("003-my-phu-dong-2023", fixture("003-my-phu-dong")),
    ] {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let docx = import(&plans().join(format!("{name}.docx")), &site_from(&fixture_dir, a.path()));
        let txt = import(&plans().join(format!("{name}.txt")), &site_from(&fixture_dir, b.path()));
        for key in ["title", "period", "basis"] {
            assert_eq!(docx.front.get(key), txt.front.get(key), "{name}: {key}");
        }
        // The text of Mỹ Phú Đông's signature lost its "TM. ỦY BAN NHÂN DÂN" line.
        for key in ["name", "title"] {
            assert_eq!(docx.front["signed_by"].get(key), txt.front["signed_by"].get(key), "{name}: signed_by.{key}");
        }
        let ids = |i: &Imported| indicators(&i.front).into_iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(ids(&docx), ids(&txt), "{name}");
        assert_eq!(headings(&docx.body), headings(&txt.body), "{name}");
        // The text has no header: the issuer is left to fill in, and check says so.
        if !fs::read_to_string(plans().join(format!("{name}.txt"))).unwrap().contains("ỦY BAN") {
            assert_eq!(txt.front.get("issuer"), None);
            assert!(txt.text.contains("# issuer: \"Ủy ban nhân dân …\""));
        }
    }
}

/// What both An Bình plans (a .docx and a PDF's text) say alike.
fn an_binh_front_matter(f: &Value) {
    assert_eq!(str_of(f, "issuer"), Some("Ủy ban nhân dân xã An Bình"));
    assert_eq!(str_of(f, "number"), Some("12/KH-UBND"));
    assert_eq!(f["issued"], yaml("2026-03-05"));
    assert_eq!(str_of(f, "title"), Some("Nâng cao kỹ năng số cho người dân xã An Bình năm 2026"));
    assert_eq!(f["signed_by"], yaml("{ name: Nguyễn Văn An, title: Phó Chủ tịch, for: KT. Chủ tịch }"));
    assert_eq!(f["period"], yaml("{ from: 2026-03-01, to: 2026-11-30 }"));
}

/// A .docx from its parts, as Word writes one.
fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(content_types.as_bytes()).unwrap();
    for (name, text) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A paragraph in Word's list `num` at level `ilvl`.
fn li(num: u32, ilvl: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
    )
}

fn cell(text: &str) -> String {
    format!("<w:tc>{}</w:tc>", p(text))
}

#[test]
fn a_docx_without_header_table_bold_or_typed_numbers_with_notes_imports_too() {
    // The header as lines with tabs, "KẾ HOẠCH" not bold, headings numbered by Word, bullets,
    // a footnote, bold and italics, a table per thôn, the signature as paragraphs.
    let body = [
        p("ỦY BAN NHÂN DÂN<w:tab/>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        p("XÃ AN BÌNH<w:tab/>Độc lập - Tự do - Hạnh phúc"),
        p("Số: 12/KH-UBND<w:tab/>An Bình, ngày 05 tháng 3 năm 2026"),
        p("KẾ HOẠCH"),
        p("Nâng cao kỹ năng số cho người dân xã An Bình năm 2026"),
        p("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ; Căn cứ Kế hoạch số 30/KH-UBND ngày 15/02/2026 của UBND huyện;"),
        p("Ủy ban nhân dân xã An Bình ban hành Kế hoạch như sau:"),
        li(1, 0, "MỤC TIÊU"),
        li(1, 1, "Chỉ tiêu"),
        li(2, 0, "Phấn đấu 100% công dân từ đủ 14 tuổi trở lên có tài khoản định danh điện tử mức 2."),
        li(2, 0, "Đảm bảo 40% người dân trong độ tuổi trưởng thành sử dụng dịch vụ công trực tuyến."),
        li(2, 0, "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến đạt trên 93%."),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>Lớp tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"2\"/></w:r><w:r><w:t xml:space=\"preserve\"> hoàn thành trong quý III/2026.</w:t></w:r></w:p>".to_string(),
        li(1, 1, "Thời gian thực hiện"),
        p("Từ ngày 01/3/2026 đến ngày 30/11/2026."),
        li(1, 0, "TỔ CHỨC THỰC HIỆN"),
        li(1, 1, "Công an xã"),
        p("Tổ chức hội nghị triển khai vào ngày 10/3/2026 tại Hội trường UBND xã."),
        "<w:p><w:r><w:t xml:space=\"preserve\">Người dân mang theo </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>thẻ CCCD</w:t></w:r><w:r><w:t xml:space=\"preserve\"> và </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>điện thoại</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>".to_string(),
        format!(
            "<w:tbl><w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr><w:tr>{}{}{}{}</w:tr></w:tbl>",
            cell("STT"), cell("Thôn"), cell("Số hộ"), cell("Đã có tài khoản định danh mức 2"),
            cell("1"), cell("Thôn Bình An"), cell("400"), cell("120"),
            cell("2"), cell("Thôn Bình Minh"), cell("350"), cell("90"),
            cell("Tổng cộng"), cell(""), cell("750"), cell("210"),
        ),
        p("Nơi nhận:"),
        p("- Như trên;"),
        p("- Lưu: VT."),
        p("KT. CHỦ TỊCH"),
        p("PHÓ CHỦ TỊCH"),
        p("(Đã ký)"),
        p("Nguyễn Văn An"),
    ]
    .concat();
    let document =
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let numbering = format!(
        "<w:numbering {W}>\
         <w:abstractNum w:abstractNumId=\"10\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl></w:abstractNum>\
         <w:abstractNum w:abstractNumId=\"11\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{f0b7}\"/></w:lvl></w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"11\"/></w:num></w:numbering>"
    );
    let footnotes = format!(
        "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"2\"><w:p><w:r><w:t xml:space=\"preserve\">Theo Quyết định số 1234/QĐ-UBND.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    );
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("an-binh.docx");
    fs::write(
        &file,
        docx(&[
            ("word/document.xml", &document),
            ("word/numbering.xml", &numbering),
            ("word/footnotes.xml", &footnotes),
        ]),
    )
    .unwrap();
    let content = tmp.path().join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(
        content.join("site.yaml"),
        "title: \"Công dân số xã An Bình\"\nlocality: \"xã An Bình\"\nauthority: \"Ủy ban nhân dân xã An Bình\"\nbase_url: \"https://an-binh.example.gov.vn/\"\n",
    )
    .unwrap();
    fs::write(
        content.join("units.yaml"),
        "kind: \"Thôn\"\nunits:\n  - id: binh-an\n    name: \"Thôn Bình An\"\n    bases: { households: 400, adults: 1100, cong-dan-tu-du-14-tuoi-tro-len: 1200 }\n  - id: binh-minh\n    name: \"Thôn Bình Minh\"\n    bases: { households: 350, adults: 950, cong-dan-tu-du-14-tuoi-tro-len: 1000 }\nbases:\n  cong-dan-tu-du-14-tuoi-tro-len: { label: \"công dân từ đủ 14 tuổi trở lên\", noun: \"người\" }\n",
    )
    .unwrap();
    let i = import(&file, &content);
    let f = &i.front;
    an_binh_front_matter(f);
    assert_eq!(
        f["basis"],
        yaml("[\"Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ\", \"Kế hoạch số 30/KH-UBND ngày 15/02/2026 của UBND huyện\"]")
    );
    assert_eq!(
        indicators(f),
        vec![
            ("dinh-danh".into(), yaml("{ percent: 100, of: cong-dan-tu-du-14-tuoi-tro-len }")),
            ("dich-vu-cong".into(), yaml("{ percent: 40, of: adults }")),
            ("ho-so-truc-tuyen".into(), yaml("{ above: 93, of: reported }")),
            ("lop-tap-huan-ky".into(), yaml("milestone")),
        ]
    );
    let milestone = &f["indicators"][3];
    assert_eq!(milestone["name"].as_str(), Some("Lớp tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng"));
    assert_eq!(milestone["deadline"], yaml("2026-09-30"), "due at the quarter's end");
    // Word's numbering gives the headings; its bullets the list; the note stays a note.
    assert_eq!(
        headings(&i.body),
        vec![
            "## I. MỤC TIÊU",
            "### 1. Chỉ tiêu",
            "### 2. Thời gian thực hiện",
            "## II. TỔ CHỨC THỰC HIỆN",
            "### 1. Công an xã"
        ]
    );
    assert!(
        i.body
            .contains("\n- Lớp tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng[^1] hoàn thành trong quý III/2026.\n"),
        "{}",
        i.body
    );
    assert!(i.body.ends_with("\n[^1]: Theo Quyết định số 1234/QĐ-UBND.\n"), "{}", i.body);
    assert!(i.body.contains("Người dân mang theo **thẻ CCCD** và *điện thoại*."), "{}", i.body);
    assert!(i.body.contains("| 1 | Thôn Bình An | 400 | 120 |"));
    for gone in ["Nơi nhận", "Như trên", "PHÓ CHỦ TỊCH", "Đã ký", "Nguyễn Văn An", "Độc lập"] {
        assert!(!i.body.contains(gone), "{gone} in {}", i.body);
    }
    let (ef, _) = split(&fs::read_to_string(content.join("events/to-chuc-hoi-nghi-trien-khai.md")).unwrap());
    assert_eq!((ef["starts"].clone(), str_of(&ef, "location")), (yaml("2026-03-10"), Some("Hội trường UBND xã")));
    // The table per thôn is the first report, on the plan's date.
    let r: Value =
        serde_yaml::from_str(&fs::read_to_string(content.join("progress/2026-03-05.yaml")).unwrap()).unwrap();
    assert_eq!(r["values"], yaml("{ binh-an: { dinh-danh: 120 }, binh-minh: { dinh-danh: 90 } }"));
    let c = check(&content, "2026-03-20");
    assert_eq!(c.code, 0, "{}", c.stderr);
}

#[test]
fn text_copied_out_of_a_pdf_with_its_columns_run_together() {
    let text = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                XÃ AN BÌNH Độc lập - Tự do - Hạnh phúc\n\
                Số: 12/KH-UBND An Bình, ngày 05 tháng 3 năm 2026\n\
                KẾ HOẠCH\n\
                Nâng cao kỹ năng số cho người dân\n\
                xã An Bình năm 2026\n\
                Căn cứ Kế hoạch số 30/KH-UBND ngày 15/02/2026 của UBND huyện về\n\
                chuyển đổi số năm 2026, Ủy ban nhân dân xã An Bình ban hành kế hoạch\n\
                như sau:\n\
                I. CHỈ TIÊU\n\
                - Phấn đấu đến ngày 30/11/2026 đạt trên 93% hồ sơ thủ tục hành chính\n\
                được nộp trực tuyến.\n\
                - Đảm bảo 40% người dân trong độ tuổi trưởng thành có chữ ký số.\n\
                II. THỜI GIAN THỰC HIỆN\n\
                Từ ngày 01/3/2026 đến ngày 30/11/2026.\n\
                Nơi nhận: KT. CHỦ TỊCH\n\
                - Như trên; PHÓ CHỦ TỊCH\n\
                - Lưu: VT.\n\
                Nguyễn Văn An\n";
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("an-binh.txt");
    fs::write(&file, text).unwrap();
    let content = site_from(&example(), tmp.path());
    let i = import(&file, &content);
    let f = &i.front;
    an_binh_front_matter(f);
    assert_eq!(
        f["basis"],
        yaml("[\"Kế hoạch số 30/KH-UBND ngày 15/02/2026 của UBND huyện về chuyển đổi số năm 2026\"]")
    );
    assert_eq!(
        indicators(f),
        vec![
            ("ho-so-truc-tuyen".into(), yaml("{ above: 93, of: reported }")),
            ("chu-ky-so".into(), yaml("{ percent: 40, of: adults }")),
        ]
    );
    assert_eq!(f["indicators"][0]["deadline"], yaml("2026-11-30"));
    assert_eq!(
        source_of(&i.text, "ho-so-truc-tuyen"),
        "“Phấn đấu đến ngày 30/11/2026 đạt trên 93% hồ sơ thủ tục hành chính được nộp trực tuyến.”"
    );
    assert_eq!(headings(&i.body), vec!["## I. CHỈ TIÊU", "## II. THỜI GIAN THỰC HIỆN"]);
    assert!(i
        .body
        .contains("- Phấn đấu đến ngày 30/11/2026 đạt trên 93% hồ sơ thủ tục hành chính được nộp trực tuyến.\n"));
    assert!(!i.body.contains("Nơi nhận") && !i.body.contains("Nguyễn Văn An"));
}

#[test]
fn what_is_not_found_is_a_todo_that_check_names() {
    // No header, no "KẾ HOẠCH", no dates: issuer, title and period are left to the officer.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ghi-chep.txt");
    fs::write(&file, "I. MỤC ĐÍCH\n\nHướng dẫn người dân cài đặt VNeID.\n\nII. CHỈ TIÊU\n\n- Phấn đấu 80% công dân có tài khoản định danh điện tử.\n").unwrap();
    let content = site_from(&example(), tmp.path());
    let i = import(&file, &content);
    for todo in
        ["# issuer: \"Ủy ban nhân dân …\"", "# title: \"…\"", "# period: { from: NĂM-THÁNG-NGÀY, to: NĂM-THÁNG-NGÀY }"]
    {
        assert!(i.text.contains(todo), "{todo} in {}", i.text);
    }
    assert!(i.run.stdout.contains("TODO — thời gian thực hiện (period, bắt buộc)"), "{}", i.run.stdout);
    let c = check(&content, "2024-06-03");
    assert_eq!(c.code, 1);
    assert_eq!(
        problems(&c),
        vec!["thiếu trường bắt buộc “issuer”", "thiếu trường bắt buộc “period”", "thiếu trường bắt buộc “title”"]
    );
}

#[test]
fn refusals_leave_the_site_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let content = site_from(&fixture("003-my-phu-dong"), tmp.path());
    let docx = plans().join("003-my-phu-dong-2023.docx");
    assert_eq!(run(&["import", "plan", s(&docx), "--content", s(&content)]).code, 0);
    let before = snapshot(&content);
    // Importing the same plan again would overwrite it.
    let again = run(&["import", "plan", s(&docx), "--content", s(&content)]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("bangtin không ghi đè"), "{}", again.stderr);
    // Not a Word file, an old Word file, a PDF.
    let cases: [(&str, &[u8], &str); 3] = [
        ("ke-hoach.docx", b"not a zip", "không phải văn bản Word .docx"),
        ("ke-hoach.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0], "Word kiểu cũ (.doc)"),
        ("ke-hoach.pdf", b"%PDF-1.4", "chép (Ctrl+C) và dán vào Notepad"),
    ];
    for (name, bytes, says) in cases {
        let f = tmp.path().join(name);
        fs::write(&f, bytes).unwrap();
        let r = run(&["import", "plan", s(&f), "--content", s(&content)]);
        assert_eq!(r.code, 1, "{name}");
        assert!(r.stderr.contains(says), "{name}: {}", r.stderr);
    }
    assert_eq!(snapshot(&content), before, "nothing was written");
    // No site there.
    let r = run(&["import", "plan", s(&docx), "--content", s(&tmp.path().join("khong-co"))]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("không thấy site.yaml"), "{}", r.stderr);
}

#[test]
fn a_new_user_from_init_to_build() {
    // bangtin init, then the plan from its .docx, then units.yaml as the import lists it.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-phu-dong");
    assert_eq!(run(&["init", s(&dir), "--today", "2023-06-01"]).code, 0);
    let content = dir.join("content");
    let i = import(&plans().join("003-my-phu-dong-2023.docx"), &content);
    let out = &i.run.stdout;
    // It says what to delete of the sample and which units to write.
    assert!(out.contains("có số liệu minh họa (mẫu của bangtin init)"), "{out}");
    assert!(out.contains("site.yaml ghi cơ quan “Ủy ban nhân dân Phường Mẫu”"), "{out}");
    assert!(out.contains("{ id: tan-phu, name: \"Áp Tân Phú\", bases: { households: 339 } }"), "{out}");
    for sample in ["plans/2023-cong-dan-so.md", "progress/2023-06-01.yaml", "events/hoi-nghi-trien-khai.md"] {
        assert!(out.contains(sample), "{sample} in {out}");
        fs::remove_file(content.join(sample)).unwrap();
    }
    fs::write(
        content.join("units.yaml"),
        "kind: \"Ấp\"\nunits:\n  - { id: tan-phu, name: \"Ấp Tân Phú\", bases: { households: 339 } }\n  - { id: tan-my, name: \"Ấp Tân Mỹ\", bases: { households: 375 } }\n  - { id: tan-dong, name: \"Ấp Tân Đông\", bases: { households: 443 } }\n",
    )
    .unwrap();
    // The sample guide named the sample's indicator; the import said so.
    assert!(out.contains("guides/kich-hoat-vneid.md"), "{out}");
    let guide = content.join("guides/kich-hoat-vneid.md");
    let g = fs::read_to_string(&guide).unwrap().replace("indicators: [vneid]", "indicators: [dinh-danh]");
    fs::write(&guide, g).unwrap();
    let slug = slug_of(&i.run);
    let site = fs::read_to_string(content.join("site.yaml"))
        .unwrap()
        .replace("current_plan: 2023-cong-dan-so", &format!("current_plan: {slug}"));
    fs::write(content.join("site.yaml"), site).unwrap();
    let b = run(&["build", "--content", s(&content), "--out", s(&dir.join("output")), "--today", "2023-06-14"]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let plan_page = visible(&read(&dir.join("output"), &format!("ke-hoach/{slug}/index.html")));
    assert!(plan_page.contains("46/KH-UBND") && plan_page.contains("Võ Hoàng Tâm"), "{plan_page}");
    assert!(plan_page.contains("PHỤ LỤC III"), "{plan_page}");
    let progress = visible(&read(&dir.join("output"), &format!("tien-do/{slug}/index.html")));
    assert!(progress.contains("614"), "the appendix's 186 + 169 + 259 accounts: {progress}");
}
