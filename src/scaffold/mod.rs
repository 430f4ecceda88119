//! Scaffold: a new site that builds at once (`bangtin init`), and a new guide, event, progress
//! report or news item from a title (`bangtin new`). The files are templates under
//! `src/scaffold/site/` and `src/scaffold/new/`, compiled in, with Vietnamese comments on every
//! field; nothing is ever overwritten.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::content::model::{Plan, Site};
use crate::diag::Error;
use crate::format::date as dmy;
use crate::indicator::Figure;
use crate::paths;
use crate::text;

const SITE_YAML: &str = include_str!("site/site.yaml");
const UNITS_YAML: &str = include_str!("site/units.yaml");
const PLAN_MD: &str = include_str!("site/plan.md");
const GUIDE_MD: &str = include_str!("site/guide.md");
const EVENT_MD: &str = include_str!("site/event.md");
const REPORT_YAML: &str = include_str!("site/report.yaml");
const NEW_GUIDE: &str = include_str!("new/guide.md");
const NEW_EVENT: &str = include_str!("new/event.md");
const NEW_NEWS: &str = include_str!("new/news.md");
const NEW_REPORT: &str = include_str!("new/report.yaml");

use crate::content::kind::under;
/// What `bangtin new` makes: a guide, an event, a news item or a report.
pub use crate::content::kind::Kind;
pub use report_sheet::SheetForm;

mod report_sheet;

/// What was written, and what the officer does next.
#[derive(Debug, Clone)]
pub struct Created {
    /// As the officer would type them: under the folder they named.
    pub files: Vec<PathBuf>,
    /// The page's address on the site, when the file makes a page.
    pub page: Option<String>,
    pub next: Vec<String>,
}

fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

/// A YAML double-quoted scalar: whatever the officer typed as a title stays text.
pub(crate) fn yaml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key YAML would otherwise read as true, false or nothing.
fn yaml_key(id: &str) -> String {
    const SPECIAL: [&str; 10] = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"];
    if SPECIAL.contains(&id) {
        yaml_str(id)
    } else {
        id.to_string()
    }
}

/// Creates `path` only if nothing is there: the officer's work is never overwritten.
pub(crate) fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, "tạo thư mục", e))?;
    }
    let mut f = match fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Refused(format!(
                "đã có tệp “{}”; bangtin không ghi đè lên tệp đã có. Mở tệp đó để sửa, hoặc đặt một tiêu đề khác.",
                path.display()
            )))
        }
        Err(e) => return Err(Error::io(path, "tạo tệp", e)),
    };
    f.write_all(bytes).map_err(|e| Error::io(path, "ghi tệp", e))
}

/// `bangtin init DIR`: a site project in `DIR` (its content in `DIR/content/`) that builds as it is.
pub fn init(dir: &Path, today: NaiveDate) -> Result<Created, Error> {
    match fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(Error::Refused(format!(
                "“{}” đã có và không phải thư mục. Chọn một tên thư mục mới, ví dụ: bangtin init trang-cong-dan-so",
                dir.display()
            )))
        }
        Ok(_) => {
            let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, "đọc thư mục", e))?;
            if entries.next().is_some() {
                return Err(Error::Refused(format!(
                    "thư mục “{}” không trống; bangtin init chỉ tạo trang trong thư mục mới hoặc trống, để không ghi đè gì. Chọn một tên thư mục mới, ví dụ: bangtin init trang-cong-dan-so",
                    dir.display()
                )));
            }
        }
        Err(_) => {}
    }
    let plan_slug = format!("{}-cong-dan-so", today.year());
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    let values = [
        ("today", today.to_string()),
        ("plan_slug", plan_slug.clone()),
        ("plan_from", today.to_string()),
        ("plan_to", day(120)),
        ("zalo_deadline", day(30)),
        ("event_day", day(7)),
    ];
    let content = dir.join("content");
    let files = [
        ("site.yaml".to_string(), SITE_YAML),
        ("units.yaml".to_string(), UNITS_YAML),
        (Kind::Plan.file(&plan_slug), PLAN_MD),
        (Kind::Guide.file("kich-hoat-vneid"), GUIDE_MD),
        (Kind::Event.file("hoi-nghi-trien-khai"), EVENT_MD),
        (Kind::Report.file(&today.to_string()), REPORT_YAML),
    ];
    let mut written = Vec::new();
    for (rel, template) in files {
        let path = under(&content, &rel);
        if let Err(e) = write_new(&path, fill(template, &values).as_bytes()) {
            // Half a site would not build; leave the folder as the officer gave it.
            for p in &written {
                let _ = fs::remove_file(p);
            }
            return Err(e);
        }
        written.push(path);
    }
    let [site, units] = ["site.yaml", "units.yaml"].map(|f| under(&content, f).display().to_string());
    Ok(Created {
        files: written,
        page: None,
        next: vec![
            format!("Sửa thông tin của phường, xã trong {site} và {units}."),
            format!("Xem trước trang trong trình duyệt: cd {} rồi chạy bangtin serve", crate::term::typed_path(dir)),
            "Dựng trang để đăng lên cổng thông tin: bangtin build (trang nằm trong thư mục output/)".to_string(),
        ],
    })
}

/// `Kích hoạt định danh` → `kich-hoat-dinh-danh`, short enough for a file name and an address.
pub(crate) fn slug_for(title: &str) -> Result<String, Error> {
    let mut slug = text::slugify(title);
    const MAX: usize = 60;
    if slug.len() > MAX {
        let cut = slug[..MAX].rfind('-').unwrap_or(MAX);
        slug.truncate(cut);
    }
    if text::windows_reserved(&slug) {
        // “Con” is a Vietnamese word and a Windows device name; the page must upload anywhere.
        slug.push_str("-1");
    }
    if slug.is_empty() {
        return Err(Error::Refused(format!(
            "tiêu đề “{title}” không có chữ hay số nào để làm tên tệp. Viết tiêu đề bằng chữ, ví dụ: bangtin new guide \"Kích hoạt định danh điện tử\""
        )));
    }
    Ok(slug)
}

/// The plan a new file belongs to: the one named, the site's current plan, the one running
/// today, or the latest.
fn choose_plan<'a>(site: &'a Site, wanted: Option<&str>, today: NaiveDate) -> Result<Option<&'a Plan>, Error> {
    if let Some(w) = wanted {
        return match site.plan(w) {
            Some(p) => Ok(Some(p)),
            None => {
                let ids: Vec<&str> = site.plans.iter().map(|p| p.slug.as_str()).collect();
                let hint = text::did_you_mean(w, ids.iter().copied()).map(|h| format!(" ({h})")).unwrap_or_default();
                Err(Error::Refused(format!(
                    "không có kế hoạch “{w}” trong plans/{hint}. Các kế hoạch có: {}",
                    if ids.is_empty() { "chưa có".to_string() } else { ids.join(", ") }
                )))
            }
        };
    }
    let current = site.config.current_plan.as_deref().and_then(|s| site.plan(s));
    Ok(current.or_else(|| site.plans.iter().find(|p| p.from <= today && today <= p.to)).or_else(|| site.plans.first()))
}

fn no_site(content: &Path) -> Error {
    Error::Refused(format!(
        "không thấy site.yaml trong thư mục nội dung “{}”. Chạy lệnh trong thư mục của trang (nơi có thư mục content/), chỉ định thư mục bằng --content THƯ_MỤC, hoặc tạo trang mới bằng: bangtin init THƯ_MỤC",
        content.display()
    ))
}

/// `bangtin new KIND "Tiêu đề"`: one new file in the content folder `content`.
pub fn new_file(
    content: &Path,
    kind: Kind,
    title: Option<&str>,
    plan: Option<&str>,
    today: NaiveDate,
) -> Result<Created, Error> {
    if !content.join("site.yaml").is_file() {
        return Err(no_site(content));
    }
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    let site = crate::content::load(content, today);
    match kind {
        Kind::Report => {
            let site = site.map_err(|d| Error::Content(d.sorted()))?;
            return new_report(content, &site, title, plan, today);
        }
        Kind::Plan => {
            return Err(Error::Refused(
                "bangtin new không tạo kế hoạch: nhập từ văn bản Word bằng bangtin import plan TỆP.docx, hoặc chép một kế hoạch có sẵn trong plans/ rồi sửa (xem docs/content-format.md)"
                    .into(),
            ))
        }
        Kind::Guide | Kind::Event | Kind::News => {}
    }
    let Some(title) = title else {
        let what = match kind {
            Kind::Guide => "guide \"Kích hoạt định danh điện tử\"",
            Kind::Event => "event \"Ra quân hỗ trợ cài VNeID tại khu phố 1\"",
            Kind::News | Kind::Report | Kind::Plan => "news \"Lịch trực hỗ trợ người dân tháng này\"",
        };
        return Err(Error::Refused(format!("thiếu tiêu đề. Viết tiêu đề trong ngoặc kép, ví dụ: bangtin new {what}")));
    };
    // A site with errors still gets its new file; the plan and unit lists are just unknown.
    let site = site.ok();
    let plan = match &site {
        Some(s) => choose_plan(s, plan, today)?,
        None => None,
    };
    let slug = slug_for(title)?;
    let plan_line = match plan {
        Some(p) => format!("plan: {}", p.slug),
        None => "# plan: ma-ke-hoach".to_string(),
    };
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    let (rel, text, page, next) = match kind {
        Kind::Guide => {
            let indicators = match plan.and_then(|p| p.indicators.first()) {
                Some(i) => format!("# indicators: [{}]", i.id),
                None => "# indicators: [ma-chi-tieu]".to_string(),
            };
            let summary = format!("Hướng dẫn từng bước: {}.", title.trim_end_matches(['.', '!', '?', ':']));
            let text = fill(
                NEW_GUIDE,
                &[
                    ("slug", slug.clone()),
                    ("title", yaml_str(title)),
                    ("summary", yaml_str(&summary)),
                    ("indicators", indicators),
                ],
            );
            let mut next = vec!["Viết các bước dưới dạng đề mục “## Bước 1: …”, “## Bước 2: …”.".to_string()];
            match plan {
                Some(p) => next.push(format!(
                    "Để trang tiến độ dẫn người dân tới hướng dẫn này, thêm “guide: {slug}” vào chỉ tiêu của nó trong {}.",
                    p.file.display()
                )),
                None => next.push(format!("Để trang tiến độ dẫn người dân tới hướng dẫn này, thêm “guide: {slug}” vào chỉ tiêu của nó trong plans/.")),
            }
            (Kind::Guide.file(&slug), text, format!("/{}", paths::guide(&slug)), next)
        }
        Kind::Event => {
            if let Some(unit) = site.as_ref().and_then(|s| s.units.get(&slug)) {
                return Err(Error::Refused(format!(
                    "tên tệp “{slug}” trùng mã của {} trong units.yaml: trang /{} là lịch riêng của {}. Đặt tiêu đề dài hơn, ví dụ “Hội nghị tại {}”",
                    unit.name,
                    paths::unit_events(&slug),
                    unit.name,
                    unit.name
                )));
            }
            let units = site
                .as_ref()
                .map(|s| s.units.units.iter().take(2).map(|u| u.id.as_str()).collect::<Vec<_>>().join(", "))
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| "kp1, kp2".into());
            let text = fill(
                NEW_EVENT,
                &[
                    ("kind", guess_kind(title).to_string()),
                    ("slug", slug.clone()),
                    ("title", yaml_str(title)),
                    ("plan", plan_line),
                    ("next_week", day(7)),
                    ("next_month", day(30)),
                    ("units", units),
                ],
            );
            let next = vec![
                "Sự kiện đang để “sẽ thông báo sau” (status: tba): sửa when_text thành khoảng thời gian dự kiến. Khi chốt lịch, làm theo cách (2) trong tệp: bỏ status tba và when_text, điền starts (ngày giờ), location và status: confirmed.".to_string(),
            ];
            (Kind::Event.file(&slug), text, format!("/{}", paths::event(&slug)), next)
        }
        // A report was made above and a plan refused: they share no template with the others.
        Kind::News | Kind::Report | Kind::Plan => {
            let name = format!("{today}-{slug}");
            // A real guide of this site, so the example link passes the link check as written.
            let link_tip = site
                .as_ref()
                .and_then(|s| s.guides.first())
                .map(|g| format!(" Dẫn tới một hướng dẫn như sau: [{}](/{}).", g.title, paths::guide(&g.slug)))
                .unwrap_or_default();
            let text = fill(
                NEW_NEWS,
                &[("slug", name.clone()), ("title", yaml_str(title)), ("plan", plan_line), ("link_tip", link_tip)],
            );
            let next =
                vec!["Viết nội dung tin sau dòng “---” thứ hai; tin hiện ở trang Tin tức và trang chủ.".to_string()];
            (Kind::News.file(&name), text, format!("/{}", paths::news(&name)), next)
        }
    };
    let path = under(content, &rel);
    write_new(&path, text.as_bytes())?;
    Ok(Created { files: vec![path], page: Some(page), next })
}

/// The kind of event a title names, so “Ra quân tại khu phố 1” needs no edit; a conference
/// otherwise.
fn guess_kind(title: &str) -> &'static str {
    let t = text::fold(title);
    if t.contains("ra quan") {
        "ra-quan"
    } else if t.contains("tap huan") {
        "tap-huan"
    } else if t.contains("truc") || t.contains("ho tro") {
        "truc-ho-tro"
    } else {
        "hoi-nghi"
    }
}

/// One row of a new report: a unit (or `ward`), its name, and the figures it starts with, by
/// indicator id in the plan's order.
struct Line {
    id: String,
    name: String,
    cells: Vec<(String, Figure)>,
}

/// The rows of a new report of `plan` on `today`, pre-filled with every unit's latest cumulative
/// figure so the officer only changes numbers; the whole locality's row last, perhaps empty. A
/// count never reported starts at zero (a ratio or milestone of the ward at 0 of 0 or not
/// done), which the validator accepts and the officer sees at once on the dashboard if left
/// unchanged.
fn starting_lines(site: &Site, plan: &Plan, today: NaiveDate) -> Vec<Line> {
    // Latest figure per (row, indicator), reports read in date order.
    let mut latest: BTreeMap<(&str, &str), &Figure> = BTreeMap::new();
    for r in site.reports.iter().filter(|r| r.plan == plan.slug && r.date < today) {
        for (row, cells) in &r.values {
            for (ind, f) in cells.iter() {
                latest.insert((row.as_str(), ind), f);
            }
        }
    }
    let per_unit = |ind: &str| site.units.units.iter().any(|u| latest.contains_key(&(u.id.as_str(), ind)));
    let mut lines: Vec<Line> = Vec::new();
    for u in &site.units.units {
        let mut cells = Vec::new();
        for ind in &plan.indicators {
            let kind = ind.target.kind();
            let cell = match latest.get(&(u.id.as_str(), ind.id.as_str())) {
                Some(f) => Some((*f).clone()),
                // Zeros per unit would be newer than a ward total and hide it: only where
                // nothing stands for this indicator yet.
                None if kind.counts() && !latest.contains_key(&("ward", ind.id.as_str())) => Some(kind.blank()),
                None => None,
            };
            if let Some(c) = cell {
                cells.push((ind.id.clone(), c));
            }
        }
        lines.push(Line { id: u.id.clone(), name: u.name.clone(), cells });
    }
    let mut ward = Vec::new();
    for ind in &plan.indicators {
        // A ward's count is the sum of its units', which a unit's figure would hide; a ward's
        // ratio or milestone stands for the ward.
        let kind = ind.target.kind();
        let cell = match latest.get(&("ward", ind.id.as_str())) {
            Some(f) if !per_unit(&ind.id) || !kind.counts() => Some((*f).clone()),
            Some(_) => None,
            None if per_unit(&ind.id) => None,
            None => (!kind.counts()).then(|| kind.blank()),
        };
        if let Some(c) = cell {
            ward.push((ind.id.clone(), c));
        }
    }
    lines.push(Line { id: "ward".into(), name: format!("toàn {}", site.config.locality), cells: ward });
    lines
}

/// The plan of a new report on `today`, refused when there is none or `today` is outside it,
/// or when a report of `today` is already there in any form.
fn report_plan<'a>(content: &Path, site: &'a Site, plan: Option<&str>, today: NaiveDate) -> Result<&'a Plan, Error> {
    let Some(plan) = choose_plan(site, plan, today)? else {
        return Err(Error::Refused(
            "chưa có kế hoạch nào trong plans/; báo cáo tiến độ ghi số liệu cho các chỉ tiêu của một kế hoạch. Thêm kế hoạch trước (xem docs/content-format.md).".into(),
        ));
    };
    if today < plan.from || today > plan.to {
        return Err(Error::Refused(format!(
            "hôm nay ({}) nằm ngoài thời gian của kế hoạch “{}” ({} – {}); báo cáo phải có ngày trong thời gian kế hoạch. Chọn ngày chốt số liệu bằng --today NĂM-THÁNG-NGÀY, hoặc kế hoạch khác bằng --plan MÃ",
            dmy(today),
            plan.slug,
            dmy(plan.from),
            dmy(plan.to)
        )));
    }
    for ext in Kind::Report.extensions() {
        let p = under(content, &format!("{}/{today}.{ext}", Kind::Report.folder()));
        if p.exists() {
            return Err(Error::Refused(format!(
                "đã có tệp “{}”: báo cáo ngày {} đã có; bangtin không ghi đè. Mở tệp đó để sửa số liệu.",
                p.display(),
                dmy(today)
            )));
        }
    }
    Ok(plan)
}

/// The plan's latest report before `today`, which a new one starts from.
fn last_report<'a>(site: &'a Site, plan: &Plan, today: NaiveDate) -> Option<&'a crate::content::model::Report> {
    site.reports.iter().rfind(|r| r.plan == plan.slug && r.date < today)
}

/// Today's report as YAML, pre-filled ([`starting_lines`]).
fn new_report(
    content: &Path,
    site: &Site,
    source: Option<&str>,
    plan: Option<&str>,
    today: NaiveDate,
) -> Result<Created, Error> {
    let plan = report_plan(content, site, plan, today)?;
    let lines = starting_lines(site, plan, today);
    let values = lines
        .iter()
        .filter(|r| !r.cells.is_empty())
        .map(|r| {
            let inner =
                r.cells.iter().map(|(k, v)| format!("{}: {}", yaml_key(k), v.yaml())).collect::<Vec<_>>().join(", ");
            format!("  {}: {{ {inner} }}   # {}", yaml_key(&r.id), r.name)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let legend = plan
        .indicators
        .iter()
        .map(|i| format!("#   {}: {} — {}", i.id, i.name, i.target.kind().legend(i.noun.as_deref())))
        .collect::<Vec<_>>()
        .join("\n");
    let last = last_report(site, plan, today);
    let origin = match last {
        Some(r) => format!(
            "Số liệu dưới đây chép từ báo cáo ngày {} ({}): hãy sửa thành số mới.",
            dmy(r.date),
            r.file.display()
        ),
        None => "Chưa có báo cáo nào trước đây: các số 0 dưới đây cần sửa thành số thật.".to_string(),
    };
    let source_line = match source {
        Some(s) => format!("source: {}", yaml_str(s)),
        None => format!(
            "# source: {}",
            yaml_str(last.and_then(|r| r.source.as_deref()).unwrap_or("Công an Phường (báo cáo hằng tuần)"))
        ),
    };
    let text = fill(
        NEW_REPORT,
        &[
            ("today_dmy", dmy(today)),
            ("plan_title", plan.title.clone()),
            ("origin", origin),
            ("today", today.to_string()),
            ("plan_slug", plan.slug.clone()),
            ("source", source_line),
            ("legend", legend),
            ("unit_kind", site.units.kind.to_lowercase()),
            ("locality", site.config.locality.clone()),
            ("values", values),
        ],
    );
    let path = under(content, &Kind::Report.file(&today.to_string()));
    write_new(&path, text.as_bytes())?;
    Ok(Created {
        files: vec![path],
        page: Some(format!("/{}", paths::progress(&plan.slug))),
        next: vec!["Sửa số liệu thành số cộng dồn đến hôm nay; số không được nhỏ hơn kỳ trước.".to_string()],
    })
}

/// `bangtin new report --xlsx` or `--csv`: today's report as a table to fill in, in the content
/// folder `content`, pre-filled as the YAML one is ([`starting_lines`]).
pub fn new_report_sheet(
    content: &Path,
    form: SheetForm,
    source: Option<&str>,
    plan: Option<&str>,
    today: NaiveDate,
) -> Result<Created, Error> {
    if !content.join("site.yaml").is_file() {
        return Err(no_site(content));
    }
    let site = crate::content::load(content, today).map_err(|d| Error::Content(d.sorted()))?;
    let plan = report_plan(content, &site, plan, today)?;
    let lines = starting_lines(&site, plan, today);
    let last = last_report(&site, plan, today);
    let source = source.map(str::trim).filter(|s| !s.is_empty()).or_else(|| last.and_then(|r| r.source.as_deref()));
    let illustrative = last.is_some_and(|r| r.illustrative);
    let table = report_sheet::Table::new(&site, plan, &lines, source, illustrative, today);
    let (ext, bytes) = match form {
        SheetForm::Xlsx => ("xlsx", table.xlsx()?),
        SheetForm::Csv => ("csv", table.csv().into_bytes()),
    };
    let path = under(content, &format!("{}/{today}.{ext}", Kind::Report.folder()));
    write_new(&path, &bytes)?;
    let app = match form {
        SheetForm::Xlsx => "Excel hoặc LibreOffice Calc",
        SheetForm::Csv => "LibreOffice Calc hoặc Excel (bảng mã UTF-8, phân cách bằng dấu chấm phẩy)",
    };
    let origin = match last {
        Some(r) => format!("Các số đang là số của báo cáo ngày {} ({}).", dmy(r.date), r.file.display()),
        None => "Chưa có báo cáo nào trước đây: các số 0 cần sửa thành số thật.".to_string(),
    };
    Ok(Created {
        files: vec![path],
        page: Some(format!("/{}", paths::progress(&plan.slug))),
        next: vec![
            format!(
                "Mở tệp bằng {app}, sửa số liệu thành số cộng dồn đến hôm nay rồi lưu lại đúng dạng .{ext}. {origin}"
            ),
            "Giữ nguyên tên các cột, tên các đơn vị và tên tệp; hàng “Tổng cộng” tự cộng, không cần sửa.".to_string(),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_vietnamese_titles() {
        assert_eq!(slug_for("Kích hoạt định danh").unwrap(), "kich-hoat-dinh-danh");
        assert_eq!(slug_for("  Đăng ký “tài khoản” DVC!  ").unwrap(), "dang-ky-tai-khoan-dvc");
        let long = slug_for(&"Hướng dẫn rất dài ".repeat(10)).unwrap();
        assert!(long.len() <= 60 && !long.ends_with('-') && text::is_slug(&long), "{long}");
        assert!(slug_for("“…”").is_err());
        // “Con” (child) and “Nul” fold to Windows device names; the page must upload anywhere.
        assert_eq!(slug_for("Con").unwrap(), "con-1");
        assert!(text::is_slug(&slug_for("NUL").unwrap()));
    }

    #[test]
    fn titles_stay_text_in_yaml() {
        assert_eq!(yaml_str("Hội nghị \"lần 2\": C:\\x"), "\"Hội nghị \\\"lần 2\\\": C:\\\\x\"");
        assert_eq!(yaml_key("yes"), "\"yes\"");
        assert_eq!(yaml_key("kp1"), "kp1");
    }

    #[test]
    fn templates_have_no_unfilled_placeholders_once_filled() {
        let values = [
            ("today", "2024-06-03".to_string()),
            ("plan_slug", "p".into()),
            ("plan_from", "2024-06-03".into()),
            ("plan_to", "2024-10-01".into()),
            ("zalo_deadline", "2024-07-03".into()),
            ("event_day", "2024-06-10".into()),
        ];
        for t in [SITE_YAML, UNITS_YAML, PLAN_MD, GUIDE_MD, EVENT_MD, REPORT_YAML] {
            assert!(!fill(t, &values).contains("{{"), "{t}");
        }
    }
}
