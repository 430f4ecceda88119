//! Indicator kinds: what a plan's target can be — a count, a share of a named base, a ratio the
//! reports give as done/of, a milestone done or not — and, for each kind, the figure a report
//! gives, how figures add up over units, what can be said of where an indicator stands
//! ([`standing`]), and every word said of it on a page, in a chart, in the feed, in a new
//! report's template and on air ([`words`]).
//!
//! A new kind, status or figure is written here once. No match on a kind has a wildcard, so
//! the compiler names every place that must answer for a new one: here, and the charts, which
//! draw each kind their own way. `content` reads targets and figures into these types,
//! `progress` works out where an indicator stands, and everything after says it through
//! [`words`].

pub mod standing;
pub mod words;

use chrono::NaiveDate;

pub use standing::{IndicatorProgress, Point, Projection, Standing, UnitProgress};

/// A plan's target for an indicator, as the plan writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An absolute count.
    Count(u64),
    /// A share of a named base, summed over units: at least `percent`, or with `above` more
    /// than it ("trên 93%").
    PercentOf { percent: f64, base: String, above: bool },
    /// A ratio the reports give as done/of, likewise at least or more than `percent`.
    Ratio { percent: f64, above: bool },
    /// Done or not, with a date.
    Milestone,
}

/// How a base of `units.yaml` is named: what it is, after a percentage ("dân số trưởng thành"),
/// and what it counts ("người"). A base without a label is never shown by its id: the words
/// are phrased without naming it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BaseName {
    pub label: Option<String>,
    pub noun: Option<String>,
}

impl BaseName {
    /// The words of the three bases every ward has; others are named in `units.yaml`.
    pub fn builtin(id: &str) -> BaseName {
        let (label, noun) = match id {
            "households" => ("số hộ", "hộ"),
            "population" => ("dân số", "người"),
            "adults" => ("dân số trưởng thành", "người"),
            _ => return BaseName::default(),
        };
        BaseName { label: Some(label.into()), noun: Some(noun.into()) }
    }
}

/// A unit's (or the whole ward's) figure in a report, cumulative from the plan's start.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Count(u64),
    Ratio {
        done: u64,
        of: u64,
    },
    /// Done or not; when the report gives it, the day it was done (`lop-tap-huan: 2026-10-15`).
    Milestone {
        done: bool,
        on: Option<NaiveDate>,
    },
}

/// A target's kind, without its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Count,
    Percent,
    Ratio,
    Milestone,
}

/// Every way a plan may write a target, for a message about one that is missing or malformed.
pub const TARGET_FORMS: &str = "một số (97), { percent: 95, of: population }, { above: 93, of: population } (trên 93%), { percent: 50, of: reported } hoặc milestone";

/// Every way a report may write a figure, for a message about one whose indicator is not known
/// yet.
pub const FIGURE_FORMS: &str =
    "một số (186), một tỷ lệ { done: 120, of: 230 }, hoặc done / not-done cho chỉ tiêu hoàn thành một việc";

impl Kind {
    /// As a template sees it (`kind`): `count`, `percent`, `ratio` or `milestone`.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Percent => "percent",
            Kind::Ratio => "ratio",
            Kind::Milestone => "milestone",
        }
    }

    /// Whether its figures are counts (of people, households, cases) that add up over units.
    pub fn counts(self) -> bool {
        match self {
            Kind::Count | Kind::Percent => true,
            Kind::Ratio | Kind::Milestone => false,
        }
    }

    /// What a report writes for it, for the "cần:" of a message.
    pub fn figure_form(self) -> &'static str {
        match self {
            Kind::Count | Kind::Percent => "một số đếm, ví dụ 186",
            Kind::Ratio => "một tỷ lệ dạng { done: 120, of: 230 }",
            Kind::Milestone => "done (đã xong), not-done (chưa xong), hoặc ngày đã xong, ví dụ 2026-10-15",
        }
    }

    /// What a report writes for it, for the legend of a new report: `noun`, what it counts.
    pub fn legend(self, noun: Option<&str>) -> String {
        match self {
            Kind::Count | Kind::Percent => format!("một số{}", noun.map(|n| format!(" ({n})")).unwrap_or_default()),
            Kind::Ratio => "tỷ lệ { done: đã làm, of: tổng số }".into(),
            Kind::Milestone => self.figure_form().into(),
        }
    }

    /// A new report's figure where nothing stands yet: 0, a ratio of 0 of 0, not done.
    pub fn blank(self) -> Figure {
        match self {
            Kind::Count | Kind::Percent => Figure::Count(0),
            Kind::Ratio => Figure::Ratio { done: 0, of: 0 },
            Kind::Milestone => Figure::Milestone { done: false, on: None },
        }
    }
}

impl Target {
    pub fn kind(&self) -> Kind {
        match self {
            Target::Count(_) => Kind::Count,
            Target::PercentOf { .. } => Kind::Percent,
            Target::Ratio { .. } => Kind::Ratio,
            Target::Milestone => Kind::Milestone,
        }
    }

    /// The plan's percentage and whether it must be passed (`trên`), of a share or a ratio.
    pub fn percent(&self) -> Option<(f64, bool)> {
        match self {
            Target::PercentOf { percent, above, .. } | Target::Ratio { percent, above } => Some((*percent, *above)),
            Target::Count(_) | Target::Milestone => None,
        }
    }

    /// The base a share is of.
    pub fn base(&self) -> Option<&str> {
        match self {
            Target::PercentOf { base, .. } => Some(base),
            Target::Count(_) | Target::Ratio { .. } | Target::Milestone => None,
        }
    }

    /// Whether `f` is the figure a report gives for this target.
    pub fn takes(&self, f: &Figure) -> bool {
        match self.kind() {
            Kind::Count | Kind::Percent => matches!(f, Figure::Count(_)),
            Kind::Ratio => matches!(f, Figure::Ratio { .. }),
            Kind::Milestone => matches!(f, Figure::Milestone { .. }),
        }
    }

    /// The target on the indicator's own scale, and the base's total for a share of one:
    /// `base_total(base)` adds a base up over units. A share is whole people: at least the
    /// percentage rounded up, more than it the next whole one.
    pub fn absolute(&self, base_total: impl Fn(&str) -> u64) -> (f64, Option<u64>) {
        match self {
            Target::Count(n) => (*n as f64, None),
            Target::PercentOf { percent, base, above } => {
                let b = base_total(base);
                (share_of(b, *percent, *above), Some(b))
            }
            Target::Ratio { percent, above } => (ratio_target(*percent, *above), None),
            Target::Milestone => (1.0, None),
        }
    }

    /// A unit's own target on the same scale: of a share, from the unit's `base`; of a count,
    /// its `unit_target` from the plan, when it has one.
    pub fn for_unit(&self, base: Option<u64>, unit_target: Option<u64>) -> Option<f64> {
        match self {
            Target::PercentOf { percent, above, .. } => base.map(|b| share_of(b, *percent, *above)),
            Target::Count(_) => unit_target.map(|n| n as f64),
            Target::Ratio { percent, above } => Some(ratio_target(*percent, *above)),
            Target::Milestone => Some(1.0),
        }
    }

    /// The total of units' latest figures on the indicator's scale, with a ratio's parts: a
    /// ratio adds its parts, a milestone is done when every unit (`None`: one that has not
    /// reported) says done, counts add up.
    pub fn total<'f>(&self, units: impl Iterator<Item = Option<&'f Figure>>) -> (f64, Option<(u64, u64)>) {
        match self.kind() {
            Kind::Ratio => {
                let (d, o) = units.flatten().fold((0u64, 0u64), |(d, o), f| match f.ratio() {
                    Some((done, of)) => (d.saturating_add(done), o.saturating_add(of)),
                    None => (d, o),
                });
                (if o == 0 { 0.0 } else { d as f64 * 100.0 / o as f64 }, Some((d, o)))
            }
            Kind::Milestone => {
                let mut units = units;
                let all = units.all(|f| matches!(f, Some(Figure::Milestone { done: true, .. })));
                (f64::from(u8::from(all)), None)
            }
            Kind::Count | Kind::Percent => (units.flatten().map(Figure::scale).sum(), None),
        }
    }
}

/// `percent` of `base` in whole people: at least it (rounded up), or with `above` more than it.
fn share_of(base: u64, percent: f64, above: bool) -> f64 {
    let exact = base as f64 * percent / 100.0;
    if above {
        exact.floor() + 1.0
    } else {
        exact.ceil()
    }
}

/// A ratio's target on its percent scale: "trên 50%" is reached only past 50, by the least
/// difference a ratio of whole numbers shows (a millionth of a per cent).
fn ratio_target(percent: f64, above: bool) -> f64 {
    if above {
        percent + 1e-6
    } else {
        percent
    }
}

impl Figure {
    /// On the indicator's own scale: a count, a percentage for a ratio, 0 or 1 for a milestone.
    pub fn scale(&self) -> f64 {
        match self {
            Figure::Count(n) => *n as f64,
            Figure::Ratio { done, of } => {
                if *of == 0 {
                    0.0
                } else {
                    *done as f64 * 100.0 / *of as f64
                }
            }
            Figure::Milestone { done, .. } => f64::from(u8::from(*done)),
        }
    }

    /// A ratio's parts, done and of.
    pub fn ratio(&self) -> Option<(u64, u64)> {
        match self {
            Figure::Ratio { done, of } => Some((*done, *of)),
            Figure::Count(_) | Figure::Milestone { .. } => None,
        }
    }

    /// The day a milestone was done, when its report says it.
    pub fn done_on(&self) -> Option<NaiveDate> {
        match self {
            Figure::Milestone { done: true, on } => *on,
            Figure::Milestone { done: false, .. } | Figure::Count(_) | Figure::Ratio { .. } => None,
        }
    }

    /// What it adds up to from the plan's start, which never falls; a milestone is not a count.
    pub fn cumulative(&self) -> Option<u64> {
        match self {
            Figure::Count(n) => Some(*n),
            Figure::Ratio { done, .. } => Some(*done),
            Figure::Milestone { .. } => None,
        }
    }

    /// As a report writes it: `186`, `{ done: 120, of: 230 }`, `done`, `not-done`, `2026-10-15`.
    pub fn yaml(&self) -> String {
        match self {
            Figure::Count(n) => n.to_string(),
            Figure::Ratio { done, of } => format!("{{ done: {done}, of: {of} }}"),
            Figure::Milestone { done: true, on: Some(d) } => d.format("%Y-%m-%d").to_string(),
            Figure::Milestone { done: true, on: None } => "done".into(),
            Figure::Milestone { done: false, .. } => "not-done".into(),
        }
    }

    /// Its four cells of the CSV download, each followed by a comma: the count; or done and
    /// of; or whether a milestone is finished.
    pub fn csv_cells(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = match self {
            Figure::Count(n) => write!(out, "{n},,,"),
            Figure::Ratio { done, of } => write!(out, ",{done},{of},"),
            Figure::Milestone { done: true, on: Some(d) } => write!(out, ",,,{}", d.format("%Y-%m-%d")),
            Figure::Milestone { done, on: _ } => write!(out, ",,,{}", if *done { "có" } else { "chưa" }),
        };
    }

    /// A milestone as a report may write it in words: `done`, `xong`, `đã xong`; `not-done`,
    /// `chưa`, `chưa xong`.
    pub fn milestone(word: &str) -> Option<Figure> {
        match word.trim().to_lowercase().as_str() {
            "done" | "xong" | "đã xong" => Some(Figure::Milestone { done: true, on: None }),
            "not-done" | "chưa" | "chưa xong" => Some(Figure::Milestone { done: false, on: None }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [Target; 4] = [
        Target::Count(100),
        Target::PercentOf { percent: 40.0, base: String::new(), above: false },
        Target::Ratio { percent: 95.0, above: false },
        Target::Milestone,
    ];

    #[test]
    fn a_target_takes_its_own_figures_and_no_other() {
        let figures = [
            Figure::Count(3),
            Figure::Count(3),
            Figure::Ratio { done: 1, of: 2 },
            Figure::Milestone { done: true, on: None },
        ];
        for (i, t) in KINDS.iter().enumerate() {
            for (j, f) in figures.iter().enumerate() {
                assert_eq!(t.takes(f), i == j || (i < 2 && j < 2), "{t:?} {f:?}");
            }
        }
    }

    #[test]
    fn figures_add_up_each_by_their_kind() {
        let (a, b) = (Figure::Count(3), Figure::Count(4));
        assert_eq!(Target::Count(9).total([Some(&a), None, Some(&b)].into_iter()), (7.0, None));
        let (r1, r2) = (Figure::Ratio { done: 1, of: 4 }, Figure::Ratio { done: 2, of: 4 });
        assert_eq!(
            Target::Ratio { percent: 50.0, above: false }.total([Some(&r1), Some(&r2)].into_iter()),
            (37.5, Some((3, 8)))
        );
        let (done, not) = (Figure::Milestone { done: true, on: None }, Figure::Milestone { done: false, on: None });
        assert_eq!(Target::Milestone.total([Some(&done), Some(&done)].into_iter()).0, 1.0);
        assert_eq!(Target::Milestone.total([Some(&done), Some(&not)].into_iter()).0, 0.0);
        assert_eq!(Target::Milestone.total([Some(&done), None].into_iter()).0, 0.0, "a unit that never reported");
    }

    #[test]
    fn a_share_of_a_base_is_whole_people_rounded_up() {
        let t = Target::PercentOf { percent: 40.0, base: "adults".into(), above: false };
        assert_eq!(t.absolute(|b| if b == "adults" { 4306 } else { 0 }), (1723.0, Some(4306)));
        assert_eq!(t.for_unit(Some(11), None), Some(5.0));
        assert_eq!(Target::Count(97).for_unit(None, Some(12)), Some(12.0));
        // More than 40% of 10 is 5 people, not 4; of 11, 5 as well.
        let above = Target::PercentOf { percent: 40.0, base: "adults".into(), above: true };
        assert_eq!((above.for_unit(Some(10), None), above.for_unit(Some(11), None)), (Some(5.0), Some(5.0)));
        let ratio = Target::Ratio { percent: 50.0, above: true };
        let half = Figure::Ratio { done: 1, of: 2 }.scale();
        assert!(half < ratio.absolute(|_| 0).0 && 50.1 > ratio.absolute(|_| 0).0, "50% is not more than 50%");
    }

    #[test]
    fn a_figure_reads_back_as_a_report_writes_it() {
        for f in [Figure::Count(186), Figure::Ratio { done: 120, of: 230 }, Figure::Milestone { done: true, on: None }]
        {
            let mut cells = String::new();
            f.csv_cells(&mut cells);
            assert_eq!(cells.matches(',').count(), 3, "{f:?}");
        }
        assert_eq!(Figure::milestone(" Đã xong "), Some(Figure::Milestone { done: true, on: None }));
        assert_eq!(
            Figure::milestone(Figure::Milestone { done: false, on: None }.yaml().as_str()),
            Some(Figure::Milestone { done: false, on: None })
        );
        assert_eq!(Figure::milestone("xong rồi"), None);
    }
}
