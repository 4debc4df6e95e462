//! SVG charts (charts-rs), drawn on the server and inlined in pages.

use charts_rs::{LineChart, RadarChart, Series};
use leap_core::feedback::Results;
use leap_core::readiness::Readiness;

use crate::error::WebError;

/// A sans-serif face close to the Roboto the chart measures its labels
/// with (a missing face would otherwise fall back to a serif one).
const FONT: &str = "Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif";

/// Current against expected levels for every competency of the target.
pub fn radar(r: &Readiness, scale_max: u8) -> Result<String, WebError> {
    radar_sized(r, scale_max, 760.0, 540.0)
}

fn radar_sized(r: &Readiness, scale_max: u8, width: f32, height: f32) -> Result<String, WebError> {
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
    chart.width = width;
    chart.height = height;
    chart.font_family = FONT.to_owned();
    chart
        .svg()
        .map_err(|e| WebError::internal(format!("radar chart: {e}")))
}

/// Readiness (%) at each assessment date.
pub fn trend(points: &[(String, f64)]) -> Result<String, WebError> {
    let mut chart = LineChart::new(
        vec![Series::new(
            "Readiness %".to_owned(),
            points
                .iter()
                .map(|(_, r)| (r * 100.0).floor() as f32)
                .collect(),
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
    chart.x_axis.title = "Self-assessment".to_owned();
    chart
        .svg()
        .map_err(|e| WebError::internal(format!("trend chart: {e}")))
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
