//! Progress reports as spreadsheets: the template `bangtin new report --xlsx` (and `--csv`)
//! writes builds back to the figures of the report before it; a table laid out by hand (titles,
//! STT, unit names, the columns' numbers, a total row, a note under it), an .ods and a CSV with
//! `;` and a byte-order mark give the figures they hold; each mistake is named at its cell, in
//! Vietnamese, and leaves the output as it was.

mod common;
#[path = "common/sheets.rs"]
mod sheets;

use std::fs;
use std::path::Path;

use common::*;
use sheets::*;

const CSV: &str = "tien-do/2024-cong-dan-so/du-lieu.csv";

/// The rows of the plan's CSV download of one report's day, without the day and the file:
/// unit, indicator and figures, as the site publishes them.
fn figures_of(out: &Path, csv: &str, day: &str) -> Vec<String> {
    read(out, csv)
        .lines()
        .filter(|l| l.starts_with(&format!("{day},")))
        .map(|l| {
            let cells = split_csv(l);
            // Everything but the day (0) and the file (11).
            cells
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != 0 && *i != 11)
                .map(|(_, c)| c.as_str())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

fn split_csv(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// The error block of `stderr` that starts with `head`, to its blank line.
fn block<'a>(stderr: &'a str, head: &str) -> &'a str {
    let at = stderr.find(head).unwrap_or_else(|| panic!("no “{head}” in:\n{stderr}"));
    let rest = &stderr[at..];
    &rest[..rest.find("\n\n").map_or(rest.len(), |e| e + 1)]
}

#[test]
fn the_xlsx_template_builds_back_to_the_figures_of_the_report_before_it() {
    let sc = Scratch::of(&example());
    let r = run(&["new", "report", "--xlsx", "--content", s(&sc.site()), "--today", "2024-06-03"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("progress/2024-06-03.xlsx"), "{}", r.stdout);
    let b = sc.build("2024-06-03");
    assert_eq!(b.code, 0, "{}", b.stderr);
    let before = figures_of(&sc.out(), CSV, "2024-05-31");
    assert_eq!(before.len(), 33, "{before:?}");
    assert_eq!(figures_of(&sc.out(), CSV, "2024-06-03"), before);
    // The plan's page says the same totals, as of the new day.
    let page = visible(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"));
    assert!(page.contains("3/6/2024"), "{page}");

    // The same report makes the same file.
    let again = Scratch::of(&example());
    assert_eq!(run(&["new", "report", "--xlsx", "--content", s(&again.site()), "--today", "2024-06-03"]).code, 0);
    assert!(
        fs::read(sc.file("progress/2024-06-03.xlsx")).unwrap()
            == fs::read(again.file("progress/2024-06-03.xlsx")).unwrap()
    );

    // A second template of the same day is refused, whatever its form.
    for form in ["--xlsx", "--csv"] {
        let again = run(&["new", "report", form, "--content", s(&sc.site()), "--today", "2024-06-03"]);
        assert_eq!(again.code, 1, "{}", again.stderr);
        assert!(
            again.stderr.contains("progress/2024-06-03.xlsx") && again.stderr.contains("không ghi đè"),
            "{}",
            again.stderr
        );
    }
    // The flags are a report's only.
    let guide = run(&["new", "guide", "Hướng dẫn", "--xlsx", "--content", s(&sc.site())]);
    assert_eq!(guide.code, 2, "{}", guide.stderr);
    assert!(guide.stderr.contains("chỉ dùng với bangtin new report"), "{}", guide.stderr);
}

#[test]
fn ratios_and_milestones_survive_the_template_in_both_forms() {
    // Tịnh Hiệp: the ward's ratios in two columns each and a milestone not done yet.
    for form in ["--xlsx", "--csv"] {
        let sc = Scratch::of(&fixture("001-tinh-hiep"));
        let r = run(&["new", "report", form, "Công an xã", "--content", s(&sc.site()), "--today", "2024-08-23"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let b = sc.build("2024-08-23");
        assert_eq!(b.code, 0, "{form}: {}", b.stderr);
        let csv = "tien-do/2024-cao-diem-60-ngay/du-lieu.csv";
        let before: Vec<String> =
            figures_of(&sc.out(), csv, "2024-08-20").iter().map(|l| l.replace("(số liệu minh họa)", "")).collect();
        let after: Vec<String> =
            figures_of(&sc.out(), csv, "2024-08-23").iter().map(|l| l.replace("(số liệu minh họa)", "")).collect();
        assert_eq!(after.len(), 9, "{after:?}");
        // The source is the one given; the figures are the last report's.
        let strip = |l: &String| l.split('|').take(8).collect::<Vec<_>>().join("|");
        assert_eq!(after.iter().map(strip).collect::<Vec<_>>(), before.iter().map(strip).collect::<Vec<_>>(), "{form}");
        assert!(after.iter().all(|l| l.contains("|Công an xã|")), "{after:?}");
        assert!(after.iter().any(|l| l.contains("ho-so-truc-tuyen") && l.contains("|79|171|")), "{after:?}");
    }
}

/// The example's report of 7/6/2024 as an officer lays it out by hand.
fn by_hand(change: impl Fn(&mut Vec<Vec<V>>)) -> Vec<Vec<V>> {
    let units: [(&str, f64, V, f64, V); 8] = [
        ("Khu phố 1", 1301.0, N(840.0), 370.0, N(155.0)),
        ("Khu phố 2", 1670.0, S("1.080"), 460.0, N(190.0)),
        ("Khu phố 3", 1160.0, N(750.0), 330.0, E),
        ("Khu phố 4", 1830.0, N(890.0), 340.0, N(90.0)),
        ("Khu phố 5", 1480.0, N(940.0), 400.0, N(170.0)),
        ("Khu phố 6", 975.0, N(625.0), 275.0, N(115.0)),
        ("Khu phố 7", 2020.0, N(980.0), 370.0, N(100.0)),
        ("KHU PHỐ 8", 1720.0, N(1095.0), 470.0, N(195.0)),
    ];
    let mut rows = vec![
        vec![S("UBND PHƯỜNG 3"), E, E, E, S("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
        vec![S("BÁO CÁO KẾT QUẢ THỰC HIỆN MÔ HÌNH “CÔNG DÂN SỐ”")],
        vec![S("Số liệu cộng dồn đến ngày 07/6/2024")],
        vec![],
        vec![
            S("STT"),
            S("Khu phố"),
            S("Công dân được cấp thẻ CCCD gắn chip"),
            S("vneid"),
            S("CÔNG DÂN TRƯỞNG THÀNH CÓ TÀI KHOẢN DỊCH VỤ CÔNG TRỰC TUYẾN"),
            S("Người  trưởng thành có chữ ký số hoặc\nchữ ký điện tử cá nhân"),
            S("Thiết lập kênh Zalo tiếp nhận phản ánh, kiến nghị"),
            S("Ghi chú"),
        ],
        vec![S("(1)"), S("(2)"), S("(3)"), S("(4)"), S("(5)"), S("(6)"), S("(7)"), S("(8)")],
    ];
    let mut sums = [0.0; 4];
    for (i, (name, cccd, vneid, dvc, cks)) in units.iter().enumerate() {
        let v = match vneid {
            N(n) => *n,
            _ => 1080.0,
        };
        let k = match cks {
            N(n) => *n,
            _ => 0.0,
        };
        for (s, n) in sums.iter_mut().zip([*cccd, v, *dvc, k]) {
            *s += n;
        }
        rows.push(vec![N(i as f64 + 1.0), S(name), N(*cccd), vneid.clone(), N(*dvc), cks.clone(), E, E]);
    }
    rows.push(vec![E, S("Toàn phường"), E, E, E, E, S("x")]);
    rows.push(vec![
        E,
        S("Tổng cộng"),
        F("=SUM(C7:C14)", sums[0]),
        F("=SUM(D7:D14)", sums[1]),
        F("=SUM(E7:E14)", sums[2]),
        F("=SUM(F7:F14)", sums[3]),
        E,
        E,
    ]);
    rows.push(vec![]);
    rows.push(vec![E, S("Người lập biểu"), E, E, E, S("KT. CHỦ TỊCH")]);
    change(&mut rows);
    rows
}

/// The example with its report of 7/6/2024 made by `write` (in `progress/`), built: the
/// scratch copy and that report's figures as the CSV download has them.
fn built_with(write: impl Fn(&Path)) -> (Scratch, Vec<String>) {
    let sc = Scratch::of(&example());
    write(&sc.site().join("progress"));
    let b = sc.build("2024-06-07");
    assert_eq!(b.code, 0, "{}", b.stderr);
    let rows = figures_of(&sc.out(), CSV, "2024-06-07");
    (sc, rows)
}

#[test]
fn a_table_laid_out_by_hand_gives_the_figures_it_holds() {
    let (sc, rows) = built_with(|p| xlsx(&p.join("2024-06-07.xlsx"), "Tuần 23", &by_hand(|_| {})));
    let row = |unit: &str, ind: &str| {
        rows.iter().find(|l| l.starts_with(&format!("{unit}|")) && l.contains(&format!("|{ind}|"))).cloned()
    };
    assert!(row("kp1", "cccd").unwrap().contains("|1301|"), "{rows:?}");
    assert!(row("kp2", "vneid").unwrap().contains("|1080|"), "text in Vietnamese form: {rows:?}");
    assert!(row("kp8", "chu-ky-so").unwrap().contains("|195|"), "a name in capitals: {rows:?}");
    assert_eq!(row("kp3", "chu-ky-so"), None, "an empty cell is not reported: {rows:?}");
    assert!(row("ward", "kenh-zalo").unwrap().contains("|có|"), "“x” is done: {rows:?}");
    assert_eq!(rows.len(), 8 * 4 - 1 + 1, "{rows:?}");
    // Khu phố 3's last figure (31/5: 135) still counts in the total on the plan's page.
    let page = visible(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"));
    let total: u64 = [155, 190, 135, 90, 170, 115, 100, 195].iter().sum();
    assert!(page.contains(&bangtin::format::int(total)), "{total} not on the page: {page}");
}

#[test]
fn an_ods_file_and_a_csv_with_semicolons_and_a_bom_read_alike() {
    let (_, from_xlsx) = built_with(|p| xlsx(&p.join("2024-06-07.xlsx"), "Tuần 23", &by_hand(|_| {})));
    let (_, from_ods) = built_with(|p| ods(&p.join("2024-06-07.ods"), "Tuần 23", &by_hand(|_| {})));
    assert_eq!(from_ods.len(), 32, "{from_ods:?}");
    assert_eq!(from_ods, from_xlsx);
    let (sc, from_csv) = built_with(|p| csv(&p.join("2024-06-07.csv"), &by_hand(|_| {})));
    let text = fs::read(sc.file("progress/2024-06-07.csv")).unwrap();
    assert!(text.starts_with("\u{feff}".as_bytes()) && String::from_utf8_lossy(&text).contains(";Khu phố 1;1301;"));
    assert_eq!(from_csv, from_xlsx);
}

#[test]
fn a_ratio_in_one_cell_and_a_done_day_are_read_from_a_csv() {
    let sc = Scratch::of(&fixture("001-tinh-hiep"));
    let rows = vec![
        vec![S("Kế hoạch: 2024-cao-diem-60-ngay")],
        vec![S("Nguồn: Bộ phận Một cửa xã")],
        vec![
            S("TT"),
            S("Thôn"),
            S("vneid"),
            S("Tỷ lệ hồ sơ TTHC nộp trực tuyến"),
            S("so-hoa (đạt)"),
            S("so-hoa (tổng số)"),
            S("Tổ công nghệ số cộng đồng dùng Zalo OA thông tin cơ sở"),
        ],
        vec![N(1.0), S("Thôn An Kỳ"), S("1.250")],
        vec![N(2.0), S("Thôn Thọ Nam"), N(1100.0)],
        vec![E, S("Toàn xã"), E, S("95/200"), N(150.0), N(200.0), S("22/08/2024")],
    ];
    csv(&sc.file("progress/2024-08-23.csv"), &rows);
    let b = sc.build("2024-08-23");
    assert_eq!(b.code, 0, "{}", b.stderr);
    let got = figures_of(&sc.out(), "tien-do/2024-cao-diem-60-ngay/du-lieu.csv", "2024-08-23");
    assert!(got.iter().any(|l| l.starts_with("an-ky|") && l.contains("|1250|")), "{got:?}");
    assert!(got.iter().any(|l| l.contains("ho-so-truc-tuyen") && l.contains("|95|200|")), "{got:?}");
    assert!(got.iter().any(|l| l.contains("so-hoa") && l.contains("|150|200|")), "{got:?}");
    assert!(got.iter().any(|l| l.contains("zalo-oa") && l.contains("|2024-08-22|")), "{got:?}");
    assert!(got.iter().all(|l| l.contains("|Bộ phận Một cửa xã|")), "{got:?}");
}

/// The example built, then `rows` as the report of 7/6/2024: the build fails with exit code 1,
/// the output as it was; the first message about the report.
fn refused(rows: Vec<Vec<V>>) -> String {
    let sc = Scratch::of(&example());
    assert_eq!(sc.build("2024-06-07").code, 0);
    let before = snapshot(&sc.out());
    xlsx(&sc.file("progress/2024-06-07.xlsx"), "Tuần 23", &rows);
    let b = sc.build("2024-06-07");
    assert_eq!(b.code, 1, "{}", b.stderr);
    assert!(snapshot(&sc.out()) == before, "the output changed");
    assert!(b.stderr.contains("được giữ nguyên như trước"), "{}", b.stderr);
    block(&b.stderr, "lỗi: progress/2024-06-07.xlsx").to_string()
}

#[test]
fn text_in_a_number_cell_is_named_at_its_cell() {
    assert_eq!(
        refused(by_hand(|rows| rows[7][3] = S("mười hai"))),
        "lỗi: progress/2024-06-07.xlsx, trang “Tuần 23”, ô D8\n\
         \x20 thuộc:   Khu phố 2, chỉ tiêu “Công dân cài đặt VNeID và kích hoạt định danh điện tử mức 1, mức 2”\n\
         \x20 vấn đề:  gặp chữ “mười hai” trong ô số liệu\n\
         \x20 cần:     một số nguyên không âm, ví dụ 186 hoặc 1.057; để trống nếu chưa có số liệu\n"
    );
}

#[test]
fn a_wrong_total_is_named_at_the_total_cell() {
    assert_eq!(
        refused(by_hand(|rows| rows[15][2] = F("=SUM(C7:C14)", 12200.0))),
        "lỗi: progress/2024-06-07.xlsx, trang “Tuần 23”, ô C16\n\
         \x20 thuộc:   Tổng cộng, chỉ tiêu “Công dân được cấp thẻ CCCD gắn chip”\n\
         \x20 vấn đề:  hàng “Tổng cộng” ghi 12.200 nhưng cộng số của các khu phố (các ô C7 đến C14) được 12.156\n\
         \x20 cần:     12.156, hoặc sửa số sai của khu phố trong cột này\n\
         \x20 gợi ý:   để Excel tự cộng, ghi vào ô này công thức =SUM(C7:C14)\n"
    );
}

#[test]
fn an_unknown_column_is_named_with_the_closest_indicator() {
    let b = refused(by_hand(|rows| rows[4][4] = S("Công dân trưởng thành có tài khoản dịch vụ công")));
    assert!(
        b.starts_with(
            "lỗi: progress/2024-06-07.xlsx, trang “Tuần 23”, ô E5\n\
             \x20 thuộc:   hàng tiêu đề\n\
             \x20 vấn đề:  cột “Công dân trưởng thành có tài khoản dịch vụ công” không phải chỉ tiêu nào của kế hoạch “2024-cong-dan-so”\n\
             \x20 cần:     tên (hoặc mã) một chỉ tiêu của kế hoạch, đúng như trong plans/2024-cong-dan-so.md: “Công dân được cấp thẻ CCCD gắn chip”, "
        ),
        "{b}"
    );
    assert!(
        b.ends_with("\n  gợi ý:   có phải ý bạn là “Công dân trưởng thành có tài khoản dịch vụ công trực tuyến”?\n"),
        "{b}"
    );
}

#[test]
fn an_unknown_unit_is_named_with_the_closest_name() {
    assert_eq!(
        refused(by_hand(|rows| rows[13][1] = S("Khu pho 7"))),
        "lỗi: progress/2024-06-07.xlsx, trang “Tuần 23”, ô B14\n\
         \x20 vấn đề:  không có khu phố nào tên “Khu pho 7” trong units.yaml\n\
         \x20 cần:     tên (hoặc mã) một khu phố trong units.yaml: Khu phố 1, Khu phố 2, Khu phố 3, Khu phố 4, Khu phố 5, Khu phố 6, Khu phố 7, Khu phố 8; hàng của cả địa bàn ghi “Toàn phường”, hàng tổng ghi “Tổng cộng”\n\
         \x20 gợi ý:   có phải ý bạn là “Khu phố 7”?\n"
    );
}

#[test]
fn a_falling_figure_is_named_at_its_cell() {
    // Khu phố 1 had 1.295 on 31/5: a week's count typed in place of the running total.
    let err = refused(by_hand(|rows| {
        rows[6][2] = N(120.0);
        rows[15][2] = F("=SUM(C7:C14)", 10975.0);
    }));
    assert_eq!(
        err,
        "lỗi: progress/2024-06-07.xlsx, trang “Tuần 23”, ô C7\n\
         \x20 thuộc:   Khu phố 1, chỉ tiêu “Công dân được cấp thẻ CCCD gắn chip”\n\
         \x20 vấn đề:  số liệu cộng dồn giảm từ 1.295 (báo cáo ngày 31/5/2024) xuống 120\n\
         \x20 cần:     không nhỏ hơn 1.295: số liệu là tổng cộng dồn từ đầu kế hoạch\n\
         \x20 gợi ý:   nếu đây là số của riêng tuần này, hãy cộng thêm vào tổng kỳ trước\n"
    );
}

/// `tests/sheet_check.py` with `args`, through the interpreter that has openpyxl; its output.
fn openpyxl(py: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(py).arg(repo().join("tests/sheet_check.py")).args(args).output().unwrap();
    assert!(out.status.success(), "sheet_check.py {args:?}:\n{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_template_opens_in_openpyxl_frozen_validated_and_totalled() {
    let Some(py) = python("the .xlsx template was not opened by the PyPI openpyxl package") else { return };
    // Tịnh Hiệp's ratios are the whole commune's: only its count has a total.
    for (site, today, totals) in [(example(), "2024-06-03", 4), (fixture("001-tinh-hiep"), "2024-08-23", 1)] {
        let sc = Scratch::of(&site);
        let r = run(&["new", "report", "--xlsx", "--content", s(&sc.site()), "--today", today]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let file = sc.file(&format!("progress/{today}.xlsx"));
        let said = openpyxl(&py, &["check", s(&file)]);
        assert_eq!(said.lines().count(), totals, "{said}");
        if today == "2024-06-03" {
            // The example's units add up to 12.110 cards by 31/5.
            assert!(said.starts_with("C17 =SUM(C8:C15) 12110\n"), "{said}");
        }
    }
}

#[test]
fn an_officer_fills_the_template_with_a_script_and_the_plan_page_shows_it() {
    let Some(py) = python("the .xlsx template was not filled by the PyPI openpyxl package") else { return };
    let sc = Scratch::of(&example());
    assert_eq!(run(&["new", "report", "--xlsx", "--content", s(&sc.site()), "--today", "2024-06-07"]).code, 0);
    let file = sc.file("progress/2024-06-07.xlsx");
    // A week's work: ten more of everything in each of the eight khu phố. openpyxl saves the
    // totals' formulas without values: there is nothing to check them against, and no error.
    openpyxl(&py, &["fill", s(&file), "10"]);
    let b = sc.build("2024-06-07");
    assert_eq!(b.code, 0, "{}", b.stderr);
    let rows = figures_of(&sc.out(), CSV, "2024-06-07");
    assert!(rows.iter().any(|l| l.starts_with("kp1|") && l.contains("|cccd|") && l.contains("|1305|")), "{rows:?}");
    let page = visible(&read(&sc.out(), "tien-do/2024-cong-dan-so/index.html"));
    // 12.110 cards by 31/5, 80 more: 12.190, as of the new day.
    assert!(page.contains("12.190") && page.contains("7/6/2024"), "{page}");
}
