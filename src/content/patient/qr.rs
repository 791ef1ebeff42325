//! A QR code as a PNG, made here (no outside service): a patient scans it to take the
//! leaflet home.
use image::{GrayImage, ImageEncoder, Luma};
use qrcode::{Color, EcLevel, QrCode};

/// Pixels per module: a 33-module code is 328 px with its quiet zone, sharp on paper.
const SCALE: u32 = 8;
/// The blank border a reader needs around the code, in modules.
const QUIET_ZONE: u32 = 4;

#[derive(Debug, thiserror::Error)]
pub enum QrError {
    #[error("the address is too long for a QR code")]
    TooLong(#[from] qrcode::types::QrError),
    #[error("the image could not be written")]
    Png(#[from] image::ImageError),
}

/// `text` as a QR code (error correction M: still reads with a smudge or a fold).
pub fn png(text: &str) -> Result<Vec<u8>, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    let modules = u32::try_from(code.width()).unwrap_or(u32::MAX);
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_ZONE) * SCALE;
    let image = GrayImage::from_fn(side, side, |x, y| {
        let (mx, my) = ((x / SCALE).wrapping_sub(QUIET_ZONE), (y / SCALE).wrapping_sub(QUIET_ZONE));
        let dark = mx < modules && my < modules && colors[(my * modules + mx) as usize] == Color::Dark;
        Luma([if dark { 0 } else { 255 }])
    });
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes).write_image(image.as_raw(), side, side, image::ExtendedColorType::L8)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the code back as a phone would, from the pixels.
    fn decode(png: &[u8]) -> String {
        let image = image::load_from_memory(png).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(image.width() as usize, image.height() as usize, |x, y| {
            image.get_pixel(x as u32, y as u32).0[0]
        });
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    #[test]
    fn the_code_reads_back_as_the_address_in_any_script() {
        for address in ["https://fagbro.example.no/vestfold/patient/etter-operasjonen/so", "http://127.0.0.1:8080/central/patient/rett-til-tolk/ar"] {
            assert_eq!(decode(&png(address).unwrap()), address);
        }
    }

    #[test]
    fn an_address_too_long_for_any_code_is_an_error_not_a_panic() {
        assert!(matches!(png(&"a".repeat(8000)), Err(QrError::TooLong(_))));
    }
}
