//! Product pictures for the demo: drawn, encoded as JPEG files, then stored like sellers' uploads.
use std::hash::{Hash, Hasher};

use anyhow::Result;
use app::catalogue::image_path;
use app::dashboard::photos::process::process;
use app::media::Media;
use image::{ImageEncoder, Rgb, RgbImage, codecs::jpeg::JpegEncoder};

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 600;

/// Base colours per category, so that a listing looks like what it sells.
fn palette(category: &str) -> [u8; 3] {
    match category {
        "kopi-teh" => [111, 78, 55],
        "gula-madu" => [214, 154, 45],
        "makanan-ringan" => [228, 178, 92],
        "bumbu-rempah" => [176, 74, 40],
        "hasil-tani" => [96, 150, 72],
        "olahan-laut" => [52, 120, 170],
        "kain-tenun" => [150, 50, 80],
        _ => [120, 110, 90],
    }
}

/// Draws a warm gradient with a few soft discs placed by the product's name.
pub fn product_picture(name: &str, category: &str) -> RgbImage {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    name.hash(&mut hasher);
    let seed = hasher.finish();
    let base = palette(category);
    let discs: Vec<(f32, f32, f32)> = (0..4)
        .map(|i| {
            let bits = seed.rotate_left(i * 16);
            let x = (bits & 0xff) as f32 / 255.0 * WIDTH as f32;
            let y = ((bits >> 8) & 0xff) as f32 / 255.0 * HEIGHT as f32;
            let r = 60.0 + ((bits >> 16) & 0x7f) as f32;
            (x, y, r)
        })
        .collect();
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let t = (x + y) as f32 / (WIDTH + HEIGHT) as f32;
        let mut light = 0.75 + 0.35 * (1.0 - t);
        for &(cx, cy, r) in &discs {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            if d < r {
                light += 0.25 * (1.0 - d / r);
            }
        }
        Rgb(base.map(|c| (c as f32 * light).min(255.0) as u8))
    })
}

/// The picture as a phone would send it: a JPEG file.
pub fn jpeg(picture: &RgbImage) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90).write_image(
        picture.as_raw(),
        picture.width(),
        picture.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    Ok(out)
}

/// A stored demo photo: its key and upright size.
pub struct StoredPhoto {
    pub key: String,
    pub width: u32,
    pub height: u32,
}

/// Draws the product's picture and stores it as sellers' uploads are: through the same checks and
/// WebP sizes, into the same store.
pub async fn store_product_photo(
    media: &Media,
    slug: &str,
    name: &str,
    category: &str,
) -> Result<StoredPhoto> {
    let key = format!("products/demo/{slug}");
    let (name, category) = (name.to_string(), category.to_string());
    let processed = tokio::task::spawn_blocking(move || {
        let file = jpeg(&product_picture(&name, &category))?;
        process(&file).map_err(|problem| anyhow::anyhow!("demo photo refused: {problem:?}"))
    })
    .await??;
    for (width, bytes) in processed.files {
        media.put(&image_path(&key, width), bytes).await?;
    }
    Ok(StoredPhoto {
        key,
        width: processed.width,
        height: processed.height,
    })
}
