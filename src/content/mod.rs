//! Load: walks a site folder, parses every file into the typed [`model`], and validates the
//! references between files. Returns the whole [`Site`] or every problem found.

pub mod kind;
pub mod model;
mod nesting;
pub mod parse;
mod plain_yaml;
mod position;
pub mod sheet;
pub mod source;
pub(crate) mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use kind::Kind;
use model::*;
use source::{read_text, Source};

/// The files of a kind of content, in its folder.
fn list(root: &Path, kind: Kind, diags: &mut Diagnostics) -> Vec<(PathBuf, PathBuf)> {
    list_files(root, kind.folder(), kind.extensions(), diags)
}

/// Files we know how to read in a content folder.
fn list_files(root: &Path, dir: &str, exts: &[&str], diags: &mut Diagnostics) -> Vec<(PathBuf, PathBuf)> {
    let base = root.join(dir);
    if !base.is_dir() || base.is_symlink() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(&base).min_depth(1).max_depth(1).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::new(Path::new(dir), format!("không đọc được thư mục: {e}")));
                continue;
            }
        };
        let abs = entry.path().to_path_buf();
        let rel = abs.strip_prefix(root).unwrap_or(&abs).to_path_buf();
        let name = entry.file_name().to_string_lossy();
        if unread(&name) {
            continue;
        }
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::new(
                    &rel,
                    "tệp là liên kết tượng trưng (symlink); bangtin không đọc liên kết trong content/",
                )
                .expected("chép tệp thật vào thư mục thay cho liên kết"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            // Files in a subfolder would silently not be published.
            diags.push(
                Diagnostic::new(&rel, format!("thư mục con “{name}” trong {dir}/ không được đọc"))
                    .expected(format!("các tệp đặt thẳng trong {dir}/, không trong thư mục con")),
            );
            continue;
        }
        let ext = abs.extension().and_then(|e| e.to_str()).unwrap_or("");
        if exts.contains(&ext) {
            out.push((abs, rel));
        } else {
            diags.push(Diagnostic::new(&rel, format!("tệp “{name}” không được dùng ở {dir}/")).expected(format!(
                "tệp có đuôi {}",
                exts.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" hoặc ")
            )));
        }
    }
    out
}

/// Reads and parses `files` in parallel; the items that parsed, in file order, and every problem,
/// in file order too, so messages come out the same on any number of cores.
fn each<T: Send>(
    files: Vec<(PathBuf, PathBuf)>,
    diags: &mut Diagnostics,
    parse: impl Fn(&Path, &Path, &mut Diagnostics) -> Option<T> + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    let parsed: Vec<(Option<T>, Diagnostics)> = files
        .par_iter()
        .map(|(abs, rel)| {
            let mut d = Diagnostics::default();
            let item = parse(abs, rel, &mut d);
            (item, d)
        })
        .collect();
    let mut out = Vec::with_capacity(parsed.len());
    for (item, d) in parsed {
        diags.items.extend(d.items);
        out.extend(item);
    }
    out
}

/// A name in the content folder that a build does not read: hidden, an editor's backup, or the
/// lock file Excel keeps beside a workbook it has open (`~$2026-06-05.xlsx`).
pub fn unread(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with("~$")
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| crate::text::nfc(&s.to_string_lossy())).unwrap_or_default()
}

/// Loads and validates the site in `root`; `today` is the day the site is built for, after which
/// no report can be dated.
pub fn load(root: &Path, today: chrono::NaiveDate) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::default();
    if !root.is_dir() {
        diags.push(
            Diagnostic::new(root, "không tìm thấy thư mục nội dung")
                .expected("một thư mục có site.yaml, units.yaml, plans/…; chỉ định bằng --content THƯ_MỤC"),
        );
        return Err(diags);
    }

    check_layout(root, &mut diags);

    let yaml = |name: &str, diags: &mut Diagnostics| -> Option<Source> {
        let abs = root.join(name);
        let rel = PathBuf::from(name);
        if abs.is_symlink() || abs.is_dir() {
            // Already reported by check_layout.
            return None;
        }
        if !abs.is_file() {
            diags.push(
                Diagnostic::new(&rel, format!("thiếu tệp {name}"))
                    .expected(format!("tệp {name} trong thư mục nội dung (xem docs/content-format.md)")),
            );
            return None;
        }
        read_text(&abs, &rel, diags).map(|t| Source::yaml_file(&rel, t))
    };
    // The site's own files and the four kinds of one file each are read at once: a kind's
    // listing (a folder of thousands of names, sorted) and the last files of its parse left a
    // core idle between kinds, about a twentieth of a second at 10k pages. Each kind keeps its
    // problems apart, added below in the order they were read before.
    let mut kinds: [Diagnostics; 4] = Default::default();
    let [dg, de, dr, dn] = &mut kinds;
    let (mut guides, mut events, mut reports, mut news) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (config, units, plans, mut broken) = rayon::scope(|s| {
        s.spawn(|_| guides = each(list(root, Kind::Guide, dg), dg, read_guide));
        s.spawn(|_| events = each(list(root, Kind::Event, de), de, read_event));
        s.spawn(|_| reports = each(list(root, Kind::Report, dr), dr, read_report_file));
        s.spawn(|_| news = each(list(root, Kind::News, dn), dn, read_news));
        let config = yaml("site.yaml", &mut diags).and_then(|s| parse::site_config(&s, &mut diags));
        let mut broken = Broken::default();
        let units = yaml("units.yaml", &mut diags).and_then(|s| parse::units(&s, &mut diags, &mut broken));
        let mut plans = Vec::new();
        for (abs, rel) in list(root, Kind::Plan, &mut diags) {
            let slug = stem(&rel);
            if !parse::check_slug(&slug, &rel, &mut diags) {
                continue;
            }
            match read_md(&abs, &rel, &mut diags).and_then(|s| parse::plan(&slug, &s, &mut diags, &mut broken)) {
                Some(p) => plans.push(p),
                None => {
                    broken.plans.insert(slug);
                }
            }
        }
        (config, units, plans, broken)
    });
    for d in kinds {
        diags.items.extend(d.items);
    }
    let (guides, broken_guides): (Vec<_>, Vec<_>) = guides.into_iter().partition(Result::is_ok);
    let guides: Vec<_> = guides.into_iter().flatten().collect();
    broken.guides.extend(broken_guides.into_iter().filter_map(Result::err));

    let statics = static_files(root, &mut diags);
    let templates = template_overrides(root, &mut diags);

    let (Some(config), Some(units)) = (config, units) else {
        return Err(diags.sorted());
    };
    // A spreadsheet names units and indicators as the officer does: it is read once they are known.
    let reports = reports
        .into_iter()
        .filter_map(|r| match r {
            ReportFile::Yaml(r) => Some(r),
            ReportFile::Sheet(date, table) => {
                let cx = sheet::Context { units: &units, plans: &plans, locality: &config.locality, broken: &broken };
                sheet::report(&table, date, &cx, &mut diags)
            }
        })
        .collect();
    let mut site = Site {
        root: root.to_path_buf(),
        config,
        units,
        plans,
        guides,
        events,
        reports,
        news,
        statics,
        templates,
        broken,
    };
    // The cumulative check follows each plan's reports in the order of their `date:`, whatever
    // their files are named (a `progress/tuan-23.yaml` beside `progress/2024-06-07.yaml`).
    sort_reports(&mut site.reports);
    validate::cross_check(&site, root, today, &mut diags);
    if !diags.is_empty() {
        return Err(diags.sorted());
    }
    order(&mut site);
    Ok(site)
}

/// One guide, `rel` under the site folder, or its slug when it is there but broken: it is then
/// reported once, not again by everything naming it.
fn read_guide(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<Result<Guide, String>> {
    let slug = stem(rel);
    if !parse::check_slug(&slug, rel, diags) {
        return None;
    }
    Some(read_md(abs, rel, diags).and_then(|s| parse::guide(&slug, &s, diags)).ok_or(slug))
}

fn read_event(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<Event> {
    let slug = stem(rel);
    if !parse::check_slug(&slug, rel, diags) {
        return None;
    }
    read_md(abs, rel, diags).and_then(|s| parse::event(&slug, &s, diags))
}

/// A progress report as first read: a YAML report whole, a spreadsheet's table with the date
/// its file is named for, to be read as a report once the units and plans are known.
enum ReportFile {
    Yaml(Report),
    Sheet(Option<chrono::NaiveDate>, sheet::Table),
}

fn read_report_file(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<ReportFile> {
    if !sheet::is_sheet(rel) {
        return read_report(abs, rel, diags).map(ReportFile::Yaml);
    }
    if !parse::check_dated_name(&stem(rel), rel, diags) {
        return None;
    }
    let (file_date, _) = parse::split_dated_name(&stem(rel));
    sheet::read(abs, rel, diags).map(|t| ReportFile::Sheet(file_date, t))
}

/// The progress report `rel` (under the site's folder), YAML or a spreadsheet, read again
/// against the units and plans of `site`, for a preview after a save; its problems go to `diags`.
pub fn reread_report(site: &Site, rel: &Path, diags: &mut Diagnostics) -> Option<Report> {
    match read_report_file(&site.root.join(rel), rel, diags)? {
        ReportFile::Yaml(r) => Some(r),
        ReportFile::Sheet(date, table) => {
            let cx = sheet::Context {
                units: &site.units,
                plans: &site.plans,
                locality: &site.config.locality,
                broken: &site.broken,
            };
            sheet::report(&table, date, &cx, diags)
        }
    }
}

/// One YAML progress report, `rel` under the site folder; its problems go to `diags`.
pub fn read_report(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<Report> {
    if !parse::check_dated_name(&stem(rel), rel, diags) {
        return None;
    }
    let (file_date, _) = parse::split_dated_name(&stem(rel));
    let t = read_text(abs, rel, diags)?;
    parse::report(&Source::yaml_file(rel, t), file_date, diags)
}

/// One news item, `rel` under the site folder; its problems go to `diags`.
pub fn read_news(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<News> {
    let name = stem(rel);
    if !parse::check_dated_name(&name, rel, diags) {
        return None;
    }
    let (file_date, rest) = parse::split_dated_name(&name);
    let slug = if file_date.is_some() { format!("{}-{rest}", &name[..10]) } else { name.clone() };
    let slug = slug.trim_end_matches('-').to_string();
    if !parse::check_slug(&slug, rel, diags) {
        return None;
    }
    parse::news(&slug, file_date, &read_md(abs, rel, diags)?, diags)
}

/// A Markdown file with front matter, `rel` under the site folder; its problems go to `diags`.
pub fn read_md(abs: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<Source> {
    let t = read_text(abs, rel, diags)?;
    Source::front_matter_file(rel, &t, diags)
}

/// Only `site.yaml` of the site in `root`, for commands that need its settings but not the whole
/// site; `Ok(None)` when there is no `site.yaml` there.
pub fn load_config(root: &Path) -> Result<Option<SiteConfig>, Diagnostics> {
    let abs = root.join("site.yaml");
    if !abs.is_file() {
        return Ok(None);
    }
    let mut diags = Diagnostics::default();
    let rel = PathBuf::from("site.yaml");
    let config =
        read_text(&abs, &rel, &mut diags).and_then(|t| parse::site_config(&Source::yaml_file(&rel, t), &mut diags));
    match config {
        Some(c) if diags.is_empty() => Ok(Some(c)),
        _ => Err(diags.sorted()),
    }
}

/// What may stand at the top of a site folder: these files, each kind's folder and these.
const TOP_FILES: [&str; 2] = ["site.yaml", "units.yaml"];
const OTHER_DIRS: [&str; 2] = ["static", "templates"];

/// The top of the site folder: every name is one bangtin reads, so a misspelt folder (`guide/`)
/// is reported instead of its pages silently missing, and nothing is a symlink, so a build never
/// publishes files from outside the folder.
fn check_layout(root: &Path, diags: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    let mut names: Vec<(String, std::fs::FileType)> = entries
        .flatten()
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), e.file_type().ok()?)))
        .collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    let dirs: Vec<&str> = Kind::ALL.iter().map(|k| k.folder()).chain(OTHER_DIRS).collect();
    let known: Vec<&str> = TOP_FILES.iter().copied().chain(dirs.iter().copied()).collect();
    for (name, ft) in names {
        let rel = PathBuf::from(&name);
        if unread(&name) {
            continue;
        }
        if ft.is_symlink() {
            if known.contains(&name.as_str()) {
                diags.push(
                    Diagnostic::new(&rel, "là liên kết tượng trưng (symlink); bangtin không đọc liên kết")
                        .expected("chép tệp hoặc thư mục thật vào thư mục nội dung thay cho liên kết"),
                );
            }
            continue;
        }
        let is_dir = ft.is_dir();
        if TOP_FILES.contains(&name.as_str()) && is_dir {
            diags.push(Diagnostic::new(&rel, format!("“{name}” là một thư mục")).expected(format!("tệp {name}")));
        } else if dirs.contains(&name.as_str()) && !is_dir {
            diags.push(Diagnostic::new(&rel, format!("“{name}” là một tệp")).expected(format!("thư mục {name}/")));
        } else if known.contains(&name.as_str()) {
            // A name bangtin reads, of the right kind.
        } else if is_dir {
            diags.push(
                Diagnostic::new(&rel, format!("thư mục “{name}/” không phải thư mục bangtin đọc"))
                    .expected(format!(
                        "một trong: {}",
                        dirs.iter().map(|d| format!("{d}/")).collect::<Vec<_>>().join(", ")
                    ))
                    .hint(crate::text::did_you_mean(&name, dirs.iter().copied())),
            );
        } else if matches!(rel.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "md"))
            && !name.eq_ignore_ascii_case("README.md")
        {
            diags.push(
                Diagnostic::new(&rel, format!("tệp “{name}” không được đọc"))
                    .expected("site.yaml và units.yaml ở đầu thư mục; bài viết đặt trong plans/, guides/, events/, news/; số liệu trong progress/")
                    .hint(crate::text::did_you_mean(&name, known.iter().copied())),
            );
        }
    }
}

/// By plan, then date; two reports of one day keep their files' order (the second is an error).
fn sort_reports(reports: &mut [Report]) {
    reports.sort_by(|a, b| a.plan.cmp(&b.plan).then(a.date.cmp(&b.date)));
}

/// Stable orders, so output never depends on the file system's listing order. The reports are
/// in order already ([`sort_reports`]).
fn order(site: &mut Site) {
    site.plans.sort_by(|a, b| b.from.cmp(&a.from).then(a.slug.cmp(&b.slug)));
    site.guides.sort_by(|a, b| a.order.cmp(&b.order).then(a.title.cmp(&b.title)).then(a.slug.cmp(&b.slug)));
    site.news.sort_by(|a, b| b.date.cmp(&a.date).then(a.slug.cmp(&b.slug)));
    site.events.sort_by(|a, b| a.starts.cmp(&b.starts).then(a.slug.cmp(&b.slug)));
}

fn static_files(root: &Path, diags: &mut Diagnostics) -> Vec<StaticFile> {
    let base = root.join("static");
    let mut out = Vec::new();
    if !base.is_dir() || base.is_symlink() {
        return out;
    }
    for entry in WalkDir::new(&base).min_depth(1).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::new(&rel, "tệp là liên kết tượng trưng (symlink); bangtin không chép liên kết")
                    .expected("chép tệp thật vào static/"),
            );
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            diags.push(
                Diagnostic::new(&rel, "không phải một tệp thường (là thiết bị, ống dẫn hay ổ cắm)")
                    .expected("chỉ tệp thật trong static/; xóa mục này"),
            );
            continue;
        }
        let under = entry.path().strip_prefix(&base).unwrap_or(entry.path());
        let parts: Vec<String> = under.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        if let Some((part, why)) = parts.iter().find_map(|p| unportable(p).map(|why| (p, why))) {
            diags
                .push(Diagnostic::new(&rel, format!("tên “{part}” không dùng được: {why}")).expected(
                    "đổi tên: chữ, số, dấu cách, “-”, “_” và “.”, không kết thúc bằng dấu chấm hay dấu cách",
                ));
            continue;
        }
        out.push(StaticFile { abs: entry.path().to_path_buf(), out: parts.join("/") });
    }
    out
}

/// Why a name in `static/` would break once published: in a link, or on the Windows server the
/// site may be uploaded to. Backslashes and control characters are reported with every output
/// path (`check::paths::conflicts`).
fn unportable(name: &str) -> Option<String> {
    if crate::text::windows_reserved(name) {
        return Some("là tên thiết bị dành riêng của Windows (con, nul, aux, com1, lpt1…)".into());
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("kết thúc bằng dấu chấm hay dấu cách, Windows tự cắt đi nên liên kết sẽ hỏng".into());
    }
    if let Some(c) = name.chars().find(|c| "<>:\"|?*#".contains(*c)) {
        return Some(format!("có ký tự “{c}”, không dùng được trong tên tệp trên Windows hay trong địa chỉ web"));
    }
    None
}

fn template_overrides(root: &Path, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (abs, rel) in list_files(root, "templates", &["html", "xml", "txt"], diags) {
        let name = abs.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(t) = read_text(&abs, &rel, diags) {
            out.insert(name, t);
        }
    }
    out
}
