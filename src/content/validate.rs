//! Checks that need more than one file: every id a file names must exist in the file that owns
//! it, figures must fit their bases, reports must fall inside their plan's period.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::model::*;
use super::source::{read_text, Source};
use crate::diag::{Diagnostic, Diagnostics};
use crate::format::{date as dmy, int};
use crate::indicator::Figure;
use crate::text::did_you_mean;

/// Builds positioned diagnostics by re-reading a file, once per file, only on the error path.
struct At<'a> {
    site: &'a Site,
    root: &'a Path,
    sources: RefCell<HashMap<PathBuf, Option<Source>>>,
}

impl<'a> At<'a> {
    fn new(site: &'a Site, root: &'a Path) -> At<'a> {
        At { site, root, sources: RefCell::new(HashMap::new()) }
    }

    /// A unit id that `units.yaml` does not have, unless its definition is what failed.
    fn unknown_unit(&self, rel: &Path, field: &str, id: &str, diags: &mut Diagnostics) {
        let site = self.site;
        if site.broken.all_units || site.broken.units.contains(id) {
            return;
        }
        let unit_ids: Vec<&str> = site.units.units.iter().map(|u| u.id.as_str()).collect();
        let unit_kind = site.units.kind.to_lowercase();
        diags.push(
            self.diag(rel, field, format!("không có {unit_kind} nào mang mã “{id}” trong units.yaml"))
                .expected(format!("một mã trong units.yaml: {}", unit_ids.join(", ")))
                .hint(did_you_mean(id, unit_ids.iter().copied())),
        );
    }

    /// A plan that `plans/` does not have, unless its file is what failed.
    fn unknown_plan(&self, rel: &Path, field: &str, id: &str, diags: &mut Diagnostics) {
        let site = self.site;
        if site.broken.plans.contains(id) {
            return;
        }
        let plan_ids: Vec<&str> = site.plans.iter().map(|p| p.slug.as_str()).collect();
        diags.push(
            self.diag(rel, field, format!("không có kế hoạch “{id}” trong plans/"))
                .expected(format!("tên một tệp trong plans/ (không có .md): {}", plan_ids.join(", ")))
                .hint(did_you_mean(id, plan_ids.iter().copied())),
        );
    }

    fn diag(&self, rel: &Path, field: &str, problem: String) -> Diagnostic {
        if super::sheet::is_sheet(rel) {
            return self.cell(rel, field, problem);
        }
        let mut sources = self.sources.borrow_mut();
        let src = sources.entry(rel.to_path_buf()).or_insert_with(|| {
            let mut scratch = Diagnostics::default();
            let text = read_text(&self.root.join(rel), rel, &mut scratch)?;
            if rel.extension().is_some_and(|e| e == "md") {
                Source::front_matter_file(rel, &text, &mut scratch)
            } else {
                Some(Source::yaml_file(rel, text))
            }
        });
        let pos = src.as_ref().and_then(|s| s.locate(field));
        Diagnostic::new(rel, problem).at(pos).field(field)
    }
}

impl At<'_> {
    /// A message about a spreadsheet report, at the cell of the field `values.<unit>.<indicator>`
    /// it names; about its date, at the file's name.
    fn cell(&self, rel: &Path, field: &str, problem: String) -> Diagnostic {
        let site = self.site;
        let report = site.reports.iter().find(|r| r.file == rel);
        let places = report.and_then(|r| r.sheet.as_deref());
        let d = Diagnostic::new(rel, problem);
        let Some((report, places)) = report.zip(places) else { return d };
        let mut parts = field.split('.');
        let (Some("values"), Some(unit), Some(ind)) = (parts.next(), parts.next(), parts.next()) else {
            let what = if field == "date" { "ngày báo cáo (theo tên tệp)" } else { field };
            return d.sheet(&places.sheet).field(what);
        };
        let what = super::sheet::describe_cell(&site.units, site.plan(&report.plan), &site.config.locality, unit, ind);
        match places.cells.get(&(unit.to_string(), ind.to_string())) {
            Some(&(row, col)) => d.cell(&places.sheet, row, col).field(what),
            None => d.sheet(&places.sheet).field(what),
        }
    }
}

pub fn cross_check(site: &Site, root: &Path, today: chrono::NaiveDate, diags: &mut Diagnostics) {
    let at = At::new(site, root);
    let guide_ids: Vec<&str> = site.guides.iter().map(|g| g.slug.as_str()).collect();
    let unit_kind = site.units.kind.to_lowercase();
    let unknown_unit =
        |rel: &Path, field: &str, id: &str, diags: &mut Diagnostics| at.unknown_unit(rel, field, id, diags);
    let unknown_plan =
        |rel: &Path, field: &str, id: &str, diags: &mut Diagnostics| at.unknown_plan(rel, field, id, diags);

    if let Some(cp) = &site.config.current_plan {
        if site.plan(cp).is_none() {
            unknown_plan(Path::new("site.yaml"), "current_plan", cp, diags);
        }
    }

    for plan in &site.plans {
        for (i, ind) in plan.indicators.iter().enumerate() {
            let p = format!("indicators[{i}]");
            if let Some(g) = &ind.guide {
                if site.guide(g).is_none() && !site.broken.guides.contains(g) {
                    diags.push(
                        at.diag(&plan.file, &format!("{p}.guide"), format!("không có hướng dẫn “{g}” trong guides/"))
                            .expected(format!("tên một tệp trong guides/ (không có .md): {}", guide_ids.join(", ")))
                            .hint(did_you_mean(g, guide_ids.iter().copied())),
                    );
                }
            }
            if let Some(base) = ind.target.base() {
                let missing: Vec<&str> =
                    site.units.units.iter().filter(|u| !u.bases.contains_key(base)).map(|u| u.id.as_str()).collect();
                if !missing.is_empty() {
                    let known: BTreeSet<&str> =
                        site.units.units.iter().flat_map(|u| u.bases.keys().map(String::as_str)).collect();
                    diags.push(
                        at.diag(
                            &plan.file,
                            &format!("{p}.target.of"),
                            format!("cơ số “{base}” không có ở {unit_kind} {} trong units.yaml", missing.join(", ")),
                        )
                        .expected(format!(
                            "một cơ số có ở mọi {unit_kind}: {}",
                            known.iter().copied().collect::<Vec<_>>().join(", ")
                        ))
                        .hint(did_you_mean(base, known.iter().copied())),
                    );
                }
            }
            for u in ind.unit_targets.keys() {
                if site.units.get(u).is_none() {
                    unknown_unit(&plan.file, &format!("{p}.unit_targets.{u}"), u, diags);
                }
            }
        }
        for (i, t) in plan.tasks.iter().enumerate() {
            for (j, u) in t.units.iter().enumerate() {
                if site.units.get(u).is_none() {
                    unknown_unit(&plan.file, &format!("tasks[{i}].units[{j}]"), u, diags);
                }
            }
        }
    }

    let all_indicators: BTreeSet<&str> =
        site.plans.iter().flat_map(|p| p.indicators.iter().map(|i| i.id.as_str())).collect();
    for g in &site.guides {
        for (i, id) in g.indicators.iter().enumerate() {
            // With a plan unreadable, its indicators are unknown; its own error says why.
            let unverifiable = !site.broken.plans.is_empty() || site.broken.indicators.contains(id);
            if !all_indicators.contains(id.as_str()) && !unverifiable {
                diags.push(
                    at.diag(
                        &g.file,
                        &format!("indicators[{i}]"),
                        format!("không có chỉ tiêu “{id}” trong kế hoạch nào"),
                    )
                    .expected("mã một chỉ tiêu trong phần indicators của một kế hoạch")
                    .hint(did_you_mean(id, all_indicators.iter().copied())),
                );
            }
        }
    }

    for e in &site.events {
        if let Some(p) = &e.plan {
            if site.plan(p).is_none() {
                unknown_plan(&e.file, "plan", p, diags);
            }
        }
        for (i, u) in e.units.iter().enumerate() {
            if site.units.get(u).is_none() {
                unknown_unit(&e.file, &format!("units[{i}]"), u, diags);
            }
        }
        // Events and units share /lich/: an event named like a unit would take its calendar page.
        if let Some(unit) = site.units.get(&e.slug) {
            diags.push(
                Diagnostic::new(
                    &e.file,
                    format!(
                        "tên tệp “{}” trùng mã {unit_kind} “{}” ({}) trong units.yaml: trang /{} không thể vừa là \
                         sự kiện vừa là lịch của {}",
                        e.file.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
                        unit.id,
                        unit.name,
                        unit.id,
                        unit.name
                    ),
                )
                .expected(format!("đổi tên tệp sự kiện, ví dụ “events/{}-{}.md”", e.kind.id(), e.slug))
                .hint(Some(format!(
                    "mã {unit_kind} dùng cho trang lịch riêng của {unit_kind} đó: /{}",
                    crate::paths::unit_events(&unit.id)
                ))),
            );
        }
    }

    for n in &site.news {
        if let Some(p) = &n.plan {
            if site.plan(p).is_none() {
                unknown_plan(&n.file, "plan", p, diags);
            }
        }
    }
    let mut news_slugs = BTreeMap::new();
    for n in &site.news {
        if let Some(first) = news_slugs.insert(n.slug.as_str(), &n.file) {
            diags.push(
                Diagnostic::new(&n.file, format!("trùng địa chỉ trang với {}", first.display()))
                    .expected("đổi tên một trong hai tệp"),
            );
        }
    }

    check_reports(&at, today, diags);

    for e in &site.events {
        if e.repeat.is_some() {
            if let Some(first) = e.starts.map(|w| w.date) {
                if e.next_occurrence(first).is_none() {
                    diags.push(
                        at.diag(
                            &e.file,
                            "repeat",
                            "lịch lặp lại không rơi vào ngày nào trong khoảng thời gian đã cho".into(),
                        )
                        .expected("các ngày trong tuần có nằm giữa ngày bắt đầu và ngày kết thúc (until)"),
                    );
                }
            }
        }
    }
}

/// The checks of the progress reports `fresh` (indexes into `site.reports`), for a preview
/// that read them again, when the site passed [`cross_check`] before: what it would find now.
/// The cumulative check needs only each figure's neighbours, the figures of the same unit and
/// indicator just before and after it: a province's year of reports holds 125,000 figures.
pub fn reports(site: &Site, root: &Path, fresh: &[usize], today: chrono::NaiveDate, diags: &mut Diagnostics) {
    let at = At::new(site, root);
    let units = unit_index(site);
    for &k in fresh {
        let r = &site.reports[k];
        let same_day = |(j, q): &(usize, &Report)| *j != k && q.plan == r.plan && q.date == r.date;
        let first = site.reports.iter().enumerate().find(same_day).map(|(_, q)| q.file.as_path());
        check_report(&at, &units, r, first, today, diags);
        // The plan's reports, in the load's order: by plan, then date.
        let start = site.reports[..k].iter().rposition(|q| q.plan != r.plan).map_or(0, |j| j + 1);
        let end = site.reports[k..].iter().position(|q| q.plan != r.plan).map_or(site.reports.len(), |j| k + j);
        let (before, after) = (&site.reports[start..k], &site.reports[k + 1..end]);
        for (unit, row) in &r.values {
            for (ind, fig) in row.iter() {
                let Some(n) = fig.cumulative() else { continue };
                let figure =
                    |q: &'_ Report| q.values.get(unit).and_then(|row| row.get(ind)).and_then(Figure::cumulative);
                if let Some((prev, q)) = before.iter().rev().find_map(|q| figure(q).map(|m| (m, q))) {
                    if n < prev {
                        diags.push(fall(&at, r, unit, ind, (prev, q), n));
                    }
                }
                if let Some((next, q)) = after.iter().find_map(|q| figure(q).map(|m| (m, q))) {
                    if next < n {
                        diags.push(fall(&at, q, unit, ind, (n, r), next));
                    }
                }
            }
        }
    }
}

/// A province's year of weekly reports names a unit 15,000 times.
fn unit_index(site: &Site) -> HashMap<&str, &Unit> {
    site.units.units.iter().map(|u| (u.id.as_str(), u)).collect()
}

fn check_reports(at: &At, today: chrono::NaiveDate, diags: &mut Diagnostics) {
    let units = unit_index(at.site);
    let mut report_dates: BTreeMap<(&str, chrono::NaiveDate), &Path> = BTreeMap::new();
    for r in &at.site.reports {
        let first = report_dates.insert((r.plan.as_str(), r.date), &r.file);
        check_report(at, &units, r, first, today, diags);
    }
    check_cumulative(at, diags);
}

/// The checks of one report alone; `first`, another report of its plan on its day.
fn check_report(
    at: &At,
    units: &HashMap<&str, &Unit>,
    r: &Report,
    first: Option<&Path>,
    today: chrono::NaiveDate,
    diags: &mut Diagnostics,
) {
    let Some(plan) = at.site.plan(&r.plan) else {
        at.unknown_plan(&r.file, "plan", &r.plan, diags);
        return;
    };
    if let Some(first) = first {
        diags.push(
            at.diag(
                &r.file,
                "date",
                format!("đã có báo cáo ngày {} của kế hoạch này ({})", dmy(r.date), first.display()),
            )
            .expected("mỗi ngày một báo cáo; gộp số liệu vào một tệp"),
        );
    }
    if r.date < plan.from || r.date > plan.to {
        diags.push(
            at.diag(
                &r.file,
                "date",
                format!(
                    "ngày báo cáo {} nằm ngoài thời gian của kế hoạch ({} – {})",
                    dmy(r.date),
                    dmy(plan.from),
                    dmy(plan.to)
                ),
            )
            .expected("một ngày trong thời gian thực hiện kế hoạch"),
        );
    }
    if r.date > today {
        diags.push(
            at.diag(&r.file, "date", format!("ngày báo cáo {} chưa tới (hôm nay là {})", dmy(r.date), dmy(today)))
                .expected("ngày số liệu được chốt, không muộn hơn hôm nay")
                .hint(Some("nếu đang dựng trang cho một ngày khác, dùng --today YYYY-MM-DD".into())),
        );
    }
    check_report_values(at, units, plan, r, diags);
}

/// `r`'s figure `n` of `unit` and `ind`, below `prev` in the earlier report `pr`.
fn fall(at: &At, r: &Report, unit: &str, ind: &str, (prev, pr): (u64, &Report), n: u64) -> Diagnostic {
    at.diag(
        &r.file,
        &format!("values.{unit}.{ind}"),
        format!("số liệu cộng dồn giảm từ {} (báo cáo ngày {}) xuống {}", int(prev), dmy(pr.date), int(n)),
    )
    .expected(format!("không nhỏ hơn {}: số liệu là tổng cộng dồn từ đầu kế hoạch", int(prev)))
    .hint(Some("nếu đây là số của riêng tuần này, hãy cộng thêm vào tổng kỳ trước".into()))
}

/// Reports are cumulative from the plan's start, so a unit's figure never falls. A fall is almost
/// always a week's count typed in place of the running total.
fn check_cumulative(at: &At, diags: &mut Diagnostics) {
    let mut last: foldhash::HashMap<(&str, &str, &str), (u64, &Report)> = foldhash::HashMap::default();
    for r in &at.site.reports {
        for (unit, row) in &r.values {
            for (ind, fig) in row.iter() {
                let Some(n) = fig.cumulative() else { continue };
                let key = (r.plan.as_str(), unit.as_str(), ind);
                if let Some(&(prev, pr)) = last.get(&key) {
                    if n < prev {
                        diags.push(fall(at, r, unit, ind, (prev, pr), n));
                    }
                }
                last.insert(key, (n, r));
            }
        }
    }
}

fn check_report_values(at: &At, units: &HashMap<&str, &Unit>, plan: &Plan, r: &Report, diags: &mut Diagnostics) {
    let site = at.site;
    let ind_ids: Vec<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
    for (unit_id, row) in &r.values {
        let unit = units.get(unit_id.as_str()).copied();
        if unit.is_none() && unit_id != "ward" {
            at.unknown_unit(&r.file, &format!("values.{unit_id}"), unit_id, diags);
            continue;
        }
        for (ind_id, fig) in row.iter() {
            // Named only in a message: there are a hundred thousand figures.
            let field = || format!("values.{unit_id}.{ind_id}");
            let Some(ind) = plan.indicator(ind_id) else {
                if site.broken.indicators.contains(ind_id) {
                    continue;
                }
                diags.push(
                    at.diag(&r.file, &field(), format!("kế hoạch “{}” không có chỉ tiêu “{ind_id}”", plan.slug))
                        .expected(format!("một mã chỉ tiêu của kế hoạch: {}", ind_ids.join(", ")))
                        .hint(did_you_mean(ind_id, ind_ids.iter().copied())),
                );
                continue;
            };
            if !ind.target.takes(fig) {
                diags.push(
                    at.diag(&r.file, &field(), format!("số liệu không đúng dạng của chỉ tiêu “{}”", ind.name))
                        .expected(ind.target.kind().figure_form()),
                );
                continue;
            }
            if let Some(on) = fig.done_on().filter(|on| *on > r.date) {
                diags.push(
                    at.diag(&r.file, &field(), format!("ngày xong {} sau ngày báo cáo {}", dmy(on), dmy(r.date)))
                        .expected("ngày việc đã xong, không muộn hơn ngày báo cáo; chưa xong thì ghi not-done"),
                );
                continue;
            }
            if let (Some(base), Figure::Count(n)) = (ind.target.base(), fig) {
                if let Some(cap) = site.units.base_of(unit, base).filter(|cap| n > cap) {
                    let whose =
                        unit.map(|u| u.name.clone()).unwrap_or_else(|| format!("toàn {}", site.config.locality));
                    diags.push(
                        at.diag(
                            &r.file,
                            &field(),
                            format!("số liệu {} lớn hơn cơ số “{base}” của {whose} ({})", int(*n), int(cap)),
                        )
                        .expected(format!("không quá {} — kiểm tra lại số liệu hoặc cơ số trong units.yaml", int(cap))),
                    );
                }
            }
        }
    }
}
