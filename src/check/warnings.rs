//! Warnings: content that is valid and builds, but that a person should look at — an indicator
//! whose figures have gone stale while its plan runs, a guide no indicator leads to, an event
//! that is over but still announced as tentative, and HTML the sanitiser took out of a body.

use std::path::Path;

use chrono::NaiveDate;

use crate::content::model::{Site, Status};
use crate::content::source::{read_text, Source};
use crate::diag::{Diagnostic, Diagnostics, Warnings};
use crate::format::date as dmy;
use crate::indicator::{Kind, Standing};
use crate::progress;
use crate::schedule;

/// Reports come weekly; two weeks without one means the dashboard shows old figures as current.
pub const STALE_AFTER_DAYS: i64 = 14;

/// Line and column of `field` in a content file, read again only on this rare path.
fn locate(site: &Site, rel: &Path, field: &str) -> Option<(usize, usize)> {
    let mut scratch = Diagnostics::default();
    let text = read_text(&site.root.join(rel), rel, &mut scratch)?;
    let src = if rel.extension().is_some_and(|e| e == "md") {
        Source::front_matter_file(rel, &text, &mut scratch)?
    } else {
        Source::yaml_file(rel, text)
    };
    src.locate(field)
}

fn at(site: &Site, rel: &Path, field: &str, problem: String) -> Diagnostic {
    Diagnostic::new(rel, problem).at(locate(site, rel, field)).field(field)
}

/// Every warning for the site as of `today`, sorted by file and line.
pub fn warnings(site: &Site, today: NaiveDate) -> Warnings {
    let mut items = Vec::new();
    items.extend(of_reports(site, today));
    unlinked_guides(site, &mut items);
    past_tentative_events(site, today, &mut items);
    removed_html(site, &mut items);
    Warnings { items: Diagnostics { items }.sorted().items }
}

/// The warnings the progress reports decide: indicators without a recent figure. A preview
/// that read reports again replaces these alone.
pub fn of_reports(site: &Site, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    stale_indicators(site, today, &mut out);
    out
}

fn stale_indicators(site: &Site, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for plan in site.plans.iter().filter(|p| p.from <= today && today <= p.to) {
        let pp = progress::plan(site, plan, today);
        for (i, ind) in plan.indicators.iter().enumerate() {
            if pp.indicators[i].standing == Standing::DaDat {
                continue;
            }
            // The history has a point for every report that gives the indicator a figure.
            let last = pp.indicators[i].history.last().map(|p| p.date);
            let since = last.unwrap_or(plan.from);
            let days = (today - since).num_days();
            if days <= STALE_AFTER_DAYS {
                continue;
            }
            let problem = match last {
                Some(d) => format!(
                    "chỉ tiêu “{}” không có số liệu mới: báo cáo gần nhất có chỉ tiêu này là ngày {}, đã {days} ngày trước hôm nay ({})",
                    ind.name,
                    dmy(d),
                    dmy(today)
                ),
                None => format!(
                    "chỉ tiêu “{}” chưa có báo cáo nào từ khi kế hoạch bắt đầu ngày {} ({days} ngày)",
                    ind.name,
                    dmy(plan.from)
                ),
            };
            let expected = match ind.target.kind() {
                Kind::Milestone => format!(
                    "một báo cáo trong progress/ ghi chỉ tiêu “{}” là {}",
                    ind.id,
                    Kind::Milestone.figure_form()
                ),
                Kind::Count | Kind::Percent | Kind::Ratio => format!(
                    "số liệu cộng dồn mới của chỉ tiêu “{}” trong progress/, ít nhất {STALE_AFTER_DAYS} ngày một lần khi kế hoạch đang chạy",
                    ind.id
                ),
            };
            out.push(
                at(site, &plan.file, &format!("indicators[{i}]"), problem)
                    .expected(expected)
                    .hint(Some(format!(
                        "tạo tệp báo cáo hôm nay bằng lệnh: bangtin new report (tạo progress/{today}.yaml với số liệu kỳ trước để sửa)"
                    ))),
            );
        }
    }
}

fn unlinked_guides(site: &Site, out: &mut Vec<Diagnostic>) {
    if site.plans.is_empty() {
        return;
    }
    for g in &site.guides {
        let linked = site.plans.iter().flat_map(|p| &p.indicators).any(|i| i.guide.as_deref() == Some(&g.slug));
        if linked {
            continue;
        }
        // The guide may name the indicators it serves; point at the one to edit.
        let served = g.indicators.iter().find_map(|id| {
            site.plans.iter().find_map(|p| p.indicators.iter().position(|i| &i.id == id).map(|n| (p, n, id)))
        });
        let hint = match served {
            Some((p, n, id)) => {
                let line = locate(site, &p.file, &format!("indicators[{n}]"))
                    .map(|(l, _)| format!(":{l}"))
                    .unwrap_or_default();
                Some(format!(
                    "hướng dẫn này ghi phục vụ chỉ tiêu “{id}”: thêm “guide: {}” vào chỉ tiêu đó ở {}{line}",
                    g.slug,
                    p.file.display()
                ))
            }
            None => Some("nếu hướng dẫn không gắn với chỉ tiêu nào, có thể bỏ qua cảnh báo này".into()),
        };
        out.push(
            at(
                site,
                &g.file,
                "title",
                format!(
                    "hướng dẫn “{}” không được chỉ tiêu nào dẫn tới: không chỉ tiêu nào trong plans/ có “guide: {}”",
                    g.title, g.slug
                ),
            )
            .expected(format!(
                "thêm “guide: {}” vào chỉ tiêu mà hướng dẫn này giúp hoàn thành, để trang tiến độ dẫn người dân tới đây",
                g.slug
            ))
            .hint(hint),
        );
    }
}

fn past_tentative_events(site: &Site, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for e in site.events.iter().filter(|e| e.status == Status::Tentative) {
        let schedule::When::Past(last) = schedule::when(e, today) else { continue };
        out.push(
            at(
                site,
                &e.file,
                "status",
                format!(
                    "sự kiện “{}” đã qua (ngày {}) nhưng vẫn ghi “dự kiến” (status: tentative)",
                    e.title,
                    dmy(last)
                ),
            )
            .expected("status: confirmed nếu sự kiện đã diễn ra, hoặc status: cancelled nếu đã hủy")
            .hint(Some("trang lịch và tệp .ics đang báo sự kiện này là “Dự kiến”".into())),
        );
    }
}

/// HTML written in a body that the sanitiser takes out: the page shows without it, and the
/// officer should know why rather than think the build lost it.
fn removed_html(site: &Site, out: &mut Vec<Diagnostic>) {
    for b in site.bodies() {
        out.extend(removed_html_in(site, b.file, b.text, b.line));
    }
}

/// The warnings of [`removed_html`] for one body, of `file`, starting on line `body_line`: none
/// when the site trusts its HTML.
pub fn removed_html_in(site: &Site, file: &Path, body: &str, body_line: usize) -> Vec<Diagnostic> {
    if site.config.raw_html() == crate::markdown::RawHtml::Trust {
        return Vec::new();
    }
    crate::markdown::removed_html(body)
        .into_iter()
        .map(|(line, what)| {
            Diagnostic::new(file, format!("{what} bị bỏ khỏi trang vì lý do an toàn"))
                .at(Some((body_line + line, 1)))
                .expected("nội dung viết bằng Markdown: liên kết [chữ](địa chỉ), ảnh ![mô tả](/anh.jpg)")
                .hint(Some(
                    "nếu HTML này do người tin cậy viết và cần giữ nguyên, đặt trust_html: true trong site.yaml".into(),
                ))
        })
        .collect()
}
