//! `server bench-photos`: what an upload costs. A 12-megapixel phone photo (the coffee fixture enlarged
//! to 4000 × 3000 with sensor-like grain, saved as a JPEG at quality 90) goes through the same checks,
//! rotation and WebP sizes as sellers' uploads; it prints the time per photo and each size's bytes.
use std::time::{Duration, Instant};

use anyhow::Result;
use app::catalogue::IMAGE_WIDTHS;
use app::dashboard::photos::process::process;
use image::RgbImage;
use image::imageops::{self, FilterType};

const FIXTURE: &[u8] = include_bytes!("../../end2end/fixtures/photos/kopi-gps.jpg");

fn phone_photo() -> Result<Vec<u8>> {
    let upright = app::dashboard::photos::process::decode(FIXTURE)
        .map_err(|p| anyhow::anyhow!("fixture refused: {p:?}"))?
        .into_rgb8();
    let mut big: RgbImage = imageops::resize(&upright, 4000, 3000, FilterType::CatmullRom);
    let mut seed = 0x9e37_79b9u32;
    for pixel in big.pixels_mut() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed % 13) as i16 - 6;
        pixel.0 = pixel.0.map(|c| (i16::from(c) + grain).clamp(0, 255) as u8);
    }
    crate::seed::images::jpeg(&big)
}

pub fn run(rounds: usize) -> Result<()> {
    for (name, file) in [
        ("12 MP phone photo 4000×3000", phone_photo()?),
        ("kopi-gps.jpg 600×400 (EXIF rotated)", FIXTURE.to_vec()),
    ] {
        let mut times: Vec<Duration> = Vec::new();
        let mut sizes = Vec::new();
        for _ in 0..rounds.max(1) {
            let started = Instant::now();
            let done = process(&file).map_err(|p| anyhow::anyhow!("refused: {p:?}"))?;
            times.push(started.elapsed());
            sizes = done
                .files
                .iter()
                .map(|(w, bytes)| (*w, bytes.len()))
                .collect();
        }
        times.sort();
        println!("{name}: {} bytes in", file.len());
        println!(
            "  per photo (decode, rotate, {} WebP sizes): median {:.0?}, fastest {:.0?}, slowest {:.0?} over {} runs",
            IMAGE_WIDTHS.len(),
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            times.len()
        );
        let listed: Vec<String> = sizes
            .iter()
            .map(|(w, n)| format!("{w} px {:.1} KB", *n as f64 / 1000.0))
            .collect();
        println!("  variants: {}", listed.join(", "));
    }
    Ok(())
}
