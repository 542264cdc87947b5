//! Product pictures for the demo: real JPEG files drawn and encoded with the `image` crate.
use std::hash::{Hash, Hasher};
use std::path::Path;

use anyhow::Result;
use app::catalogue::IMAGE_WIDTHS;
use image::{ImageEncoder, Rgb, RgbImage, codecs::jpeg::JpegEncoder, imageops};

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

/// The picture at each of [`IMAGE_WIDTHS`], as JPEG.
pub fn jpeg_sizes(picture: &RgbImage) -> Result<Vec<(u32, Vec<u8>)>> {
    IMAGE_WIDTHS
        .iter()
        .map(|&width| {
            let height = picture.height() * width / picture.width();
            let sized = imageops::resize(picture, width, height, imageops::FilterType::Triangle);
            let mut out = Vec::new();
            JpegEncoder::new_with_quality(&mut out, 78).write_image(
                sized.as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )?;
            Ok((width, out))
        })
        .collect()
}

/// Writes the picture in every size under `media_dir` and returns its key, from which
/// `app::catalogue::image_url` finds each size.
pub async fn write_product_image(
    media_dir: &Path,
    slug: &str,
    name: &str,
    category: &str,
) -> Result<String> {
    let key = format!("products/{slug}");
    let (name, category) = (name.to_string(), category.to_string());
    let sizes = tokio::task::spawn_blocking(move || jpeg_sizes(&product_picture(&name, &category)))
        .await??;
    for (width, bytes) in sizes {
        let path = media_dir.join(app::catalogue::image_path(&key, width));
        tokio::fs::create_dir_all(path.parent().expect("key has a folder")).await?;
        tokio::fs::write(&path, bytes).await?;
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    #[test]
    fn makes_jpegs_that_decode_to_each_size() {
        let picture = super::product_picture("Kopi Arabika Gayo", "kopi-teh");
        let sizes = super::jpeg_sizes(&picture).unwrap();
        assert_eq!(sizes.len(), super::IMAGE_WIDTHS.len());
        for (width, bytes) in sizes {
            let img =
                image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
            assert_eq!((img.width(), img.height()), (width, width * 3 / 4));
            assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
        }
    }
}
