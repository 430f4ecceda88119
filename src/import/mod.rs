//! `bangtin import plan FILE`: a plan's Word file (or its text copied out of a PDF) as a draft
//! `plans/<slug>.md`, with draft events and a first report where the text has them, and what
//! the officer must check. The layout every administrative document follows (Nghị định
//! 30/2020/NĐ-CP) gives the front matter (`layout`), the numbering gives the body's headings
//! and lists (`outline`), the sentences that commit to a figure or a date give the indicators
//! and the period (`find`), the events (`events`) and the tables per unit (`tables`); `draft`
//! writes them. Nothing is invented: what the text does not say is a `# TODO` that
//! `bangtin check` names. Nothing is overwritten.

mod draft;
mod events;
mod find;
mod layout;
pub(crate) mod outline;
mod plain;
mod tables;
pub(crate) mod vi;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::content::kind::{under, Kind};
use crate::diag::Error;
use crate::docx::{Block, Document};
use crate::{docx, paths, text};
use find::{Base, Target};
use layout::Issued;

/// A file larger than this is not a plan.
const MAX_INPUT: u64 = 50 * 1024 * 1024;

/// What was written, and what the officer must check.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: PathBuf,
    /// Events and the first report.
    pub others: Vec<PathBuf>,
    /// The plan's page on the site.
    pub page: String,
    /// What to check, one point a line, in Vietnamese.
    pub check: Vec<String>,
    /// What units.yaml must have for the plan to build, one point a line.
    pub units: Vec<String>,
}

/// The input as a document, and whether its line breaks are a PDF's wrapping.
fn read_input(input: &Path) -> Result<(Document, bool), Error> {
    let ext = input.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let meta = std::fs::metadata(input).map_err(|e| Error::io(input, "đọc tệp", e))?;
    if meta.len() > MAX_INPUT {
        return Err(Error::Refused(format!(
            "tệp “{}” lớn hơn 50 MB: không phải một văn bản kế hoạch",
            input.display()
        )));
    }
    let bytes = std::fs::read(input).map_err(|e| Error::io(input, "đọc tệp", e))?;
    let mut doc = match ext.as_str() {
        "docx" => docx::read(&bytes).map(|d| (d, false)),
        "txt" | "md" | "text" => decode(&bytes).map(|t| (plain::read(&t), true)),
        "doc" => docx::read(&bytes).map(|d| (d, false)),
        "pdf" => Err("bangtin không đọc được PDF. Mở PDF, chọn toàn bộ chữ (Ctrl+A), chép (Ctrl+C) và dán vào Notepad, lưu thành tệp .txt (bảng mã UTF-8), rồi nhập tệp .txt đó".to_string()),
        _ => Err("chỉ nhập được văn bản Word (.docx) hoặc chữ chép ra từ PDF (.txt)".to_string()),
    }
    .map_err(|why| Error::Refused(format!("không nhập được “{}”: {why}", input.display())))?;
    clean(&mut doc.0);
    Ok(doc)
}

/// UTF-8 (with or without its mark) or UTF-16 with its mark, as Notepad saves.
fn decode(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |b: &[u8], le: bool| {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).map_err(|_| "tệp UTF-16 bị hỏng".to_string())
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    String::from_utf8(bytes.to_vec())
        .map_err(|_| "tệp không phải UTF-8. Mở tệp bằng Notepad, chọn Lưu thành (Save As), bảng mã (Encoding) UTF-8, rồi nhập lại".to_string())
}

/// NFC, spaces as spaces, and no invisible characters (soft hyphens, zero-width spaces,
/// direction marks), which the loader would refuse in a field.
fn clean(doc: &mut Document) {
    let fix = |s: &mut String| {
        let t: String = text::nfc(s)
            .chars()
            .filter_map(|c| match c {
                '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Some(' '),
                '\n' | '\t' => Some(c),
                c if c.is_control() || text::is_hidden_control(c) => None,
                '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{feff}' | '\u{2060}' => None,
                c => Some(c),
            })
            .collect();
        *s = t;
    };
    let mut paras: Vec<&mut docx::Para> = Vec::new();
    for b in &mut doc.blocks {
        match b {
            Block::Para(p) => paras.push(p),
            Block::Table(t) => paras.extend(t.rows.iter_mut().flatten().flat_map(|c| c.paras.iter_mut())),
        }
    }
    paras.extend(doc.notes.iter_mut().flatten());
    for p in paras {
        for r in &mut p.runs {
            fix(&mut r.text);
        }
    }
}

/// The issuer from the header's lines: the last body named ("ỦY BAN NHÂN DÂN / XÃ MỸ PHÚ
/// ĐÔNG" is one), in ordinary case; a body named without a place ("TỔ CÔNG TÁC ĐỀ ÁN 06")
/// takes the place of the body above it ("UBND THỊ XÃ BỈM SƠN").
fn issuer(lines: &[String]) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    let mut open = false;
    for l in lines {
        let f = text::fold(l);
        match names.last_mut() {
            Some(last) if open => {
                last.push(' ');
                last.push_str(l);
            }
            _ => names.push(l.clone()),
        }
        // "ỦY BAN NHÂN DÂN" alone waits for its place on the next line.
        open = ["uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd", "dang uy", "cong an"].contains(&f.trim());
    }
    let last = names.pop()?;
    let cased = vi::ordinary_case(&last);
    let has_place = |s: &str| {
        let f = format!(" {} ", text::fold(s));
        [" xa ", " phuong ", " thi tran ", " huyen ", " quan ", " thi xa ", " thanh pho ", " tinh "]
            .iter()
            .any(|w| f.contains(w))
    };
    if !has_place(&cased) {
        if let Some(above) = names.last() {
            let above = vi::ordinary_case(above);
            let f = text::fold(&above);
            for level in ["thi tran ", "thi xa ", "thanh pho ", "xa ", "phuong ", "huyen ", "quan ", "tinh "] {
                if let Some(at) = f.find(level).filter(|&at| at == 0 || f.as_bytes()[at - 1] == b' ') {
                    // The same words in `above`, found by counting words.
                    let skip = f[..at].split_whitespace().count();
                    let place: Vec<&str> = above.split_whitespace().skip(skip).collect();
                    return Some(format!("{cased} {}", place.join(" ")));
                }
            }
        }
    }
    Some(cased)
}

fn year_of(l: &layout::Layout, p: &find::Period) -> Option<i32> {
    match &l.issued {
        Some(Issued::Date(d)) => Some(d.year()),
        Some(Issued::Text(t)) => t.split_whitespace().last().and_then(|y| y.parse().ok()),
        None => p.from.map(|d| d.year()),
    }
}

/// The plan's file name: its year and the first words of its title.
fn plan_slug(title: Option<&str>, year: Option<i32>, input: &Path) -> String {
    let base = match title {
        Some(t) => text::slugify(t),
        None => text::slugify(&input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()),
    };
    let mut slug = match year {
        Some(y) if !base.starts_with(&y.to_string()) => format!("{y}-{base}"),
        _ => base,
    };
    const MAX: usize = 50;
    if slug.len() > MAX {
        let cut = slug[..MAX].rfind('-').unwrap_or(MAX);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "ke-hoach".into();
    }
    if text::windows_reserved(&slug) {
        slug.push_str("-1");
    }
    slug
}

fn target_words(t: &Target) -> String {
    match t {
        Target::Count(n) => format!("{} (số lượng)", crate::format::int(*n)),
        Target::Milestone => "mốc hoàn thành".into(),
        Target::Share { percent, above, base } => {
            let of = match base {
                Base::Households => "số hộ".to_string(),
                Base::Population => "dân số".to_string(),
                Base::Adults => "dân số trưởng thành".to_string(),
                Base::Reported => "tổng số báo cáo".to_string(),
                Base::Named { label, .. } => label.clone(),
            };
            format!("{}{}% {of}", if *above { "trên " } else { "" }, draft::number(*percent))
        }
    }
}

/// `bangtin import plan FILE`: reads `input` and writes the drafts into the site folder
/// `content`. Refuses before writing anything if a file it would write is already there.
pub fn plan(input: &Path, content: &Path, today: NaiveDate) -> Result<Imported, Error> {
    if !content.join("site.yaml").is_file() {
        return Err(Error::Refused(format!(
            "không thấy site.yaml trong thư mục nội dung “{}”. Chạy lệnh trong thư mục của trang (nơi có thư mục content/), chỉ định thư mục bằng --content THƯ_MỤC, hoặc tạo trang mới bằng: bangtin init THƯ_MỤC",
            content.display()
        )));
    }
    let (doc, soft) = read_input(input)?;
    let source_name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let site = crate::content::load(content, today).ok();
    let known_units: Vec<(String, String)> = site
        .as_ref()
        .map(|s| s.units.units.iter().map(|u| (u.id.clone(), u.name.clone())).collect())
        .unwrap_or_default();
    let unit_kind = site.as_ref().map(|s| s.units.kind.to_lowercase()).unwrap_or_else(|| "đơn vị".into());

    let l = layout::split(&doc.blocks);
    let items = outline::items(&l.body, soft);
    let notes: Vec<String> = doc
        .notes
        .iter()
        .map(|paras| {
            paras
                .iter()
                .map(|p| outline::inline(&p.runs, 0, true))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let body = outline::markdown(&items, &notes);
    let first_year = year_of(&l, &find::Period::default());
    let findings = find::indicators(&items, first_year);
    let period = find::period(&items, first_year, findings.plan_end.as_ref());
    let year = first_year.or_else(|| period.from.map(|d| d.year()));
    let slug = plan_slug(l.title.as_deref(), year, input);
    let issuer = issuer(&l.issuer_lines);
    let found_events = events::find(&items, year);
    let mut unit_tables = tables::find(&items, &known_units);
    for t in &mut unit_tables {
        tables::match_indicators(t, &findings.indicators);
    }

    // What units.yaml must have.
    let mut units_needed: Vec<String> = Vec::new();
    let mut bases_seen: BTreeSet<String> = BTreeSet::new();
    for f in &findings.indicators {
        let Target::Share { base, .. } = &f.target else { continue };
        if *base == Base::Reported || !bases_seen.insert(base.id().to_string()) {
            continue;
        }
        let users: Vec<&str> = findings
            .indicators
            .iter()
            .filter(|g| matches!(&g.target, Target::Share { base: b, .. } if b == base))
            .map(|g| g.id.as_str())
            .collect();
        let has = site.as_ref().is_some_and(|s| {
            !s.units.units.is_empty() && s.units.units.iter().all(|u| u.bases.contains_key(base.id()))
        });
        let line = match base {
            Base::Named { id, label } => format!(
                "cơ số mới “{id}” ở mọi {unit_kind}, và tên của nó ở đầu tệp: bases: {{ {id}: {{ label: \"{label}\", noun: \"người\" }} }} — cho chỉ tiêu {}",
                users.join(", ")
            ),
            other => format!("cơ số “{}” ({}) ở mọi {unit_kind} — cho chỉ tiêu {}", other.id(), target_words_base(other), users.join(", ")),
        };
        if !has {
            units_needed.push(line);
        }
    }
    for t in &unit_tables {
        let new: Vec<&tables::Unit> = t.units.iter().filter(|u| !u.known).collect();
        if new.is_empty() {
            continue;
        }
        let list: Vec<String> = t
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| !u.known)
            .map(|(k, u)| {
                let bases: Vec<String> = t
                    .bases
                    .iter()
                    .filter_map(|(b, c)| c.values.get(k).copied().flatten().map(|v| format!("{b}: {v}")))
                    .collect();
                let bases =
                    if bases.is_empty() { String::new() } else { format!(", bases: {{ {} }}", bases.join(", ")) };
                format!("{{ id: {}, name: \"{}\"{bases} }}", u.id, u.name)
            })
            .collect();
        units_needed.push(format!("các đơn vị trong bảng “{}”: {}", t.caption, list.join("; ")));
    }

    // The files, none of which may be there already.
    let plan_rel = Kind::Plan.file(&slug);
    let plan_text = draft::plan(&draft::PlanDraft {
        source_name: &source_name,
        layout: &l,
        issuer: issuer.clone(),
        period: &period,
        indicators: &findings.indicators,
        units_needed: &units_needed,
        body: &body,
    });
    let mut files: Vec<(String, String)> = vec![(plan_rel.clone(), plan_text)];
    let mut taken: BTreeSet<String> = known_units.iter().map(|(id, _)| id.clone()).collect();
    let mut event_names = Vec::new();
    for e in &found_events {
        let mut name = crate::scaffold::slug_for(&e.title).unwrap_or_else(|_| "su-kien".into());
        let base = name.clone();
        let mut n = 2;
        while taken.contains(&name) || content.join(Kind::Event.file(&name)).exists() {
            name = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(name.clone());
        files.push((Kind::Event.file(&name), draft::event(e, &slug, &source_name)));
        event_names.push(name);
    }
    // The first report: from the first table per unit whose columns name indicators.
    let report_date = match &l.issued {
        Some(Issued::Date(d)) if period.from.is_none_or(|f| f <= *d) && period.to.is_none_or(|t| *d <= t) => Some(*d),
        _ => None,
    };
    let mut report = None;
    if let Some(t) = unit_tables.iter().find(|t| t.figures.iter().any(|c| c.indicator.is_some())) {
        let name = match report_date {
            Some(d) => d.to_string(),
            None => format!("{slug}-dau-ky"),
        };
        let source = match &l.number {
            Some(n) => format!("{} — Kế hoạch số {n}", t.caption),
            None => format!("{} — kế hoạch {}", t.caption, l.title.clone().unwrap_or_default()),
        };
        let rel = Kind::Report.file(&name);
        files.push((rel.clone(), draft::report(t, report_date, &slug, &source)));
        report = Some((rel, t));
    }
    for (rel, _) in &files {
        let p = under(content, rel);
        if p.exists() {
            return Err(Error::Refused(format!(
                "đã có tệp “{}”; bangtin không ghi đè. Đổi tên hoặc xóa tệp đó nếu muốn nhập lại kế hoạch này.",
                p.display()
            )));
        }
    }
    let mut written: Vec<PathBuf> = Vec::new();
    for (rel, text) in &files {
        let p = under(content, rel);
        if let Err(e) = crate::scaffold::write_new(&p, text.as_bytes()) {
            for w in &written {
                let _ = std::fs::remove_file(w);
            }
            return Err(e);
        }
        written.push(p);
    }

    // What to check.
    let mut check: Vec<String> = Vec::new();
    match (&issuer, l.issuer_lines.is_empty()) {
        (Some(i), false) => check.push(format!(
            "Cơ quan ban hành (issuer): “{i}”, từ ô tiêu đề “{}”: xem lại chữ hoa, chữ thường.",
            l.issuer_lines.join(" / ")
        )),
        _ => check.push("TODO — cơ quan ban hành (issuer, bắt buộc): không thấy ô tiêu đề; điền vào.".into()),
    }
    match (&l.number, &l.number_line) {
        (Some(n), _) => check.push(format!("Số văn bản: {n}.")),
        (None, Some(line)) => {
            check.push(format!("Bản dự thảo chưa có số (“{line}”): thêm number khi văn bản được ban hành."))
        }
        (None, None) => check.push("Không thấy số văn bản (“Số: …”); không bắt buộc.".into()),
    }
    match &l.issued {
        Some(Issued::Date(d)) => check.push(format!("Ngày ban hành: {}.", crate::format::date(*d))),
        Some(Issued::Text(t)) => {
            check.push(format!("Ngày ban hành chưa đủ (“{t}”): sửa issued thành ngày ký, dạng NĂM-THÁNG-NGÀY."))
        }
        None => check.push("Không thấy ngày ban hành (issued); không bắt buộc.".into()),
    }
    match &l.title {
        Some(t) => check.push(format!("Tên kế hoạch (title): “{t}”.")),
        None => check.push("TODO — tên kế hoạch (title, bắt buộc): không thấy dòng “KẾ HOẠCH” và tên dưới nó.".into()),
    }
    check.push(if l.basis.is_empty() {
        "Không thấy đoạn “Thực hiện …/Căn cứ …” nêu văn bản cấp trên (basis, không bắt buộc).".into()
    } else {
        format!("Căn cứ (basis): {} văn bản, mỗi văn bản một dòng.", l.basis.len())
    });
    match &l.signer {
        Some(s) => check.push(format!("Người ký (signed_by): {}.", s.lines.join(" / "))),
        None => check.push("Không thấy phần chữ ký (signed_by, không bắt buộc).".into()),
    }
    match (period.from, period.to) {
        (Some(f), Some(t)) => check.push(format!(
            "Thời gian thực hiện (period): {} – {}, đọc từ “{}”.",
            crate::format::date(f),
            crate::format::date(t),
            period.sources.join("” và “")
        )),
        _ => check.push(
            "TODO — thời gian thực hiện (period, bắt buộc): văn bản không nói rõ ngày bắt đầu và kết thúc; điền vào."
                .into(),
        ),
    }
    if findings.indicators.is_empty() {
        check.push("TODO — không tìm thấy chỉ tiêu nào; thêm indicators theo docs/content-format.md.".into());
    } else {
        let list: Vec<String> =
            findings.indicators.iter().map(|f| format!("{} ({})", f.id, target_words(&f.target))).collect();
        check.push(format!(
            "{} chỉ tiêu, mỗi chỉ tiêu kèm câu gốc ở dòng ghi chú ngay trên: {}. Giữ chỉ tiêu cần theo dõi trên trang, xóa phần còn lại; đặt lại mã (id) nếu muốn.",
            findings.indicators.len(),
            list.join(", ")
        ));
        let long: Vec<&str> =
            findings.indicators.iter().filter(|f| f.name.chars().count() > 80).map(|f| f.id.as_str()).collect();
        if !long.is_empty() {
            check.push(format!("Tên chỉ tiêu dài (trên 80 chữ), nên rút gọn cho thẻ trên trang: {}.", long.join(", ")));
        }
        if findings.indicators.iter().any(|f| matches!(&f.target, Target::Share { base: Base::Reported, .. })) {
            check.push("Chỉ tiêu tỷ lệ “of: reported” (hồ sơ, cán bộ, hội viên…) được báo cáo bằng số đã làm trên tổng số: { done: 120, of: 230 }.".into());
        }
    }
    for (e, name) in found_events.iter().zip(&event_names) {
        let when = match &e.when {
            events::When::Dated { from, to: Some(to), .. } => {
                format!("{} – {}", crate::format::date(*from), crate::format::date(*to))
            }
            events::When::Dated { from, .. } => crate::format::date(*from),
            events::When::Roughly(w) => w.clone(),
        };
        check.push(format!(
            "Sự kiện nháp {}: “{}”, {when}{}: xem giờ, địa điểm, thành phần.",
            Kind::Event.file(name),
            e.title,
            if e.tentative { " (dự kiến)" } else { "" }
        ));
    }
    if let Some((rel, t)) = &report {
        check.push(format!(
            "Báo cáo đầu tiên {rel}: số liệu theo {unit_kind} chép từ bảng “{}”{}.",
            t.caption,
            if report_date.is_none() { "; điền ngày chốt số liệu (date)" } else { "" }
        ));
    }
    for t in unit_tables.iter().filter(|t| !t.figures.iter().any(|c| c.indicator.is_some())) {
        if !t.figures.is_empty() {
            check.push(format!(
                "Bảng “{}” có số liệu theo {unit_kind} nhưng không cột nào ghép được với một chỉ tiêu; nếu cần, chép vào báo cáo bằng bangtin new report.",
                t.caption
            ));
        }
    }
    let tables_kept = items.iter().filter(|i| matches!(i.kind, outline::Kind::Table(_))).count();
    check.push(format!(
        "Nội dung: {}{} bảng và {} chú thích giữ nguyên; phần “Nơi nhận” và chữ ký đã bỏ khỏi trang.",
        if l.recipients { "" } else { "(không thấy “Nơi nhận”) " },
        tables_kept,
        notes.len()
    ));
    // The sample of `bangtin init` (a plan whose reports are all illustrative) names units and
    // indicators the officer's own site will not have.
    if let Some(s) = &site {
        for p in &s.plans {
            let reports: Vec<_> = s.reports.iter().filter(|r| r.plan == p.slug).collect();
            if reports.is_empty() || !reports.iter().all(|r| r.illustrative) {
                continue;
            }
            let mut files: Vec<String> = vec![p.file.display().to_string()];
            files.extend(reports.iter().map(|r| r.file.display().to_string()));
            files.extend(
                s.events
                    .iter()
                    .filter(|e| e.plan.as_deref() == Some(p.slug.as_str()))
                    .map(|e| e.file.display().to_string()),
            );
            let ids: Vec<&str> = p.indicators.iter().map(|i| i.id.as_str()).collect();
            let own: Vec<&str> = findings.indicators.iter().map(|f| f.id.as_str()).collect();
            let guides: Vec<String> = s
                .guides
                .iter()
                .filter(|g| g.indicators.iter().any(|i| ids.contains(&i.as_str()) && !own.contains(&i.as_str())))
                .map(|g| g.file.display().to_string())
                .collect();
            let guides = if guides.is_empty() {
                String::new()
            } else {
                format!("; sửa “indicators:” của {} (đang nhắc chỉ tiêu của kế hoạch mẫu)", guides.join(", "))
            };
            check.push(format!(
                "Kế hoạch {} có số liệu minh họa (mẫu của bangtin init): khi đã thay units.yaml bằng {} của mình, xóa {}{guides}.",
                p.slug,
                unit_kind,
                files.join(", ")
            ));
        }
    }
    if let (Some(s), Some(i)) = (&site, &issuer) {
        if text::fold(&s.config.authority) != text::fold(i) {
            check.push(format!(
                "site.yaml ghi cơ quan “{}”, kế hoạch do “{i}” ban hành: sửa authority (và title, locality) nếu đây là trang của {i}.",
                s.config.authority
            ));
        }
    }
    if site.as_ref().and_then(|s| s.config.current_plan.as_deref()).is_some_and(|c| c != slug) {
        check.push(format!("Để trang chủ hiện kế hoạch này, sửa current_plan thành {slug} trong site.yaml."));
    }
    Ok(Imported {
        plan: under(content, &plan_rel),
        others: written.into_iter().skip(1).collect(),
        page: format!("/{}", paths::plan(&slug)),
        check,
        units: units_needed,
    })
}

fn target_words_base(b: &Base) -> &'static str {
    match b {
        Base::Households => "số hộ",
        Base::Population => "dân số",
        Base::Adults => "dân số trưởng thành",
        Base::Reported | Base::Named { .. } => "",
    }
}
