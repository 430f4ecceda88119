//! Data downloads: every figure of a plan as CSV, for the officer's own spreadsheets and for
//! anyone who wants to check the charts against the numbers.
//!
//! UTF-8 with a byte-order mark, because Excel opens BOM-less UTF-8 as the local code page and
//! turns "Khu phố" into mojibake; CRLF line ends and RFC 4180 quoting, because that is what
//! spreadsheet programs expect.

use chrono::NaiveDate;

use crate::content::model::{Plan, Report, Site};

const HEADER: [&str; 14] = [
    "Ngày báo cáo",
    "Mã đơn vị",
    "Đơn vị",
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Số liệu",
    "Đã làm",
    "Tổng số",
    "Hoàn thành",
    "Nguồn",
    "Minh họa",
    "Tệp",
    "Cơ số",
    "Tỷ lệ trên cơ số",
];

/// One cell. Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) is prefixed with
/// an apostrophe, so a name can never become a formula on the officer's computer.
fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Every report of `plan`, one row per unit (then the whole `ward`) and indicator, in report,
/// unit and indicator order; one part per report, so a province's file (tens of megabytes) is
/// written as it is made rather than held whole.
pub fn plan_csv<'a>(site: &'a Site, plan: &'a Plan) -> impl Iterator<Item = Vec<u8>> + 'a {
    let mut head = String::from("\u{feff}");
    head.push_str(&HEADER.join(","));
    head.push_str("\r\n");
    let ward_name = ward_name(site);
    let reports = site.reports.iter().filter(move |r| r.plan == plan.slug);
    std::iter::once(head.into_bytes()).chain(reports.map(move |r| report_rows(site, plan, r, &ward_name).into_bytes()))
}

/// What the rows of the whole ward's figures name as their unit.
fn ward_name(site: &Site) -> String {
    format!("Toàn {}", site.config.locality)
}

/// Where each part of a plan's CSV file is: the header's length, then each report's date and
/// the length of its rows, in file order. A preview keeps it, so that a new report copies the
/// rows of the others (17 MB at 10k pages) instead of writing them again.
#[derive(Debug, Clone, Default)]
pub struct CsvParts {
    head: usize,
    reports: Vec<(NaiveDate, usize)>,
}

impl CsvParts {
    /// The parts of `plan`'s file, from the lengths [`plan_csv`]'s parts had.
    pub fn new(site: &Site, plan: &Plan, lens: &[usize]) -> CsvParts {
        let dates = site.reports.iter().filter(|r| r.plan == plan.slug).map(|r| r.date);
        CsvParts {
            head: lens.first().copied().unwrap_or(0),
            reports: dates.zip(lens.iter().skip(1).copied()).collect(),
        }
    }
}

/// `plan`'s file as [`plan_csv`] makes it, made from `before`, the file as it was with `parts`:
/// the rows of the reports `fresh` says changed, or that are new, are made again; the others are
/// copied. Given as the length of `before` that stays, up to the first changed report, and what
/// follows it. `None` when `before` is not the file `parts` describe, or a report is gone.
pub fn splice_csv(
    site: &Site,
    plan: &Plan,
    before: &[u8],
    parts: &CsvParts,
    fresh: &dyn Fn(&Report) -> bool,
) -> Option<(usize, Vec<u8>, CsvParts)> {
    if parts.head + parts.reports.iter().map(|(_, n)| n).sum::<usize>() != before.len() {
        return None;
    }
    let mut at = parts.head;
    let mut old = std::collections::HashMap::with_capacity(parts.reports.len());
    for (date, len) in &parts.reports {
        old.insert(*date, before.get(at..at + len)?);
        at += len;
    }
    let ward_name = ward_name(site);
    // The reports keep their order, and none is gone (checked below): those before the first
    // changed one are where they were.
    let (mut keep, mut tail, mut changed) = (parts.head, Vec::new(), false);
    let mut next = CsvParts { head: parts.head, reports: Vec::with_capacity(parts.reports.len() + 1) };
    let mut kept = 0;
    for r in site.reports.iter().filter(|r| r.plan == plan.slug) {
        let rows = old.get(&r.date);
        kept += usize::from(rows.is_some());
        let len = match rows {
            Some(rows) if !fresh(r) => {
                if !changed {
                    keep += rows.len();
                } else {
                    tail.extend_from_slice(rows);
                }
                rows.len()
            }
            _ => {
                changed = true;
                let rows = report_rows(site, plan, r, &ward_name);
                tail.extend_from_slice(rows.as_bytes());
                rows.len()
            }
        };
        next.reports.push((r.date, len));
    }
    (kept == parts.reports.len()).then_some((keep, tail, next))
}

/// The rows of one report. The cells every row of the report shares (its date, source and file,
/// each unit's, each indicator's) are quoted once, not once per figure: a province's file has
/// 125,000 rows, and building each from twelve strings was most of the plan's page time.
///
/// A figure of a share of a base ends with the unit's base (the whole ward's for `ward`) and how
/// much of it the figure covers, `29,8%`: what the plan's percentage is of.
fn report_rows(site: &Site, plan: &Plan, r: &Report, ward_name: &str) -> String {
    let units =
        site.units.units.iter().map(|u| (u.id.as_str(), u.name.as_str(), Some(u))).chain([("ward", ward_name, None)]);
    let date = r.date.format("%Y-%m-%d").to_string();
    let file = r.file.to_string_lossy().replace('\\', "/");
    let tail = format!(
        "{},{},{},",
        cell(r.source.as_deref().unwrap_or_default()),
        if r.illustrative { "có" } else { "" },
        cell(&file)
    );
    let indicators: Vec<(&str, String, Option<&str>)> = plan
        .indicators
        .iter()
        .map(|i| (i.id.as_str(), format!("{},{},", cell(&i.id), cell(&i.name)), i.target.base()))
        .collect();
    let mut out = String::new();
    for (uid, uname, unit) in units {
        let Some(row) = r.values.get(uid) else { continue };
        let unit_cells = format!("{},{},{},", cell(&date), cell(uid), cell(uname));
        for (id, ind, base) in &indicators {
            let Some(fig) = row.get(id) else { continue };
            out.push_str(&unit_cells);
            out.push_str(ind);
            fig.csv_cells(&mut out);
            out.push(',');
            out.push_str(&tail);
            let of = base.and_then(|b| site.units.base_of(unit, b));
            if let (Some(b), Some(n)) = (of.filter(|b| *b > 0), fig.cumulative()) {
                out.push_str(&b.to_string());
                out.push(',');
                out.push_str(&cell(&crate::format::percent(n as f64 * 100.0 / b as f64)));
            } else {
                out.push(',');
            }
            out.push_str("\r\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("Khu phố 1"), "Khu phố 1");
        assert_eq!(cell("Ấp Tân Phú, Tân Mỹ"), "\"Ấp Tân Phú, Tân Mỹ\"");
        assert_eq!(cell("nói \"xong\""), "\"nói \"\"xong\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-5"), "'-5");
    }
}
