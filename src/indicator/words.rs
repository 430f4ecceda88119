//! Every word said of an indicator's kind: its target, its figure, its share, what the straight
//! path asks, a unit's row, a line of the feed and a sentence of the bulletin, each in the one
//! form its kind takes. Pages, charts, the feed and the radio call these rather than match on a
//! kind themselves; status words are [`Standing::label`]'s.
//!
//! A share of a base is said in the plan's own terms first: how much of the base it covers
//! against the plan's percentage ("Đạt 29,8% dân số trưởng thành — chỉ tiêu 40%"), then the
//! counts and how much of the target they are, so that no share of the target reads as
//! coverage.

use chrono::NaiveDate;

use super::{BaseName, IndicatorProgress, Projection, Standing, Target, UnitProgress};
use crate::format::{date, int, percent};

/// "Đã xong" or "Chưa xong": a milestone, done or not.
pub fn done_word(done: bool) -> &'static str {
    if done {
        "Đã xong"
    } else {
        "Chưa xong"
    }
}

/// `, hoàn thành trễ hạn 15 ngày` of a milestone its report says was done after its deadline.
pub fn late(p: &IndicatorProgress) -> String {
    match p.done_late {
        Some(n) => format!(", hoàn thành trễ hạn {} ngày", int(n.unsigned_abs())),
        None => String::new(),
    }
}

/// `1.057 hộ`, or just `1.057` when nothing is named.
fn count_of(v: f64, noun: &str) -> String {
    format!("{} {noun}", int(v.round() as u64)).trim_end().to_string()
}

/// What an indicator's words name besides its figures: what it counts ("người") and, for a
/// share of a base, the base ("dân số trưởng thành") when it has a name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    pub counted: String,
    pub base: Option<String>,
}

impl Terms {
    /// `29,8% dân số trưởng thành`, or `29,8%` of a base without a name.
    fn of_base(&self, pc: f64) -> String {
        match &self.base {
            Some(label) => format!("{} {label}", percent(pc)),
            None => percent(pc),
        }
    }
}

/// How the recent rate was measured, as a reader is told: `theo tốc độ 4 tuần gần nhất`,
/// `theo tốc độ 9 ngày gần nhất`, `theo tốc độ từ đầu kế hoạch`; `theo tốc độ gần nhất` when
/// nothing says over how long.
pub fn rate_window(p: &Projection) -> String {
    match (p.since, p.last) {
        _ if p.from_start => "theo tốc độ từ đầu kế hoạch".to_string(),
        (Some(a), Some(b)) => {
            let days = (b - a).num_days();
            if days >= 14 && days % 7 == 0 {
                format!("theo tốc độ {} tuần gần nhất", days / 7)
            } else {
                format!("theo tốc độ {days} ngày gần nhất")
            }
        }
        _ => "theo tốc độ gần nhất".to_string(),
    }
}

/// [`risk_reason`] as a sentence of its own, on a page where the deadline was not just said:
/// `Theo tốc độ 4 tuần gần nhất, …, sau hạn 30/9/2024`.
pub fn risk_sentence(p: &IndicatorProgress, deadline: NaiveDate) -> String {
    let mut s = risk_reason(p, Some(deadline));
    // The reason opens with "theo", ASCII: its first byte is a whole character.
    s.replace_range(..1, "T");
    s
}

/// Why an indicator on its path is at risk of missing its deadline, for the card and the radio:
/// `theo tốc độ 4 tuần gần nhất, dự kiến đến 30/10/2024 mới đạt, sau hạn 30/9/2024`; without
/// the `deadline`'s date where it was just said (the bulletin says it before).
pub fn risk_reason(p: &IndicatorProgress, deadline: Option<NaiveDate>) -> String {
    let window = rate_window(&p.projection);
    let deadline = deadline.map(|d| format!(" {}", date(d))).unwrap_or_default();
    match p.projection.reaches_on {
        Some(on) => format!("{window}, dự kiến đến {} mới đạt, sau hạn{deadline}", date(on)),
        None => format!("{window}, số liệu không tăng đủ để đạt chỉ tiêu trước hạn{deadline}"),
    }
}

/// The units behind, said beside the indicator's own status without contradicting it: `Toàn
/// phường đúng tiến độ; 2 khu phố chậm: Khu phố 4, Khu phố 7`. `whole` names the locality
/// ("phường"), `unit_kind` its units ("khu phố"); nothing when no unit is behind.
pub fn units_behind(overall: Standing, whole: &str, unit_kind: &str, names: &[String]) -> String {
    if names.is_empty() {
        return String::new();
    }
    let units = format!("{} {} chậm: {}", names.len(), unit_kind.to_lowercase(), names.join(", "));
    match overall {
        Standing::DaDat | Standing::DungTienDo | Standing::CoNguyCoTreHan => {
            format!("Toàn {whole} {}; {units}", overall.label().to_lowercase())
        }
        Standing::ChamTienDo | Standing::TreHan | Standing::ChuaCoSoLieu => units,
    }
}

/// The units behind, furthest behind their own target first, for the dashboard's contents:
/// `3 khu phố chậm, chậm nhất trước: Khu phố 4 (41,2%), Khu phố 7 (55%), Khu phố 2 (80,3%)`;
/// of more than [`BEHIND_FIRST`], those furthest behind: `12 khu phố chậm; 5 khu phố chậm nhất:
/// …`. Ties keep the order given; a unit without a share comes last. Nothing when none is behind.
pub fn behind_first(unit_kind: &str, behind: &[&UnitProgress]) -> String {
    if behind.is_empty() {
        return String::new();
    }
    let mut units = behind.to_vec();
    units.sort_by(|a, b| {
        a.share_of_target.unwrap_or(f64::INFINITY).total_cmp(&b.share_of_target.unwrap_or(f64::INFINITY))
    });
    let names: Vec<String> = units
        .iter()
        .take(BEHIND_FIRST)
        .map(|u| match u.share_of_target {
            Some(s) => format!("{} ({})", u.name, percent(s)),
            None => u.name.clone(),
        })
        .collect();
    let kind = unit_kind.to_lowercase();
    match names.as_slice() {
        [one] => format!("1 {kind} chậm: {one}"),
        _ if units.len() > names.len() => {
            format!("{} {kind} chậm; {} {kind} chậm nhất: {}", units.len(), names.len(), names.join(", "))
        }
        _ => format!("{} {kind} chậm, chậm nhất trước: {}", names.len(), names.join(", ")),
    }
}

/// How many units behind the dashboard's contents names, furthest behind first.
pub const BEHIND_FIRST: usize = 5;

/// An indicator behind its path whose recent rate will not reach the target by the deadline,
/// said in words on the page as the chart says it in its picture: `Theo tốc độ 4 tuần gần
/// nhất, dự kiến đến 30/10/2024 mới đạt, sau hạn 30/9/2024`. Nothing for any other: one at
/// risk says it as its status's reason, one late or reached has nothing to project.
pub fn risk_text(p: &IndicatorProgress, deadline: NaiveDate) -> String {
    match p.standing {
        Standing::ChamTienDo
            if !p.projection.reached && !p.projection.before_deadline && p.projection.rate_per_day.is_some() =>
        {
            risk_sentence(p, deadline)
        }
        Standing::ChamTienDo
        | Standing::DaDat
        | Standing::TreHan
        | Standing::CoNguyCoTreHan
        | Standing::DungTienDo
        | Standing::ChuaCoSoLieu => String::new(),
    }
}

impl Target {
    /// What the words of an indicator with this target name: its own `noun`, or for a share of
    /// a base the base's noun ("người" for population), and the base's label.
    pub fn terms(&self, noun: Option<&str>, base: &BaseName) -> Terms {
        let noun = noun.map(str::trim).filter(|n| !n.is_empty());
        match self {
            Target::PercentOf { .. } => Terms {
                counted: noun.or(base.noun.as_deref()).unwrap_or_default().to_string(),
                base: base.label.clone(),
            },
            Target::Count(_) | Target::Ratio { .. } | Target::Milestone => {
                Terms { counted: noun.unwrap_or_default().to_string(), base: None }
            }
        }
    }

    /// The plan's percentage as the plan says it: `40%`, `trên 93%`; none of a count or a
    /// milestone.
    pub fn goal(&self) -> Option<String> {
        let (pc, above) = self.percent()?;
        Some(if above { format!("trên {}", percent(pc)) } else { percent(pc) })
    }

    /// An amount on the indicator's scale, as the straight path asks it: `587 hộ`, `58,1%`;
    /// a milestone has none.
    fn amount(&self, v: f64, t: &Terms) -> Option<String> {
        match self {
            Target::Count(_) | Target::PercentOf { .. } => Some(count_of(v, &t.counted)),
            Target::Ratio { .. } => Some(percent(v)),
            Target::Milestone => None,
        }
    }

    /// The target as the plan means it: `1.057 hộ`, `40% dân số trưởng thành (1.723 người)`,
    /// `tối thiểu 95%`, `trên 50%`, `Hoàn thành`; `target` is on the indicator's scale.
    pub fn target_text(&self, target: f64, t: &Terms) -> String {
        let goal = self.goal().unwrap_or_default();
        match self {
            Target::Count(n) => count_of(*n as f64, &t.counted),
            Target::PercentOf { .. } => match &t.base {
                Some(label) => format!("{goal} {label} ({})", count_of(target, &t.counted)),
                None => format!("{goal} ({})", count_of(target, &t.counted)),
            },
            Target::Ratio { above: false, .. } => format!("tối thiểu {goal}"),
            Target::Ratio { above: true, .. } => goal,
            Target::Milestone => "Hoàn thành".to_string(),
        }
    }

    /// Where it stands, its headline: `614/1.057 hộ`, `Đạt 29,8% dân số trưởng thành — chỉ
    /// tiêu 40%`,
    /// `58,1% (120/230)`, `Đã xong (báo cáo ngày 14/6/2023)`.
    pub fn value_text(&self, p: &IndicatorProgress, t: &Terms) -> String {
        let Some(v) = p.value else { return Standing::ChuaCoSoLieu.label().to_string() };
        match self {
            Target::Milestone => match (v >= 1.0, p.done_on) {
                (true, Some(d)) if p.done_stated => format!("{} ngày {}{}", done_word(true), date(d), late(p)),
                (true, Some(d)) => format!("{} (báo cáo ngày {})", done_word(true), date(d)),
                (done, _) => done_word(done).to_string(),
            },
            Target::Ratio { .. } => match p.ratio {
                Some((d, o)) => format!("{} ({}/{})", percent(v), int(d), int(o)),
                None => percent(v),
            },
            Target::PercentOf { .. } => match p.share_of_base {
                Some(c) => format!("Đạt {} — chỉ tiêu {}", t.of_base(c), self.goal().unwrap_or_default()),
                None => format!("{}/{}", int(v.round() as u64), count_of(p.target, &t.counted)),
            },
            Target::Count(_) => format!("{}/{}", int(v.round() as u64), count_of(p.target, &t.counted)),
        }
    }

    /// Beside the headline: how much of the target is reached (`58,1%`); nothing for a share
    /// of a base, whose headline has the plan's percentage and whose counts follow it
    /// ([`Target::detail_text`]), nor for a milestone.
    pub fn share_text(&self, p: &IndicatorProgress) -> String {
        let Some(s) = p.share_of_target else { return String::new() };
        match self {
            Target::Milestone => String::new(),
            Target::Ratio { .. } => p.value.map(percent).unwrap_or_default(),
            Target::PercentOf { .. } => match p.share_of_base {
                Some(_) => String::new(),
                None => percent(s),
            },
            Target::Count(_) => percent(s),
        }
    }

    /// Under the headline of a share of a base, the counts behind it: `1.282/1.723 người,
    /// 74,4% chỉ tiêu`; nothing for other kinds, whose headline is the counts.
    pub fn detail_text(&self, p: &IndicatorProgress, t: &Terms) -> String {
        match (self, p.value, p.share_of_base, p.share_of_target) {
            (Target::PercentOf { .. }, Some(v), Some(_), Some(s)) => {
                format!("{}/{}, {} chỉ tiêu", int(v.round() as u64), count_of(p.target, &t.counted), percent(s))
            }
            (Target::PercentOf { .. } | Target::Count(_) | Target::Ratio { .. } | Target::Milestone, ..) => {
                String::new()
            }
        }
    }

    /// How much of its base a share covers (`29,8% dân số trưởng thành`); nothing for others.
    pub fn base_share_text(&self, p: &IndicatorProgress, t: &Terms) -> String {
        match (self, p.share_of_base) {
            (Target::PercentOf { .. }, Some(s)) => t.of_base(s),
            (Target::PercentOf { .. } | Target::Count(_) | Target::Ratio { .. } | Target::Milestone, _) => {
                String::new()
            }
        }
    }

    /// How far a bar is filled, 0–100: the share of the target, or a milestone done or not.
    pub fn bar_share(&self, p: &IndicatorProgress) -> Option<f64> {
        match self {
            Target::Milestone => p.value.map(|v| v * 100.0),
            Target::Count(_) | Target::PercentOf { .. } | Target::Ratio { .. } => p.share_of_target,
        }
    }

    /// What the straight path asks by the latest report, unless the target is reached; past
    /// the `deadline`, that the whole target was due.
    pub fn expected_text(&self, p: &IndicatorProgress, deadline: NaiveDate, t: &Terms) -> String {
        let (Some(e), Some(d)) = (p.expected, p.as_of) else { return String::new() };
        if p.standing == Standing::DaDat {
            return String::new();
        }
        // The path's waypoint at the last report is no longer what is asked: all of it was.
        if p.days_left < 0 {
            return format!("Đã hết hạn {} mà chưa đạt chỉ tiêu", date(deadline));
        }
        match self.amount(e, t) {
            Some(a) => format!("Theo lộ trình, đến {} cần đạt {a}", date(d)),
            None => String::new(),
        }
    }

    /// A unit's figure in its row: `614`, `29,8% (1.154)` of a share of a base,
    /// `58,1% (120/230)`, `Đã xong`, or `—`.
    pub fn unit_value_text(&self, u: &UnitProgress) -> String {
        let Some(v) = u.value else { return "—".to_string() };
        match (self, u.ratio) {
            (Target::Ratio { .. }, Some((d, o))) => format!("{} ({}/{})", percent(v), int(d), int(o)),
            (Target::Milestone, _) => done_word(v >= 1.0).to_string(),
            (Target::PercentOf { .. }, _) => match u.base.filter(|b| *b > 0) {
                Some(b) => format!("{} ({})", percent(v * 100.0 / b as f64), int(v.round() as u64)),
                None => int(v.round() as u64),
            },
            (Target::Count(_) | Target::Ratio { .. }, _) => int(v.round() as u64),
        }
    }

    /// A unit's own target in its row: `97`, `40% (1.549)`, `95%`, or `—`.
    pub fn unit_target_text(&self, u: &UnitProgress) -> String {
        match (self, u.target) {
            (Target::Ratio { .. }, Some(_)) => self.goal().unwrap_or_default(),
            (Target::PercentOf { .. }, Some(t)) => format!("{} ({})", self.goal().unwrap_or_default(), int(t as u64)),
            (Target::Milestone, _) | (_, None) => "—".to_string(),
            (Target::Count(_), Some(t)) => int(t as u64),
        }
    }

    /// A row of the history: the total reported on a day and what the straight path asked;
    /// of a share of a base of `base` in all, each with how much of it that is.
    pub fn history_texts(&self, value: f64, expected: f64, base: Option<u64>) -> (String, String) {
        match self {
            Target::Ratio { .. } => (percent(value), percent(expected)),
            Target::Milestone => (done_word(value >= 1.0).to_string(), "—".to_string()),
            Target::PercentOf { .. } => match base.filter(|b| *b > 0) {
                Some(b) => {
                    let said = |v: f64| format!("{} ({})", int(v.round() as u64), percent(v * 100.0 / b as f64));
                    (said(value), said(expected))
                }
                None => (int(value.round() as u64), int(expected.round() as u64)),
            },
            Target::Count(_) => (int(value.round() as u64), int(expected.round() as u64)),
        }
    }

    /// One indicator in a feed entry: `Thu nhận hồ sơ cấp CCCD: 62/97 trường hợp (63,9%)`,
    /// `Tài khoản dịch vụ công: đạt 29,8% dân số trưởng thành, chỉ tiêu 40% (1.282/1.723 người,
    /// 74,4% chỉ tiêu)`.
    pub fn feed_line(&self, name: &str, t: &Terms, p: &IndicatorProgress) -> String {
        let Some(v) = p.value else { return format!("{name}: chưa có số liệu") };
        format!("{} — {}", self.feed_figures(name, t, p, v), p.standing.label().to_lowercase())
    }

    /// [`Target::feed_line`] but its status.
    fn feed_figures(&self, name: &str, t: &Terms, p: &IndicatorProgress, v: f64) -> String {
        let noun = if t.counted.is_empty() { String::new() } else { format!(" {}", t.counted) };
        let counts = format!("{}/{}{noun}", int(v.round() as u64), int(p.target.round() as u64));
        match self {
            Target::Milestone => match p.done_on {
                Some(d) => format!("{name}: đã hoàn thành ngày {}{}", date(d), late(p)),
                None => format!("{name}: chưa hoàn thành"),
            },
            Target::Ratio { .. } => {
                format!("{name}: {} (chỉ tiêu {})", percent(v), self.goal().unwrap_or_default())
            }
            Target::PercentOf { .. } => match (p.share_of_base, p.share_of_target) {
                (Some(c), Some(s)) => format!(
                    "{name}: đạt {}, chỉ tiêu {} ({counts}, {} chỉ tiêu)",
                    t.of_base(c),
                    self.goal().unwrap_or_default(),
                    percent(s)
                ),
                _ => format!("{name}: {counts}"),
            },
            Target::Count(_) => {
                let share = p.share_of_target.map(|s| format!(" ({})", percent(s))).unwrap_or_default();
                format!("{name}: {counts}{share}")
            }
        }
    }

    /// Where an indicator stands, in the bulletin's written Vietnamese before it is spoken:
    /// `Cài đặt VNeID: đã có 614 trên 1.057 hộ, đạt 58,1% chỉ tiêu.`; a share of a base in the
    /// plan's terms first, `…: đạt 29,8% dân số trưởng thành, chỉ tiêu 40%; tức 1.282 trên
    /// 1.723 người cần đạt.`
    pub fn bulletin_figures(&self, name: &str, t: &Terms, p: &IndicatorProgress) -> String {
        let Some(v) = p.value else { return format!("{name}: chưa có số liệu báo cáo.") };
        match self {
            Target::Milestone if v >= 1.0 => match p.done_on {
                Some(d) if p.done_stated => format!("{name}: đã hoàn thành ngày {}{}.", date(d), late(p)),
                Some(d) => format!("{name}: đã hoàn thành, theo báo cáo {}.", date(d)),
                None => format!("{name}: đã hoàn thành."),
            },
            Target::Milestone => format!("{name}: chưa hoàn thành."),
            Target::Ratio { above, .. } => {
                let goal = self.goal().unwrap_or_default();
                let goal = if *above { goal } else { format!("tối thiểu {goal}") };
                match p.ratio {
                    Some((done, of)) => format!(
                        "{name}: đạt {}, tức {} trên {}; chỉ tiêu {goal}.",
                        percent(v),
                        int(done),
                        count_of(of as f64, &t.counted),
                    ),
                    None => format!("{name}: đạt {}; chỉ tiêu {goal}.", percent(v)),
                }
            }
            Target::PercentOf { .. } if p.share_of_base.is_some() => format!(
                "{name}: đạt {}, chỉ tiêu {}; tức {} trên {} cần đạt.",
                t.of_base(p.share_of_base.unwrap_or_default()),
                self.goal().unwrap_or_default(),
                int(v.max(0.0).round() as u64),
                count_of(p.target, &t.counted),
            ),
            Target::Count(_) | Target::PercentOf { .. } => format!(
                "{name}: đã có {} trên {}, đạt {} chỉ tiêu.",
                int(v.max(0.0).round() as u64),
                count_of(p.target, &t.counted),
                percent(p.share_of_target.unwrap_or(0.0))
            ),
        }
    }

    /// What the straight path asks by now, for the bulletin of an indicator behind it:
    /// ` Chậm tiến độ: theo lộ trình, đến nay cần đạt 587 hộ.`, or without an amount.
    pub fn bulletin_behind(&self, p: &IndicatorProgress, t: &Terms) -> String {
        let behind = Standing::ChamTienDo.label();
        match p.expected.and_then(|e| self.amount(e, t)) {
            Some(a) => format!(" {behind}: theo lộ trình, đến nay cần đạt {a}."),
            None => format!(" {behind}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(value: Option<f64>, target: f64) -> IndicatorProgress {
        IndicatorProgress {
            id: "x".into(),
            value,
            ratio: None,
            target,
            base: None,
            share_of_target: value.map(|v| v * 100.0 / target),
            share_of_base: value.map(|v| v * 100.0 / 4306.0),
            expected: Some(587.0),
            as_of: NaiveDate::from_ymd_opt(2023, 6, 14),
            days_left: 16,
            standing: Standing::DungTienDo,
            projection: Projection::NONE,
            done_on: None,
            done_stated: false,
            done_late: None,
            units: Vec::new(),
            history: Vec::new(),
        }
    }

    /// One line per kind, as each place says it: the words every page, feed entry and bulletin
    /// of the fixtures is made of.
    #[test]
    fn each_kind_is_said_its_own_way() {
        let share = Target::PercentOf { percent: 40.0, base: "adults".into(), above: false };
        let p = IndicatorProgress { base: Some(4306), ..progress(Some(1282.0), 1723.0) };
        let t = share.terms(None, &BaseName::builtin("adults"));
        assert_eq!(t, Terms { counted: "người".into(), base: Some("dân số trưởng thành".into()) });
        assert_eq!(share.target_text(p.target, &t), "40% dân số trưởng thành (1.723 người)");
        assert_eq!(share.value_text(&p, &t), "Đạt 29,8% dân số trưởng thành — chỉ tiêu 40%");
        assert_eq!(share.share_text(&p), "");
        assert_eq!(share.detail_text(&p, &t), "1.282/1.723 người, 74,4% chỉ tiêu");
        assert_eq!(share.base_share_text(&p, &t), "29,8% dân số trưởng thành");
        assert_eq!(share.expected_text(&p, p.as_of.unwrap(), &t), "Theo lộ trình, đến 14/6/2023 cần đạt 587 người");
        assert_eq!(
            share.feed_line("Dịch vụ công", &t, &p),
            "Dịch vụ công: đạt 29,8% dân số trưởng thành, chỉ tiêu 40% (1.282/1.723 người, 74,4% chỉ tiêu) — đúng tiến độ"
        );
        assert_eq!(
            share.bulletin_figures("Dịch vụ công", &t, &p),
            "Dịch vụ công: đạt 29,8% dân số trưởng thành, chỉ tiêu 40%; tức 1.282 trên 1.723 người cần đạt."
        );
        assert_eq!(share.bulletin_behind(&p, &t), " Chậm tiến độ: theo lộ trình, đến nay cần đạt 587 người.");
        assert_eq!(share.history_texts(1282.0, 1400.0, Some(4306)), ("1.282 (29,8%)".into(), "1.400 (32,5%)".into()));

        // A base named nowhere is never shown by its id; "trên" is said as the plan writes it.
        let unnamed = Target::PercentOf { percent: 93.0, base: "tu-6-tuoi".into(), above: true };
        let t = unnamed.terms(Some("người"), &BaseName::default());
        assert_eq!(unnamed.target_text(4651.0, &t), "trên 93% (4.651 người)");
        assert_eq!(unnamed.value_text(&p, &t), "Đạt 29,8% — chỉ tiêu trên 93%");
        assert!(!unnamed.feed_line("X", &t, &p).contains("tu-6-tuoi"));

        let ratio = Target::Ratio { percent: 95.0, above: false };
        let t = Terms::default();
        let p = IndicatorProgress { ratio: Some((120, 230)), expected: Some(80.0), ..progress(Some(52.17), 95.0) };
        assert_eq!(ratio.target_text(95.0, &t), "tối thiểu 95%");
        assert_eq!(ratio.value_text(&p, &t), "52,2% (120/230)");
        assert_eq!(ratio.share_text(&p), "52,2%");
        assert_eq!(ratio.detail_text(&p, &t), "");
        assert_eq!(ratio.feed_line("Hồ sơ", &t, &p), "Hồ sơ: 52,2% (chỉ tiêu 95%) — đúng tiến độ");
        assert_eq!(ratio.bulletin_behind(&p, &t), " Chậm tiến độ: theo lộ trình, đến nay cần đạt 80%.");
        let above = Target::Ratio { percent: 50.0, above: true };
        assert_eq!(above.target_text(50.0, &t), "trên 50%");
        assert_eq!(above.bulletin_figures("Hồ sơ", &t, &p), "Hồ sơ: đạt 52,2%, tức 120 trên 230; chỉ tiêu trên 50%.");

        let milestone = Target::Milestone;
        let done_on = NaiveDate::from_ymd_opt(2023, 6, 7);
        let p = IndicatorProgress { done_on, standing: Standing::DaDat, ..progress(Some(1.0), 1.0) };
        assert_eq!(milestone.target_text(1.0, &t), "Hoàn thành");
        assert_eq!(milestone.value_text(&p, &t), "Đã xong (báo cáo ngày 7/6/2023)");
        assert_eq!(milestone.share_text(&p), "");
        assert_eq!(milestone.bar_share(&p), Some(100.0));
        assert_eq!(milestone.expected_text(&p, p.as_of.unwrap(), &t), "");
        assert_eq!(milestone.history_texts(0.0, 1.0, None), ("Chưa xong".to_string(), "—".to_string()));
        assert_eq!(milestone.feed_line("Zalo", &t, &p), "Zalo: đã hoàn thành ngày 7/6/2023 — đã đạt");
        assert_eq!(milestone.bulletin_figures("Zalo", &t, &p), "Zalo: đã hoàn thành, theo báo cáo 7/6/2023.");
        assert_eq!(milestone.bulletin_behind(&p, &t), " Chậm tiến độ.");

        let count = Target::Count(1057);
        let t = count.terms(Some("hộ"), &BaseName::default());
        let p = progress(None, 1057.0);
        assert_eq!(t.counted, "hộ");
        assert_eq!(count.value_text(&p, &t), "Chưa có số liệu");
        assert_eq!(count.bulletin_figures("CCCD", &t, &p), "CCCD: chưa có số liệu báo cáo.");
        assert_eq!(count.feed_line("CCCD", &t, &p), "CCCD: chưa có số liệu");
        let p = IndicatorProgress { standing: Standing::ChamTienDo, ..progress(Some(614.0), 1057.0) };
        assert_eq!(count.feed_line("CCCD", &t, &p), "CCCD: 614/1.057 hộ (58,1%) — chậm tiến độ");
        assert_eq!(count.bulletin_figures("CCCD", &t, &p), "CCCD: đã có 614 trên 1.057 hộ, đạt 58,1% chỉ tiêu.");
    }

    #[test]
    fn a_unit_row_is_said_by_its_kind() {
        let unit = |value, ratio, target| UnitProgress {
            unit_id: "kp1".into(),
            name: "Khu phố 1".into(),
            value,
            ratio,
            target,
            base: None,
            share_of_target: None,
            standing: Standing::DungTienDo,
        };
        let u = unit(Some(61.6), None, Some(97.9));
        let share = Target::PercentOf { percent: 40.0, base: "adults".into(), above: false };
        let mut of_base = unit(Some(1154.0), None, Some(1242.0));
        of_base.base = Some(3105);
        assert_eq!(
            (share.unit_value_text(&of_base), share.unit_target_text(&of_base)),
            ("37,2% (1.154)".into(), "40% (1.242)".into())
        );
        assert_eq!(
            (Target::Count(97).unit_value_text(&u), Target::Count(97).unit_target_text(&u)),
            ("62".into(), "97".into())
        );
        let r = unit(Some(50.0), Some((1, 2)), Some(95.0));
        let ratio = Target::Ratio { percent: 95.0, above: false };
        assert_eq!((ratio.unit_value_text(&r), ratio.unit_target_text(&r)), ("50% (1/2)".into(), "95%".into()));
        let m = unit(Some(1.0), None, Some(1.0));
        assert_eq!(
            (Target::Milestone.unit_value_text(&m), Target::Milestone.unit_target_text(&m)),
            ("Đã xong".into(), "—".into())
        );
        assert_eq!(Target::Milestone.unit_value_text(&unit(None, None, None)), "—");
    }
}
