//! A table read as a progress report, the same [`Report`] a YAML report gives: the header row
//! found by the unit column's name, the plan chosen, each column matched to an indicator, each
//! row to a unit (or the whole locality), each cell read as its indicator's figure, the total
//! row checked against the units' sum. Every problem names its cell and what it stands for.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::layout::{self, key};
use super::{Cell, Table};
use crate::content::model::{Broken, Indicator, Plan, Report, Row, SheetPlaces, Units};
use crate::diag::{cell_name, Diagnostic, Diagnostics};
use crate::format::{date as dmy, int, read_date, read_int};
use crate::indicator::{Figure, Kind};
use crate::text::{did_you_mean, slugify};

/// What a table is read against: the site's units and plans.
pub struct Context<'a> {
    pub units: &'a Units,
    pub plans: &'a [Plan],
    /// `locality:` of site.yaml, which names the whole locality's row.
    pub locality: &'a str,
    pub broken: &'a Broken,
}

/// The largest count a figure may be, as in a YAML report.
const MAX_COUNT: f64 = 1e12;

/// What a cell of a unit and an indicator stands for, in a message: `Ấp Tân Phú, chỉ tiêu “…”`.
pub fn describe_cell(units: &Units, plan: Option<&Plan>, locality: &str, unit: &str, indicator: &str) -> String {
    let who = match units.get(unit) {
        Some(u) => u.name.clone(),
        None if unit == "ward" => layout::ward_label(locality),
        None => unit.to_string(),
    };
    let what = plan.and_then(|p| p.indicator(indicator)).map_or(indicator, |i| i.name.as_str());
    format!("{who}, chỉ tiêu “{what}”")
}

/// Where an indicator's figures are: one column, or a ratio's two.
#[derive(Clone, Copy)]
enum Columns {
    One(usize),
    Ratio { done: usize, of: usize },
}

/// What a row of the table is.
enum Label {
    Unit(usize),
    Ward,
    Total,
}

/// A problem with one cell: what is wrong, what it should be, and perhaps a suggestion.
struct Wrong {
    problem: String,
    expected: String,
    hint: Option<String>,
}

fn wrong(problem: impl Into<String>, expected: impl Into<String>) -> Wrong {
    Wrong { problem: problem.into(), expected: expected.into(), hint: None }
}

impl Wrong {
    fn hint(mut self, hint: impl Into<String>) -> Wrong {
        self.hint = Some(hint.into());
        self
    }
}

const A_COUNT: &str = "một số nguyên không âm, ví dụ 186 hoặc 1.057; để trống nếu chưa có số liệu";

/// The report the table `t` gives, the file named for `file_date`; its problems go to `diags`.
pub fn report(t: &Table, file_date: Option<NaiveDate>, cx: &Context, diags: &mut Diagnostics) -> Option<Report> {
    let Some(date) = file_date else {
        diags.push(
            Diagnostic::new(&t.rel, "tên tệp báo cáo dạng bảng tính không bắt đầu bằng ngày báo cáo")
                .expected("đặt tên tệp là ngày chốt số liệu, dạng năm-tháng-ngày, ví dụ progress/2026-06-05.xlsx"),
        );
        return None;
    };
    let unit_kind = cx.units.kind.to_lowercase();
    let Some((h, unit_col)) = header_row(t, cx.units) else {
        diags.push(
            Diagnostic::new(&t.rel, format!("không tìm thấy hàng tiêu đề của bảng: không ô nào ghi “Đơn vị” hay “{}”", cx.units.kind))
                .sheet(&t.sheet)
                .expected(format!(
                    "một hàng tiêu đề: ô đầu cột tên các {unit_kind} ghi “{}” (hoặc “Đơn vị”), mỗi ô bên cạnh ghi tên một chỉ tiêu",
                    cx.units.kind
                )),
        );
        return None;
    };
    let before = diags.len();
    let plan = choose_plan(t, h, date, cx, diags)?;
    let columns = columns(t, h, unit_col, plan, cx, diags);

    let mut r = Reading {
        t,
        cx,
        plan,
        columns: &columns,
        ids: plan.indicators.iter().map(|i| Arc::<str>::from(i.id.as_str())).collect(),
        values: BTreeMap::new(),
        places: SheetPlaces { sheet: t.sheet.clone(), cells: BTreeMap::new() },
        rows: BTreeMap::new(),
        totals: Vec::new(),
        diags,
    };
    r.rows(h, unit_col);
    r.check_totals();
    let Reading { values, places, diags, .. } = r;
    if values.values().all(|row: &Row| row.iter().next().is_none()) {
        if diags.len() > before {
            return None;
        }
        diags.push(
            Diagnostic::new(&t.rel, "báo cáo không có số liệu nào")
                .sheet(&t.sheet)
                .expected(format!(
                    "dưới hàng tiêu đề, mỗi {unit_kind} một hàng: tên {unit_kind} ở cột “{}”, số liệu cộng dồn ở cột của từng chỉ tiêu",
                    t.get(h, unit_col).text().unwrap_or_default()
                )),
        );
        return None;
    }
    let (source, illustrative) = titles(t, h);
    Some(Report {
        file: t.rel.clone(),
        date,
        plan: plan.slug.clone(),
        source,
        illustrative,
        values,
        sheet: Some(Arc::new(places)),
    })
}

/// The first row with a cell naming the unit column, and that cell's column.
fn header_row(t: &Table, units: &Units) -> Option<(usize, usize)> {
    let own = key(&units.kind);
    let names: Vec<String> = layout::UNIT_HEADERS.iter().map(|h| key(h)).collect();
    let is_unit_header = |k: &str| {
        let k = k.strip_prefix("tên ").unwrap_or(k);
        k == own || names.iter().any(|n| n == k)
    };
    t.rows.iter().enumerate().find_map(|(r, row)| {
        row.iter().position(|c| c.text().is_some_and(|s| is_unit_header(&key(&s)))).map(|c| (r, c))
    })
}

/// The texts above the header row and the sheet's name: where a plan may be named.
fn title_texts(t: &Table, h: usize) -> impl Iterator<Item = String> + '_ {
    std::iter::once(t.sheet.clone())
        .chain(t.rows[..h].iter().flat_map(|row| row.iter().filter_map(Cell::text)))
        .filter(|s| !s.is_empty())
}

/// The source (`Nguồn: …`) and whether the figures are examples, from the cells above the table.
fn titles(t: &Table, h: usize) -> (Option<String>, bool) {
    let mut source = None;
    let mut illustrative = false;
    let marker = key(layout::ILLUSTRATIVE);
    for text in t.rows[..h].iter().flat_map(|row| row.iter().filter_map(Cell::text)) {
        let k = key(&text);
        if k.starts_with("nguồn") {
            if let Some((_, rest)) = text.split_once(':') {
                let rest = rest.trim();
                if !rest.is_empty() && source.is_none() {
                    source = Some(rest.to_string());
                }
            }
        } else if k.trim_matches(|c| c == '(' || c == ')') == marker {
            illustrative = true;
        }
    }
    (source, illustrative)
}

/// Whether `needle` stands in `hay` as a whole: not inside a longer word or number
/// (`46/kh-ubnd` is not in `146/kh-ubnd`).
fn contains_whole(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The plan a table reports on: the one its sheet's name or a cell above it names (by its file
/// name, number or title), else the one running on its date, else the only one.
fn choose_plan<'a>(
    t: &Table,
    h: usize,
    date: NaiveDate,
    cx: &Context<'a>,
    diags: &mut Diagnostics,
) -> Option<&'a Plan> {
    let prefix = key(layout::PLAN_PREFIX);
    let names = |p: &Plan, text: &str| {
        let k = key(text);
        let k = k.strip_prefix(&prefix).or_else(|| k.strip_prefix("kế hoạch")).unwrap_or(&k).trim();
        k == key(&p.slug)
            || k == key(&p.title)
            || contains_whole(k, &key(&p.slug))
            || p.number.as_deref().is_some_and(|n| contains_whole(k, &key(n)))
    };
    let named: Vec<&Plan> = cx.plans.iter().filter(|p| title_texts(t, h).any(|s| names(p, &s))).collect();
    if let [one] = named.as_slice() {
        return Some(one);
    }
    let running: Vec<&Plan> = cx.plans.iter().filter(|p| p.from <= date && date <= p.to).collect();
    if let [one] = running.as_slice() {
        return Some(one);
    }
    if let ([], [only]) = (named.as_slice(), cx.plans) {
        // Its own period is checked with the other reports: the message says the date is outside it.
        return Some(only);
    }
    if !cx.broken.plans.is_empty() {
        // The plan it reports on may be the one that could not be read; that is reported.
        return None;
    }
    let list =
        cx.plans.iter().map(|p| format!("{} ({} – {})", p.slug, dmy(p.from), dmy(p.to))).collect::<Vec<_>>().join(", ");
    let problem = match (named.len(), running.len()) {
        (n, _) if n > 1 => format!(
            "các ô phía trên bảng nêu {n} kế hoạch: {}",
            named.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>().join(", ")
        ),
        (_, 0) => format!("không kế hoạch nào đang thực hiện vào ngày báo cáo {}", dmy(date)),
        (_, n) => {
            format!("có {n} kế hoạch cùng thực hiện vào ngày báo cáo {}, không biết bảng thuộc kế hoạch nào", dmy(date))
        }
    };
    diags.push(Diagnostic::new(&t.rel, problem).sheet(&t.sheet).expected(format!(
        "ghi “{} <mã kế hoạch>” vào một ô phía trên bảng, hoặc đặt tên trang tính là mã kế hoạch; các kế hoạch: {}",
        layout::PLAN_PREFIX,
        if list.is_empty() { "chưa có (thêm kế hoạch vào plans/)".to_string() } else { list }
    )));
    None
}

/// `k` without a ratio's part after it: `tỷ lệ hồ sơ (đạt)` → (`tỷ lệ hồ sơ`, done).
fn ratio_part(k: &str) -> Option<(&str, bool)> {
    let inner = k.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let (base, part) = (inner[..open].trim(), key(&inner[open + 1..]));
    if layout::DONE_SUFFIXES.iter().any(|s| key(s) == part) {
        Some((base, true))
    } else if layout::OF_SUFFIXES.iter().any(|s| key(s) == part) {
        Some((base, false))
    } else {
        None
    }
}

/// The columns of each indicator of `plan` that the header row `h` names, in the plan's order;
/// every header that names none is reported at its cell.
fn columns(
    t: &Table,
    h: usize,
    unit_col: usize,
    plan: &Plan,
    cx: &Context,
    diags: &mut Diagnostics,
) -> Vec<(usize, Columns)> {
    let find = |k: &str| plan.indicators.iter().position(|i| key(&i.id) == k || key(&i.name) == k);
    let ignored: Vec<String> = layout::IGNORED_COLUMNS.iter().map(|c| key(c)).collect();
    // Per indicator: its one column, its done column, its whole column.
    let mut found: BTreeMap<usize, [Option<usize>; 3]> = BTreeMap::new();
    let header = t.rows.get(h).map(Vec::as_slice).unwrap_or_default();
    for (c, cell) in header.iter().enumerate() {
        if c == unit_col || cell.is_blank() {
            continue;
        }
        let text = cell.text().unwrap_or_else(|| format!("{cell:?}"));
        let k = key(&text);
        if ignored.contains(&k) {
            continue;
        }
        let (i, slot) = match ratio_part(&k).and_then(|(base, done)| find(base).map(|i| (i, 1 + usize::from(!done)))) {
            Some(found) => found,
            None => match find(&k) {
                Some(i) => (i, 0),
                None => {
                    if !cx.broken.indicators.contains(&slugify(&text)) {
                        let known = plan.indicators.iter().flat_map(|i| [i.name.as_str(), i.id.as_str()]);
                        diags.push(
                            t.diag(h, c, format!("cột “{text}” không phải chỉ tiêu nào của kế hoạch “{}”", plan.slug))
                                .field("hàng tiêu đề")
                                .expected(format!(
                                    "tên (hoặc mã) một chỉ tiêu của kế hoạch, đúng như trong {}: {}; cột số thứ tự ghi “STT”, cột ghi chú ghi “Ghi chú”",
                                    plan.file.display(),
                                    plan.indicators.iter().map(|i| format!("“{}”", i.name)).collect::<Vec<_>>().join(", ")
                                ))
                                .hint(did_you_mean(&text, known)),
                        );
                    }
                    continue;
                }
            },
        };
        let ind = &plan.indicators[i];
        let slots = found.entry(i).or_default();
        let twice = slots[slot].or(if slot == 0 { slots[1].or(slots[2]) } else { slots[0] });
        if let Some(first) = twice {
            diags.push(
                t.diag(h, c, format!("cột “{text}” lặp lại chỉ tiêu “{}” của cột {}", ind.name, column_name(first)))
                    .field("hàng tiêu đề")
                    .expected("mỗi chỉ tiêu một cột (tỷ lệ: một cột “(đạt)” và một cột “(tổng số)”); xóa hoặc đổi tên một trong hai cột"),
            );
            continue;
        }
        if slot > 0 && ind.target.kind() != Kind::Ratio {
            diags.push(
                t.diag(
                    h,
                    c,
                    format!("chỉ tiêu “{}” không phải một tỷ lệ nên không chia cột “(đạt)”, “(tổng số)”", ind.name),
                )
                .field("hàng tiêu đề")
                .expected(format!("một cột tên “{}”", ind.name)),
            );
            continue;
        }
        slots[slot] = Some(c);
    }
    let mut out = Vec::new();
    for (i, slots) in found {
        let ind = &plan.indicators[i];
        match slots {
            [Some(c), ..] => out.push((i, Columns::One(c))),
            [None, Some(done), Some(of)] => out.push((i, Columns::Ratio { done, of })),
            [None, Some(c), None] | [None, None, Some(c)] => {
                let missing =
                    if slots[1].is_some() { layout::of_header(&ind.name) } else { layout::done_header(&ind.name) };
                diags.push(
                    t.diag(h, c, format!("chỉ tiêu tỷ lệ “{}” thiếu cột “{missing}”", ind.name))
                        .field("hàng tiêu đề")
                        .expected(format!(
                            "hai cột “{}” và “{}”, hoặc một cột “{}” ghi dạng 120/230",
                            layout::done_header(&ind.name),
                            layout::of_header(&ind.name),
                            ind.name
                        )),
                );
            }
            [None, None, None] => {}
        }
    }
    out
}

/// `C` for the third column (from 0: 2).
fn column_name(col: usize) -> String {
    cell_name(1, col + 1).trim_end_matches('1').to_string()
}

/// A table being read.
struct Reading<'a, 'd> {
    t: &'a Table,
    cx: &'a Context<'a>,
    plan: &'a Plan,
    columns: &'a [(usize, Columns)],
    /// The plan's indicator ids, one string each for every row.
    ids: Vec<Arc<str>>,
    values: BTreeMap<String, Row>,
    places: SheetPlaces,
    /// The row each unit (or `ward`) is read from.
    rows: BTreeMap<String, usize>,
    /// The total rows.
    totals: Vec<usize>,
    diags: &'d mut Diagnostics,
}

impl Reading<'_, '_> {
    fn push(&mut self, row: usize, col: usize, who: &str, ind: &Indicator, w: Wrong) {
        let d = self
            .t
            .diag(row, col, w.problem)
            .field(format!("{who}, chỉ tiêu “{}”", ind.name))
            .expected(w.expected)
            .hint(w.hint);
        self.diags.push(d);
    }

    /// Every column a figure may be in.
    fn figure_columns(&self) -> Vec<usize> {
        self.columns
            .iter()
            .flat_map(|(_, c)| match *c {
                Columns::One(c) => vec![c],
                Columns::Ratio { done, of } => vec![done, of],
            })
            .collect()
    }

    /// The rows under the header `h` to the first empty row after the table's first row.
    fn rows(&mut self, h: usize, unit_col: usize) {
        let (t, cx) = (self.t, self.cx);
        let cols = self.figure_columns();
        let unit_kind = cx.units.kind.to_lowercase();
        let mut started = false;
        // Each unit's id and name as a label is compared: a province's table has hundreds of both.
        let unit_keys: Vec<(String, String)> = cx.units.units.iter().map(|u| (key(&u.id), key(&u.name))).collect();
        for r in h + 1..t.rows.len() {
            if t.rows[r].iter().all(Cell::is_blank) {
                if started {
                    // What follows a blank line under the table is a note or a signature.
                    break;
                }
                continue;
            }
            let label = t.get(r, unit_col).text().unwrap_or_default();
            let k = key(&label);
            let units = &cx.units.units;
            let what = match unit_keys.iter().position(|(id, name)| *id == k || *name == k) {
                Some(u) => Label::Unit(u),
                None if !k.is_empty() && layout::is_ward(&k) => Label::Ward,
                None if layout::is_total(&k) => Label::Total,
                None => {
                    let has_figures = cols.iter().any(|&c| !t.get(r, c).is_blank());
                    if !started && numbering(&t.rows[r]) || !has_figures {
                        // The columns' numbers under the header ("(1)", "(2)"), a heading
                        // of a group of units, a line of notes: nothing to read.
                        continue;
                    }
                    started = true;
                    let d = if label.is_empty() {
                        t.diag(r, unit_col, format!("hàng {} có số liệu nhưng không ghi tên {unit_kind}", r + 1))
                            .expected(format!("tên một {unit_kind} trong units.yaml ở ô này"))
                    } else if cx.broken.all_units || cx.broken.units.contains(&slugify(&label)) {
                        continue;
                    } else {
                        let names = units.iter().map(|u| u.name.as_str());
                        t.diag(r, unit_col, format!("không có {unit_kind} nào tên “{label}” trong units.yaml"))
                            .expected(format!(
                                "tên (hoặc mã) một {unit_kind} trong units.yaml: {}; hàng của cả địa bàn ghi “{}”, hàng tổng ghi “Tổng cộng”",
                                units.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join(", "),
                                layout::ward_label(cx.locality)
                            ))
                            .hint(did_you_mean(&label, names.chain(units.iter().map(|u| u.id.as_str()))))
                    };
                    self.diags.push(d);
                    continue;
                }
            };
            started = true;
            let (id, who) = match what {
                Label::Unit(u) => (units[u].id.clone(), units[u].name.clone()),
                Label::Ward => ("ward".to_string(), layout::ward_label(cx.locality)),
                Label::Total => {
                    self.totals.push(r);
                    continue;
                }
            };
            if let Some(first) = self.rows.insert(id.clone(), r) {
                self.rows.insert(id, first);
                self.diags.push(
                    t.diag(r, unit_col, format!("{who} có hai hàng: hàng {} và hàng {}", first + 1, r + 1))
                        .expected(format!("mỗi {unit_kind} một hàng; gộp số liệu vào một hàng rồi xóa hàng kia")),
                );
                continue;
            }
            let mut row = Row::default();
            for &(i, cols) in self.columns {
                let ind = &self.plan.indicators[i];
                let first = match cols {
                    Columns::One(c) | Columns::Ratio { done: c, .. } => c,
                };
                if let Some(f) = self.figure(r, cols, &who, ind) {
                    self.places.cells.insert((id.clone(), ind.id.clone()), (r as u32, first as u32));
                    row.insert(Arc::clone(&self.ids[i]), f);
                }
            }
            // A unit whose cells are all empty has not reported: as if its row were not there.
            if row.iter().next().is_some() {
                self.values.insert(id, row);
            }
        }
    }

    /// The figure of `ind` in row `r`, `None` when it is empty or wrong (then reported).
    fn figure(&mut self, r: usize, cols: Columns, who: &str, ind: &Indicator) -> Option<Figure> {
        let t = self.t;
        let read = match (ind.target.kind(), cols) {
            (Kind::Count | Kind::Percent, Columns::One(c)) => {
                count(t.get(r, c)).map(|n| n.map(Figure::Count)).map_err(|w| (c, w))
            }
            (Kind::Milestone, Columns::One(c)) => milestone(t.get(r, c)).map_err(|w| (c, w)),
            (Kind::Ratio, Columns::One(c)) => ratio_cell(t.get(r, c)).map_err(|w| (c, w)),
            (Kind::Ratio, Columns::Ratio { done, of }) => match (count(t.get(r, done)), count(t.get(r, of))) {
                (Err(w), _) => Err((done, w)),
                (_, Err(w)) => Err((of, w)),
                (Ok(None), Ok(None)) => Ok(None),
                (Ok(Some(_)), Ok(None)) => Err((
                    of,
                    wrong(
                        "có số đã đạt nhưng ô tổng số để trống",
                        "tổng số, ví dụ 230; hoặc để trống cả hai ô nếu chưa có số liệu",
                    ),
                )),
                (Ok(None), Ok(Some(_))) => Err((
                    done,
                    wrong(
                        "có tổng số nhưng ô số đã đạt để trống",
                        "số đã đạt, ví dụ 120 (0 nếu chưa đạt); hoặc để trống cả hai ô",
                    ),
                )),
                (Ok(Some(d)), Ok(Some(o))) => ratio(d, o).map(Some).map_err(|w| (done, w)),
            },
            (Kind::Count | Kind::Percent | Kind::Milestone, Columns::Ratio { .. }) => Ok(None),
        };
        match read {
            Ok(f) => f,
            Err((c, w)) => {
                self.push(r, c, who, ind, w);
                None
            }
        }
    }

    /// Each total row against the sum of the units' figures, column by column.
    fn check_totals(&mut self) {
        let t = self.t;
        let unit_kind = self.cx.units.kind.to_lowercase();
        let unit_rows: Vec<(String, usize)> =
            self.rows.iter().filter(|(id, _)| *id != "ward").map(|(id, r)| (id.clone(), *r)).collect();
        for r in self.totals.clone() {
            for &(i, cols) in self.columns {
                let ind = &self.plan.indicators[i];
                type Part = fn(&Figure) -> Option<u64>;
                let parts: Vec<(usize, Part)> = match (ind.target.kind(), cols) {
                    (Kind::Count | Kind::Percent, Columns::One(c)) => vec![(c, Figure::cumulative)],
                    (Kind::Ratio, Columns::Ratio { done, of }) => {
                        vec![(done, |f| f.ratio().map(|(d, _)| d)), (of, |f| f.ratio().map(|(_, o)| o))]
                    }
                    // A ratio in one cell and a milestone have no sum to check.
                    (Kind::Ratio | Kind::Milestone, _) | (Kind::Count | Kind::Percent, Columns::Ratio { .. }) => vec![],
                };
                for (c, part) in parts {
                    let cell = t.get(r, c);
                    if matches!(cell, Cell::Text(s) if s.trim_start().starts_with('=')) {
                        // A formula a CSV file keeps as written: computed when opened, not before.
                        continue;
                    }
                    let total = match count(cell) {
                        Ok(Some(n)) => n,
                        Ok(None) => continue,
                        Err(w) => {
                            self.push(r, c, "Tổng cộng", ind, w);
                            continue;
                        }
                    };
                    let figures: Vec<(usize, u64)> = unit_rows
                        .iter()
                        .filter_map(|(id, row)| {
                            let f = self.values.get(id)?.get(&ind.id)?;
                            Some((*row, part(f)?))
                        })
                        .collect();
                    let sum: u64 = figures.iter().map(|(_, n)| n).sum();
                    if total == sum {
                        continue;
                    }
                    let (first, last) =
                        (unit_rows.iter().map(|(_, r)| *r).min(), unit_rows.iter().map(|(_, r)| *r).max());
                    let span = match (first, last) {
                        (Some(a), Some(b)) if a == b => format!(" (ô {})", cell_name(a + 1, c + 1)),
                        (Some(a), Some(b)) => {
                            format!(" (các ô {} đến {})", cell_name(a + 1, c + 1), cell_name(b + 1, c + 1))
                        }
                        _ => String::new(),
                    };
                    let mut w = wrong(
                        format!(
                            "hàng “Tổng cộng” ghi {} nhưng cộng số của các {unit_kind}{span} được {}",
                            int(total),
                            int(sum)
                        ),
                        format!("{}, hoặc sửa số sai của {unit_kind} trong cột này", int(sum)),
                    );
                    w = if sum == 0 {
                        w.hint(format!(
                            "số của cả địa bàn (không chia theo {unit_kind}) ghi ở hàng “{}”, không ở hàng tổng",
                            layout::ward_label(self.cx.locality)
                        ))
                    } else {
                        let contiguous = first.zip(last).is_some_and(|(a, b)| b - a + 1 == unit_rows.len());
                        match (contiguous, first, last) {
                            (true, Some(a), Some(b)) => w.hint(format!(
                                "để Excel tự cộng, ghi vào ô này công thức =SUM({}:{})",
                                cell_name(a + 1, c + 1),
                                cell_name(b + 1, c + 1)
                            )),
                            _ => w,
                        }
                    };
                    self.push(r, c, "Tổng cộng", ind, w);
                }
            }
        }
    }
}

/// Whether a row only numbers the columns: `(1)`, `(2)`, `A`, `B`, `1`, `2`.
fn numbering(row: &[Cell]) -> bool {
    row.iter().filter(|c| !c.is_blank()).all(|c| match c {
        Cell::Number(n) => n.fract() == 0.0 && (0.0..100.0).contains(n),
        Cell::Text(s) => {
            let s = s.trim().trim_start_matches('(').trim_end_matches(')');
            (1..=2).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric())
        }
        Cell::Empty | Cell::Bool(_) | Cell::Date(_) | Cell::Error(_) => false,
    })
}

/// A count: a whole number, or text in Vietnamese form (`1.057`); empty (or `-`) is no figure.
fn count(cell: &Cell) -> Result<Option<u64>, Wrong> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if *n < 0.0 => Err(wrong(format!("số âm ({})", crate::format::decimal(*n)), A_COUNT)),
        Cell::Number(n) if *n > MAX_COUNT => {
            Err(wrong(format!("số {n} quá lớn"), "một số nguyên không quá 1.000.000.000.000"))
        }
        Cell::Number(n) if n.fract() != 0.0 => {
            Err(wrong(format!("số {} không phải số nguyên", crate::format::decimal(*n)), A_COUNT)
                .hint("số liệu là số người, hộ, hồ sơ… đã đạt, cộng dồn từ đầu kế hoạch: không có phần lẻ"))
        }
        Cell::Number(n) => Ok(Some(*n as u64)),
        Cell::Text(s) => {
            let s = s.trim();
            if s.is_empty() || s == "-" {
                return Ok(None);
            }
            if let Some(n) = read_int(s) {
                return Ok(Some(n));
            }
            if s.starts_with('=') {
                return Err(wrong(
                    format!("công thức “{s}” chưa được tính"),
                    "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính, hoặc ghi thẳng con số",
                ));
            }
            let w = wrong(format!("gặp chữ “{s}” trong ô số liệu"), A_COUNT);
            Err(if s.contains(',') && s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
                w.hint("dấu phẩy là dấu thập phân; số nghìn viết 1.057 (dấu chấm) hoặc 1057")
            } else {
                w
            })
        }
        Cell::Bool(b) => {
            Err(wrong(format!("gặp giá trị {} trong ô số liệu", if *b { "TRUE" } else { "FALSE" }), A_COUNT))
        }
        Cell::Date(d) => Err(wrong(format!("gặp ngày {} trong ô số liệu", dmy(*d)), A_COUNT)
            .hint("nếu đã gõ một con số, ô đang được định dạng kiểu ngày: đổi định dạng ô thành Số (Number)")),
        Cell::Error(e) => Err(cell_error(e)),
    }
}

fn cell_error(e: &str) -> Wrong {
    wrong(
        format!("ô báo lỗi {e}"),
        "một con số; nếu ô là công thức, sửa công thức trong Excel hoặc LibreOffice cho tới khi ô hiện số",
    )
}

/// A milestone: `x`, `đã xong`, `done`, a day, `TRUE` for done; `chưa xong`, `FALSE` for not.
fn milestone(cell: &Cell) -> Result<Option<Figure>, Wrong> {
    let expected = format!(
        "“x” hoặc “{}” khi đã xong, ngày xong (ví dụ 15/10/2026), hoặc “{}”; để trống nếu chưa có số liệu",
        layout::DONE,
        layout::NOT_DONE
    );
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(done) => Ok(Some(Figure::Milestone { done: *done, on: None })),
        Cell::Date(d) => Ok(Some(Figure::Milestone { done: true, on: Some(*d) })),
        Cell::Text(s) => {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            if key(s) == "x" {
                return Ok(Some(Figure::Milestone { done: true, on: None }));
            }
            if let Some(f) = Figure::milestone(s) {
                return Ok(Some(f));
            }
            if let Some(on) = read_date(s) {
                return Ok(Some(Figure::Milestone { done: true, on: Some(on) }));
            }
            Err(wrong(format!("gặp “{s}” ở ô của một việc phải hoàn thành"), expected))
        }
        Cell::Number(n) => {
            Err(wrong(format!("gặp số {} ở ô của một việc phải hoàn thành", crate::format::decimal(*n)), expected))
        }
        Cell::Error(e) => Err(cell_error(e)),
    }
}

/// A ratio's parts, done never above the whole.
fn ratio(done: u64, of: u64) -> Result<Figure, Wrong> {
    if done > of {
        return Err(wrong(
            format!("số đã đạt ({}) lớn hơn tổng số ({})", int(done), int(of)),
            "số đã đạt không lớn hơn tổng số",
        ));
    }
    Ok(Figure::Ratio { done, of })
}

/// A ratio in one cell: `120/230`.
fn ratio_cell(cell: &Cell) -> Result<Option<Figure>, Wrong> {
    let expected =
        "hai số dạng 120/230 (đã đạt/tổng số), hoặc hai cột “… (đạt)” và “… (tổng số)”; để trống nếu chưa có số liệu";
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(s) if s.trim().is_empty() => Ok(None),
        Cell::Text(s) => {
            let parts = s.split_once('/').and_then(|(d, o)| Some((read_int(d)?, read_int(o)?)));
            match parts {
                Some((d, o)) => ratio(d, o).map(Some),
                None => Err(wrong(format!("gặp “{}” ở ô của một tỷ lệ", s.trim()), expected)),
            }
        }
        Cell::Date(d) => Err(wrong(format!("gặp ngày {} ở ô của một tỷ lệ", dmy(*d)), expected)
            .hint("Excel đã đổi phân số thành ngày: định dạng ô là Văn bản (Text) trước khi gõ, hoặc dùng hai cột (đạt)/(tổng số)")),
        Cell::Number(n) => Err(wrong(format!("gặp một số ({}) ở ô của một tỷ lệ", crate::format::decimal(*n)), expected)),
        Cell::Bool(_) => Err(wrong("gặp TRUE/FALSE ở ô của một tỷ lệ", expected)),
        Cell::Error(e) => Err(cell_error(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_read_as_numbers_or_vietnamese_text() {
        assert_eq!(count(&Cell::Number(1057.0)).ok(), Some(Some(1057)));
        assert_eq!(count(&Cell::Text("1.057".into())).ok(), Some(Some(1057)));
        assert_eq!(count(&Cell::Text(" - ".into())).ok(), Some(None));
        assert_eq!(count(&Cell::Empty).ok(), Some(None));
        let w = count(&Cell::Text("mười hai".into())).err().unwrap();
        assert_eq!(w.problem, "gặp chữ “mười hai” trong ô số liệu");
        assert!(count(&Cell::Text("12,5".into())).err().unwrap().hint.unwrap().contains("dấu phẩy"));
        assert!(count(&Cell::Number(-1.0)).is_err() && count(&Cell::Number(1.5)).is_err());
    }

    #[test]
    fn milestones_and_ratios_are_read_as_officers_mark_them() {
        let done = Some(Figure::Milestone { done: true, on: None });
        assert_eq!(milestone(&Cell::Text("X".into())).ok(), Some(done.clone()));
        assert_eq!(milestone(&Cell::Text("Đã xong".into())).ok(), Some(done.clone()));
        assert_eq!(milestone(&Cell::Text("done".into())).ok(), Some(done));
        let on = NaiveDate::from_ymd_opt(2026, 10, 15);
        assert_eq!(milestone(&Cell::Text("15/10/2026".into())).ok(), Some(Some(Figure::Milestone { done: true, on })));
        assert_eq!(
            milestone(&Cell::Text("chưa xong".into())).ok(),
            Some(Some(Figure::Milestone { done: false, on: None }))
        );
        assert_eq!(ratio_cell(&Cell::Text("120/230".into())).ok(), Some(Some(Figure::Ratio { done: 120, of: 230 })));
        assert!(ratio_cell(&Cell::Text("230/120".into())).is_err());
    }

    #[test]
    fn a_plan_number_is_found_whole() {
        assert!(contains_whole("thực hiện kế hoạch số 46/kh-ubnd ngày 8/6/2023", "46/kh-ubnd"));
        assert!(!contains_whole("kế hoạch số 146/kh-ubnd", "46/kh-ubnd"));
        assert_eq!(ratio_part("tỷ lệ hồ sơ (đạt)"), Some(("tỷ lệ hồ sơ", true)));
        assert_eq!(ratio_part("tỷ lệ hồ sơ (tổng số)"), Some(("tỷ lệ hồ sơ", false)));
        assert_eq!(ratio_part("hồ sơ (tthc)"), None);
        assert_eq!(column_name(2), "C");
        assert_eq!(column_name(27), "AB");
    }
}
