//! The draft files as text: the plan with its front matter, each field with where it was read
//! in a comment and every field not found a `# TODO` line; the events; the first report.

use chrono::NaiveDate;

use super::events::{Event, When};
use super::find::{Base, Found, Period, Target};
use super::layout::{Issued, Layout};
use super::tables::UnitTable;
use crate::scaffold::yaml_str;

/// A comment of several lines, `prefix` before each, wrapped at about 100 characters.
pub fn comment(prefix: &str, text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + w.chars().count() > 96 {
            out.push_str(&format!("{prefix}# {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        out.push_str(&format!("{prefix}# {line}\n"));
    }
    out
}

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

pub fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn dmy(d: NaiveDate) -> String {
    crate::format::date(d)
}

/// What the plan's draft says, besides the layout.
pub struct PlanDraft<'a> {
    pub source_name: &'a str,
    pub layout: &'a Layout,
    pub issuer: Option<String>,
    pub period: &'a Period,
    pub indicators: &'a [Found],
    pub units_needed: &'a [String],
    pub body: &'a str,
}

pub fn plan(d: &PlanDraft) -> String {
    let l = d.layout;
    let mut y = String::from("---\n");
    y.push_str(&comment(
        "",
        &format!(
            "Bản nháp do “bangtin import plan” viết từ tệp {}. Đối chiếu từng dòng với văn bản gốc trước khi đăng. Dòng “# TODO” là chỗ văn bản không nói rõ: điền vào rồi bỏ dấu # ở đầu dòng; “bangtin check” chỉ ra chỗ còn thiếu. Ghi chú “# …” bên cạnh là câu gốc đã đọc.",
            d.source_name
        ),
    ));
    match (&l.number, &l.number_line) {
        (Some(n), _) => y.push_str(&format!("number: {}\n", yaml_str(n))),
        (None, Some(line)) => {
            y.push_str(&comment("", &format!("TODO: số văn bản khi đã ban hành (bản dự thảo ghi {}):", quoted(line))));
            y.push_str("# number: \"…\"\n");
        }
        (None, None) => y.push_str("# number: \"…\"   # không thấy dòng “Số: …” (không bắt buộc)\n"),
    }
    match &l.issued {
        Some(Issued::Date(date)) => {
            y.push_str(&format!("issued: {date}   # {}\n", quoted(l.place_date.as_deref().unwrap_or(""))))
        }
        Some(Issued::Text(t)) => {
            y.push_str(&format!(
                "issued: {}   # {}: bản dự thảo chưa có ngày; sửa thành ngày ký dạng NĂM-THÁNG-NGÀY\n",
                yaml_str(t),
                quoted(l.place_date.as_deref().unwrap_or(""))
            ));
        }
        None => y.push_str("# issued: NĂM-THÁNG-NGÀY   # không thấy dòng địa danh, ngày tháng (không bắt buộc)\n"),
    }
    match &d.issuer {
        Some(i) => {
            let from = if l.issuer_lines.is_empty() {
                String::new()
            } else {
                format!("   # ô tiêu đề: {}", quoted(&l.issuer_lines.join(" / ")))
            };
            y.push_str(&format!("issuer: {}{from}\n", yaml_str(i)));
        }
        None => {
            y.push_str("# TODO: cơ quan ban hành (không thấy ô tiêu đề bên trái, trên số văn bản):\n");
            y.push_str("# issuer: \"Ủy ban nhân dân …\"\n");
        }
    }
    match &l.signer {
        Some(s) => {
            let mut fields = vec![format!("name: {}", yaml_str(&s.name))];
            if let Some(t) = &s.title {
                fields.push(format!("title: {}", yaml_str(t)));
            }
            if let Some(f) = &s.on_behalf {
                fields.push(format!("for: {}", yaml_str(f)));
            }
            y.push_str(&format!(
                "signed_by: {{ {} }}   # chữ ký: {}\n",
                fields.join(", "),
                quoted(&s.lines.join(" / "))
            ));
        }
        None => y.push_str("# signed_by: { name: \"…\", title: \"…\" }   # không thấy phần chữ ký (không bắt buộc)\n"),
    }
    match &l.title {
        Some(t) => y.push_str(&format!("title: {}\n", yaml_str(t))),
        None => {
            y.push_str("# TODO: tên kế hoạch (không thấy dòng “KẾ HOẠCH” và tên ngay dưới nó):\n");
            y.push_str("# title: \"…\"\n");
        }
    }
    y.push_str("# summary: \"…\"   # không bắt buộc: một hai câu tóm tắt cho thẻ ở trang chủ và khi chia sẻ\n");
    let p = d.period;
    match (p.from, p.to) {
        (Some(f), Some(t)) => {
            y.push_str(&format!("period: {{ from: {f}, to: {t} }}\n"));
            for s in &p.sources {
                y.push_str(&comment("", &quoted(s)));
            }
        }
        (from, to) => {
            let show = |x: Option<NaiveDate>| x.map_or("NĂM-THÁNG-NGÀY".to_string(), |d| d.to_string());
            y.push_str(&comment(
                "",
                "TODO: thời gian thực hiện (bắt buộc): văn bản không nói rõ ngày bắt đầu và ngày kết thúc.",
            ));
            for s in &p.sources {
                y.push_str(&comment("", &format!("đã đọc: {}", quoted(s))));
            }
            y.push_str(&format!("# period: {{ from: {}, to: {} }}\n", show(from), show(to)));
        }
    }
    if l.basis.is_empty() {
        y.push_str(
            "# basis: [\"Kế hoạch số … ngày … của …\"]   # không thấy đoạn “Thực hiện …/Căn cứ …” (không bắt buộc)\n",
        );
    } else {
        y.push_str("basis:\n");
        for b in &l.basis {
            y.push_str(&format!("  - {}\n", yaml_str(b)));
        }
    }
    if d.indicators.is_empty() {
        y.push_str(&comment(
            "",
            "TODO: không tìm thấy chỉ tiêu nào (câu có “phấn đấu …%”, “đạt …”, “hoàn thành … trước ngày …”). Thêm theo mẫu trong docs/content-format.md:",
        ));
        y.push_str(
            "# indicators:\n#   - id: vneid\n#     name: \"…\"\n#     target: { percent: 80, of: population }\n",
        );
    } else {
        y.push_str("indicators:\n");
        for f in d.indicators {
            y.push_str(&indicator(f, p));
        }
    }
    if !d.units_needed.is_empty() {
        y.push_str("# units.yaml cần có (bangtin check báo lỗi cho đến khi có):\n");
        for u in d.units_needed {
            y.push_str(&comment("", &format!("- {u}")));
        }
    }
    y.push_str("---\n");
    y.push_str(d.body);
    y
}

fn indicator(f: &Found, period: &Period) -> String {
    let mut y = String::new();
    for (k, s) in f.sources.iter().enumerate() {
        let text = if k == 0 { quoted(s) } else { format!("nhắc lại: {}", quoted(s)) };
        y.push_str(&comment("  ", &text));
    }
    y.push_str(&format!("  - id: {}\n", f.id));
    y.push_str(&format!("    name: {}\n", yaml_str(&f.name)));
    let target = match &f.target {
        Target::Count(n) => n.to_string(),
        Target::Milestone => "milestone".to_string(),
        Target::Share { percent, above, base } => {
            let key = if *above { "above" } else { "percent" };
            let label = match base {
                Base::Households => "   # số hộ trong units.yaml".to_string(),
                Base::Population => "   # dân số trong units.yaml".to_string(),
                Base::Adults => "   # dân số trưởng thành trong units.yaml".to_string(),
                Base::Reported => "   # báo cáo ghi số đã làm/tổng số: { done: …, of: … }".to_string(),
                Base::Named { label, .. } => format!("   # cơ số mới “{label}”: thêm vào units.yaml"),
            };
            format!("{{ {key}: {}, of: {} }}{label}", number(*percent), base.id())
        }
    };
    y.push_str(&format!("    target: {target}\n"));
    if let Some(n) = &f.noun {
        y.push_str(&format!("    noun: {}\n", yaml_str(n)));
    }
    if let Some(day) = f.deadline {
        let inside = match (period.from, period.to) {
            (Some(a), Some(b)) => a <= day && day <= b,
            _ => true,
        };
        if inside {
            y.push_str(&format!("    deadline: {day}\n"));
        } else {
            y.push_str(&format!(
                "    # deadline: {day}   # TODO: hạn {} nằm ngoài thời gian kế hoạch: sửa thời gian hoặc bỏ dòng này\n",
                dmy(day)
            ));
        }
    }
    y
}

pub fn event(e: &Event, plan: &str, source_name: &str) -> String {
    let mut y = String::from("---\n");
    y.push_str(&comment("", &format!("Bản nháp do “bangtin import plan” đọc từ {source_name}: {}", quoted(&e.source))));
    y.push_str(&format!("title: {}\n", yaml_str(&e.title)));
    y.push_str(&format!("plan: {plan}\n"));
    y.push_str(&format!("kind: {}\n", e.kind));
    let at = |d: NaiveDate, t: Option<chrono::NaiveTime>| match t {
        Some(t) => format!("{d} {}", t.format("%H:%M")),
        None => d.to_string(),
    };
    match &e.when {
        When::Dated { from, to, start, end, daily } => {
            y.push_str(&format!("starts: {}\n", at(*from, *start)));
            match (to, daily) {
                (Some(to), true) => {
                    y.push_str(&format!("ends: {}\n", at(*from, *end)));
                    y.push_str(&format!("repeat: {{ days: daily, until: {to} }}\n"));
                }
                (Some(to), false) => y.push_str(&format!("ends: {}\n", at(*to, *end))),
                (None, _) => {
                    if let (Some(_), Some(_)) = (start, end) {
                        y.push_str(&format!("ends: {}\n", at(*from, *end)));
                    }
                }
            }
            if start.is_none() {
                y.push_str("# Văn bản chưa nói giờ: sự kiện hiện là cả ngày; thêm giờ, ví dụ “starts: …  07:30”.\n");
            }
            if e.tentative {
                y.push_str("status: tentative   # “dự kiến”\n");
            }
        }
        When::Roughly(words) => {
            y.push_str("status: tba\n");
            y.push_str(&format!("when_text: {}\n", yaml_str(words)));
        }
    }
    match &e.location {
        Some(l) => y.push_str(&format!("location: {}\n", yaml_str(l))),
        None => y.push_str("# location: \"…\"   # văn bản không nói địa điểm\n"),
    }
    if !e.attendees.is_empty() {
        y.push_str("attendees:\n");
        for a in &e.attendees {
            y.push_str(&format!("  - {}\n", yaml_str(a)));
        }
    }
    y.push_str("---\n");
    y.push_str(&super::outline::inline(
        &[crate::docx::Run { text: e.sentence.clone(), ..crate::docx::Run::default() }],
        0,
        false,
    ));
    y.push('\n');
    y
}

/// The first report from a table of figures per unit.
pub fn report(t: &UnitTable, date: Option<NaiveDate>, plan: &str, source: &str) -> String {
    let mut y = String::new();
    y.push_str(&comment(
        "",
        &format!(
            "Báo cáo đầu tiên, chép từ bảng {} của kế hoạch: số liệu theo từng đơn vị như trong văn bản. Kiểm tra rồi sửa nếu cần; cột chưa ghép được với chỉ tiêu nào ghi ở cuối tệp.",
            quoted(&t.caption)
        ),
    ));
    match date {
        Some(d) => y.push_str(&format!("date: {d}\n")),
        None => {
            y.push_str("# TODO: ngày chốt số liệu (bắt buộc; trong thời gian kế hoạch):\n");
            y.push_str("# date: NĂM-THÁNG-NGÀY\n");
        }
    }
    y.push_str(&format!("plan: {plan}\n"));
    y.push_str(&format!("source: {}\n", yaml_str(source)));
    y.push_str("values:\n");
    for c in t.figures.iter().filter(|c| c.indicator.is_some()) {
        y.push_str(&format!("  # cột {} → chỉ tiêu {}\n", quoted(&c.header), c.indicator.as_deref().unwrap_or("")));
    }
    for (k, u) in t.units.iter().enumerate() {
        let cells: Vec<String> = t
            .figures
            .iter()
            .filter_map(|c| Some(format!("{}: {}", c.indicator.as_ref()?, c.values.get(k).copied().flatten()?)))
            .collect();
        if cells.is_empty() {
            continue;
        }
        y.push_str(&format!("  {}: {{ {} }}   # {}\n", u.id, cells.join(", "), u.name));
    }
    for c in t.figures.iter().filter(|c| c.indicator.is_none()) {
        let figures: Vec<String> =
            t.units.iter().zip(&c.values).filter_map(|(u, v)| v.map(|v| format!("{} {v}", u.name))).collect();
        y.push_str(&comment(
            "",
            &format!("cột {} chưa ghép với chỉ tiêu nào: {}", quoted(&c.header), figures.join(", ")),
        ));
    }
    y
}
