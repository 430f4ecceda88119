//! A synthetic site for benchmarks (`bangtin bench-site`, hidden from help): a province portal
//! with many units, guides and news of about 4 KB of Vietnamese Markdown each, a year of weekly
//! reports over eight indicators, and events that repeat. The same arguments always write the
//! same bytes (a fixed-seed generator, no clock), so two benchmark runs build the same site, and
//! the site passes `bangtin check`.
//!
//! The guides and news are also written as a Hugo site when asked, so the benchmark can build the
//! very same Markdown with Hugo and compare.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};

use crate::content::kind::Kind;
use crate::diag::Error;
use crate::paths;

/// How big a site to write.
#[derive(Debug, Clone)]
pub struct Size {
    /// Guides and news items together; a fifth are guides.
    pub pages: usize,
    pub units: usize,
    pub events: usize,
    /// Weekly progress reports, from the first Friday of the plan.
    pub weeks: usize,
}

/// The day the benchmark builds the site "as of": after the last report of a year.
pub const TODAY: &str = "2024-12-31";

/// SplitMix64: tiny, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TOPICS: &[(&str, &str)] = &[
    ("Cài đặt ứng dụng VNeID", "cai-dat-vneid"),
    ("Kích hoạt định danh điện tử mức 2", "kich-hoat-dinh-danh-muc-2"),
    ("Đăng ký tài khoản Dịch vụ công quốc gia", "tai-khoan-dich-vu-cong"),
    ("Nộp hồ sơ khai sinh trực tuyến", "khai-sinh-truc-tuyen"),
    ("Đăng ký thường trú qua mạng", "dang-ky-thuong-tru"),
    ("Thanh toán học phí không dùng tiền mặt", "thanh-toan-hoc-phi"),
    ("Tạo chữ ký số cá nhân trên điện thoại", "chu-ky-so-ca-nhan"),
    ("Gửi phản ánh, kiến nghị qua Zalo", "phan-anh-qua-zalo"),
    ("Tích hợp giấy phép lái xe vào VNeID", "giay-phep-lai-xe-vneid"),
    ("Tra cứu thẻ bảo hiểm y tế trên điện thoại", "tra-cuu-bao-hiem-y-te"),
    ("Đổi thẻ căn cước cho người từ đủ 14 tuổi", "doi-the-can-cuoc"),
    ("Nhận lương hưu qua tài khoản ngân hàng", "luong-huu-qua-ngan-hang"),
];

const STEPS: &[&str] = &[
    "Tải ứng dụng về điện thoại",
    "Đăng nhập bằng số định danh cá nhân",
    "Chọn thủ tục cần làm",
    "Điền thông tin theo mẫu",
    "Chụp ảnh giấy tờ và tải lên",
    "Kiểm tra lại thông tin trước khi gửi",
    "Nhập mã OTP gửi về điện thoại",
    "Thanh toán lệ phí (nếu có)",
    "Theo dõi kết quả giải quyết hồ sơ",
    "Nhận kết quả tại nhà hoặc tại Bộ phận Một cửa",
];

const SENTENCES: &[&str] = &[
    "Bà con mở ứng dụng trên điện thoại, bấm **Đăng nhập** và nhập số định danh cá nhân gồm 12 chữ số.",
    "Nếu chưa quen dùng điện thoại thông minh, bà con nhờ con cháu hoặc Tổ công nghệ số cộng đồng ở khu phố giúp đỡ.",
    "Mã OTP chỉ dùng một lần và hết hạn sau vài phút; tuyệt đối không đọc mã cho người khác, kể cả người xưng là cán bộ.",
    "Cán bộ Một cửa làm việc từ 7 giờ 30 đến 11 giờ 30 và từ 13 giờ 30 đến 17 giờ các ngày trong tuần.",
    "Hồ sơ nộp trực tuyến được giải quyết nhanh hơn và bà con không phải đi lại nhiều lần.",
    "Sau khi gửi, bà con nhận tin nhắn xác nhận kèm mã hồ sơ; ghi lại mã này để tra cứu khi cần.",
    "Ảnh chụp giấy tờ cần rõ nét, đủ bốn góc, không bị lóa đèn và không bị che mất chữ.",
    "Người cao tuổi, người khuyết tật được ưu tiên hướng dẫn tại nhà khi đăng ký với trưởng khu phố.",
    "Phí dịch vụ công trực tuyến được giảm 50% so với nộp trực tiếp trong năm 2024.",
    "Đoàn viên thanh niên trực hỗ trợ tại nhà văn hóa khu phố vào sáng thứ Bảy và Chủ nhật hằng tuần.",
    "Điện thoại cần có kết nối Internet ổn định; nếu sóng yếu, bà con đến nơi có Wi-Fi miễn phí của phường.",
    "Tài khoản định danh điện tử mức 2 dùng được thay cho thẻ căn cước khi làm thủ tục hành chính.",
    "Thông tin cá nhân của bà con được bảo mật theo quy định của pháp luật về bảo vệ dữ liệu cá nhân.",
    "Khi gặp lỗi, bà con chụp màn hình báo lỗi và gửi qua Zalo của phường để được hướng dẫn cụ thể.",
    "Mỗi hộ gia đình nên có ít nhất một người biết sử dụng các dịch vụ công trực tuyến thiết yếu.",
    "Kết quả giải quyết hồ sơ được gửi về ứng dụng, tin nhắn điện thoại hoặc địa chỉ thư điện tử đã đăng ký.",
    "Chữ ký số giúp ký văn bản điện tử có giá trị pháp lý như chữ ký tay và con dấu.",
    "Tổ công nghệ số cộng đồng gồm trưởng khu phố, đoàn viên thanh niên, hội viên phụ nữ và công an khu vực.",
    "Bà con có thể thanh toán tiền điện, tiền nước, học phí và viện phí ngay trên điện thoại.",
    "Ủy ban nhân dân phường sẽ tổng kết, khen thưởng các khu phố hoàn thành chỉ tiêu sớm nhất.",
    "Người dân từ đủ 14 tuổi trở lên đều có thể đăng ký tài khoản định danh điện tử.",
    "Trường hợp quên mật khẩu, bà con bấm **Quên mật khẩu** và làm theo hướng dẫn trên màn hình.",
];

const NEEDS: &[&str] = &[
    "Thẻ căn cước công dân gắn chip",
    "Điện thoại thông minh có kết nối Internet",
    "Số điện thoại chính chủ",
    "Giấy khai sinh hoặc sổ hộ khẩu cũ (nếu có)",
    "Tài khoản ngân hàng đứng tên mình",
];

const NEWS_TITLES: &[&str] = &[
    "Ra quân hỗ trợ người dân cài đặt VNeID tại",
    "Hội nghị sơ kết mô hình “Công dân số” tại",
    "Lịch trực hỗ trợ dịch vụ công trực tuyến tại",
    "Tuyên dương Tổ công nghệ số cộng đồng của",
    "Thông báo tạm ngừng tiếp nhận hồ sơ giấy tại",
    "Tập huấn chữ ký số cho cán bộ",
    "Người dân đánh giá cao dịch vụ công trực tuyến ở",
    "Kết quả thu nhận hồ sơ cấp căn cước tại",
];

const KINDS: &[&str] = &["hoi-nghi", "ra-quan", "truc-ho-tro", "tap-huan"];
const EVENT_TITLES: &[&str] = &[
    "Hội nghị triển khai mô hình “Công dân số” tại",
    "Ra quân hỗ trợ cài đặt VNeID ở",
    "Trực hỗ trợ dịch vụ công trực tuyến tại",
    "Tập huấn kỹ năng số cho Tổ công nghệ số cộng đồng",
];
const PLACES: &[&str] = &[
    "Hội trường Ủy ban nhân dân",
    "Nhà văn hóa",
    "Bộ phận Một cửa",
    "Trường Tiểu học",
    "Sân Trung tâm Văn hóa – Thể thao",
];

struct Indicator {
    id: &'static str,
    name: &'static str,
    /// YAML of the target.
    target: &'static str,
    /// How units report it: a count under a share of a base, a ratio on the ward row, a milestone.
    shape: Shape,
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// A unit's count, at most this share of its base.
    OfBase(&'static str, u64),
    Count,
    Ratio,
    Milestone,
}

const INDICATORS: &[Indicator] = &[
    Indicator {
        id: "cccd",
        name: "Công dân được cấp thẻ căn cước gắn chip",
        target: "{ percent: 95, of: population }",
        shape: Shape::OfBase("population", 98),
    },
    Indicator {
        id: "vneid",
        name: "Công dân kích hoạt định danh điện tử mức 2",
        target: "{ percent: 70, of: population }",
        shape: Shape::OfBase("population", 80),
    },
    Indicator {
        id: "dich-vu-cong",
        name: "Người trưởng thành có tài khoản dịch vụ công",
        target: "{ percent: 50, of: adults }",
        shape: Shape::OfBase("adults", 60),
    },
    Indicator {
        id: "chu-ky-so",
        name: "Người trưởng thành có chữ ký số cá nhân",
        target: "{ percent: 40, of: adults }",
        shape: Shape::OfBase("adults", 45),
    },
    Indicator {
        id: "thanh-toan",
        name: "Hộ gia đình thanh toán không dùng tiền mặt",
        target: "{ percent: 60, of: households }",
        shape: Shape::OfBase("households", 70),
    },
    Indicator {
        id: "tap-huan", name: "Lượt người được tập huấn kỹ năng số", target: "20000", shape: Shape::Count
    },
    Indicator {
        id: "ho-so-truc-tuyen",
        name: "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến",
        target: "{ percent: 50, of: reported }",
        shape: Shape::Ratio,
    },
    Indicator {
        id: "kenh-zalo",
        name: "Thiết lập kênh Zalo tiếp nhận phản ánh",
        target: "milestone",
        shape: Shape::Milestone,
    },
];

const PLAN: &str = "2024-cong-dan-so";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn unit_id(i: usize) -> String {
    format!("kp{:03}", i + 1)
}

struct Names {
    guides: Vec<(String, String)>,
    news: Vec<(String, String)>,
    events: Vec<String>,
}

fn names(size: &Size) -> Names {
    let n_guides = (size.pages / 5).max(1);
    let n_news = size.pages.saturating_sub(n_guides);
    let guides = (0..n_guides)
        .map(|i| {
            let (title, slug) = TOPICS[i % TOPICS.len()];
            (format!("{slug}-{:05}", i + 1), format!("{title} (bài {})", i + 1))
        })
        .collect();
    // Four years of news, so a bulletin's fortnight holds a realistic share of them.
    let first = d(2021, 1, 1);
    let span = (d(2024, 12, 31) - first).num_days().max(1) as usize;
    let news = (0..n_news)
        .map(|i| {
            let date = first + Duration::days((i * span / n_news.max(1)) as i64);
            (format!("{}-tin-{:05}", date.format("%Y-%m-%d"), i + 1), date.format("%Y-%m-%d").to_string())
        })
        .collect();
    let events = (0..size.events).map(|i| format!("{}-{:05}", KINDS[i % KINDS.len()], i + 1)).collect();
    Names { guides, news, events }
}

/// Paragraphs of about `bytes` of Markdown, with a list and links to other pages now and then.
fn prose(rng: &mut Rng, bytes: usize, links: &[String], out: &mut String) {
    let start = out.len();
    while out.len() - start < bytes {
        match rng.below(6) {
            0 => {
                for _ in 0..3 {
                    let _ = writeln!(out, "- {}", rng.pick(SENTENCES));
                }
                out.push('\n');
            }
            1 if !links.is_empty() => {
                let _ = writeln!(out, "{} Xem thêm [hướng dẫn liên quan]({}).\n", rng.pick(SENTENCES), rng.pick(links));
            }
            _ => {
                let _ = writeln!(out, "{} {} {}\n", rng.pick(SENTENCES), rng.pick(SENTENCES), rng.pick(SENTENCES));
            }
        }
    }
}

fn guide(rng: &mut Rng, i: usize, names: &Names, indicator: Option<&str>) -> String {
    let (_, title) = &names.guides[i];
    let mut s = String::with_capacity(4600);
    let _ = writeln!(s, "---\ntitle: \"{title}\"");
    let _ = writeln!(s, "summary: \"{}\"", rng.pick(SENTENCES).replace("**", ""));
    s.push_str("audience: \"Công dân từ đủ 14 tuổi\"\n");
    let _ = writeln!(s, "needs: [\"{}\", \"{}\"]", NEEDS[i % NEEDS.len()], NEEDS[(i + 1) % NEEDS.len()]);
    s.push_str("duration: \"Khoảng 15 phút\"\n");
    s.push_str("help: [\"Bộ phận Một cửa, giờ hành chính\", \"Tổ công nghệ số cộng đồng\"]\n");
    if let Some(id) = indicator {
        let _ = writeln!(s, "indicators: [{id}]");
    }
    let _ = writeln!(s, "order: {}\n---", i + 1);
    // Links to earlier guides' steps and to the schedule: the link check follows every one.
    let mut links = vec![format!("/{}", paths::EVENTS)];
    if i > 0 {
        let other = &names.guides[rng.below(i)].0;
        links.push(format!("/{}#buoc-2", paths::guide(other)));
    }
    if let Some(e) = names.events.first() {
        links.push(format!("/{}", paths::event(e)));
    }
    prose(rng, 300, &links, &mut s);
    let steps = 5 + rng.below(3);
    for n in 1..=steps {
        let _ = writeln!(s, "## Bước {n}: {}\n", STEPS[(n - 1 + i) % STEPS.len()]);
        prose(rng, 320, &links, &mut s);
    }
    s.push_str("## Không nhận được mã OTP?\n\n");
    prose(rng, 250, &[], &mut s);
    s
}

fn news(rng: &mut Rng, i: usize, names: &Names, units: usize) -> String {
    let (_, date) = &names.news[i];
    let unit = rng.below(units.max(1)) + 1;
    let mut s = String::with_capacity(4400);
    let _ = writeln!(s, "---\ntitle: \"{} Khu phố {unit}\"", NEWS_TITLES[i % NEWS_TITLES.len()]);
    let _ = writeln!(s, "date: {date}");
    if i % 3 != 0 {
        let _ = writeln!(s, "summary: \"{}\"", rng.pick(SENTENCES).replace("**", ""));
    }
    if i % 2 == 0 {
        let _ = writeln!(s, "plan: {PLAN}");
    }
    s.push_str("---\n");
    let g = &names.guides[rng.below(names.guides.len())].0;
    let links =
        vec![format!("/{}", paths::guide(g)), format!("/{}#buoc-1", paths::guide(g)), format!("/{}", paths::EVENTS)];
    prose(rng, 1200, &links, &mut s);
    s.push_str("## Thời gian và địa điểm\n\n");
    prose(rng, 1200, &links, &mut s);
    s.push_str("## Những điều cần lưu ý\n\n");
    prose(rng, 1200, &links, &mut s);
    s
}

fn event(rng: &mut Rng, i: usize, names: &Names, units: usize, today: NaiveDate) -> String {
    let kind = KINDS[i % KINDS.len()];
    let unit = rng.below(units.max(1));
    let mut s = String::with_capacity(1200);
    let _ = writeln!(s, "---\ntitle: \"{} Khu phố {}\"", EVENT_TITLES[i % EVENT_TITLES.len()], unit + 1);
    let _ = writeln!(s, "plan: {PLAN}\nkind: {kind}");
    // Over the plan's year and the first months after it, so some are still to come.
    let day = d(2024, 1, 8) + Duration::days(rng.below(440) as i64);
    let tba = i % 40 == 39;
    let status = if tba {
        "tba"
    } else if i % 25 == 7 {
        "cancelled"
    } else if day > today && i % 3 == 0 {
        "tentative"
    } else {
        "confirmed"
    };
    if tba {
        s.push_str("when_text: \"Sau khi có lịch của Ủy ban nhân dân\"\n");
    } else {
        let _ = writeln!(s, "starts: {} 07:30\nends: {} 11:00", day.format("%Y-%m-%d"), day.format("%Y-%m-%d"));
    }
    let _ = writeln!(s, "status: {status}");
    let _ = writeln!(s, "location: \"{} Khu phố {}\"", PLACES[i % PLACES.len()], unit + 1);
    // Most events concern a hamlet or two; a few concern every unit.
    if i % 20 != 0 {
        let mut ids = vec![unit_id(unit)];
        if i % 3 == 1 && units > 1 {
            let other = (unit + 1 + rng.below(units - 1)) % units;
            ids.push(unit_id(other));
        }
        let _ = writeln!(s, "units: [{}]", ids.join(", "));
    }
    s.push_str("attendees: [\"Trưởng khu phố\", \"Tổ công nghệ số cộng đồng\", \"Người dân có nhu cầu\"]\n");
    if kind == "truc-ho-tro" && !tba {
        let until = day + Duration::days(28);
        let _ = writeln!(s, "repeat: {{ days: [mon, wed, fri], until: {} }}", until.format("%Y-%m-%d"));
    }
    s.push_str("---\n");
    let g = &names.guides[rng.below(names.guides.len())].0;
    prose(rng, 400, &[format!("/{}", paths::guide(g))], &mut s);
    s
}

struct UnitBase {
    households: u64,
    population: u64,
    adults: u64,
}

fn units_yaml(rng: &mut Rng, n: usize) -> (String, Vec<UnitBase>) {
    let mut s = String::from("kind: \"Khu phố\"\nunits:\n");
    let mut bases = Vec::new();
    for i in 0..n {
        let households = 300 + rng.below(500) as u64;
        let population = households * 3 + rng.below(300) as u64;
        let adults = population * 3 / 4;
        let _ = writeln!(
            s,
            "  - id: {}\n    name: \"Khu phố {}\"\n    bases: {{ households: {households}, population: {population}, adults: {adults} }}",
            unit_id(i),
            i + 1
        );
        bases.push(UnitBase { households, population, adults });
    }
    (s, bases)
}

fn plan_md(rng: &mut Rng, names: &Names) -> String {
    let mut s = String::from("---\nnumber: \"46/KH-UBND\"\nissued: 2023-12-20\n");
    s.push_str("issuer: \"Ủy ban nhân dân tỉnh Mẫu\"\n");
    s.push_str("signed_by: { name: \"Nguyễn Văn An\", title: \"Phó Chủ tịch\", for: \"KT. Chủ tịch\" }\n");
    s.push_str("title: \"Thực hiện mô hình “Công dân số” trên địa bàn tỉnh năm 2024\"\n");
    s.push_str("summary: \"Năm 2024, toàn tỉnh phấn đấu 95% công dân có thẻ căn cước gắn chip và 70% kích hoạt định danh điện tử mức 2.\"\n");
    s.push_str("period: { from: 2024-01-01, to: 2024-12-31 }\n");
    s.push_str("basis: [\"Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ\"]\nindicators:\n");
    for (k, ind) in INDICATORS.iter().enumerate() {
        let _ = writeln!(s, "  - id: {}\n    name: \"{}\"\n    target: {}", ind.id, ind.name, ind.target);
        if ind.shape == Shape::Milestone {
            s.push_str("    deadline: 2024-06-30\n");
        }
        s.push_str("    lead: \"Công an tỉnh\"\n");
        if let Some((g, _)) = names.guides.get(k) {
            let _ = writeln!(s, "    guide: {g}");
        }
    }
    s.push_str("tasks:\n  - lead: \"Sở Thông tin và Truyền thông\"\n    with: [\"Công an tỉnh\"]\n    what: \"Hướng dẫn, đôn đốc các khu phố thực hiện.\"\n---\n");
    for part in
        ["## I. MỤC ĐÍCH, YÊU CẦU", "## II. CHỈ TIÊU", "## III. NHIỆM VỤ, GIẢI PHÁP", "## IV. TỔ CHỨC THỰC HIỆN"]
    {
        let _ = writeln!(s, "{part}\n");
        prose(rng, 900, &[], &mut s);
    }
    s
}

fn reports(rng: &mut Rng, size: &Size, bases: &[UnitBase]) -> Vec<(String, String)> {
    let first = d(2024, 1, 5);
    // Each unit's pace per indicator, so some units fall behind the path and others lead.
    let pace: Vec<Vec<u64>> =
        bases.iter().map(|_| INDICATORS.iter().map(|_| 60 + rng.below(60) as u64).collect()).collect();
    let mut out = Vec::new();
    for w in 0..size.weeks {
        let date = first + Duration::weeks(w as i64);
        let mut s = format!(
            "date: {}\nplan: {PLAN}\nsource: \"Công an tỉnh (báo cáo thứ Sáu hằng tuần)\"\nvalues:\n",
            date.format("%Y-%m-%d")
        );
        let progress = (w + 1) as u64;
        let weeks = size.weeks.max(1) as u64;
        for (u, b) in bases.iter().enumerate() {
            let mut cells = Vec::new();
            for (k, ind) in INDICATORS.iter().enumerate() {
                let share = (pace[u][k] * progress / weeks).min(100);
                match ind.shape {
                    Shape::OfBase(base, cap) => {
                        let of = match base {
                            "households" => b.households,
                            "population" => b.population,
                            _ => b.adults,
                        };
                        cells.push(format!("{}: {}", ind.id, of * cap * share / 10_000));
                    }
                    Shape::Count => cells.push(format!("{}: {}", ind.id, 70 * share * pace[u][k] / 100)),
                    Shape::Ratio | Shape::Milestone => {}
                }
            }
            let _ = writeln!(s, "  {}: {{ {} }}", unit_id(u), cells.join(", "));
        }
        let done = 40 * progress;
        let _ = writeln!(
            s,
            "  ward: {{ ho-so-truc-tuyen: {{ done: {done}, of: {} }}, kenh-zalo: {} }}",
            done * 2 + 10,
            if date >= d(2024, 5, 1) { "done" } else { "not-done" }
        );
        out.push((date.format("%Y-%m-%d").to_string(), s));
    }
    out
}

const SITE_YAML: &str = "title: \"Công dân số tỉnh Mẫu\"
locality: \"Tỉnh Mẫu\"
authority: \"Ủy ban nhân dân tỉnh Mẫu\"
base_url: \"https://congdanso.example.gov.vn/\"
description: \"Cổng thông tin mô hình “Công dân số” của mọi khu phố trong tỉnh: chỉ tiêu, lịch, tiến độ và hướng dẫn.\"
current_plan: 2024-cong-dan-so
contact: { address: \"Số 1 đường Trung tâm\", phone: \"0254 3852 123\", zalo: \"Zalo OA: UBND tỉnh Mẫu\" }
radio: { station: \"Đài truyền thanh tỉnh Mẫu\", dialect: nam }
";

fn write(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, "tạo thư mục", e))?;
    }
    fs::write(path, text).map_err(|e| Error::io(path, "ghi tệp", e))
}

/// Writes the site into `content` (a new or empty folder), and the same guides and news as a
/// Hugo site into `hugo` when given.
pub fn generate(content: &Path, hugo: Option<&Path>, size: &Size) -> Result<(), Error> {
    for dir in std::iter::once(content).chain(hugo) {
        if fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
            return Err(Error::Refused(format!("thư mục “{}” không trống", dir.display())));
        }
    }
    let today = d(2024, 12, 31);
    let names = names(size);
    let mut rng = Rng(0x6261_6e67_7469_6e00);
    write(&content.join("site.yaml"), SITE_YAML)?;
    let (units, bases) = units_yaml(&mut rng, size.units.max(1));
    write(&content.join("units.yaml"), &units)?;
    write(&content.join(Kind::Plan.file(PLAN)), &plan_md(&mut rng, &names))?;
    for (date, text) in reports(&mut rng, size, &bases) {
        write(&content.join(Kind::Report.file(&date)), &text)?;
    }
    let mut pages: Vec<(PathBuf, String)> = Vec::new();
    for i in 0..names.guides.len() {
        let text = guide(&mut rng, i, &names, INDICATORS.get(i).map(|ind| ind.id));
        pages.push((PathBuf::from(Kind::Guide.file(&names.guides[i].0)), text));
    }
    for i in 0..names.news.len() {
        let text = news(&mut rng, i, &names, size.units);
        pages.push((PathBuf::from(Kind::News.file(&names.news[i].0)), text));
    }
    for (rel, text) in &pages {
        write(&content.join(rel), text)?;
    }
    for i in 0..names.events.len() {
        let text = event(&mut rng, i, &names, size.units.max(1), today);
        write(&content.join(Kind::Event.file(&names.events[i])), &text)?;
    }
    if let Some(h) = hugo {
        hugo_site(h, &pages)?;
    }
    Ok(())
}

/// The guides and news as a Hugo site: the same Markdown and front matter, a page template and
/// one listing template, as in the comparison the issue quotes.
fn hugo_site(dir: &Path, pages: &[(PathBuf, String)]) -> Result<(), Error> {
    write(
        &dir.join("config.toml"),
        "baseURL = \"https://congdanso.example.gov.vn/\"\nlanguageCode = \"vi\"\ntitle = \"Công dân số\"\n\
         disableKinds = [\"taxonomy\", \"term\"]\n",
    )?;
    write(
        &dir.join("layouts/_default/single.html"),
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }} — {{ .Site.Title }}</title></head>\n\
         <body><nav><a href=\"/\">Trang chủ</a> <a href=\"/huong-dan/\">Hướng dẫn</a> <a href=\"/tin-tuc/\">Tin tức</a></nav>\n\
         <main><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}{{ .TableOfContents }}{{ .Content }}</main></body></html>\n",
    )?;
    write(
        &dir.join("layouts/_default/list.html"),
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n\
         <body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ .Date.Format \"02/01/2006\" }}</li>{{ end }}</ul></main></body></html>\n",
    )?;
    for (rel, text) in pages {
        let section = if rel.starts_with(Kind::Guide.folder()) { paths::GUIDES } else { paths::NEWS };
        let section = section.trim_end_matches('/');
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        write(&dir.join("content").join(section).join(name), text)?;
    }
    Ok(())
}

/// Sizes by name, as the benchmark script and its README use them.
pub fn named(name: &str) -> Option<Size> {
    match name {
        "1k" => Some(Size { pages: 1_000, units: 30, events: 100, weeks: 52 }),
        "2k" => Some(Size { pages: 2_000, units: 60, events: 200, weeks: 52 }),
        "10k" => Some(Size { pages: 10_000, units: 300, events: 1_000, weeks: 52 }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn dates_are_fridays_and_inside_the_plan() {
        let first = d(2024, 1, 5);
        assert_eq!(first.weekday(), chrono::Weekday::Fri);
        assert!(first + Duration::weeks(51) <= d(2024, 12, 31));
    }
}
