//! Provinces' and regencies' outlines for the coverage map, from the simplified GeoJSON in
//! `server/data` (sources and licence in its README), drawn as SVG path data on integer coordinates:
//! at a map's size nothing finer shows, and it keeps the national map small.
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Area;

const PROVINCES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/provinces-id.geojson"
));
const REGENCIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../server/data/regencies-id.geojson"
));

/// The map's width in its own units; the height follows the areas' shape.
const WIDTH: f64 = 1000.0;
/// A tall province is fitted to this height instead.
const MAX_HEIGHT: f64 = 800.0;

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: MultiPolygon,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
}

/// Polygons of rings of `[longitude, latitude]`.
#[derive(Deserialize)]
struct MultiPolygon {
    coordinates: Vec<Vec<Vec<[f64; 2]>>>,
}

/// Each region's rings (outer and holes alike: the map fills with the even-odd rule).
fn shapes() -> &'static HashMap<String, Vec<Vec<[f64; 2]>>> {
    static SHAPES: OnceLock<HashMap<String, Vec<Vec<[f64; 2]>>>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        [PROVINCES, REGENCIES]
            .into_iter()
            .flat_map(|text| {
                let collection: Collection =
                    serde_json::from_str(text).expect("the bundled GeoJSON parses");
                collection.features
            })
            .map(|f| {
                let rings = f.geometry.coordinates.into_iter().flatten().collect();
                (f.properties.code, rings)
            })
            .collect()
    })
}

/// Gives each area with an outline its path, all fitted into one map, and returns the map's viewBox;
/// `None` when no area has an outline (districts and villages).
pub fn draw(areas: &mut [Area]) -> Option<String> {
    let shapes = shapes();
    let points = || {
        areas
            .iter()
            .filter_map(|a| shapes.get(&a.code))
            .flatten()
            .flatten()
    };
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for [lng, lat] in points() {
        west = west.min(*lng);
        east = east.max(*lng);
        south = south.min(*lat);
        north = north.max(*lat);
    }
    if west > east {
        return None;
    }
    // Near the equator degrees of longitude and latitude are nearly the same length.
    let scale = (WIDTH / (east - west).max(1e-6)).min(MAX_HEIGHT / (north - south).max(1e-6));
    let project = |[lng, lat]: [f64; 2]| {
        (
            ((lng - west) * scale).round() as i64,
            ((north - lat) * scale).round() as i64,
        )
    };
    for area in areas.iter_mut() {
        area.outline = shapes.get(&area.code).map(|rings| path(rings, project));
    }
    let (width, height) = project([east, south]);
    Some(format!("0 0 {width} {height}"))
}

/// `M x y` then relative steps for each ring, points that round to the same spot dropped, and rings
/// smaller than a unit left out.
fn path(rings: &[Vec<[f64; 2]>], project: impl Fn([f64; 2]) -> (i64, i64)) -> String {
    let mut d = String::new();
    for ring in rings {
        let mut points: Vec<(i64, i64)> = ring.iter().map(|p| project(*p)).collect();
        points.dedup();
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            continue;
        }
        let (mut x, mut y) = points[0];
        let _ = write!(d, "M{x} {y}l");
        for &(nx, ny) in &points[1..] {
            let (dx, dy) = (nx - x, ny - y);
            // A minus sign separates numbers by itself.
            let gap = if d.ends_with('l') || dx < 0 { "" } else { " " };
            let _ = write!(d, "{gap}{dx}{}{dy}", if dy < 0 { "" } else { " " });
            (x, y) = (nx, ny);
        }
        d.push('z');
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::Figures;

    fn area(code: &str) -> Area {
        Area {
            code: code.into(),
            name: code.into(),
            figures: Figures::default(),
            outline: None,
        }
    }

    #[test]
    fn every_province_and_regency_has_an_outline() {
        let shapes = shapes();
        assert_eq!(shapes.keys().filter(|c| c.len() == 2).count(), 38);
        assert_eq!(shapes.keys().filter(|c| c.len() == 5).count(), 514);
    }

    #[test]
    fn areas_fit_one_map_and_others_have_no_outline() {
        let mut areas = vec![area("52"), area("53"), area("52.04.02")];
        let view_box = draw(&mut areas).unwrap();
        let size: Vec<i64> = view_box.split(' ').map(|n| n.parse().unwrap()).collect();
        assert_eq!(size[..3], [0, 0, 1000]);
        assert!(size[3] > 100 && size[3] < 800, "{view_box}");
        for area in &areas[..2] {
            let d = area.outline.as_deref().unwrap();
            assert!(d.starts_with('M') && d.ends_with('z'), "{d}");
        }
        assert_eq!(areas[2].outline, None);
        assert_eq!(draw(&mut [area("52.04.02")]), None);
    }

    #[test]
    fn steps_are_relative_and_separated() {
        let d = path(
            &[vec![
                [0.0, 0.0],
                [2.0, 0.0],
                [2.0, -3.0],
                [0.0, -3.0],
                [0.0, 0.0],
            ]],
            |[x, y]| (x as i64, -y as i64),
        );
        assert_eq!(d, "M0 0l2 0 0 3-2 0z");
        // A ring that rounds to fewer than three points is not drawn.
        assert_eq!(
            path(&[vec![[0.0, 0.0], [0.1, 0.0], [0.0, 0.0]]], |[x, y]| (
                x as i64, y as i64
            )),
            ""
        );
    }
}
