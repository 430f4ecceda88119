//! Data downloads: every figure of a plan as CSV, for the officer's own spreadsheets and for
//! anyone who wants to check the charts against the numbers.
//!
//! UTF-8 with a byte-order mark, because Excel opens BOM-less UTF-8 as the local code page and
//! turns "Khu phố" into mojibake; CRLF line ends and RFC 4180 quoting, because that is what
//! spreadsheet programs expect.

use crate::content::model::{Figure, Plan, Report, Site};

const HEADER: [&str; 12] = [
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
    let ward_name = format!("Toàn {}", site.config.locality);
    let reports = site.reports.iter().filter(move |r| r.plan == plan.slug);
    std::iter::once(head.into_bytes()).chain(reports.map(move |r| report_rows(site, plan, r, &ward_name).into_bytes()))
}

/// The rows of one report. The cells every row of the report shares (its date, source and file,
/// each unit's, each indicator's) are quoted once, not once per figure: a province's file has
/// 125,000 rows, and building each from twelve strings was most of the plan's page time.
fn report_rows(site: &Site, plan: &Plan, r: &Report, ward_name: &str) -> String {
    use std::fmt::Write;
    let units = site.units.units.iter().map(|u| (u.id.as_str(), u.name.as_str())).chain([("ward", ward_name)]);
    let date = r.date.format("%Y-%m-%d").to_string();
    let file = r.file.to_string_lossy().replace('\\', "/");
    let tail = format!(
        "{},{},{}\r\n",
        cell(r.source.as_deref().unwrap_or_default()),
        if r.illustrative { "có" } else { "" },
        cell(&file)
    );
    let indicators: Vec<(&str, String)> =
        plan.indicators.iter().map(|i| (i.id.as_str(), format!("{},{},", cell(&i.id), cell(&i.name)))).collect();
    let mut out = String::new();
    for (uid, uname) in units {
        let Some(row) = r.values.get(uid) else { continue };
        let unit = format!("{},{},{},", cell(&date), cell(uid), cell(uname));
        for (id, ind) in &indicators {
            let Some(fig) = row.get(id) else { continue };
            out.push_str(&unit);
            out.push_str(ind);
            // Four cells: the count, or done and of, or whether a milestone is finished.
            let _ = match fig {
                Figure::Count(n) => write!(out, "{n},,,"),
                Figure::Ratio { done, of } => write!(out, ",{done},{of},"),
                Figure::Milestone(b) => write!(out, ",,,{}", if *b { "có" } else { "chưa" }),
            };
            out.push(',');
            out.push_str(&tail);
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
