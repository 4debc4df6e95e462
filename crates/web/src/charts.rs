//! SVG charts (charts-rs), drawn on the server and inlined in pages.

use charts_rs::{BarChart, Color, HeatmapChart, LineChart, RadarChart, Series};
use leap_core::feedback::Results;
use leap_core::readiness::Readiness;

use crate::error::WebError;

/// A sans-serif face close to the Roboto the chart measures its labels
/// with (a missing face would otherwise fall back to a serif one).
const FONT: &str = "Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

/// Current against expected levels for every competency of the target.
pub fn radar(r: &Readiness, scale_max: u8) -> Result<String, WebError> {
    let max = f32::from(scale_max);
    let indicators = r
        .competencies
        .iter()
        .map(|c| (short(&c.name), max).into())
        .collect();
    let mut chart = RadarChart::new(
        vec![
            Series::new(
                format!("Expected for {}", r.target_name),
                r.competencies
                    .iter()
                    .map(|c| f32::from(c.expected))
                    .collect(),
            ),
            Series::new(
                "You now".to_owned(),
                r.competencies
                    .iter()
                    .map(|c| f32::from(c.current))
                    .collect(),
            ),
        ],
        indicators,
    );
    chart.width = 760.0;
    chart.height = 540.0;
    chart.font_family = FONT.to_owned();
    chart
        .svg()
        .map_err(|e| WebError::internal(format!("radar chart: {e}")))
}

/// Readiness (%) over time: each point a date and a percentage.
pub fn trend(points: &[(String, u32)]) -> Result<String, WebError> {
    let mut chart = LineChart::new(
        vec![Series::new(
            "Readiness %".to_owned(),
            points.iter().map(|(_, percent)| *percent as f32).collect(),
        )],
        points.iter().map(|(d, _)| d.clone()).collect(),
    );
    chart.width = 720.0;
    chart.height = 300.0;
    chart.font_family = FONT.to_owned();
    // Readiness is a share: the axis runs from 0 to 100 %, whatever the data.
    if let Some(y) = chart.y_axis_configs.first_mut() {
        y.min = Some(0.0);
        y.max = Some(100.0);
        y.split_number = 5;
        y.formatter = Some("{c} %".to_owned());
        y.title = Some("Readiness (%)".to_owned());
    }
    chart.x_axis.title = "Date".to_owned();
    chart
        .svg()
        .map_err(|e| WebError::internal(format!("trend chart: {e}")))
}

/// Self-assessed levels over time of the competencies that matter most:
/// those still short of the target and those that moved, at most six (a
/// line each), on the framework's scale.
pub fn levels(
    competencies: &[leap_core::progress::CompetencyProgress],
    scale_max: u8,
) -> Result<Option<String>, WebError> {
    let mut shown: Vec<&leap_core::progress::CompetencyProgress> = competencies
        .iter()
        .filter(|c| {
            let first = c.levels.first().map(|l| l.level);
            let last = c.levels.last().map(|l| l.level);
            last.is_some_and(|l| l < c.expected) || first != last
        })
        .collect();
    shown.sort_by_key(|c| {
        let last = c.levels.last().map_or(0, |l| l.level);
        std::cmp::Reverse(c.expected.saturating_sub(last))
    });
    shown.truncate(6);
    let Some(dates) = shown.first().map(|c| &c.levels).filter(|l| l.len() >= 2) else {
        return Ok(None);
    };
    let mut chart = LineChart::new(
        shown
            .iter()
            .map(|c| {
                Series::new(
                    short(&c.name).to_owned(),
                    c.levels.iter().map(|l| f32::from(l.level)).collect(),
                )
            })
            .collect(),
        dates.iter().map(|l| l.date.to_string()).collect(),
    );
    chart.width = 720.0;
    chart.height = 340.0;
    chart.font_family = FONT.to_owned();
    if let Some(y) = chart.y_axis_configs.first_mut() {
        y.min = Some(0.0);
        y.max = Some(f32::from(scale_max));
        y.split_number = usize::from(scale_max).max(1);
        y.title = Some("Level".to_owned());
    }
    chart.x_axis.title = "Date".to_owned();
    chart
        .svg()
        .map(Some)
        .map_err(|e| WebError::internal(format!("levels chart: {e}")))
}

/// Counts per period as bars (`series`: what is counted, `y`: the axis
/// title, `x`: the period), or nothing when every count is zero.
fn counts(
    points: &[(String, u32)],
    series: &str,
    y: &str,
    x: &str,
) -> Result<Option<String>, WebError> {
    if points.iter().all(|(_, n)| *n == 0) {
        return Ok(None);
    }
    let mut chart = BarChart::new(
        vec![Series::new(
            series.to_owned(),
            points.iter().map(|(_, n)| *n as f32).collect(),
        )],
        points.iter().map(|(label, _)| label.clone()).collect(),
    );
    chart.width = 720.0;
    chart.height = 280.0;
    chart.font_family = FONT.to_owned();
    // Whole numbers on the axis: at most five steps, each a whole count.
    let most = points.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let step = most.div_ceil(5);
    let steps = most.div_ceil(step);
    if let Some(axis) = chart.y_axis_configs.first_mut() {
        axis.min = Some(0.0);
        axis.max = Some((step * steps) as f32);
        axis.split_number = steps as usize;
        axis.title = Some(y.to_owned());
    }
    chart.x_axis.title = x.to_owned();
    chart
        .svg()
        .map(Some)
        .map_err(|e| WebError::internal(format!("{series} chart: {e}")))
}

/// Plan items done in each month.
pub fn done_per_month(
    months: &[leap_core::progress::MonthCount],
) -> Result<Option<String>, WebError> {
    let points: Vec<(String, u32)> = months.iter().map(|m| (m.month.clone(), m.done)).collect();
    counts(&points, "Plan items done", "Items done", "Month")
}

/// Interactions with contacts in each week, labelled by the week's Monday.
pub fn interactions_per_week(
    weeks: &[leap_core::contact::WeekCount],
) -> Result<Option<String>, WebError> {
    let points: Vec<(String, u32)> = weeks
        .iter()
        .map(|w| (w.week.format("%d %b").to_string(), w.interactions))
        .collect();
    counts(&points, "Interactions", "Interactions", "Week of")
}

/// Self against all (visible) others, for the competencies that have both
/// (a radar needs at least three).
pub fn self_vs_others(results: &Results, scale_max: u8) -> Result<Option<String>, WebError> {
    let rows: Vec<(&str, f32, f32)> = results
        .competencies
        .iter()
        .filter_map(|c| {
            let others = c.others?;
            Some((
                short(&c.name),
                f32::from(c.self_level?),
                others.average as f32,
            ))
        })
        .collect();
    if rows.len() < 3 {
        return Ok(None);
    }
    let max = f32::from(scale_max);
    let mut chart = RadarChart::new(
        vec![
            Series::new("You".to_owned(), rows.iter().map(|r| r.1).collect()),
            Series::new("All others".to_owned(), rows.iter().map(|r| r.2).collect()),
        ],
        rows.iter().map(|r| (r.0, max).into()).collect(),
    );
    chart.width = 760.0;
    chart.height = 540.0;
    chart.font_family = FONT.to_owned();
    chart
        .svg()
        .map(Some)
        .map_err(|e| WebError::internal(format!("feedback chart: {e}")))
}

/// Axis labels: the head of the name ("Budgeting, funding and
/// purchasing" → "Budgeting") so that every label fits around the chart.
/// The team's gaps: competencies (rows) by people (columns), each cell the
/// levels a person is short of their target there, pale at none and
/// darker as the gap grows.
pub fn gaps_heatmap(h: &leap_app::team::Heatmap) -> Result<String, WebError> {
    let columns = h.people.len();
    let mut data = Vec::new();
    // The chart draws its first row at the bottom: the framework's first
    // competency goes last so that it reads top down.
    let rows: Vec<usize> = (0..h.competencies.len()).rev().collect();
    for (y, &c) in rows.iter().enumerate() {
        for x in 0..columns {
            let gap = h.gaps.get(c).and_then(|r| r.get(x)).copied().unwrap_or(0);
            data.push((y * columns + x, f32::from(gap)));
        }
    }
    let mut chart = HeatmapChart::new(
        data,
        h.people.clone(),
        rows.iter()
            .map(|&c| short(&h.competencies[c].name).to_owned())
            .collect(),
    );
    chart.width = (260.0 + 90.0 * columns as f32).clamp(420.0, 1100.0);
    chart.height = 60.0 + 30.0 * h.competencies.len() as f32;
    chart.font_family = FONT.to_owned();
    chart.heatmap_series.min = 0.0;
    chart.heatmap_series.max = 3.0;
    chart.heatmap_series.colors = vec![
        Color::from("#e8f5e9"),
        Color::from("#fff3c4"),
        Color::from("#f6b26b"),
        Color::from("#c0392b"),
    ];
    chart.heatmap_series.thresholds = vec![0.5, 1.5, 2.5];
    chart
        .svg()
        .map_err(|e| WebError::internal(format!("heatmap: {e}")))
}

fn short(name: &str) -> &str {
    let end = [name.find([':', '(', ',']), name.find(" and ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(name.len());
    name[..end].trim()
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_labels() {
        assert_eq!(
            super::short("Budgeting, funding and purchasing"),
            "Budgeting"
        );
        assert_eq!(
            super::short("Resource planning and scheduling"),
            "Resource planning"
        );
        assert_eq!(
            super::short("How things get done (organisational savvy)"),
            "How things get done"
        );
        assert_eq!(super::short("Technical excellence"), "Technical excellence");
    }
}
