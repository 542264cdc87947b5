//! From an uploaded file to the WebP sizes buyers' pages show: checked before it is decoded, turned
//! upright by its EXIF orientation, and re-encoded from pixels only, so no metadata (GPS above all)
//! survives.
use std::io::Cursor;

use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

use super::PhotoProblem;
use crate::catalogue::IMAGE_WIDTHS;

/// The largest file a seller may upload.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Larger than any phone's ordinary photo (a 50 MP camera), far smaller than a decompression bomb.
const MAX_PIXELS: u64 = 50_000_000;
const MAX_SIDE: u32 = 12_000;
/// Past this many pixels a file must hold at least one byte per this many pixels: a real photo of
/// 12 MP is some megabytes, while a 49 MP black square compresses to 48 KB and costs seconds and
/// hundreds of MB to decode.
const CHEAP_PIXELS: u64 = 4_000_000;
const MAX_PIXELS_PER_BYTE: u64 = 100;
/// Below this a photo is too blurry to sell with.
const MIN_SIDE: u32 = 200;
/// WebP quality: photos stay sharp on a phone at a fraction of JPEG's bytes.
const QUALITY: f32 = 78.0;

/// A photo made ready: its upright size and one WebP file per width in [`IMAGE_WIDTHS`].
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub files: Vec<(u32, Vec<u8>)>,
}

pub fn process(bytes: &[u8]) -> Result<Processed, PhotoProblem> {
    let photo = decode(bytes)?;
    Ok(Processed {
        width: photo.width(),
        height: photo.height(),
        files: webp_sizes(&flatten(photo)),
    })
}

/// Decodes a JPEG, PNG or WebP, refusing anything else and any size that could exhaust memory, and
/// applies its EXIF orientation.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(PhotoProblem::TooLarge);
    }
    if is_heif(bytes) {
        return Err(PhotoProblem::Heic);
    }
    let format = image::guess_format(bytes).map_err(|_| PhotoProblem::NotAPhoto)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(PhotoProblem::NotAPhoto);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refused)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS
        || (pixels > CHEAP_PIXELS && pixels > bytes.len() as u64 * MAX_PIXELS_PER_BYTE)
    {
        return Err(PhotoProblem::TooManyPixels);
    }
    if width.min(height) < MIN_SIDE {
        return Err(PhotoProblem::TooSmall);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut photo = DynamicImage::from_decoder(decoder).map_err(refused)?;
    photo.apply_orientation(orientation);
    Ok(photo)
}

fn refused(error: ImageError) -> PhotoProblem {
    match error {
        ImageError::Limits(_) => PhotoProblem::TooManyPixels,
        _ => PhotoProblem::Broken,
    }
}

/// HEIC/HEIF (iPhones' default): an ISO box `ftyp` with a HEIF brand. No decoder is built in, so the
/// seller is told to send JPEG instead of "not a photo".
fn is_heif(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1"
        )
}

/// Drops transparency onto white, as the page behind a product photo is.
fn flatten(photo: DynamicImage) -> RgbImage {
    if !photo.color().has_alpha() {
        return photo.into_rgb8();
    }
    let rgba = photo.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

/// Each width, largest first, each scaled from the one before (never up): a small photo is stored
/// at its own width under the larger names, so every name in a `srcset` exists.
fn webp_sizes(photo: &RgbImage) -> Vec<(u32, Vec<u8>)> {
    let mut current = photo.clone();
    let mut files: Vec<(u32, Vec<u8>)> = IMAGE_WIDTHS
        .iter()
        .rev()
        .map(|&width| {
            if width < current.width() {
                let height = (u64::from(current.height()) * u64::from(width)
                    / u64::from(current.width()))
                .max(1) as u32;
                current = imageops::resize(&current, width, height, FilterType::Triangle);
            }
            let encoded =
                webp::Encoder::from_rgb(current.as_raw(), current.width(), current.height())
                    .encode(QUALITY);
            (width, encoded.to_vec())
        })
        .collect();
    files.reverse();
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, codecs::png::PngEncoder};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        PngEncoder::new(&mut out)
            .write_image(
                picture.as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        out
    }

    #[test]
    fn makes_every_width_without_scaling_up() {
        let done = process(&png(900, 600)).unwrap();
        assert_eq!((done.width, done.height), (900, 600));
        let widths: Vec<u32> = done.files.iter().map(|(w, _)| *w).collect();
        assert_eq!(widths, IMAGE_WIDTHS);
        for (width, bytes) in &done.files {
            let decoded = image::load_from_memory_with_format(bytes, ImageFormat::WebP).unwrap();
            assert_eq!(decoded.width(), (*width).min(900));
            // The 3:2 shape, to the pixel.
            assert_eq!(decoded.height(), decoded.width() * 2 / 3);
        }
    }

    #[test]
    fn refuses_what_is_not_a_photo() {
        assert_eq!(
            decode(b"%PDF-1.7 not a photo").err(),
            Some(PhotoProblem::NotAPhoto)
        );
        let mut gif = b"GIF89a".to_vec();
        gif.extend([0; 20]);
        assert_eq!(decode(&gif).err(), Some(PhotoProblem::NotAPhoto));
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(decode(heic).err(), Some(PhotoProblem::Heic));
        let mut cut = png(300, 300);
        cut.truncate(cut.len() / 2);
        assert_eq!(decode(&cut).err(), Some(PhotoProblem::Broken));
        assert_eq!(decode(&png(150, 600)).err(), Some(PhotoProblem::TooSmall));
    }

    const PHONE_PHOTO: &[u8] = include_bytes!("../../../../end2end/fixtures/photos/kopi-gps.jpg");
    const BOMB: &[u8] = include_bytes!("../../../../end2end/fixtures/photos/bomb.png");

    /// The mean colour of a square at (x, y).
    fn mean(photo: &RgbImage, x: u32, y: u32, side: u32) -> [u32; 3] {
        let mut sum = [0u32; 3];
        for dy in 0..side {
            for dx in 0..side {
                let p = photo.get_pixel(x + dx, y + dy).0;
                (0..3).for_each(|i| sum[i] += u32::from(p[i]));
            }
        }
        sum.map(|s| s / (side * side))
    }

    #[test]
    fn turns_a_phone_photo_upright_and_drops_its_gps() {
        let original = PHONE_PHOTO;
        assert!(original.windows(4).any(|w| w == b"Exif"));
        assert!(original.windows(18).any(|w| w == b"Lumbung Test Phone"));
        let done = process(original).unwrap();
        // Stored 400 × 600 sideways; EXIF orientation 6 makes it 600 × 400.
        assert_eq!((done.width, done.height), (600, 400));
        for (_, bytes) in &done.files {
            for marker in [&b"Exif"[..], b"EXIF", b"XMP", b"Lumbung Test Phone"] {
                assert!(!bytes.windows(marker.len()).any(|w| w == marker));
            }
        }
        let (_, largest) = done.files.last().unwrap();
        let upright = image::load_from_memory_with_format(largest, ImageFormat::WebP)
            .unwrap()
            .into_rgb8();
        assert_eq!(upright.dimensions(), (600, 400));
        // As the coffee photo is seen: dark top left, light top right, brown bottom right.
        let [r, g, b] = mean(&upright, 0, 0, 60);
        assert!(r + g + b < 150, "top left {r} {g} {b}");
        let [r, g, b] = mean(&upright, 540, 0, 60);
        assert!(r + g + b > 400, "top right {r} {g} {b}");
        let [r, _, b] = mean(&upright, 540, 340, 60);
        assert!(r > 120 && b < 80, "bottom right {r} {b}");
    }

    #[test]
    fn refuses_a_decompression_bomb_before_decoding_it() {
        // 30000 × 30000 pixels in 110 KB: 3.6 GB once decoded.
        assert!(BOMB.len() < 200_000);
        let started = std::time::Instant::now();
        assert_eq!(decode(BOMB).err(), Some(PhotoProblem::TooManyPixels));
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn refuses_a_large_picture_that_compresses_too_well_before_decoding_it() {
        // 5000 × 4000 black pixels: some KB as a PNG, 80 MB once decoded as RGBA.
        let black = image::GrayImage::new(5000, 4000);
        let mut flat = Vec::new();
        PngEncoder::new(&mut flat)
            .write_image(black.as_raw(), 5000, 4000, image::ExtendedColorType::L8)
            .unwrap();
        assert!(flat.len() < 200_000, "{}", flat.len());
        let started = std::time::Instant::now();
        assert_eq!(decode(&flat).err(), Some(PhotoProblem::TooManyPixels));
        assert!(started.elapsed() < std::time::Duration::from_millis(500));
        // A flat picture of an ordinary size is still a photo.
        let small = image::GrayImage::from_pixel(1600, 1200, image::Luma([200]));
        let mut plain = Vec::new();
        PngEncoder::new(&mut plain)
            .write_image(small.as_raw(), 1600, 1200, image::ExtendedColorType::L8)
            .unwrap();
        assert!(decode(&plain).is_ok());
    }

    #[test]
    fn refuses_a_file_over_ten_megabytes() {
        // Noise does not compress: a real PNG of 11 MB.
        let mut seed = 7u32;
        let noise = RgbImage::from_fn(2100, 1800, |_, _| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let [a, b, c, _] = seed.to_le_bytes();
            image::Rgb([a, b, c])
        });
        let mut huge = Vec::new();
        PngEncoder::new(&mut huge)
            .write_image(noise.as_raw(), 2100, 1800, image::ExtendedColorType::Rgb8)
            .unwrap();
        assert!(huge.len() > MAX_BYTES, "{}", huge.len());
        assert_eq!(decode(&huge).err(), Some(PhotoProblem::TooLarge));
    }

    #[test]
    fn white_shows_through_transparency() {
        let clear = image::RgbaImage::from_pixel(4, 4, image::Rgba([0, 0, 0, 0]));
        let flat = flatten(DynamicImage::ImageRgba8(clear));
        assert_eq!(flat.get_pixel(1, 1).0, [255, 255, 255]);
    }
}
