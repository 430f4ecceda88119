//! A target that is a share of a base is said in the plan's terms wherever progress is said:
//! how much of the base is covered against the plan's percentage first, then the counts and the
//! share of the target, named as such. A base named in units.yaml is said by its label; a base
//! named nowhere is never shown by its id. "Trên 93%" is said, and met, as more than 93%.

mod common;

use std::fs;

use common::*;

const TODAY: &str = "2024-06-03";

fn built_example(today: &str) -> Scratch {
    let sc = Scratch::of(&example());
    let r = sc.build(today);
    assert_eq!(r.code, 0, "{}", r.stderr);
    sc
}

/// The example with one more indicator: more than 93% of the citizens from six years of age
/// (a base the example's units.yaml gains, named there when `label` is given), and figures for
/// it in the latest report.
fn site_with_a_base(label: Option<&str>) -> Scratch {
    let sc = Scratch::of(&example());
    let site = sc.site();
    let mut units = fs::read_to_string(site.join("units.yaml")).unwrap();
    // Every unit gains the base: its adults and a tenth again.
    let mut out = String::new();
    for line in units.lines() {
        if let Some((head, adults)) = line.split_once("adults: ") {
            let n: u64 = adults.trim_end_matches([' ', '}']).parse().unwrap();
            out.push_str(&format!("{head}adults: {n}, tu-6-tuoi: {} }}\n", n + n / 10));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    units = out;
    if let Some(l) = label {
        units.push_str(&format!("bases:\n  tu-6-tuoi: {{ label: \"{l}\", noun: \"người\" }}\n"));
    }
    fs::write(site.join("units.yaml"), units).unwrap();
    let plan = site.join("plans/2024-cong-dan-so.md");
    let text = fs::read_to_string(&plan).unwrap().replacen(
        "  - id: kenh-zalo\n",
        "  - id: vneid-6\n    name: \"Công dân từ đủ 6 tuổi có tài khoản VNeID\"\n    target: { above: 93, of: tu-6-tuoi }\n  - id: kenh-zalo\n",
        1,
    );
    fs::write(&plan, text).unwrap();
    let report = site.join("progress/2024-05-31.yaml");
    let text = fs::read_to_string(&report).unwrap().replace("kp1: { cccd: 1295,", "kp1: { vneid-6: 600, cccd: 1295,");
    fs::write(&report, text).unwrap();
    let r = sc.build(TODAY);
    assert_eq!(r.code, 0, "{}", r.stderr);
    sc
}

fn bulletin(sc: &Scratch) -> String {
    read(&sc.out(), "phat-thanh/2024-cong-dan-so-2024-05-31/2024-cong-dan-so-2024-05-31.txt")
}

#[test]
fn a_share_of_the_population_is_said_as_coverage_before_the_share_of_target() {
    let sc = built_example(TODAY);
    // 12.110 of the 13.529 people of the eight quarters: 89,5%, against the plan's 95%; the
    // target is 12.853 people, of whom 12.110 are 94,2%.
    let card = "Đạt 89,5% dân số — chỉ tiêu 95% 12.110/12.853 người, 94,2% chỉ tiêu";
    // The home page's line has the headline.
    assert!(visible(&read(&sc.out(), "index.html")).contains("Đạt 89,5% dân số — chỉ tiêu 95%"));
    let dashboard = visible(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"));
    assert!(dashboard.contains(card), "{dashboard}");
    // Each quarter: its own coverage, its count, its target and the share of it.
    assert!(dashboard.contains("Khu phố 1 92,4% (1.295) 95% (1.331) 97,3%"), "{dashboard}");
    // The chart says it too, in its text and its description.
    assert!(
        dashboard.contains("Đạt 89,5% dân số, chỉ tiêu 95%: 12.110 trên 12.853 người cần đạt, bằng 94,2% chỉ tiêu.")
    );
    assert!(dashboard.contains("Khu phố 1: đạt 92,4% dân số — 1.295/1.331 người, 97,3% chỉ tiêu"));
    let plan = visible(&read(&sc.out(), "ke-hoach/2024-cong-dan-so/index.html"));
    assert!(plan.contains("Đạt 89,5% dân số — chỉ tiêu 95%; 12.110/12.853 người, 94,2% chỉ tiêu"), "{plan}");
    let feed = read(&sc.out(), "feed.xml");
    assert!(
        feed.contains(
            "Công dân được cấp thẻ CCCD gắn chip: đạt 89,5% dân số, chỉ tiêu 95% (12.110/12.853 người, 94,2% chỉ tiêu)"
        ),
        "{feed}"
    );
    let csv = read(&sc.out(), "tien-do/2024-cong-dan-so/du-lieu.csv");
    assert!(csv.lines().next().unwrap().ends_with(",Cơ số,Tỷ lệ trên cơ số"), "{csv}");
    assert!(
        csv.contains("2024-05-31,kp1,Khu phố 1,cccd,") && csv.contains(",progress/2024-05-31.yaml,1401,\"92,4%\"\r\n")
    );
    let said = bulletin(&sc);
    assert!(
        said.contains("Công dân được cấp thẻ căn cước công dân gắn chip: đạt tám mươi chín phẩy năm phần trăm dân số, chỉ tiêu chín mươi lăm phần trăm; tức mười hai ngàn một trăm mười trên mười hai ngàn tám trăm năm mươi ba người cần đạt."),
        "{said}"
    );
}

#[test]
fn a_base_named_in_units_yaml_is_said_by_its_label_and_above_is_said_as_more_than() {
    let sc = site_with_a_base(Some("công dân từ đủ 6 tuổi"));
    // kp1's base is 1037 + 103 = 1140; all eight quarters', 11.008.
    // More than 93% of it (10.237,44) is 10.238 people; 600 of 11.008 is 5,5%.
    let dashboard = visible(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"));
    assert!(
        dashboard.contains("Đạt 5,5% công dân từ đủ 6 tuổi — chỉ tiêu trên 93% 600/10.238 người, 5,9% chỉ tiêu"),
        "{dashboard}"
    );
    assert!(dashboard.contains("Chỉ tiêu: trên 93% công dân từ đủ 6 tuổi (10.238 người)"), "{dashboard}");
    assert!(dashboard.contains("Khu phố 1 52,6% (600) trên 93% (1.061)"), "{dashboard}");
    let feed = read(&sc.out(), "feed.xml");
    assert!(feed.contains("Công dân từ đủ 6 tuổi có tài khoản VNeID: đạt 5,5% công dân từ đủ 6 tuổi, chỉ tiêu trên 93% (600/10.238 người, 5,9% chỉ tiêu)"), "{feed}");
    let said = bulletin(&sc);
    assert!(said.contains("đạt năm phẩy năm phần trăm công dân từ đủ sáu tuổi, chỉ tiêu trên chín mươi ba phần trăm; tức sáu trăm trên mười ngàn hai trăm ba mươi tám người cần đạt."), "{said}");
}

#[test]
fn a_base_named_nowhere_is_never_shown_by_its_id() {
    let sc = site_with_a_base(None);
    let dashboard = visible(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"));
    assert!(dashboard.contains("Đạt 5,5% — chỉ tiêu trên 93% 600/10.238, 5,9% chỉ tiêu"), "{dashboard}");
    assert!(dashboard.contains("Chỉ tiêu: trên 93% (10.238)"), "{dashboard}");
    for page in ["index.html", "tien-do/2024-cong-dan-so/index.html", "ke-hoach/2024-cong-dan-so/index.html"] {
        assert!(!visible(&read(&sc.out(), page)).contains("tu-6-tuoi"), "{page}");
    }
    assert!(!read(&sc.out(), "feed.xml").contains("tu-6-tuoi"));
    // Nor said: "tu sáu tuoi" would be the id read aloud.
    assert!(!bulletin(&sc).contains("tuoi"), "{}", bulletin(&sc));
}
