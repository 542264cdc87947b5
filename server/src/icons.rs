//! The app icons of the web app manifest, drawn from the favicon's shapes: `server icons` writes them
//! into `public/icons`, and a test checks the committed files are what it draws.
use std::path::Path;

use anyhow::{Context, Result};
use image::{Rgb, RgbImage};

pub const SIZES: [u32; 2] = [192, 512];
pub const DIR: &str = "public/icons";

const BROWN: [u8; 3] = [0x7a, 0x4b, 0x24];
const CREAM: [u8; 3] = [0xff, 0xfa, 0xf3];
const GREEN: [u8; 3] = [0x2f, 0x7d, 0x4f];

/// The granary of favicon.svg, in its 64-unit square: walls and roof, then the door.
const HOUSE: [(f32, f32); 5] = [
    (14.0, 30.0),
    (32.0, 14.0),
    (50.0, 30.0),
    (50.0, 50.0),
    (14.0, 50.0),
];
const DOOR: [(f32, f32); 4] = [(26.0, 36.0), (38.0, 36.0), (38.0, 50.0), (26.0, 50.0)];

/// Maskable icons are cropped to a circle of 80% of their width by some launchers: the drawing is
/// shrunk around the centre so that its corners stay inside that safe zone, on a full-bleed background.
const SCALE: f32 = 0.9;

/// Whether a point is inside a convex polygon whose corners go clockwise (y downwards).
fn inside(polygon: &[(f32, f32)], x: f32, y: f32) -> bool {
    polygon
        .iter()
        .zip(polygon.iter().cycle().skip(1))
        .all(|(&(x0, y0), &(x1, y1))| (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) >= 0.0)
}

/// The colour at a point of the 64-unit square.
fn colour_at(x: f32, y: f32) -> [u8; 3] {
    let (x, y) = (32.0 + (x - 32.0) / SCALE, 32.0 + (y - 32.0) / SCALE);
    if inside(&DOOR, x, y) {
        GREEN
    } else if inside(&HOUSE, x, y) {
        CREAM
    } else {
        BROWN
    }
}

/// The icon at `size` pixels, each pixel the mean of 4×4 samples so that edges are smooth.
pub fn draw(size: u32) -> RgbImage {
    const SAMPLES: u32 = 4;
    let unit = 64.0 / size as f32;
    RgbImage::from_fn(size, size, |px, py| {
        let mut sum = [0u32; 3];
        for sy in 0..SAMPLES {
            for sx in 0..SAMPLES {
                let x = (px as f32 + (sx as f32 + 0.5) / SAMPLES as f32) * unit;
                let y = (py as f32 + (sy as f32 + 0.5) / SAMPLES as f32) * unit;
                for (total, channel) in sum.iter_mut().zip(colour_at(x, y)) {
                    *total += u32::from(channel);
                }
            }
        }
        Rgb(sum.map(|total| (total / (SAMPLES * SAMPLES)) as u8))
    })
}

pub fn file_name(size: u32) -> String {
    format!("icon-{size}.png")
}

/// Writes every size as PNG into `dir`.
pub fn write(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for size in SIZES {
        let path = dir.join(file_name(size));
        draw(size)
            .save(&path)
            .with_context(|| format!("writing {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_icons_are_the_drawn_ones() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(DIR);
        for size in SIZES {
            let path = dir.join(file_name(size));
            let committed = image::open(&path)
                .unwrap_or_else(|e| panic!("{}: {e}; run `server icons`", path.display()))
                .to_rgb8();
            assert!(
                committed == draw(size),
                "{} is stale; run `server icons`",
                path.display()
            );
        }
    }

    #[test]
    fn drawing_stays_inside_the_maskable_safe_zone() {
        let size = 512;
        let icon = draw(size);
        let centre = size as f32 / 2.0;
        for (x, y, pixel) in icon.enumerate_pixels() {
            let distance =
                ((x as f32 + 0.5 - centre).powi(2) + (y as f32 + 0.5 - centre).powi(2)).sqrt();
            if distance > 0.4 * size as f32 {
                assert_eq!(
                    pixel.0, BROWN,
                    "pixel {x},{y} outside the safe zone is not background"
                );
            }
        }
        assert_eq!(
            icon.get_pixel(size / 2, size / 2 + 60).0,
            GREEN,
            "the door is drawn"
        );
    }
}
