//! Images: checked and decoded with the `image` crate (real image formats only, a size
//! limit, a dimensions limit and an allocation limit against decompression bombs), then
//! re-encoded from pixels alone (so EXIF, GPS and other metadata are gone) as a few WebP
//! renditions, served from `/media/{key}/` with long cache headers and a `srcset`.
//! Nothing is written unless every rendition was made.
pub mod repo;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use tokio::sync::{Semaphore, SemaphorePermit};

/// The largest upload accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The largest width or height accepted (a 40-megapixel camera is about 7,800 wide).
pub const MAX_SIDE: u32 = 10_000;
/// What decoding may allocate: a 10,000 × 10,000 RGBA image is 400 MB, so the limit is
/// reached by the side limit first for honest images and stops forged ones.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// The renditions, by file name and the width they are made at (never wider than the
/// original): a thumbnail, the width of the text column, and the full view.
pub const RENDITIONS: [(&str, u32); 3] = [("thumb", 320), ("content", 960), ("full", 1920)];

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("Filen er ikke et bilde vi tar imot. Bruk PNG, JPEG, WebP eller GIF.")]
    NotAnImage,
    #[error("Bildet er for stort: høyst {} MB.", MAX_BYTES / 1024 / 1024)]
    TooManyBytes,
    #[error("Bildet er {width} × {height} punkter; høyst {MAX_SIDE} punkter på hver led.")]
    TooLargeDimensions { width: u32, height: u32 },
    #[error("Bildet kunne ikke leses: {0}")]
    Corrupt(String),
    #[error("media folder {path}: {cause}")]
    Storage { path: PathBuf, cause: std::io::Error },
}

/// An image checked and stored: its key and original size.
#[derive(Clone, Debug)]
pub struct Stored {
    pub key: String,
    pub width: u32,
    pub height: u32,
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, MediaError> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| MediaError::NotAnImage)?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP | ImageFormat::Gif) => Ok(reader),
        _ => Err(MediaError::NotAnImage),
    }
}

/// An upload's width and height from its header alone, checked against the limits
/// before a byte of pixels is decoded (a forged size is refused with the size it claims).
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), MediaError> {
    if bytes.len() > MAX_BYTES {
        return Err(MediaError::TooManyBytes);
    }
    let (width, height) = reader(bytes)?.into_dimensions().map_err(|e| MediaError::Corrupt(e.to_string()))?;
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(MediaError::TooLargeDimensions { width, height });
    }
    Ok((width, height))
}

/// Checks and decodes an upload: format by content (never by name), size, dimensions.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, MediaError> {
    let (width, height) = dimensions(bytes)?;
    let mut decoder = reader(bytes)?;
    decoder.limits(limits());
    decoder.decode().map_err(|error| match error {
        image::ImageError::Limits(_) => MediaError::TooLargeDimensions { width, height },
        other => MediaError::Corrupt(other.to_string()),
    })
}

/// The WebP renditions of an image, by file name.
pub fn renditions(image: &DynamicImage) -> Result<Vec<(&'static str, Vec<u8>)>, MediaError> {
    let mut made = Vec::with_capacity(RENDITIONS.len());
    for (name, width) in RENDITIONS {
        let scaled = if image.width() > width { image.thumbnail(width, u32::MAX) } else { image.clone() };
        // Pixels only: what the upload carried besides them is not written.
        let pixels = DynamicImage::ImageRgba8(scaled.to_rgba8());
        let mut webp = Vec::new();
        pixels
            .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut webp))
            .map_err(|e| MediaError::Corrupt(e.to_string()))?;
        made.push((name, webp));
    }
    Ok(made)
}

/// Decoded pixels held in memory at once, over all uploads, in megapixels. One image of
/// the largest size (100 megapixels, 400 MB as RGBA) fits; a second waits for it, so four
/// such uploads at once cost the memory of one, not four.
pub const MEGAPIXELS_IN_FLIGHT: u32 = 100;

static PIXELS: LazyLock<PixelBudget> = LazyLock::new(|| PixelBudget::new(MEGAPIXELS_IN_FLIGHT));

/// A budget of megapixels being decoded; an image holds its share while it is worked on.
pub struct PixelBudget {
    megapixels: u32,
    free: Semaphore,
}

impl PixelBudget {
    pub fn new(megapixels: u32) -> PixelBudget {
        PixelBudget { megapixels, free: Semaphore::new(megapixels as usize) }
    }

    /// Waits until an image of this size fits in the budget, and holds its share.
    #[allow(clippy::expect_used, reason = "the semaphore is owned here and never closed")]
    pub async fn hold(&self, width: u32, height: u32) -> SemaphorePermit<'_> {
        let share = (u64::from(width) * u64::from(height)).div_ceil(1_000_000).clamp(1, u64::from(self.megapixels)) as u32;
        self.free.acquire_many(share).await.expect("the pixel budget is never closed")
    }

    pub fn in_use(&self) -> u32 {
        self.megapixels - self.free.available_permits() as u32
    }
}

/// Stores an upload off the request threads, once its pixels fit in the budget shared
/// by every upload; refusals that need only the header come at once.
pub async fn store_within_budget(media_dir: PathBuf, bytes: Vec<u8>) -> Result<Stored, MediaError> {
    let (width, height) = dimensions(&bytes)?;
    let _share = PIXELS.hold(width, height).await;
    crate::cpu::run(move || store(&media_dir, &bytes)).await
}

/// Decodes, renders and writes an upload under `media_dir/{key}/`, all or nothing.
pub fn store(media_dir: &Path, bytes: &[u8]) -> Result<Stored, MediaError> {
    let image = decode(bytes)?;
    let files = renditions(&image)?;
    let key = crate::tokens::random_token()[..32].to_owned();
    let storage = |path: &Path| {
        let path = path.to_owned();
        move |cause| MediaError::Storage { path, cause }
    };
    std::fs::create_dir_all(media_dir).map_err(storage(media_dir))?;
    // Written beside, then renamed into place: a crash leaves no half-made image.
    let partial = media_dir.join(format!(".{key}.partial"));
    std::fs::create_dir(&partial).map_err(storage(&partial))?;
    let written = files.iter().try_for_each(|(name, webp)| {
        let path = partial.join(format!("{name}.webp"));
        std::fs::write(&path, webp).map_err(storage(&path))
    });
    let final_dir = media_dir.join(&key);
    let moved = written.and_then(|()| std::fs::rename(&partial, &final_dir).map_err(storage(&final_dir)));
    if let Err(error) = moved {
        let _ = std::fs::remove_dir_all(&partial);
        return Err(error);
    }
    Ok(Stored { key, width: image.width(), height: image.height() })
}

/// Removes a stored image (when its database row could not be written).
pub fn remove(media_dir: &Path, key: &str) {
    if is_key(key) {
        let _ = std::fs::remove_dir_all(media_dir.join(key));
    }
}

pub fn is_key(key: &str) -> bool {
    key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The address an image is written into Markdown with.
pub fn content_url(key: &str) -> String {
    format!("/media/{key}/content.webp")
}

/// Gives every `<img>` of ours (`/media/{key}/content.webp`) a `srcset` of its
/// renditions. Runs on sanitised HTML and only adds attributes it builds itself.
pub fn with_srcset(html: &str) -> String {
    const MARK: &str = "<img src=\"/media/";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at + MARK.len()]);
        rest = &rest[at + MARK.len()..];
        let key = rest.get(..32).filter(|k| is_key(k));
        match key {
            Some(key) if rest[32..].starts_with("/content.webp\"") => {
                let srcset: Vec<String> = RENDITIONS.iter().map(|(name, w)| format!("/media/{key}/{name}.webp {w}w")).collect();
                out.push_str(key);
                out.push_str("/content.webp\" srcset=\"");
                out.push_str(&srcset.join(", "));
                out.push_str("\" sizes=\"(max-width: 60rem) 100vw, 60rem\" loading=\"lazy\"");
                rest = &rest[32 + "/content.webp\"".len()..];
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30])));
        let mut bytes = Vec::new();
        image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn an_image_becomes_webp_renditions_no_wider_than_the_original() {
        let image = decode(&png(1200, 600)).unwrap();
        let made = renditions(&image).unwrap();
        let widths: Vec<u32> = made
            .iter()
            .map(|(_, webp)| image::load_from_memory_with_format(webp, ImageFormat::WebP).unwrap().width())
            .collect();
        assert_eq!(widths, vec![320, 960, 1200]);
        assert!(made.iter().all(|(_, webp)| webp.starts_with(b"RIFF") && &webp[8..12] == b"WEBP"));
    }

    #[tokio::test]
    async fn images_wait_for_their_share_of_the_pixel_budget() {
        let budget = PixelBudget::new(100);
        let large = budget.hold(10_000, 10_000).await;
        assert_eq!(budget.in_use(), 100);
        // A second large image waits until the first is done.
        let second = tokio::time::timeout(std::time::Duration::from_millis(50), budget.hold(8_000, 8_000)).await;
        assert!(second.is_err(), "the second image did not wait");
        drop(large);
        let second = budget.hold(8_000, 8_000).await;
        assert_eq!(budget.in_use(), 64);
        // Small images share what is left; even the smallest counts.
        let small = budget.hold(10, 10).await;
        assert_eq!(budget.in_use(), 65);
        drop((second, small));
        assert_eq!(budget.in_use(), 0);
    }

    #[test]
    fn text_and_other_formats_are_not_images() {
        assert!(matches!(decode(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"), Err(MediaError::NotAnImage)));
        assert!(matches!(decode(b"%PDF-1.7 ..."), Err(MediaError::NotAnImage)));
        let mut truncated = png(50, 50);
        truncated.truncate(60);
        assert!(matches!(decode(&truncated), Err(MediaError::Corrupt(_))));
    }

    #[test]
    fn only_our_own_images_get_a_srcset() {
        let key = "0123456789abcdef0123456789abcdef";
        let html = format!("<p><img src=\"/media/{key}/content.webp\" alt=\"Heis\"><img src=\"/media/x/content.webp\" alt=\"y\"></p>");
        let out = with_srcset(&html);
        assert!(out.contains(&format!("srcset=\"/media/{key}/thumb.webp 320w, /media/{key}/content.webp 960w, /media/{key}/full.webp 1920w\"")), "{out}");
        assert_eq!(out.matches("srcset").count(), 1);
    }
}
