//! The career map: roles on their tracks and the transitions between them,
//! drawn as SVG. Technical roles stand in the left column, management roles
//! in the right one, lowest first from the bottom; a sideways move is
//! dashed. Every text is escaped.

use std::fmt::Write;

use leap_core::{Framework, Track, TransitionKind};

const COLUMN_X: [f64; 2] = [170.0, 530.0];
const BOX_W: f64 = 250.0;
const BOX_H: f64 = 44.0;
const ROW_H: f64 = 90.0;
const TOP: f64 = 40.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub fn svg(f: &Framework) -> String {
    let tracks = [Track::Technical, Track::Management];
    let rows = tracks
        .iter()
        .map(|t| f.roles_on(*t).count())
        .max()
        .unwrap_or(1)
        .max(1);
    let height = TOP * 2.0 + rows as f64 * ROW_H;
    // Centre of each role's box.
    let mut at = std::collections::HashMap::new();
    for (col, t) in tracks.iter().enumerate() {
        for (i, r) in f.roles_on(*t).enumerate() {
            let y = height - TOP - (i as f64 + 0.5) * ROW_H;
            at.insert(r.id.as_str(), (COLUMN_X[col], y));
        }
    }
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 700 {height}" width="700" height="{height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#1d2330"/></marker></defs>"##
    );
    let _ = write!(
        s,
        r##"<text x="{}" y="22" text-anchor="middle" font-weight="bold" font-size="15">Technical track</text><text x="{}" y="22" text-anchor="middle" font-weight="bold" font-size="15">Management track</text>"##,
        COLUMN_X[0], COLUMN_X[1]
    );
    for t in &f.transitions {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (at.get(t.from.as_str()), at.get(t.to.as_str()))
        else {
            continue;
        };
        // From the edge of one box to the edge of the other.
        let (sx, sy, ex, ey) = if (x1 - x2).abs() < 1.0 {
            let dir = if y2 < y1 { -1.0 } else { 1.0 };
            (x1, y1 + dir * BOX_H / 2.0, x2, y2 - dir * BOX_H / 2.0)
        } else {
            let dir = if x2 > x1 { 1.0 } else { -1.0 };
            (x1 + dir * BOX_W / 2.0, y1, x2 - dir * BOX_W / 2.0, y2)
        };
        let dash = if t.kind == TransitionKind::Sideways {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r##"<line x1="{sx}" y1="{sy}" x2="{ex}" y2="{ey}" stroke="#1d2330" stroke-width="1.5"{dash} marker-end="url(#arrow)"><title>{} → {} ({})</title></line>"##,
            escape(f.role_name(t.from.as_str())),
            escape(f.role_name(t.to.as_str())),
            t.kind.as_str()
        );
    }
    for r in &f.roles {
        let Some(&(x, y)) = at.get(r.id.as_str()) else {
            continue;
        };
        let fill = if r.track == Track::Management {
            "#e6eefb"
        } else {
            "#eef6ee"
        };
        let _ = write!(
            s,
            r##"<a href="/framework/roles/{id}"><rect x="{}" y="{}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" stroke="#1d2330"/><text x="{x}" y="{}" text-anchor="middle" font-size="14">{name}</text></a>"##,
            x - BOX_W / 2.0,
            y - BOX_H / 2.0,
            y + 5.0,
            id = escape(r.id.as_str()),
            name = escape(&r.name),
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn draws_every_role_and_transition_escaped() {
        let f = leap_core::framework::builtin().expect("builtin");
        let s = super::svg(&f);
        assert_eq!(s.matches("<rect").count(), f.roles.len());
        assert_eq!(s.matches("<line").count(), f.transitions.len());
        assert!(s.contains("stroke-dasharray"), "sideways moves are dashed");
        assert_eq!(
            super::escape("<a & \"b\">"),
            "&lt;a &amp; &quot;b&quot;&gt;"
        );
    }
}
