//! Where an indicator stands: its status and the figures every page, chart, feed entry and
//! bulletin says it from. `progress` works them out; the words for them are [`super::words`]'.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Target reached.
    DaDat,
    /// At or above the straight path.
    DungTienDo,
    /// Below the straight path.
    ChamTienDo,
    /// No figure reported yet.
    ChuaCoSoLieu,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Standing::DaDat => "Đã đạt",
            Standing::DungTienDo => "Đúng tiến độ",
            Standing::ChamTienDo => "Chậm tiến độ",
            Standing::ChuaCoSoLieu => "Chưa có số liệu",
        }
    }
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
    /// The date a milestone was first reported done.
    pub done_on: Option<NaiveDate>,
    pub units: Vec<UnitProgress>,
    /// Total at each report date that mentions the indicator.
    pub history: Vec<Point>,
}

impl IndicatorProgress {
    pub fn behind(&self) -> impl Iterator<Item = &UnitProgress> {
        self.units.iter().filter(|u| u.standing == Standing::ChamTienDo)
    }
}
