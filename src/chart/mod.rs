//! Progress charts as small, standalone, accessible SVG documents.
//!
//! This module owns three pictures of one indicator — the total against its target
//! ([`overall`]), each unit against its own target ([`per_unit`]), and the total over time
//! against the straight path with a projection ([`over_time`]) — and the projection arithmetic
//! ([`projection`]). It knows nothing about content files, views or templates: the renderer
//! fills a [`ChartInput`] and embeds the returned `<svg>` string as is.
//!
//! plotters (SVG backend only, no font feature) maps data onto the viewBox and emits the marks:
//! bars, lines and points, always at whole-pixel coordinates. Everything with meaning beyond a
//! shape is written here instead: without a font feature plotters can only guess text widths
//! from UTF-8 byte lengths ("Ấp Tân Đông" is 16 bytes for 11 letters, so it comes out almost half
//! again too wide), pads text nodes with newlines and writes fractional font sizes, and it has no
//! way to add `data-*` attributes, patterns or dash arrays. So the labels,
//! `<title>`/`<desc>`, the hatch pattern and the `data-*` groups around plotters' marks are ours,
//! and no layout here ever depends on knowing how wide a text renders: labels sit on their own
//! lines and are wrapped by a conservative character count.
//!
//! Every number from the input is clamped into its frame before plotters sees it, so no input
//! (zero or absurd targets, 10¹² counts, NaN, deadlines before the start) can overflow a pixel
//! coordinate or panic.

use chrono::NaiveDate;
use plotters::backend::SVGBackend;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::CoordTranslate;
use plotters::drawing::{DrawingArea, IntoDrawingArea};
use plotters::element::{Circle, PathElement, Rectangle};
use plotters::style::{Color, RGBColor, ShapeStyle};

use crate::format::{date, decimal, int, iso, percent};
use crate::indicator::words::{done_word, rate_window};
use crate::indicator::{Kind, Projection, Standing};
use crate::progress::{path_value, projection};
use crate::text::nfc;

/// One unit's latest figure, on the indicator's own scale (count, or percent for ratios, 0/1 for
/// milestones), as `UnitProgress` carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitBar<'a> {
    pub name: &'a str,
    pub value: Option<f64>,
    /// The unit's own target; `None` when the plan gives none (the unit is then listed without a
    /// bar, since a share of nothing cannot be drawn).
    pub target: Option<f64>,
    /// Ratio parts, for ratio indicators.
    pub ratio: Option<(u64, u64)>,
    /// The unit's base, of a share of a base.
    pub base: Option<u64>,
}

/// A share of a base, said in the plan's terms: how much of the base is covered against the
/// plan's percentage, before the counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage<'a> {
    /// The base's total over units.
    pub base: u64,
    /// Its name, `dân số trưởng thành`; none for a base named nowhere.
    pub label: Option<&'a str>,
    /// The plan's percentage as the plan says it: `40%`, `trên 93%`.
    pub goal: &'a str,
}

/// Everything a chart needs, filled by the renderer from the plan and `IndicatorProgress`:
/// `target`, `value`, `ratio`, `as_of`, `done_on` come from the progress as they are, `history`
/// from its points, `from` from the plan's period, `deadline` from the indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartInput<'a> {
    pub name: &'a str,
    /// What is counted ("hộ", "người"); may be empty.
    pub noun: &'a str,
    pub kind: Kind,
    /// Target on the indicator's scale: a count, a percent for ratios, 1 for milestones.
    pub target: f64,
    /// Latest total on the same scale.
    pub value: Option<f64>,
    pub ratio: Option<(u64, u64)>,
    /// Of a share of a base.
    pub coverage: Option<Coverage<'a>>,
    pub units: Vec<UnitBar<'a>>,
    /// Total at each report date, cumulative. Order does not matter.
    pub history: Vec<(NaiveDate, f64)>,
    /// Start of the plan's period: where the straight path starts from 0.
    pub from: NaiveDate,
    pub deadline: NaiveDate,
    /// Date of the latest figure; when `None`, the latest history date.
    pub as_of: Option<NaiveDate>,
    /// Build date: decides whether an unfinished milestone is overdue.
    pub today: NaiveDate,
    pub done_on: Option<NaiveDate>,
    /// Days a milestone was done after its deadline, by the day its report states.
    pub done_late: Option<i64>,
    /// The indicator's one status, as the card and the radio say it.
    pub standing: Standing,
}

/// A bullet bar of the latest total against the target, with the share in words: the count and
/// percent for counts, the percent against the target percent for ratios, done or not for
/// milestones. `id` prefixes the element ids (`{id}-title`, `{id}-desc`, …) and must be unique
/// on the page.
pub fn overall(id: &str, input: &ChartInput) -> String {
    let d = Data::new(input);
    // A share of a base is drawn as a count: its target is absolute once progress is derived.
    match d.kind {
        Kind::Count | Kind::Percent => overall_count(id, &d),
        Kind::Ratio => overall_ratio(id, &d),
        Kind::Milestone => overall_milestone(id, &d),
    }
}

/// One bar per unit as a share of that unit's own target, highest share first (ties by name),
/// with the 100% mark and the straight path's mark at the latest report (`as_of`); units under
/// that mark are hatched and labelled "chậm" — the chart judges against the mark it draws, which
/// is `progress`'s rule whenever the unit's figure is from the latest report. Units with a target
/// but no figure get an empty bar; units without a target follow as text only, since a share of
/// nothing cannot be drawn. Ratios draw each unit's percent against the target percent, and
/// milestones a done/not-yet box per unit.
pub fn per_unit(id: &str, input: &ChartInput) -> String {
    let d = Data::new(input);
    match d.kind {
        Kind::Count | Kind::Percent | Kind::Ratio => per_unit_bars(id, &d),
        Kind::Milestone => per_unit_milestone(id, &d),
    }
}

/// The cumulative total at each report date against the straight path to the target, and the
/// [`projection`] at the recent rate with the date it reaches the target or a warning that it
/// will not before the deadline. Ratios plot the percent against the target percent; milestones
/// a timeline with the day done.
pub fn over_time(id: &str, input: &ChartInput) -> String {
    let d = Data::new(input);
    match d.kind {
        Kind::Count | Kind::Percent => over_time_count(id, &d),
        Kind::Ratio => over_time_ratio(id, &d),
        Kind::Milestone => over_time_milestone(id, &d),
    }
}

// ---------------------------------------------------------------------------------------------
// Input, cleaned once so the drawing code never meets NaN, NFD or unsorted history.

const EPS: f64 = 1e-9;

struct Unit {
    name: String,
    value: Option<f64>,
    target: Option<f64>,
    ratio: Option<(u64, u64)>,
    base: Option<u64>,
}

struct Data {
    name: String,
    noun: String,
    kind: Kind,
    target: f64,
    value: Option<f64>,
    ratio: Option<(u64, u64)>,
    /// Of a share of a base: its total, its name and the plan's percentage.
    coverage: Option<(u64, Option<String>, String)>,
    units: Vec<Unit>,
    history: Vec<(NaiveDate, f64)>,
    from: NaiveDate,
    deadline: NaiveDate,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
    done_on: Option<NaiveDate>,
    done_late: Option<i64>,
    standing: Standing,
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

impl Data {
    fn new(i: &ChartInput) -> Data {
        let mut history: Vec<(NaiveDate, f64)> = i.history.iter().copied().filter(|(_, v)| v.is_finite()).collect();
        history.sort_by_key(|(d, _)| *d);
        let as_of = i.as_of.or_else(|| history.last().map(|(d, _)| *d));
        Data {
            name: nfc(i.name),
            noun: nfc(i.noun.trim()),
            kind: i.kind,
            target: if i.target.is_finite() { i.target } else { 0.0 },
            value: finite(i.value),
            ratio: i.ratio,
            coverage: i.coverage.as_ref().map(|c| (c.base, c.label.map(nfc), nfc(c.goal))),
            units: i
                .units
                .iter()
                .map(|u| Unit {
                    name: nfc(u.name),
                    value: finite(u.value),
                    target: finite(u.target),
                    ratio: u.ratio,
                    base: u.base,
                })
                .collect(),
            history,
            from: i.from,
            deadline: i.deadline,
            as_of,
            today: i.today,
            done_on: i.done_on,
            done_late: i.done_late,
            standing: i.standing,
        }
    }

    /// How much of a `base` the figure `v` covers, `29,8% dân số trưởng thành`: of a share of a
    /// base with more than nobody in it.
    fn covers(&self, v: f64, base: Option<u64>) -> Option<String> {
        let (_, label, _) = self.coverage.as_ref()?;
        let b = base.filter(|b| *b > 0)?;
        let pc = percent(v * 100.0 / b as f64);
        Some(match label {
            Some(l) => format!("{pc} {l}"),
            None => pc,
        })
    }

    /// `614 hộ`, or `614` without a noun.
    fn n(&self, v: f64) -> String {
        self.with_noun(count(v))
    }

    fn with_noun(&self, s: String) -> String {
        if self.noun.is_empty() {
            s
        } else {
            format!("{s} {}", self.noun)
        }
    }

    /// Where the straight path stood at the last report; none once the deadline has passed,
    /// when all of the target was due and the path's old waypoint would read as what is asked.
    fn expected(&self) -> Option<f64> {
        self.as_of.filter(|_| self.today <= self.deadline).map(|a| path_value(self.from, self.deadline, self.target, a))
    }
}

fn count(v: f64) -> String {
    int(v.max(0.0).round() as u64)
}

fn ratio_text(v: f64, ratio: Option<(u64, u64)>) -> String {
    match ratio {
        Some((d, o)) => format!("{} ({}/{})", percent(v), int(d), int(o)),
        None => percent(v),
    }
}

/// A raw value for `data-*`: whole numbers as integers, others to four decimals; stable text so
/// the output is byte-for-byte reproducible.
fn raw(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x.abs() >= 1e15 {
        return format!("{x}");
    }
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        "0".to_string()
    } else {
        format!("{r}")
    }
}

fn esc(s: &str) -> String {
    crate::text::escape_xml(s)
}

/// An id prefix that is a valid XML name: ASCII letters, digits, `-`, `_`, starting with a letter.
fn clean_id(id: &str) -> String {
    let s: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s
    } else {
        format!("c{s}")
    }
}

/// Greedy word wrap by character count. Real widths are unknowable without the reader's font,
/// so `max` is chosen for the widest likely sans-serif rather than measured.
fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut len = 0;
    for word in s.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        for chunk in chars.chunks(max) {
            if len > 0 && len + 1 + chunk.len() > max {
                lines.push(std::mem::take(&mut cur));
                len = 0;
            }
            if len > 0 {
                cur.push(' ');
                len += 1;
            }
            cur.extend(chunk);
            len += chunk.len();
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// Colours. Text colours are at least 4.5:1 on white and mark colours at least 3:1 (the tests
// check both). White only ever sits on a filled mark: hatch stripes, a tick, a hollow point.

const INK: RGBColor = RGBColor(0x1F, 0x29, 0x37);
const MUTED: RGBColor = RGBColor(0x4B, 0x55, 0x63);
const WARN: RGBColor = RGBColor(0xB9, 0x1C, 0x1C);
const BAR: RGBColor = RGBColor(0x1D, 0x4E, 0xD8);
const BEHIND: RGBColor = RGBColor(0xB4, 0x53, 0x09);
const TARGET: RGBColor = RGBColor(0x11, 0x18, 0x27);
const PATH: RGBColor = RGBColor(0x4B, 0x55, 0x63);
const PROJ: RGBColor = RGBColor(0x7E, 0x22, 0xCE);
const EDGE: RGBColor = RGBColor(0x6B, 0x72, 0x80);
const WHITE: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn fill(c: RGBColor) -> ShapeStyle {
    c.filled()
}

fn stroke(c: RGBColor, w: u32) -> ShapeStyle {
    c.stroke_width(w)
}

// ---------------------------------------------------------------------------------------------
// Layout. A 320-unit-wide viewBox with 13-unit text reads at about 13px on a 360px phone, where a
// chart spans the column; wider viewBoxes shrank the labels below what elderly readers manage.

const W: i32 = 320;
const PAD: i32 = 8;
const LINE: i32 = 17;
/// Characters per full-width line of 13-unit text: 304 units at up to 0.62em a letter (bold, or a
/// wide face such as Verdana) still fits.
const CHARS: usize = 38;
/// Characters per line beside a legend swatch or a milestone box.
const LEGEND_CHARS: usize = 35;
/// A sans-serif face, named on the root `<svg>`: a standalone `.svg` file opened on its own has
/// no page to inherit a font from and would otherwise render in a serif. The system's own face
/// first, as the theme's body text; short, since every chart of a province's dashboard says it.
const FONT: &str = "system-ui, sans-serif";
const DASH: &str = "6 4";
const DOT: &str = "2 3";

/// A data rectangle mapped onto a pixel rectangle. Logical ranges are never empty or infinite,
/// and points are clamped into them, so plotters' `f64 → i32` mapping cannot overflow.
#[derive(Clone)]
struct Frame {
    x: (f64, f64),
    y: (f64, f64),
    px: (i32, i32),
    /// Top then bottom, in pixels; the low end of `y` is drawn at the bottom.
    py: (i32, i32),
}

fn span(lo: f64, hi: f64) -> (f64, f64) {
    let lo = if lo.is_finite() { lo } else { 0.0 };
    let hi = if hi.is_finite() && hi > lo { hi } else { lo + 1.0 };
    (lo, hi)
}

fn fit(v: f64, (lo, hi): (f64, f64)) -> f64 {
    if v.is_nan() {
        lo
    } else {
        v.clamp(lo, hi)
    }
}

impl Frame {
    fn new(x: (f64, f64), y: (f64, f64), px: (i32, i32), py: (i32, i32)) -> Frame {
        Frame { x: span(x.0, x.1), y: span(y.0, y.1), px, py }
    }

    /// A box whose logical units are its own pixels, for legend swatches and symbols.
    fn pixels(x: i32, y: i32, w: i32, h: i32) -> Frame {
        Frame::new((0.0, f64::from(w)), (0.0, f64::from(h)), (x, x + w), (y, y + h))
    }

    fn coord(&self) -> Cartesian2d<RangedCoordf64, RangedCoordf64> {
        // A bottom-to-top pixel range puts the low end of `y` at the bottom, as ChartBuilder does.
        Cartesian2d::new(self.x.0..self.x.1, self.y.0..self.y.1, (self.px.0..self.px.1, self.py.1..self.py.0))
    }

    fn fit(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (fit(x, self.x), fit(y, self.y))
    }

    fn at(&self, p: (f64, f64)) -> (i32, i32) {
        self.coord().translate(&self.fit(p))
    }
}

type Area<'b> = DrawingArea<SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// plotters' drawing calls with every point clamped into the frame first.
struct Pen<'a, 'b> {
    area: &'a Area<'b>,
    frame: &'a Frame,
}

// A string-backed SVGBackend does no I/O and so cannot fail; the results are dropped.
impl Pen<'_, '_> {
    fn rect(&self, a: (f64, f64), b: (f64, f64), style: ShapeStyle) {
        self.area.draw(&Rectangle::new([self.frame.fit(a), self.frame.fit(b)], style)).ok();
    }

    fn line(&self, pts: &[(f64, f64)], style: ShapeStyle) {
        let pts: Vec<(f64, f64)> = pts.iter().map(|p| self.frame.fit(*p)).collect();
        self.area.draw(&PathElement::new(pts, style)).ok();
    }

    fn dot(&self, c: (f64, f64), r: i32, style: ShapeStyle) {
        self.area.draw(&Circle::new(self.frame.fit(c), r, style)).ok();
    }
}

/// The document being built: our own elements interleaved with plotters' output.
struct Svg {
    id: String,
    body: String,
    hatch: bool,
}

/// plotters clips marks to the backend's size; ours is only known at the end, so this is a bound
/// no chart reaches (a thousand units would be ~50 000 units tall).
const CANVAS_H: u32 = 1 << 20;

impl Svg {
    fn new(id: &str) -> Svg {
        Svg { id: clean_id(id), body: String::new(), hatch: false }
    }

    /// Runs plotters on a fresh string backend and keeps what it drew, without its `<svg>`
    /// wrapper; with `attrs`, inside a `<g>` carrying them (data values, dash arrays).
    fn marks(&mut self, frame: &Frame, attrs: &[(&str, String)], draw: impl FnOnce(&Pen)) {
        if !attrs.is_empty() {
            self.open(attrs);
        }
        // Drawn onto the end of the body, then its wrapper cut out: a province's progress page
        // has 12,000 of these, and a buffer for each was a tenth of its charts' time.
        let start = self.body.len();
        {
            let root = SVGBackend::with_string(&mut self.body, (W as u32, CANVAS_H)).into_drawing_area();
            let area = root.apply_coord_spec(frame.coord());
            draw(&Pen { area: &area, frame });
        }
        if let Some(head) = self.body[start..].find('\n') {
            self.body.replace_range(start..=start + head, "");
        }
        if self.body.ends_with("</svg>\n") {
            self.body.truncate(self.body.len() - "</svg>\n".len());
        }
        if !attrs.is_empty() {
            self.close();
        }
    }

    fn open(&mut self, attrs: &[(&str, String)]) {
        self.body.push_str("<g");
        for (k, v) in attrs {
            self.body.push(' ');
            self.body.push_str(k);
            self.body.push_str("=\"");
            crate::text::push_xml(&mut self.body, v);
            self.body.push('"');
        }
        self.body.push_str(">\n");
    }

    fn close(&mut self) {
        self.body.push_str("</g>\n");
    }

    /// One line of text; `attrs` adds anchor, weight, colour.
    fn text(&mut self, x: i32, y: i32, attrs: &str, s: &str) {
        use std::fmt::Write;
        let _ = write!(self.body, "<text x=\"{x}\" y=\"{y}\"{attrs}>");
        crate::text::push_xml(&mut self.body, s);
        self.body.push_str("</text>\n");
    }

    /// Wrapped text from `top`, one `<text>` per line; returns the height used.
    fn para(&mut self, x: i32, top: i32, max: usize, attrs: &str, s: &str) -> i32 {
        let lines = wrap(s, max);
        for (i, l) in lines.iter().enumerate() {
            self.text(x, top + 13 + LINE * i as i32, attrs, l);
        }
        LINE * lines.len() as i32
    }

    /// A stripe overlay on a pixel rectangle, so "behind" never rests on colour alone.
    fn hatch(&mut self, a: (i32, i32), b: (i32, i32)) {
        self.hatch = true;
        let (x0, x1) = (a.0.min(b.0), a.0.max(b.0));
        let (y0, y1) = (a.1.min(b.1), a.1.max(b.1));
        if x1 > x0 && y1 > y0 {
            self.body.push_str(&format!(
                "<rect x=\"{x0}\" y=\"{y0}\" width=\"{}\" height=\"{}\" fill=\"url(#{}-hatch)\"/>\n",
                x1 - x0,
                y1 - y0,
                self.id
            ));
        }
    }

    /// A legend row: a 20×14 swatch, then wrapped text; returns the height used.
    /// The legend of the hatched bar of an indicator behind (its path, or its deadline), with
    /// its height; nothing of one that is not.
    fn behind_legend(&mut self, top: i32, st: Standing) -> i32 {
        let s = match st {
            Standing::TreHan => "Sọc chéo: đã quá hạn mà chưa đạt",
            Standing::ChamTienDo => "Sọc chéo: chậm so với lộ trình",
            Standing::DaDat | Standing::CoNguyCoTreHan | Standing::DungTienDo | Standing::ChuaCoSoLieu => return 0,
        };
        self.legend(top, Swatch::Bar(BEHIND, true), "", s)
    }

    fn legend(&mut self, top: i32, swatch: Swatch, attrs: &str, s: &str) -> i32 {
        let f = Frame::pixels(PAD, top + 2, 20, 14);
        match swatch {
            Swatch::Line(c, w, dash) => {
                self.marks(&f, &dashed(dash), |p| p.line(&[(0.0, 7.0), (20.0, 7.0)], stroke(c, w)));
            }
            Swatch::Tick(c, w, dash) => {
                self.marks(&f, &dashed(dash), |p| p.line(&[(10.0, 0.0), (10.0, 14.0)], stroke(c, w)));
            }
            Swatch::Bar(c, hatched) => {
                self.marks(&f, &[], |p| p.rect((0.0, 2.0), (20.0, 12.0), fill(c)));
                if hatched {
                    let (a, b) = (f.at((0.0, 2.0)), f.at((20.0, 12.0)));
                    self.hatch(a, b);
                }
            }
            Swatch::Point(c) => {
                self.marks(&f, &[], |p| {
                    p.line(&[(0.0, 7.0), (20.0, 7.0)], stroke(c, 3));
                    p.dot((10.0, 7.0), 4, fill(c));
                });
            }
        }
        self.para(PAD + 28, top, LEGEND_CHARS, attrs, s).max(LINE) + 2
    }

    fn finish(self, height: i32, title: &str, desc: &str) -> String {
        let id = &self.id;
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {height}\" width=\"100%\" role=\"img\" \
             aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\" font-size=\"13\" fill=\"{}\">\n\
             <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
            hex(INK),
            esc(title),
            esc(desc)
        );
        if self.hatch {
            out.push_str(&format!(
                "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
                 patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\" fill=\"{}\"/></pattern></defs>\n",
                hex(WHITE)
            ));
        }
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

#[derive(Clone, Copy)]
enum Swatch {
    /// A horizontal line: a series.
    Line(RGBColor, u32, Option<&'static str>),
    /// A vertical tick: a mark across bars.
    Tick(RGBColor, u32, Option<&'static str>),
    Bar(RGBColor, bool),
    /// A line with a dot: the reported points.
    Point(RGBColor),
}

const BOLD: &str = " font-weight=\"700\"";

/// plotters cannot dash a line; an inherited `stroke-dasharray` on a wrapping group can.
fn dashed(dash: Option<&'static str>) -> Vec<(&'static str, String)> {
    dash.map(|d| ("stroke-dasharray", d.to_string())).into_iter().collect()
}

fn colour(c: RGBColor) -> String {
    format!(" fill=\"{}\"", hex(c))
}

/// A horizontal bar across a band: the track, the value (hatched when behind) inside a group
/// carrying `data`, and vertical marks across the whole band.
struct Bar {
    value: Option<f64>,
    behind: bool,
    /// (position, colour, width, dash)
    marks: Vec<(f64, RGBColor, u32, Option<&'static str>)>,
    data: Vec<(&'static str, String)>,
}

fn draw_bar(svg: &mut Svg, frame: &Frame, band: f64, inset: f64, bar: &Bar) {
    let (lo, hi) = (inset, band - inset);
    let max = frame.x.1;
    // An outline rather than a tinted track: the edge is what meets 3:1, a fill would only add bytes.
    svg.marks(frame, &[], |p| p.rect((0.0, lo), (max, hi), stroke(EDGE, 1)));
    svg.open(&bar.data);
    if let Some(v) = bar.value {
        let c = if bar.behind { BEHIND } else { BAR };
        svg.marks(frame, &[], |p| p.rect((0.0, lo), (v.max(0.0), hi), fill(c)));
        if bar.behind {
            let (a, b) = (frame.at((0.0, lo)), frame.at((v.max(0.0), hi)));
            svg.hatch(a, b);
        }
    }
    svg.close();
    for (x, c, w, dash) in &bar.marks {
        // Over the filled bar a mark gets a white halo: a dark dash on the blue is 1.1:1, on
        // white 7:1, and white on the bar 6:1 (WCAG 1.4.11 wants 3:1). Past the bar's end the
        // background is white already.
        if bar.value.is_some_and(|v| v > *x) {
            svg.marks(frame, &[], |p| p.line(&[(*x, 0.0), (*x, band)], stroke(WHITE, *w + 2)));
        }
        svg.marks(frame, &dashed(*dash), |p| p.line(&[(*x, 0.0), (*x, band)], stroke(*c, *w)));
    }
}

// ---------------------------------------------------------------------------------------------
// overall

fn overall_count(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    let expected = d.expected();
    let st = d.standing;
    let share = d.value.filter(|_| d.target > 0.0).map(|v| v * 100.0 / d.target);

    // A share of a base: the plan's terms first, so that the share of the target below is not
    // read as coverage.
    let covered = d.value.and_then(|v| d.covers(v, d.coverage.as_ref().map(|c| c.0)));
    let goal = d.coverage.as_ref().map(|c| c.2.as_str()).unwrap_or_default();
    let headline = match (d.value, share, &covered) {
        (None, ..) => "Chưa có số liệu".to_string(),
        (Some(_), _, Some(c)) => format!("Đạt {c} — chỉ tiêu {goal}"),
        (Some(v), Some(s), None) => format!("{}/{} — {}", count(v), d.n(d.target), percent(s)),
        (Some(v), None, None) => d.n(v),
    };
    let mut y = 4;
    y += svg.para(PAD, y, LEGEND_CHARS, BOLD, &headline);
    if let (Some(v), Some(s), Some(_)) = (d.value, share, &covered) {
        let counts = format!("{}/{}, bằng {} chỉ tiêu", count(v), d.n(d.target), percent(s));
        y += svg.para(PAD, y, LEGEND_CHARS, "", &counts);
    }
    let status = match d.value {
        None => format!("Hạn {}", date(d.deadline)),
        Some(_) => format!("{} · hạn {}", st.label(), date(d.deadline)),
    };
    y += svg.para(PAD, y, CHARS, &colour(MUTED), &status) + 6;

    let max = [d.target, d.value.unwrap_or(0.0), expected.unwrap_or(0.0)].into_iter().fold(0.0_f64, f64::max);
    let max = if max > 0.0 { max } else { 1.0 };
    let band = 36;
    let frame = Frame::new((0.0, max), (0.0, f64::from(band)), (PAD, W - PAD), (y, y + band));
    let mut data: Vec<(&str, String)> = d.value.map(|v| ("data-value", raw(v))).into_iter().collect();
    data.push(("data-target", raw(d.target)));
    if let Some(e) = expected {
        data.push(("data-expected", raw(e)));
    }
    if let Some(s) = share {
        data.push(("data-share", raw(s)));
    }
    let mut marks = Vec::new();
    if let Some(e) = expected {
        marks.push((e, PATH, 2, Some(DASH)));
    }
    marks.push((d.target, TARGET, 3, None));
    let bar = Bar { value: d.value, behind: st.is_behind(), marks, data };
    draw_bar(&mut svg, &frame, f64::from(band), 6.0, &bar);
    y += band + 8;

    y += svg.behind_legend(y, st);
    if let (Some(e), Some(a)) = (expected, d.as_of) {
        y += svg.legend(y, Swatch::Tick(PATH, 2, Some(DASH)), "", &format!("Lộ trình: đến {} cần {}", date(a), d.n(e)));
    }
    y += svg.legend(y, Swatch::Tick(TARGET, 3, None), "", &format!("Chỉ tiêu: {}", d.n(d.target)));

    let mut desc = match (d.value, share, &covered) {
        (None, ..) => format!("Chưa có số liệu. Chỉ tiêu {}.", d.n(d.target)),
        (Some(v), Some(s), Some(c)) => format!(
            "Đạt {c}, chỉ tiêu {goal}: {} trên {} cần đạt, bằng {} chỉ tiêu.",
            count(v),
            d.n(d.target),
            percent(s)
        ),
        (Some(v), Some(s), None) => {
            format!("Đã đạt {} trên chỉ tiêu {}, bằng {}.", count(v), d.n(d.target), percent(s))
        }
        (Some(v), None, _) => format!("Đã đạt {}, chỉ tiêu {}.", d.n(v), d.n(d.target)),
    };
    if let (Some(e), Some(a), Some(_)) = (expected, d.as_of, d.value) {
        desc.push_str(&format!(" Theo lộ trình, đến {} cần đạt {}.", date(a), d.n(e)));
    }
    if d.value.is_some() {
        desc.push_str(&format!(" {}.", st.label()));
    }
    desc.push_str(&format!(" Hạn hoàn thành {}.", date(d.deadline)));
    svg.finish(y + 4, &format!("{}: tổng số so với chỉ tiêu", d.name), &desc)
}

fn overall_ratio(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    let reached = d.value.is_some_and(|v| v >= d.target - EPS);
    let headline = match d.value {
        None => "Chưa có số liệu".to_string(),
        Some(v) => format!("{} — chỉ tiêu {}", ratio_text(v, d.ratio), percent(d.target)),
    };
    let status = match d.value {
        None => format!("Hạn {}", date(d.deadline)),
        Some(_) => format!("{} · hạn {}", d.standing.label(), date(d.deadline)),
    };
    let mut y = 4;
    y += svg.para(PAD, y, LEGEND_CHARS, BOLD, &headline);
    y += svg.para(PAD, y, CHARS, &colour(MUTED), &status) + 6;

    let max = [100.0, d.target, d.value.unwrap_or(0.0)].into_iter().fold(0.0_f64, f64::max);
    let band = 36;
    let frame = Frame::new((0.0, max), (0.0, f64::from(band)), (PAD, W - PAD), (y, y + band));
    let mut data: Vec<(&str, String)> = d.value.map(|v| ("data-value", raw(v))).into_iter().collect();
    data.push(("data-target", raw(d.target)));
    if let Some((done, of)) = d.ratio {
        data.push(("data-done", done.to_string()));
        data.push(("data-of", of.to_string()));
    }
    let bar = Bar { value: d.value, behind: d.standing.is_behind(), marks: vec![(d.target, TARGET, 3, None)], data };
    draw_bar(&mut svg, &frame, f64::from(band), 6.0, &bar);
    y += band + 8;
    y += svg.behind_legend(y, d.standing);
    y += svg.legend(y, Swatch::Tick(TARGET, 3, None), "", &format!("Chỉ tiêu: tối thiểu {}", percent(d.target)));

    let desc = match d.value {
        None => format!("Chưa có số liệu. Chỉ tiêu tối thiểu {}, hạn {}.", percent(d.target), date(d.deadline)),
        Some(v) => {
            let parts = d.ratio.map(|(a, b)| format!(" ({} trên {})", int(a), int(b))).unwrap_or_default();
            format!(
                "Tỷ lệ hiện tại {}{parts}, chỉ tiêu tối thiểu {}: {}. Hạn hoàn thành {}.",
                percent(v),
                percent(d.target),
                if reached { "đã đạt chỉ tiêu" } else { "chưa đạt chỉ tiêu" },
                date(d.deadline)
            )
        }
    };
    svg.finish(y + 4, &format!("{}: tỷ lệ so với chỉ tiêu", d.name), &desc)
}

/// A 24×24 box: filled with a tick when done, empty when not.
fn milestone_box(svg: &mut Svg, x: i32, y: i32, done: Option<bool>, data: Vec<(&'static str, String)>) {
    let f = Frame::pixels(x, y, 24, 24);
    svg.marks(&f, &data, |p| match done {
        Some(true) => {
            p.rect((0.0, 0.0), (24.0, 24.0), fill(BAR));
            p.line(&[(5.0, 12.0), (10.0, 6.0), (19.0, 18.0)], stroke(WHITE, 3));
        }
        _ => p.rect((1.0, 1.0), (23.0, 23.0), stroke(EDGE, 2)),
    });
}

fn milestone_words(d: &Data) -> (String, bool) {
    let done = d.value.is_some_and(|v| v >= 1.0 - EPS);
    let s = match (d.value, done, d.done_on) {
        (None, _, _) => "Chưa có số liệu".to_string(),
        (_, true, Some(on)) => match d.done_late {
            Some(n) => format!("{} ngày {}, trễ hạn {} ngày", done_word(true), date(on), int(n.unsigned_abs())),
            None => format!("{} ngày {}", done_word(true), date(on)),
        },
        (_, done, _) => done_word(done).to_string(),
    };
    (s, done)
}

fn overdue(d: &Data, done: bool) -> bool {
    !done && d.today > d.deadline
}

fn overall_milestone(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    let (words, done) = milestone_words(d);
    let mut data: Vec<(&str, String)> =
        d.value.map(|_| ("data-value", if done { "1" } else { "0" }.to_string())).into_iter().collect();
    if let Some(on) = d.done_on.filter(|_| done) {
        data.push(("data-done-on", iso(on)));
    }
    milestone_box(&mut svg, PAD, 8, d.value.map(|_| done), data);
    let h1 = svg.para(PAD + 34, 4, LEGEND_CHARS, BOLD, &words);
    let due = if overdue(d, done) {
        format!("Đã quá hạn {}", date(d.deadline))
    } else {
        format!("Hạn {}", date(d.deadline))
    };
    let attrs = if overdue(d, done) { format!("{}{BOLD}", colour(WARN)) } else { colour(MUTED) };
    let h2 = svg.para(PAD + 34, 4 + h1, LEGEND_CHARS, &attrs, &due);
    let y = (4 + h1 + h2).max(40);
    let desc = format!("{}: {}. {}.", d.name, lower_first(&words), due);
    svg.finish(y + 6, &format!("{}: mốc hoàn thành", d.name), &desc)
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// per unit

struct Row<'a> {
    unit: &'a Unit,
    target: Option<f64>,
    /// Percent of the unit's own target (counts) or the unit's percent (ratios).
    share: Option<f64>,
}

fn per_unit_bars(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    let ratio = d.kind == Kind::Ratio;
    // The straight path asks every unit for the same fraction of its own target.
    // Past the deadline every unit owed all of its target.
    let expected_share = match d.as_of {
        _ if ratio => None,
        Some(_) if d.today > d.deadline => Some(100.0),
        a => a.map(|a| path_value(d.from, d.deadline, 100.0, a)),
    };
    let rows: Vec<Row> = d
        .units
        .iter()
        .map(|u| {
            let target = if ratio { Some(u.target.unwrap_or(d.target)) } else { u.target.filter(|t| *t > 0.0) };
            let share = match (u.value, target) {
                (Some(v), Some(_)) if ratio => Some(v),
                (Some(v), Some(t)) => Some(v * 100.0 / t),
                _ => None,
            };
            Row { unit: u, target, share }
        })
        .collect();
    let group = |r: &Row| match (r.share, r.target) {
        (Some(_), _) => 0,
        (None, Some(_)) => 1,
        (None, None) => 2,
    };
    let mut rows = rows;
    rows.sort_by(|a, b| {
        group(a)
            .cmp(&group(b))
            .then_with(|| b.share.unwrap_or(0.0).total_cmp(&a.share.unwrap_or(0.0)))
            .then_with(|| a.unit.name.cmp(&b.unit.name))
    });
    let behind = |r: &Row| match r.share {
        Some(s) if ratio => s + EPS < d.target,
        Some(s) => s < 100.0 - EPS && expected_share.is_some_and(|e| s + EPS < e),
        None => false,
    };

    let mut y = 4;
    let mut desc = Vec::new();
    if rows.is_empty() {
        y += svg.para(PAD, y, CHARS, &colour(MUTED), "Chưa có số liệu theo từng đơn vị.");
        desc.push("Chưa có số liệu theo từng đơn vị.".to_string());
    } else {
        let target_mark = if ratio { d.target } else { 100.0 };
        if ratio {
            y +=
                svg.legend(y, Swatch::Tick(TARGET, 3, None), "", &format!("Chỉ tiêu: tối thiểu {}", percent(d.target)));
            desc.push(format!("Tỷ lệ của từng đơn vị, chỉ tiêu tối thiểu {}.", percent(d.target)));
        } else {
            y += svg.legend(y, Swatch::Tick(TARGET, 3, None), "", "Vạch liền: 100% chỉ tiêu của đơn vị");
            desc.push("Tỷ lệ đạt so với chỉ tiêu riêng của từng đơn vị.".to_string());
            if d.today > d.deadline {
                desc.push(format!("Đã hết hạn {}: mỗi đơn vị cần đạt đủ chỉ tiêu của mình.", date(d.deadline)));
            } else if let (Some(e), Some(a)) = (expected_share, d.as_of) {
                y += svg.legend(
                    y,
                    Swatch::Tick(PATH, 2, Some(DASH)),
                    "",
                    &format!("Vạch đứt: lộ trình đến {} ({})", date(a), percent(e)),
                );
                desc.push(format!(
                    "Theo lộ trình, đến {} mỗi đơn vị cần đạt {} chỉ tiêu của mình.",
                    date(a),
                    percent(e)
                ));
            }
        }
        if rows.iter().any(behind) {
            let s = if ratio {
                "Sọc chéo: chưa đạt chỉ tiêu"
            } else {
                "Sọc chéo: chậm so với lộ trình"
            };
            y += svg.legend(y, Swatch::Bar(BEHIND, true), "", s);
        }
        y += 6;

        let top_share = rows.iter().filter_map(|r| r.share).fold(0.0_f64, f64::max);
        // Room for a unit well past its target, but one outlier must not squash every other bar.
        let max = top_share.clamp(100.0, 150.0);
        let band = 22;
        for r in &rows {
            let u = r.unit;
            let late = behind(r);
            let (label, said) = match (u.value, r.target, r.share) {
                (Some(v), Some(_), Some(_)) if ratio => {
                    let t = ratio_text(v, u.ratio);
                    let shown = format!("{}: {t}{}", u.name, if late { " — chưa đạt" } else { "" });
                    (shown, format!("{}: {t}{}", u.name, if late { ", chưa đạt chỉ tiêu" } else { "" }))
                }
                (Some(v), Some(t), Some(s)) => {
                    let (shown, said) = match d.covers(v, u.base) {
                        Some(c) => (
                            format!("{}: đạt {c} — {}/{}, {} chỉ tiêu", u.name, count(v), d.n(t), percent(s)),
                            format!("{}: đạt {c}, {} trên {}, bằng {} chỉ tiêu", u.name, count(v), d.n(t), percent(s)),
                        ),
                        None => (
                            format!("{}: {}/{} — {}", u.name, count(v), d.n(t), percent(s)),
                            format!("{}: {} trên {}, bằng {}", u.name, count(v), d.n(t), percent(s)),
                        ),
                    };
                    if late {
                        (format!("{shown} — chậm"), format!("{said}, chậm tiến độ"))
                    } else {
                        (shown, said)
                    }
                }
                (None, Some(t), _) if !ratio => {
                    let s = format!("{}: chưa có số liệu (chỉ tiêu {})", u.name, d.n(t));
                    (s.clone(), s)
                }
                (Some(v), None, _) => {
                    let s = format!("{}: {} (chưa giao chỉ tiêu riêng)", u.name, d.n(v));
                    (s.clone(), s)
                }
                _ => {
                    let s = format!("{}: chưa có số liệu", u.name);
                    (s.clone(), s)
                }
            };
            desc.push(format!("{said}."));
            y += svg.para(PAD, y, CHARS, if late { BOLD } else { "" }, &label);
            let Some(t) = r.target else {
                let mut data = vec![("data-unit", u.name.clone())];
                data.extend(u.value.map(|v| ("data-value", raw(v))));
                svg.open(&data);
                svg.close();
                y += 6;
                continue;
            };
            let frame = Frame::new((0.0, max), (0.0, f64::from(band)), (PAD, W - PAD), (y, y + band));
            let mut data = vec![("data-unit", u.name.clone())];
            if let Some(v) = u.value {
                data.push(("data-value", raw(v)));
            }
            data.push(("data-target", raw(t)));
            if let Some(s) = r.share {
                data.push(("data-share", raw(s)));
            }
            let status = match (u.value, r.share) {
                (None, _) => "chua-co-so-lieu",
                (_, Some(s)) if s >= target_mark - EPS => "da-dat",
                _ if late && ratio => "chua-dat",
                _ if late => "cham",
                _ => "dung",
            };
            data.push(("data-status", status.to_string()));
            let mut marks = Vec::new();
            if let Some(e) = expected_share {
                marks.push((e, PATH, 2, Some(DASH)));
            }
            marks.push((target_mark, TARGET, 3, None));
            let bar = Bar { value: r.share.map(|s| s.min(max)), behind: late, marks, data };
            draw_bar(&mut svg, &frame, f64::from(band), 4.0, &bar);
            y += band + 8;
        }
    }
    svg.finish(y + 2, &format!("{}: theo từng đơn vị", d.name), &desc.join(" "))
}

fn per_unit_milestone(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    let mut rows: Vec<&Unit> = d.units.iter().collect();
    let done = |u: &Unit| u.value.is_some_and(|v| v >= 1.0 - EPS);
    rows.sort_by(|a, b| done(b).cmp(&done(a)).then_with(|| a.name.cmp(&b.name)));
    let mut y = 4;
    let mut desc = Vec::new();
    if rows.is_empty() {
        y += svg.para(PAD, y, CHARS, &colour(MUTED), "Chưa có số liệu theo từng đơn vị.");
        desc.push("Chưa có số liệu theo từng đơn vị.".to_string());
    }
    for u in rows {
        let words = match u.value {
            None => "chưa có số liệu".to_string(),
            Some(_) => done_word(done(u)).to_lowercase(),
        };
        let mut data = vec![("data-unit", u.name.clone())];
        data.extend(u.value.map(|_| ("data-value", if done(u) { "1" } else { "0" }.to_string())));
        milestone_box(&mut svg, PAD, y + 2, u.value.map(|_| done(u)), data);
        let h = svg.para(PAD + 34, y + 4, LEGEND_CHARS, "", &format!("{}: {words}", u.name));
        desc.push(format!("{}: {words}.", u.name));
        y += h.max(28) + 6;
    }
    svg.finish(y + 2, &format!("{}: theo từng đơn vị", d.name), &desc.join(" "))
}

// ---------------------------------------------------------------------------------------------
// over time

const PLOT_TOP: i32 = 26;
const PLOT_H: i32 = 140;

fn day(d: NaiveDate, origin: NaiveDate) -> f64 {
    (d - origin).num_days() as f64
}

/// The dates the x axis must show: the period, every report, and the deadline.
fn x_span(d: &Data, extra: &[NaiveDate]) -> (NaiveDate, NaiveDate) {
    let dates = [d.from, d.deadline].into_iter().chain(d.history.iter().map(|(x, _)| *x)).chain(extra.iter().copied());
    let lo = dates.clone().min().unwrap_or(d.from);
    let hi = dates.max().unwrap_or(d.deadline);
    (lo, hi)
}

/// Start and end dates under the x axis; when the deadline is not the end, its line and, on a
/// row of its own so it can collide with nothing, its date. Returns the height used.
fn date_axis(svg: &mut Svg, frame: &Frame, lo: NaiveDate, hi: NaiveDate, deadline: NaiveDate, y: i32) -> i32 {
    svg.text(PAD, y, &colour(MUTED), &date(lo));
    if hi > lo {
        svg.text(W - PAD, y, &format!(" text-anchor=\"end\"{}", colour(MUTED)), &date(hi));
    }
    if deadline == hi || deadline <= lo {
        return LINE;
    }
    let x = day(deadline, lo);
    svg.marks(frame, &[("stroke-dasharray", DOT.to_string())], |p| {
        p.line(&[(x, frame.y.0), (x, frame.y.1)], stroke(MUTED, 1))
    });
    let (px, _) = frame.at((x, frame.y.0));
    svg.text(px, y + LINE, &format!("{}{}", anchor(px), colour(MUTED)), &format!("Hạn {}", date(deadline)));
    2 * LINE
}

/// Anchors a label under a point so it stays inside the viewBox.
fn anchor(px: i32) -> &'static str {
    if px < W / 3 {
        ""
    } else if px > 2 * W / 3 {
        " text-anchor=\"end\""
    } else {
        " text-anchor=\"middle\""
    }
}

fn points(svg: &mut Svg, frame: &Frame, d: &Data, lo: NaiveDate) {
    let pts: Vec<(f64, f64)> = d.history.iter().map(|(x, v)| (day(*x, lo), *v)).collect();
    if pts.len() > 1 {
        svg.marks(frame, &[("data-series", "da-dat".to_string())], |p| p.line(&pts, stroke(BAR, 3)));
    }
    for (x, v) in &d.history {
        let data = vec![("data-date", iso(*x)), ("data-value", raw(*v))];
        svg.marks(frame, &data, |p| p.dot((day(*x, lo), *v), 4, fill(BAR)));
    }
}

fn over_time_count(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    // The same projection, from the same figures, as the status was decided by.
    let proj = projection(&d.history, d.from, d.target, d.deadline);
    // Show a late arrival too, when it is near enough not to squash the reported part.
    let (lo, hi) = x_span(d, &[]);
    let hi = match proj.reaches_on {
        Some(r) if !proj.reached && r > hi && r - hi <= hi - lo => r,
        _ => hi,
    };
    let top = d.history.iter().map(|(_, v)| *v).fold(d.target, f64::max);
    let top = if top > 0.0 { top } else { 1.0 };
    let frame = Frame::new((0.0, day(hi, lo)), (0.0, top), (PAD, W - PAD), (PLOT_TOP, PLOT_TOP + PLOT_H));

    axis_and_target(&mut svg, &frame, d.target, &format!("Chỉ tiêu: {}", d.n(d.target)));

    let path = [(day(d.from, lo), 0.0), (day(d.deadline, lo), d.target)];
    let path_data = vec![
        ("data-series", "lo-trinh".to_string()),
        ("data-from", iso(d.from)),
        ("data-deadline", iso(d.deadline)),
        ("data-target", raw(d.target)),
        ("stroke-dasharray", DASH.to_string()),
    ];
    svg.marks(&frame, &path_data, |p| p.line(&path, stroke(PATH, 2)));

    let last = d.history.last().copied();
    if let (Some((d1, v1)), Some(rate)) = (last, proj.rate_per_day.filter(|_| !proj.reached)) {
        // Drawn up to the day it reaches the target, or to the end of the axis if later.
        let end = match proj.reaches_on {
            Some(r) if r < hi => r,
            _ => hi,
        };
        if end > d1 {
            let v_end = (v1 + rate * day(end, d1)).min(d.target.max(v1));
            let mut data = vec![("data-series", "du-bao".to_string()), ("data-rate", raw(rate))];
            if let Some(r) = proj.reaches_on {
                data.push(("data-reaches-on", iso(r)));
            }
            data.push(("data-before-deadline", proj.before_deadline.to_string()));
            data.push(("stroke-dasharray", DOT.to_string()));
            svg.marks(&frame, &data, |p| p.line(&[(day(d1, lo), v1), (day(end, lo), v_end)], stroke(PROJ, 2)));
        }
    }
    points(&mut svg, &frame, d, lo);

    let mut y = PLOT_TOP + PLOT_H + 16;
    y += date_axis(&mut svg, &frame, lo, hi, d.deadline, y) - 7;

    let latest = match last {
        Some((d1, v1)) => format!("Đã đạt (cộng dồn): {} ngày {}", d.n(v1), date(d1)),
        None => "Đã đạt (cộng dồn): chưa có số liệu".to_string(),
    };
    y += svg.legend(y, Swatch::Point(BAR), "", &latest);
    let path_words =
        format!("Lộ trình đều: từ 0 ngày {} đến {} ngày {}", date(d.from), d.n(d.target), date(d.deadline));
    y += svg.legend(y, Swatch::Line(PATH, 2, Some(DASH)), "", &path_words);
    let (proj_words, warn) = projection_words(d, &proj, last.map(|(x, _)| x));
    let attrs = if warn { format!("{}{BOLD}", colour(WARN)) } else { String::new() };
    y += svg.legend(y, Swatch::Line(PROJ, 2, Some(DOT)), &attrs, &proj_words);

    let mut desc = Vec::new();
    if d.history.is_empty() {
        desc.push("Chưa có số liệu báo cáo.".to_string());
    } else {
        let pts: Vec<String> = d.history.iter().map(|(x, v)| format!("ngày {} đạt {}", date(*x), d.n(*v))).collect();
        desc.push(format!("Số đã đạt cộng dồn theo từng lần báo cáo: {}.", pts.join("; ")));
    }
    desc.push(format!(
        "Lộ trình đều đi từ 0 ngày {} đến chỉ tiêu {} ngày {}.",
        date(d.from),
        d.n(d.target),
        date(d.deadline)
    ));
    desc.push(format!("{proj_words}."));
    svg.finish(y + 2, &format!("{}: diễn biến theo thời gian", d.name), &desc.join(" "))
}

/// The projection in words, and whether it is a warning.
fn projection_words(d: &Data, p: &Projection, last: Option<NaiveDate>) -> (String, bool) {
    let rate = |r: f64| format!("{} {}/ngày", decimal(r), if d.noun.is_empty() { "đơn vị" } else { &d.noun });
    let window = rate_window(p);
    // Once the deadline has passed, "will not reach it in time" is the wrong tense.
    let past = d.today > d.deadline || last.is_some_and(|x| x > d.deadline);
    match (p.reached, p.reaches_on, p.rate_per_day) {
        (true, Some(on), _) => (format!("Đã đạt chỉ tiêu ngày {}", date(on)), false),
        (false, on, _) if past => {
            let then = match (on, p.rate_per_day, last) {
                // A projected day already gone says only that the figures stopped coming.
                (Some(on), _, Some(x)) if on <= d.today => format!("; chưa có báo cáo nào sau ngày {}", date(x)),
                (Some(on), Some(r), _) => {
                    format!("; {window} ({}), dự kiến ngày {} đạt", rate(r), date(on))
                }
                _ => String::new(),
            };
            (format!("Cảnh báo: đã quá hạn {} mà chưa đạt chỉ tiêu{then}", date(d.deadline)), true)
        }
        (_, Some(on), Some(r)) if p.before_deadline => (
            format!("Dự báo {window} ({}): đạt chỉ tiêu ngày {}, kịp hạn {}", rate(r), date(on), date(d.deadline)),
            false,
        ),
        (_, Some(on), Some(r)) => (
            format!(
                "Cảnh báo: {window} ({}) sẽ không đạt chỉ tiêu trước hạn {}; dự kiến đến ngày {} mới đạt",
                rate(r),
                date(d.deadline),
                date(on)
            ),
            true,
        ),
        (_, None, Some(r)) => (
            format!("Cảnh báo: {window} ({}) sẽ không đạt chỉ tiêu trước hạn {}", rate(r.max(0.0)), date(d.deadline)),
            true,
        ),
        _ => ("Chưa đủ số liệu để dự báo".to_string(), false),
    }
}

/// The zero line, and the target as a labelled horizontal line across the plot.
fn axis_and_target(svg: &mut Svg, frame: &Frame, target: f64, label: &str) {
    let (xa, xb) = frame.x;
    svg.marks(frame, &[], |p| p.line(&[(xa, 0.0), (xb, 0.0)], stroke(EDGE, 1)));
    svg.marks(frame, &[("data-series", "chi-tieu".to_string()), ("data-target", raw(target))], |p| {
        p.line(&[(xa, target), (xb, target)], stroke(TARGET, 2))
    });
    let (_, ty) = frame.at((xa, target));
    svg.text(PAD, ty - 5, BOLD, label);
}

fn over_time_ratio(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    let (lo, hi) = x_span(d, &[]);
    let top = d.history.iter().map(|(_, v)| *v).fold(100.0_f64.max(d.target), f64::max);
    let frame = Frame::new((0.0, day(hi, lo)), (0.0, top), (PAD, W - PAD), (PLOT_TOP, PLOT_TOP + PLOT_H));
    axis_and_target(&mut svg, &frame, d.target, &format!("Chỉ tiêu: tối thiểu {}", percent(d.target)));
    points(&mut svg, &frame, d, lo);
    let mut y = PLOT_TOP + PLOT_H + 16;
    y += date_axis(&mut svg, &frame, lo, hi, d.deadline, y) - 7;
    let latest = match d.history.last() {
        Some((x, v)) => format!("Tỷ lệ: {} ngày {}", percent(*v), date(*x)),
        None => "Tỷ lệ: chưa có số liệu".to_string(),
    };
    y += svg.legend(y, Swatch::Point(BAR), "", &latest);
    y += svg.legend(y, Swatch::Line(TARGET, 2, None), "", &format!("Chỉ tiêu: tối thiểu {}", percent(d.target)));

    let mut desc = Vec::new();
    if d.history.is_empty() {
        desc.push("Chưa có số liệu báo cáo.".to_string());
    } else {
        let pts: Vec<String> = d.history.iter().map(|(x, v)| format!("ngày {} là {}", date(*x), percent(*v))).collect();
        desc.push(format!("Tỷ lệ theo từng lần báo cáo: {}.", pts.join("; ")));
    }
    desc.push(format!("Chỉ tiêu tối thiểu {}, hạn {}.", percent(d.target), date(d.deadline)));
    svg.finish(y + 2, &format!("{}: tỷ lệ theo thời gian", d.name), &desc.join(" "))
}

fn over_time_milestone(id: &str, d: &Data) -> String {
    let mut svg = Svg::new(id);
    let (words, done) = milestone_words(d);
    let mark_on = if done { d.done_on } else { Some(d.today) };
    let (lo, hi) = x_span(d, &mark_on.into_iter().collect::<Vec<_>>());
    let line_y = 40;
    let frame = Frame::new((0.0, day(hi, lo)), (-1.0, 1.0), (PAD + 8, W - PAD - 8), (line_y - 10, line_y + 10));
    let (xa, xb) = frame.x;
    svg.marks(&frame, &[], |p| p.line(&[(xa, 0.0), (xb, 0.0)], stroke(EDGE, 2)));
    let xd = day(d.deadline, lo);
    svg.marks(&frame, &[("data-deadline", iso(d.deadline))], |p| p.line(&[(xd, -1.0), (xd, 1.0)], stroke(TARGET, 3)));
    let (dx, _) = frame.at((xd, 0.0));
    svg.text(dx, line_y + 28, &format!("{}{}", anchor(dx), colour(MUTED)), &format!("Hạn {}", date(d.deadline)));
    if dx >= W / 3 {
        svg.text(PAD, line_y + 28, &colour(MUTED), &date(lo));
    }
    if let Some(on) = mark_on {
        let x = day(on, lo);
        let mut data: Vec<(&str, String)> =
            d.value.map(|_| ("data-value", if done { "1" } else { "0" }.to_string())).into_iter().collect();
        data.push(("data-date", iso(on)));
        if !done {
            data.push(("data-today", "true".to_string()));
        }
        svg.marks(&frame, &data, |p| {
            if done {
                p.dot((x, 0.0), 7, fill(BAR));
            } else {
                p.dot((x, 0.0), 6, fill(WHITE));
                p.dot((x, 0.0), 6, stroke(BAR, 2));
            }
        });
        let (px, _) = frame.at((x, 0.0));
        let label = if done { words.clone() } else { format!("{words} (tính đến {})", date(on)) };
        svg.text(px, line_y - 14, &format!("{}{BOLD}", anchor(px)), &label);
    }
    let due = if overdue(d, done) {
        format!("Đã quá hạn {}", date(d.deadline))
    } else {
        format!("Hạn {}", date(d.deadline))
    };
    let desc = format!("{}: {}. {}.", d.name, lower_first(&words), due);
    svg.finish(line_y + 40, &format!("{}: mốc hoàn thành theo thời gian", d.name), &desc)
}

#[cfg(test)]
mod tests;
