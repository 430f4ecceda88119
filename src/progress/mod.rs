//! Derive: from a plan and its cumulative reports, the latest figure per unit and in total, the
//! target in absolute terms, shares, days left, and a status against the straight path from the
//! period start to the target at the deadline.

use chrono::{Days, NaiveDate};

use crate::content::model::{Indicator, Plan, Report, Site};
use crate::indicator::{Figure, IndicatorProgress, Kind, Point, Projection, Standing, Target, UnitProgress};

#[derive(Debug, Clone)]
pub struct PlanProgress {
    pub plan: String,
    pub indicators: Vec<IndicatorProgress>,
    pub latest: Option<NaiveDate>,
    /// The latest report is labelled illustrative, so the figures shown as current are.
    pub illustrative: bool,
    pub source: Option<String>,
    pub report_count: usize,
}

/// Straight path from 0 at `from` to `target` at `deadline`, evaluated at `at`.
pub fn path_value(from: NaiveDate, deadline: NaiveDate, target: f64, at: NaiveDate) -> f64 {
    let span = (deadline - from).num_days();
    if span <= 0 || at >= deadline {
        return target;
    }
    let done = (at - from).num_days().max(0);
    target * done as f64 / span as f64
}

/// Against the straight path alone: reached, below the path, or at or above it.
pub fn standing(value: Option<f64>, target: Option<f64>, expected: Option<f64>) -> Standing {
    match (value, target) {
        (None, _) => Standing::ChuaCoSoLieu,
        (Some(v), Some(t)) if v >= t - 1e-9 => Standing::DaDat,
        (Some(v), _) => match expected {
            Some(e) if v + 1e-9 < e => Standing::ChamTienDo,
            _ => Standing::DungTienDo,
        },
    }
}

/// Past the deadline the whole target was due, whatever the straight path said at the last
/// report: a campaign that ended short is late, not "on track" nor merely behind.
pub fn past_deadline(st: Standing, today: NaiveDate, deadline: NaiveDate) -> Standing {
    match st {
        Standing::DungTienDo | Standing::ChamTienDo | Standing::CoNguyCoTreHan if today > deadline => Standing::TreHan,
        st => st,
    }
}

/// On the path, but at the recent rate the target is reached only after the deadline, or never:
/// "Đúng tiến độ" would promise what the figures do not.
pub fn at_risk(st: Standing, p: &Projection, deadline: NaiveDate) -> Standing {
    let misses = p.rate_per_day.is_some() && !p.reached && p.reaches_on.is_none_or(|d| d > deadline);
    match st {
        Standing::DungTienDo if misses => Standing::CoNguyCoTreHan,
        st => st,
    }
}

/// How far back the recent rate is measured: four weeks, the last month of weekly reports, long
/// enough that one slow or one busy week does not decide the status alone.
pub const RECENT_DAYS: i64 = 28;

/// Projects the cumulative `history` forward at its recent rate to the day it reaches
/// `target`. The recent rate is the growth per day from the latest report at least
/// [`RECENT_DAYS`] before the last one (else the earliest report before it, else 0 at `from`,
/// the plan's start) to the last one.
pub fn projection(history: &[(NaiveDate, f64)], from: NaiveDate, target: f64, deadline: NaiveDate) -> Projection {
    const EPS: f64 = 1e-9;
    let mut pts: Vec<(NaiveDate, f64)> = history.iter().copied().filter(|(_, v)| v.is_finite()).collect();
    pts.sort_by_key(|(d, _)| *d);
    let Some(&(d1, v1)) = pts.last() else {
        return Projection::NONE;
    };
    let earlier = || pts.iter().filter(|(d, _)| *d < d1);
    let window = earlier().rev().find(|(d, _)| (d1 - *d).num_days() >= RECENT_DAYS).or_else(|| earlier().next());
    let (prev, from_start) = match window {
        Some(&p) => (Some(p), false),
        None => ((from < d1).then_some((from, 0.0)), true),
    };
    let rate = prev.map(|(d0, v0)| (v1 - v0) / (d1 - d0).num_days() as f64).filter(|r| r.is_finite());
    let at_deadline = rate.filter(|_| deadline > d1).map(|r| v1 + r * (deadline - d1).num_days() as f64);
    let reached = v1 >= target - EPS;
    let reaches_on = if reached {
        // A total that dipped below the target and came back counts from its return.
        let mut first = d1;
        for (d, v) in pts.iter().rev() {
            if *v < target - EPS {
                break;
            }
            first = *d;
        }
        Some(first)
    } else {
        match rate {
            Some(r) if r > 0.0 => {
                let days = ((target - v1) / r).ceil();
                // Beyond ~270 years is "never" for a campaign, and keeps the date arithmetic safe.
                if days.is_finite() && days <= 100_000.0 {
                    d1.checked_add_days(Days::new(days as u64))
                } else {
                    None
                }
            }
            _ => None,
        }
    };
    Projection {
        rate_per_day: rate,
        since: prev.map(|(d, _)| d),
        from_start: from_start && prev.is_some(),
        last: Some(d1),
        reaches_on,
        before_deadline: reaches_on.is_some_and(|d| d <= deadline),
        at_deadline,
        reached,
    }
}

/// A total on the indicator's scale, its ratio parts, and the date it stands at.
type Total = (f64, Option<(u64, u64)>, NaiveDate);

/// Latest figure and its report date, per unit and for the whole `ward`, as reports are read in
/// date order.
struct Latest<'a> {
    ward: Option<(&'a Figure, NaiveDate)>,
    units: Vec<Option<(&'a Figure, NaiveDate)>>,
}

impl<'a> Latest<'a> {
    /// The total so far on the indicator's scale, its ratio parts and the date it stands at.
    ///
    /// A unit's latest figure may come from an older report than another unit's; the total is the
    /// sum of each unit's latest, which is what "cumulative as of the latest report" means. A
    /// `ward` figure stands for the total only while no unit has reported anything newer.
    fn total(&self, target: &Target) -> Option<Total> {
        let unit_date = self.units.iter().flatten().map(|(_, d)| *d).max();
        if let Some((f, d)) = self.ward {
            if unit_date.is_none_or(|u| d >= u) {
                return Some((f.scale(), f.ratio(), d));
            }
        }
        let as_of = unit_date?;
        let (value, ratio) = target.total(self.units.iter().map(|l| l.map(|(f, _)| f)));
        Some((value, ratio, as_of))
    }
}

impl Latest<'_> {
    /// The day a milestone was done, as its latest figures state it: the whole ward's when it is
    /// the newest, else the last of its units' once every unit states one.
    fn stated_done_on(&self) -> Option<NaiveDate> {
        let unit_date = self.units.iter().flatten().map(|(_, d)| *d).max();
        if let Some((f, d)) = self.ward {
            if unit_date.is_none_or(|u| d >= u) {
                return f.done_on();
            }
        }
        let mut last = None;
        for l in &self.units {
            let on = l.and_then(|(f, _)| f.done_on())?;
            last = last.max(Some(on));
        }
        last
    }
}

/// A unit's figures of one indicator, as many as its [`projection`] reads: the first, and the
/// recent ones back to the latest at least [`RECENT_DAYS`] before the newest. The whole history
/// of 300 units × 8 indicators × a year of weekly reports would be 2 MB for each reading of the
/// reports; this is about five figures a unit.
#[derive(Debug, Clone, Default)]
struct Recent {
    first: Option<(NaiveDate, f64)>,
    points: Vec<(NaiveDate, f64)>,
}

impl Recent {
    fn push(&mut self, date: NaiveDate, value: f64) {
        self.first.get_or_insert((date, value));
        self.points.push((date, value));
        // A figure with a later one already four weeks old is never the start of the window
        // again: the reports come in date order. Dates compared, not subtracted: this runs for
        // every unit's figure of every report, four times a build.
        let Some(cutoff) = date.checked_sub_days(Days::new(RECENT_DAYS as u64)) else { return };
        let stale = self.points.iter().skip(1).take_while(|(d, _)| *d <= cutoff).count();
        self.points.drain(..stale);
    }

    fn projection(&self, from: NaiveDate, target: f64, deadline: NaiveDate) -> Projection {
        let mut pts = Vec::with_capacity(self.points.len() + 1);
        pts.extend(self.first.filter(|f| self.points.first() != Some(f)));
        pts.extend_from_slice(&self.points);
        projection(&pts, from, target, deadline)
    }
}

/// One indicator's figures as reports are read, oldest first: each unit's latest and recent
/// ones, and the total after every report that mentions it.
struct Running<'a> {
    latest: Latest<'a>,
    recent: Vec<Recent>,
    history: Vec<Point>,
}

impl<'a> Running<'a> {
    fn new(site: &Site) -> Running<'a> {
        let n = site.units.units.len();
        Running {
            latest: Latest { ward: None, units: vec![None; n] },
            recent: vec![Recent::default(); n],
            history: Vec::new(),
        }
    }

    /// After a report was read: the total joins the history if the report mentioned the indicator.
    fn note(&mut self, mentioned: bool, date: NaiveDate, target: &Target) {
        if mentioned {
            if let Some((value, _, _)) = self.latest.total(target) {
                self.history.push(Point { date, value });
            }
        }
    }

    /// Where the indicator stands as of `today`, from the reports read so far. Without `detail`,
    /// the per-unit rows and the history are left empty, for a summary of totals.
    fn progress(&self, site: &Site, plan: &Plan, ind: &Indicator, today: NaiveDate, detail: bool) -> IndicatorProgress {
        let acc = &self.latest;
        let history = &self.history;
        let (target, base) = ind.target.absolute(|b| site.units.base_total(b));
        let any_unit = acc.units.iter().any(Option::is_some);
        let (value, ratio, as_of) = match acc.total(&ind.target) {
            Some((v, r, d)) => (Some(v), r, Some(d)),
            None => (None, None, None),
        };

        let expected = as_of.map(|d| path_value(plan.from, ind.deadline, target, d));
        let milestone = ind.target.kind() == Kind::Milestone;
        let projection = if milestone {
            Projection::NONE
        } else {
            let points: Vec<(NaiveDate, f64)> = history.iter().map(|p| (p.date, p.value)).collect();
            projection(&points, plan.from, target, ind.deadline)
        };
        let mut st = standing(value, Some(target), expected);
        st = past_deadline(at_risk(st, &projection, ind.deadline), today, ind.deadline);
        // A milestone not done is on track until its deadline, and late after it.
        if milestone && st != Standing::DaDat && value.is_some() {
            st = if as_of.is_some_and(|d| d > ind.deadline) || today > ind.deadline {
                Standing::TreHan
            } else {
                Standing::DungTienDo
            };
        }
        let stated = if milestone && value.is_some_and(|v| v >= 1.0) { acc.stated_done_on() } else { None };
        let reported = milestone.then(|| history.iter().find(|p| p.value >= 1.0).map(|p| p.date)).flatten();
        let done_on = stated.or(reported);
        let done_late = stated.map(|d| (d - ind.deadline).num_days()).filter(|n| *n > 0);

        let units = if any_unit && detail {
            site.units
                .units
                .iter()
                .zip(acc.units.iter().copied())
                .zip(&self.recent)
                .map(|((u, l), recent)| {
                    let value = l.map(|(f, _)| f.scale());
                    let ratio = l.and_then(|(f, _)| f.ratio());
                    let ubase = ind.target.base().and_then(|base| u.bases.get(base).copied());
                    let utarget = ind.target.for_unit(ubase, ind.unit_targets.get(&u.id).copied());
                    let uexp = match (utarget, l) {
                        (Some(t), Some((_, d))) => Some(path_value(plan.from, ind.deadline, t, d)),
                        _ => None,
                    };
                    let share = match (value, utarget) {
                        (Some(v), Some(t)) if t > 0.0 => Some(v * 100.0 / t),
                        _ => None,
                    };
                    UnitProgress {
                        unit_id: u.id.clone(),
                        name: u.name.clone(),
                        value,
                        ratio,
                        target: utarget,
                        base: ubase,
                        share_of_target: share,
                        // A unit without a target of its own is judged by nothing, before or after.
                        // One with a target is judged as the whole is, its own recent rate too:
                        // "Đúng tiến độ" on a unit that will miss its share is the promise the
                        // whole indicator no longer makes.
                        standing: match utarget {
                            Some(t) => {
                                let st = standing(value, utarget, uexp);
                                let st = if milestone {
                                    st
                                } else {
                                    at_risk(st, &recent.projection(plan.from, t, ind.deadline), ind.deadline)
                                };
                                past_deadline(st, today, ind.deadline)
                            }
                            None => standing(value, utarget, uexp),
                        },
                    }
                })
                .collect()
        } else {
            Vec::new()
        };

        IndicatorProgress {
            id: ind.id.clone(),
            value,
            ratio,
            target,
            base,
            share_of_target: value.filter(|_| target > 0.0).map(|v| v * 100.0 / target),
            share_of_base: match (value, base) {
                (Some(v), Some(b)) if b > 0 => Some(v * 100.0 / b as f64),
                _ => None,
            },
            expected,
            as_of,
            days_left: (ind.deadline - today).num_days(),
            standing: st,
            projection,
            done_on,
            done_stated: stated.is_some(),
            done_late,
            units,
            history: if detail { history.clone() } else { Vec::new() },
        }
    }
}

/// A plan's reports read one at a time, oldest first, so the progress as it stood after each of
/// them (one feed entry and one bulletin per report) costs one pass over the reports instead of
/// reading every report again for each.
pub struct Tracker<'a> {
    site: &'a Site,
    plan: &'a Plan,
    /// Unit id → position in `site.units.units`.
    unit_index: foldhash::HashMap<&'a str, usize>,
    /// Indicator id → position in `plan.indicators`: looked up for every figure.
    indicator_index: foldhash::HashMap<&'a str, usize>,
    running: Vec<Running<'a>>,
}

impl<'a> Tracker<'a> {
    pub fn new(site: &'a Site, plan: &'a Plan) -> Tracker<'a> {
        Tracker {
            site,
            plan,
            unit_index: site.units.units.iter().enumerate().map(|(i, u)| (u.id.as_str(), i)).collect(),
            indicator_index: plan.indicators.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect(),
            running: plan.indicators.iter().map(|_| Running::new(site)).collect(),
        }
    }

    /// A tracker that has read `reports`, the plan's, in date order.
    pub fn after(site: &'a Site, plan: &'a Plan, reports: impl IntoIterator<Item = &'a Report>) -> Tracker<'a> {
        let mut tracker = Tracker::new(site, plan);
        for r in reports {
            tracker.read(r);
        }
        tracker
    }

    /// Takes in the plan's next report (they come in date order).
    pub fn read(&mut self, report: &'a Report) {
        let mut mentioned = vec![false; self.running.len()];
        // A report's rows share one string per indicator id: each is looked up once a report,
        // by its address, not hashed again for every unit (300 units × 8 indicators × a year of
        // reports, read again for the plan, the warnings and the bulletins on every save).
        let mut seen: Vec<((*const u8, usize), Option<usize>)> = Vec::with_capacity(self.running.len());
        for (unit, row) in &report.values {
            let slot = if unit == "ward" {
                None
            } else {
                match self.unit_index.get(unit.as_str()) {
                    Some(i) => Some(*i),
                    // Not a unit of the site: never counted.
                    None => continue,
                }
            };
            for (ind, fig) in row.iter() {
                let at = (ind.as_ptr(), ind.len());
                let k = match seen.iter().find(|(p, _)| *p == at) {
                    Some(&(_, k)) => k,
                    None => {
                        let k = self.indicator_index.get(ind).copied();
                        seen.push((at, k));
                        k
                    }
                };
                let Some(k) = k else { continue };
                let run = &mut self.running[k];
                let at = match slot {
                    None => &mut run.latest.ward,
                    Some(i) => {
                        run.recent[i].push(report.date, fig.scale());
                        &mut run.latest.units[i]
                    }
                };
                // "done" after a report that said on which day keeps that day.
                let fig = match (*at, fig) {
                    (Some((before, _)), Figure::Milestone { done: true, on: None }) if before.done_on().is_some() => {
                        before
                    }
                    _ => fig,
                };
                *at = Some((fig, report.date));
                mentioned[k] = true;
            }
        }
        for ((run, ind), m) in self.running.iter_mut().zip(&self.plan.indicators).zip(mentioned) {
            run.note(m, report.date, &ind.target);
        }
    }

    /// Every indicator as of `today`, from the reports read so far.
    pub fn indicators(&self, today: NaiveDate) -> Vec<IndicatorProgress> {
        self.each(today, true)
    }

    /// Every indicator's totals as of `today`, without per-unit rows or history.
    pub fn totals(&self, today: NaiveDate) -> Vec<IndicatorProgress> {
        self.each(today, false)
    }

    fn each(&self, today: NaiveDate, detail: bool) -> Vec<IndicatorProgress> {
        let progress = |(ind, run): (&Indicator, &Running)| run.progress(self.site, self.plan, ind, today, detail);
        self.plan.indicators.iter().zip(&self.running).map(progress).collect()
    }
}

/// Where every indicator of `plan` stands as of `today`. The reports are read once for all the
/// indicators: reading them once per indicator looked up each of a province's 300 units in every
/// report eight times, a thirtieth of a second per call.
pub fn plan(site: &Site, plan: &Plan, today: NaiveDate) -> PlanProgress {
    let reports: Vec<&Report> = site.reports.iter().filter(|r| r.plan == plan.slug).collect();
    let indicators = Tracker::after(site, plan, reports.iter().copied()).indicators(today);
    let last = reports.last();
    PlanProgress {
        plan: plan.slug.clone(),
        indicators,
        latest: last.map(|r| r.date),
        illustrative: last.is_some_and(|r| r.illustrative),
        source: last.and_then(|r| r.source.clone()),
        report_count: reports.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn straight_path() {
        let from = d(2023, 5, 25);
        let deadline = d(2023, 6, 30);
        assert_eq!(path_value(from, deadline, 1057.0, from), 0.0);
        assert_eq!(path_value(from, deadline, 1057.0, deadline), 1057.0);
        let mid = path_value(from, deadline, 1057.0, d(2023, 6, 14));
        assert!((mid - 1057.0 * 20.0 / 36.0).abs() < 1e-9);
    }

    #[test]
    fn standings() {
        assert_eq!(standing(Some(10.0), Some(10.0), Some(5.0)), Standing::DaDat);
        assert_eq!(standing(Some(6.0), Some(10.0), Some(5.0)), Standing::DungTienDo);
        assert_eq!(standing(Some(4.0), Some(10.0), Some(5.0)), Standing::ChamTienDo);
        assert_eq!(standing(None, Some(10.0), None), Standing::ChuaCoSoLieu);
        let (deadline, after) =
            (NaiveDate::from_ymd_opt(2024, 9, 30).unwrap(), NaiveDate::from_ymd_opt(2024, 10, 1).unwrap());
        assert_eq!(past_deadline(Standing::DungTienDo, after, deadline), Standing::TreHan);
        assert_eq!(past_deadline(Standing::DungTienDo, deadline, deadline), Standing::DungTienDo);
        assert_eq!(past_deadline(Standing::DaDat, after, deadline), Standing::DaDat);
    }

    #[test]
    fn the_recent_rate_is_the_last_four_weeks() {
        // Weekly reports: 100, 110, 150, 250, 400, 600. The rate from 28 days before the last
        // (the second report, 110) to it: 490 in 28 days, 17,5 a day; not the last week's 200.
        let dates: Vec<NaiveDate> = (0..6).map(|k| d(2024, 5, 3) + chrono::Duration::days(7 * k)).collect();
        let values = [100.0, 110.0, 150.0, 250.0, 400.0, 600.0];
        let history: Vec<(NaiveDate, f64)> = dates.iter().copied().zip(values).collect();
        let p = projection(&history, d(2024, 4, 16), 1000.0, d(2024, 9, 30));
        assert!(close(p.rate_per_day.unwrap(), 17.5, 1e-12));
        assert_eq!((p.since, p.last, p.from_start), (Some(dates[1]), Some(dates[5]), false));
        assert_eq!(crate::indicator::words::rate_window(&p), "theo tốc độ 4 tuần gần nhất");
        // One report: from the plan's start.
        let one = projection(&history[..1], d(2024, 4, 16), 1000.0, d(2024, 9, 30));
        assert_eq!((one.since, one.from_start), (Some(d(2024, 4, 16)), true));
        assert_eq!(crate::indicator::words::rate_window(&one), "theo tốc độ từ đầu kế hoạch");
    }

    #[test]
    fn on_the_path_at_a_rate_that_misses_the_deadline_is_at_risk() {
        let deadline = d(2024, 9, 30);
        let slow = projection(&[(d(2024, 5, 3), 100.0), (d(2024, 5, 31), 200.0)], d(2024, 4, 16), 2000.0, deadline);
        assert!(!slow.before_deadline);
        assert_eq!(at_risk(Standing::DungTienDo, &slow, deadline), Standing::CoNguyCoTreHan);
        // Behind already, or reached: the projection adds nothing.
        assert_eq!(at_risk(Standing::ChamTienDo, &slow, deadline), Standing::ChamTienDo);
        let fast = projection(&[(d(2024, 5, 3), 100.0), (d(2024, 5, 31), 1000.0)], d(2024, 4, 16), 2000.0, deadline);
        assert_eq!(at_risk(Standing::DungTienDo, &fast, deadline), Standing::DungTienDo);
        // No growth at all: never.
        let flat = projection(&[(d(2024, 5, 3), 100.0), (d(2024, 5, 31), 100.0)], d(2024, 4, 16), 2000.0, deadline);
        assert_eq!(at_risk(Standing::DungTienDo, &flat, deadline), Standing::CoNguyCoTreHan);
        // Nothing to measure a rate by: no claim.
        assert_eq!(at_risk(Standing::DungTienDo, &Projection::NONE, deadline), Standing::DungTienDo);
        // Past the deadline, short of the target: late, whatever the path said.
        assert_eq!(past_deadline(Standing::CoNguyCoTreHan, d(2024, 10, 1), deadline), Standing::TreHan);
    }

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() <= eps
    }

    #[test]
    fn projection_within_four_weeks_from_the_earliest_report() {
        // 7/6 → 14/6: 614 − 410 = 204 in 7 days, 29,14 a day. 1.057 − 614 = 443 left:
        // 443 / (204/7) = 15,2 days, so the first whole day at or above 1.057 is 14/6 + 16 = 30/6,
        // which is the deadline itself: in time.
        let p = projection(&[(d(2023, 6, 7), 410.0), (d(2023, 6, 14), 614.0)], d(2023, 5, 25), 1057.0, d(2023, 6, 30));
        assert!(close(p.rate_per_day.unwrap(), 204.0 / 7.0, 1e-12));
        assert_eq!(p.reaches_on, Some(d(2023, 6, 30)));
        assert!(p.before_deadline);
        assert!(!p.reached);
        // 614 + 16 × 204/7 = 1.080,3 at the deadline.
        assert!(close(p.at_deadline.unwrap(), 614.0 + 16.0 * 204.0 / 7.0, 1e-9));
    }

    #[test]
    fn projection_with_one_report_measures_from_the_period_start() {
        // 614 in the 20 days since 25/5 is 30,7 a day; 443 / 30,7 = 14,4 → 15 days → 29/6.
        let p = projection(&[(d(2023, 6, 14), 614.0)], d(2023, 5, 25), 1057.0, d(2023, 6, 30));
        assert!(close(p.rate_per_day.unwrap(), 30.7, 1e-12));
        assert_eq!(p.reaches_on, Some(d(2023, 6, 29)));
        assert!(p.before_deadline);
    }

    #[test]
    fn a_units_recent_figures_project_as_its_whole_history_does() {
        // Weekly, then a gap, then daily: the window's start is found in what is kept.
        let (from, deadline) = (d(2024, 4, 16), d(2024, 9, 30));
        let mut days: Vec<NaiveDate> = (0..10).map(|w| d(2024, 5, 3) + Duration::days(7 * w)).collect();
        days.extend((1..=12).map(|k| d(2024, 8, 1) + Duration::days(k)));
        let mut all = Vec::new();
        let mut recent = Recent::default();
        for (k, day) in days.iter().enumerate() {
            let v = (k * k) as f64 + 3.0;
            all.push((*day, v));
            recent.push(*day, v);
            let want = projection(&all, from, 900.0, deadline);
            let got = recent.projection(from, 900.0, deadline);
            assert_eq!(
                (got.rate_per_day, got.since, got.reaches_on),
                (want.rate_per_day, want.since, want.reaches_on),
                "{day}"
            );
            assert!(recent.points.len() <= 30, "{}", recent.points.len());
        }
        // Four weeks of daily figures and the one before them, not the whole history.
        assert!(recent.points.len() < all.len(), "{} of {}", recent.points.len(), all.len());
    }

    #[test]
    fn projection_edges() {
        let (from, deadline) = (d(2023, 5, 25), d(2023, 6, 30));
        let empty = projection(&[], from, 100.0, deadline);
        assert_eq!((empty.rate_per_day, empty.reaches_on, empty.before_deadline), (None, None, false));
        // No growth: never.
        let flat = projection(&[(d(2023, 6, 1), 40.0), (d(2023, 6, 8), 40.0)], from, 100.0, deadline);
        assert_eq!((flat.rate_per_day, flat.reaches_on, flat.before_deadline), (Some(0.0), None, false));
        // Reached, dipped, reached again: counts from the return.
        let back = projection(
            &[(d(2023, 6, 1), 100.0), (d(2023, 6, 8), 90.0), (d(2023, 6, 15), 101.0), (d(2023, 6, 22), 120.0)],
            from,
            100.0,
            deadline,
        );
        assert!(back.reached);
        assert_eq!(back.reaches_on, Some(d(2023, 6, 15)));
        // A single report on the start day has nothing to measure a rate against.
        let start = projection(&[(from, 10.0)], from, 100.0, deadline);
        assert_eq!(start.rate_per_day, None);
        // A crawl that would take millennia is "never", not a date overflow.
        let crawl = projection(&[(d(2023, 6, 1), 0.0), (d(2023, 6, 8), 1e-9)], from, 1e12, deadline);
        assert_eq!(crawl.reaches_on, None);
    }
}
