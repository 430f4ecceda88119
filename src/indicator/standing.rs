//! Where an indicator stands: its status and the figures every page, chart, feed entry and
//! bulletin says it from. `progress` works them out; the words for them are [`super::words`]'.

use chrono::NaiveDate;
use serde::Serialize;

/// Where an indicator stands, one status for the card, the dashboard, the charts, the feed and
/// the radio. `progress` decides which; the order is the order of the rules it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Target reached.
    DaDat,
    /// The deadline has passed and the target was not reached.
    TreHan,
    /// Below the straight path.
    ChamTienDo,
    /// At or above the straight path, but at the recent rate the target is reached only after
    /// the deadline, or never.
    CoNguyCoTreHan,
    /// At or above the straight path, and at the recent rate reached by the deadline.
    DungTienDo,
    /// No figure reported yet.
    ChuaCoSoLieu,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::DaDat => "Đã đạt",
            Standing::TreHan => "Trễ hạn",
            Standing::ChamTienDo => "Chậm tiến độ",
            Standing::CoNguyCoTreHan => "Có nguy cơ trễ hạn",
            Standing::DungTienDo => "Đúng tiến độ",
            Standing::ChuaCoSoLieu => "Chưa có số liệu",
        }
    }

    /// Behind what was asked: below the path, or past the deadline short of the target.
    pub fn is_behind(self) -> bool {
        match self {
            Standing::ChamTienDo | Standing::TreHan => true,
            Standing::DaDat | Standing::CoNguyCoTreHan | Standing::DungTienDo | Standing::ChuaCoSoLieu => false,
        }
    }

    /// Needs the leadership's eye: behind, or on the path at a rate that misses the deadline.
    pub fn is_urgent(self) -> bool {
        self.is_behind() || self == Standing::CoNguyCoTreHan
    }
}

/// Where the recent rate leads: worked out by `progress::projection` from an indicator's
/// totals, and what "có nguy cơ trễ hạn" and the over-time chart are said from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// Growth per day over the recent weeks ([`Projection::since`] to the latest report).
    /// `None` when there is nothing to measure: no report, or no earlier date to measure from.
    pub rate_per_day: Option<f64>,
    /// Where the rate is measured from: the latest report at least four weeks before the last
    /// one, else the earliest report before it, else the plan's start (at 0).
    pub since: Option<NaiveDate>,
    /// Whether `since` is the plan's start rather than a report.
    pub from_start: bool,
    /// The latest report's date, where the rate is measured to.
    pub last: Option<NaiveDate>,
    /// The first day the total is at or above the target: a report date when already reached,
    /// else the projected day. `None` when the rate is not positive or the day is absurdly far.
    pub reaches_on: Option<NaiveDate>,
    /// The target is (or will be) reached on or before the deadline.
    pub before_deadline: bool,
    /// The total the rate gives at the deadline, when the deadline is after the latest report.
    pub at_deadline: Option<f64>,
    /// The latest report is already at or above the target.
    pub reached: bool,
}

impl Projection {
    /// Nothing to project from.
    pub const NONE: Projection = Projection {
        rate_per_day: None,
        since: None,
        from_start: false,
        last: None,
        reaches_on: None,
        before_deadline: false,
        at_deadline: None,
        reached: false,
    };
}

/// A value on the indicator's own scale: a count, or a percentage for ratios, 0/1 for milestones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

#[derive(Debug, Clone)]
pub struct UnitProgress {
    pub unit_id: String,
    pub name: String,
    /// Latest figure on the indicator's scale.
    pub value: Option<f64>,
    /// Ratio parts, for ratio indicators.
    pub ratio: Option<(u64, u64)>,
    /// The unit's own target on the same scale, when one can be derived.
    pub target: Option<f64>,
    /// The unit's base, for percent-of-base indicators.
    pub base: Option<u64>,
    pub share_of_target: Option<f64>,
    pub standing: Standing,
}

#[derive(Debug, Clone)]
pub struct IndicatorProgress {
    pub id: String,
    /// Latest total on the indicator's scale (count, or percent for ratios, 0/1 for milestones).
    pub value: Option<f64>,
    pub ratio: Option<(u64, u64)>,
    /// Target on the same scale.
    pub target: f64,
    /// Total base for percent-of-base indicators.
    pub base: Option<u64>,
    pub share_of_target: Option<f64>,
    pub share_of_base: Option<f64>,
    /// Where the straight path says the indicator should be at the latest report.
    pub expected: Option<f64>,
    pub as_of: Option<NaiveDate>,
    pub days_left: i64,
    pub standing: Standing,
    /// Where the recent rate leads; [`Projection::NONE`] for a milestone.
    pub projection: Projection,
    /// The day a milestone was done: as its report states it (`done_stated`), else the day of
    /// the first report saying done.
    pub done_on: Option<NaiveDate>,
    pub done_stated: bool,
    /// Days a milestone was done after its deadline, by the day its report states.
    pub done_late: Option<i64>,
    pub units: Vec<UnitProgress>,
    /// Total at each report date that mentions the indicator.
    pub history: Vec<Point>,
}

impl IndicatorProgress {
    pub fn behind(&self) -> impl Iterator<Item = &UnitProgress> {
        self.units.iter().filter(|u| u.standing.is_behind())
    }
}
