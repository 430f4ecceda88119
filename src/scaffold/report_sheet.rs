//! `bangtin new report --xlsx` and `--csv`: today's report as a table to fill in, laid out as
//! `content::sheet` reads it, in its words (`content::sheet::layout`): titles naming the plan
//! and the day, a header row (STT, the unit column, one column per indicator, a ratio's two),
//! one row per unit by name, the whole locality's row, a total row Excel computes, and notes
//! on what to fill in under the table. The table is made once ([`Table`]) and written as a
//! workbook or as CSV.

use chrono::{Datelike, NaiveDate};

use super::Line;
use crate::content::model::{Plan, Site};
use crate::content::sheet::layout;
use crate::diag::{cell_name, Error};
use crate::format::date as dmy;
use crate::indicator::{Figure, Kind};

/// The forms a new report may take besides YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetForm {
    Xlsx,
    Csv,
}

/// A cell of the new table.
enum Out {
    Blank,
    Title(String),
    Header(String),
    Text(String),
    Count(u64),
    Date(NaiveDate),
    /// The units' sum of a column, as a formula, with the sum it gives now.
    Sum {
        first: usize,
        last: usize,
        col: usize,
        value: u64,
    },
    Note(String),
}

/// A new report's table.
pub struct Table {
    rows: Vec<Vec<Out>>,
    header: usize,
    /// The rows of figures: the units', then the whole locality's.
    first: usize,
    last: usize,
    /// The columns whose figures are counts (a count, or a ratio's part).
    counts: Vec<usize>,
    columns: usize,
    /// The report's day, the workbook's creation date: the same report makes the same file.
    day: NaiveDate,
    title: String,
}

impl Table {
    /// The table of a report of `plan` on `today` starting from `lines` (the units', then the
    /// whole locality's).
    pub fn new(
        site: &Site,
        plan: &Plan,
        lines: &[Line],
        source: Option<&str>,
        illustrative: bool,
        today: NaiveDate,
    ) -> Table {
        let mut rows: Vec<Vec<Out>> = vec![
            vec![Out::Title(format!("BÁO CÁO TIẾN ĐỘ: {}", plan.title))],
            vec![Out::Text(format!("{} {}", layout::PLAN_PREFIX, plan.slug))],
            vec![Out::Text(format!("Số liệu cộng dồn từ đầu kế hoạch đến ngày {}", dmy(today)))],
        ];
        if let Some(s) = source {
            rows.push(vec![Out::Text(format!("{} {s}", layout::SOURCE_PREFIX))]);
        }
        if illustrative {
            rows.push(vec![Out::Text(format!("({})", layout::ILLUSTRATIVE))]);
        }
        rows.push(vec![]);

        // The header: STT, the unit column, then each indicator's column or a ratio's two.
        let header = rows.len();
        let mut head = vec![Out::Header(layout::IGNORED_COLUMNS[0].into()), Out::Header(site.units.kind.clone())];
        let mut counts = Vec::new();
        let mut at: Vec<(usize, Kind)> = Vec::new();
        for ind in &plan.indicators {
            let kind = ind.target.kind();
            at.push((head.len(), kind));
            match kind {
                Kind::Ratio => {
                    counts.extend([head.len(), head.len() + 1]);
                    head.push(Out::Header(layout::done_header(&ind.name)));
                    head.push(Out::Header(layout::of_header(&ind.name)));
                }
                Kind::Count | Kind::Percent => {
                    counts.push(head.len());
                    head.push(Out::Header(ind.name.clone()));
                }
                Kind::Milestone => head.push(Out::Header(ind.name.clone())),
            }
        }
        let columns = head.len();
        rows.push(head);

        let figures = |line: &Line| -> Vec<Out> {
            let mut row: Vec<Out> = (0..columns).map(|_| Out::Blank).collect();
            for (ind, (col, _)) in plan.indicators.iter().zip(&at) {
                let Some((_, f)) = line.cells.iter().find(|(id, _)| *id == ind.id) else { continue };
                match f {
                    Figure::Count(n) => row[*col] = Out::Count(*n),
                    Figure::Ratio { done, of } => {
                        row[*col] = Out::Count(*done);
                        row[col + 1] = Out::Count(*of);
                    }
                    Figure::Milestone { done: true, on: Some(d) } => row[*col] = Out::Date(*d),
                    Figure::Milestone { done, on: _ } => {
                        row[*col] = Out::Text(if *done { layout::DONE } else { layout::NOT_DONE }.into());
                    }
                }
            }
            row
        };
        let (units, ward) = lines.split_at(lines.len().saturating_sub(1));
        let first = rows.len();
        for (n, line) in units.iter().enumerate() {
            let mut row = figures(line);
            row[0] = Out::Count(n as u64 + 1);
            row[1] = Out::Text(line.name.clone());
            rows.push(row);
        }
        let last_unit = rows.len().saturating_sub(1);
        let sums: Vec<(usize, u64)> = counts
            .iter()
            .filter_map(|&c| {
                let cells: Vec<u64> = rows[first..]
                    .iter()
                    .filter_map(|r| match r[c] {
                        Out::Count(n) => Some(n),
                        _ => None,
                    })
                    .collect();
                (!cells.is_empty()).then(|| (c, cells.iter().sum()))
            })
            .collect();
        for line in ward.iter().filter(|l| !l.cells.is_empty()) {
            let mut row = figures(line);
            row[1] = Out::Text(layout::ward_label(&site.config.locality));
            rows.push(row);
        }
        let last = rows.len().saturating_sub(1);
        let mut total: Vec<Out> = (0..columns).map(|_| Out::Blank).collect();
        total[1] = Out::Header(layout::TOTALS[0].into());
        for (c, value) in sums {
            total[c] = Out::Sum { first, last: last_unit, col: c, value };
        }
        rows.push(total);

        rows.push(vec![]);
        let kind = site.units.kind.to_lowercase();
        let mut notes = vec![
            "Hướng dẫn điền:".to_string(),
            format!(
                "- Mỗi ô là số cộng dồn từ đầu kế hoạch đến ngày báo cáo (không phải số của riêng tuần này), không nhỏ hơn số kỳ trước. Các số đang có là số của báo cáo trước: sửa thành số mới."
            ),
            "- Ô để trống là chưa có số liệu. Hàng “Tổng cộng” Excel tự cộng, không cần sửa.".to_string(),
        ];
        if at.iter().any(|(_, k)| *k == Kind::Ratio) {
            notes.push(format!(
                "- Chỉ tiêu tỷ lệ có hai cột: “(đạt)” là số đã đạt, “(tổng số)” là tổng số; số đạt không lớn hơn tổng số. Số của cả địa bàn ghi ở hàng “{}”.",
                layout::ward_label(&site.config.locality)
            ));
        }
        if at.iter().any(|(_, k)| *k == Kind::Milestone) {
            notes.push(format!(
                "- Việc phải hoàn thành: ghi “{}” (hoặc x, hoặc ngày xong như {}) khi đã xong, “{}” khi chưa xong.",
                layout::DONE,
                dmy(today),
                layout::NOT_DONE
            ));
        }
        notes.push(format!(
            "- Không đổi tên các cột và các {kind}, không chèn hàng trống vào giữa bảng. Lưu tệp trong thư mục progress/ với tên là ngày chốt số liệu (ví dụ {}-{:02}-{:02}) rồi chạy bangtin build.",
            today.year(),
            today.month(),
            today.day()
        ));
        rows.extend(notes.into_iter().map(|n| vec![Out::Blank, Out::Note(n)]));
        Table {
            rows,
            header,
            first,
            last,
            counts,
            columns,
            day: today,
            title: format!("Báo cáo tiến độ ngày {}", dmy(today)),
        }
    }

    /// The table as an Excel workbook: formatted, the header and unit column frozen, whole
    /// numbers enforced in the figures' cells, the totals as formulas with their values.
    pub fn xlsx(&self) -> Result<Vec<u8>, Error> {
        use rust_xlsxwriter::{
            DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
            Formula, Workbook,
        };
        let failed = |e: rust_xlsxwriter::XlsxError| Error::Refused(format!("không tạo được tệp .xlsx: {e}"));
        let ymd = |d: NaiveDate| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8);
        let mut book = Workbook::new();
        book.set_properties(
            &DocProperties::new().set_title(&self.title).set_creation_datetime(&ymd(self.day).map_err(failed)?),
        );
        let sheet = book.add_worksheet();
        sheet.set_name("Báo cáo").map_err(failed)?;
        let title = Format::new().set_bold().set_font_size(13);
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_border(FormatBorder::Thin)
            .set_background_color(0xDDEBF7);
        let cell = Format::new().set_border(FormatBorder::Thin);
        let number = cell.clone().set_num_format("#,##0");
        let date = cell.clone().set_num_format("dd/mm/yyyy");
        let sum = number.clone().set_bold();
        let note = Format::new().set_italic();
        for (r, row) in self.rows.iter().enumerate() {
            let r32 = r as u32;
            let in_table = (self.header..=self.last + 1).contains(&r);
            for (c, out) in row.iter().enumerate() {
                let c16 = c as u16;
                match out {
                    Out::Blank if in_table => sheet.write_blank(r32, c16, &cell).map(|_| ()),
                    Out::Blank => Ok(()),
                    Out::Title(t) => sheet.write_string_with_format(r32, c16, t, &title).map(|_| ()),
                    Out::Header(t) => sheet.write_string_with_format(r32, c16, t, &header).map(|_| ()),
                    Out::Text(t) if in_table => sheet.write_string_with_format(r32, c16, t, &cell).map(|_| ()),
                    Out::Text(t) => sheet.write_string(r32, c16, t).map(|_| ()),
                    Out::Count(n) => sheet.write_number_with_format(r32, c16, *n as f64, &number).map(|_| ()),
                    Out::Date(d) => {
                        let day =
                            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(failed)?;
                        sheet.write_datetime_with_format(r32, c16, day, &date).map(|_| ())
                    }
                    Out::Sum { first, last, col, value } => {
                        // The value the formula gives now, kept with it: a reader that does not
                        // compute (bangtin itself, before Excel opens the file) sees the total.
                        let f = Formula::new(sum_formula(*first, *last, *col)).set_result(value.to_string());
                        sheet.write_formula_with_format(r32, c16, f, &sum).map(|_| ())
                    }
                    Out::Note(t) => sheet.write_string_with_format(r32, c16, t, &note).map(|_| ()),
                }
                .map_err(failed)?;
            }
        }
        sheet.set_column_width(0, 5).map_err(failed)?;
        sheet.set_column_width(1, 28).map_err(failed)?;
        for c in 2..self.columns {
            sheet.set_column_width(c as u16, 20).map_err(failed)?;
        }
        sheet.set_row_height(self.header as u32, 60).map_err(failed)?;
        sheet.set_freeze_panes(self.header as u32 + 1, 2).map_err(failed)?;
        let whole = DataValidation::new()
            .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
            .set_error_title("Số liệu không hợp lệ")
            .map_err(failed)?
            .set_error_message(
                "Nhập một số nguyên không âm: số cộng dồn từ đầu kế hoạch, ví dụ 186. Để trống nếu chưa có số liệu.",
            )
            .map_err(failed)?;
        for &c in &self.counts {
            sheet
                .add_data_validation(self.first as u32, c as u16, self.last as u32, c as u16, &whole)
                .map_err(failed)?;
        }
        book.save_to_buffer().map_err(failed)
    }

    /// The table as CSV, as Excel writes it in Vietnamese: UTF-8 with a byte-order mark, `;`
    /// between cells, CRLF line ends; the totals as formulas, computed once the file is opened.
    pub fn csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        for row in &self.rows {
            let cells: Vec<String> = (0..self.columns.max(row.len()))
                .map(|c| {
                    let text = match row.get(c) {
                        None | Some(Out::Blank) => String::new(),
                        Some(Out::Title(t) | Out::Header(t) | Out::Text(t) | Out::Note(t)) => t.clone(),
                        Some(Out::Count(n)) => n.to_string(),
                        Some(Out::Date(d)) => dmy(*d),
                        Some(Out::Sum { first, last, col, .. }) => sum_formula(*first, *last, *col),
                    };
                    if text.contains([';', '"', '\n']) {
                        format!("\"{}\"", text.replace('"', "\"\""))
                    } else {
                        text
                    }
                })
                .collect();
            out.push_str(&cells.join(";"));
            out.push_str("\r\n");
        }
        out
    }
}

/// `=SUM(C7:C14)`: the column `col` from row `first` to `last` (from 0).
fn sum_formula(first: usize, last: usize, col: usize) -> String {
    format!("=SUM({}:{})", cell_name(first + 1, col + 1), cell_name(last + 1, col + 1))
}
