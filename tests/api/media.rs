//! Images on the edit page: what is accepted, what is refused (and leaves nothing
//! behind), and what readers get.
use fagbro::accounts::Role;

use crate::helpers::{Browser, TestApp, jpeg_with_exif};
use crate::on_both_backends;

on_both_backends!(an_editor_puts_a_photo_in_a_guide_without_its_metadata, uploads_that_are_not_fit_are_refused_and_leave_nothing);

async fn draft(editor: &Browser, title: &str) -> String {
    let created = editor.post("/redaksjon/innhold", &[("area", "vestfold"), ("kind", "guide"), ("title", title), ("body", "Slik gjør du det.")]).await;
    created.location().trim_start_matches("/redaksjon/innhold/").to_owned()
}

fn media_files(app_media: &std::path::Path) -> usize {
    std::fs::read_dir(app_media).map(|dir| dir.count()).unwrap_or(0)
}

async fn an_editor_puts_a_photo_in_a_guide_without_its_metadata(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let id = draft(&editor, "Stell av PEG-sonde").await;
    let photo = jpeg_with_exif(1400, 900, "GPS 59.2676N 10.4076E pasientens-hjem");
    let uploaded = editor.upload(&format!("/redaksjon/innhold/{id}/bilder"), photo, "IMG_2041.jpg", "Sonden festet med plaster på magen").await;
    let location = uploaded.location();
    let key = location.split("bilde=").nth(1).unwrap().to_owned();
    let edit = editor.page(&location).await;
    edit.assert_contains(&format!("![Sonden festet med plaster på magen](&#x2F;media&#x2F;{key}&#x2F;content.webp)"));
    editor.page(&format!("/redaksjon/innhold/{id}/versjoner")).await.assert_contains("Bilde lastet opp");

    for (name, width) in [("thumb", 320), ("content", 960), ("full", 1400)] {
        let response = app.client.get(format!("{}/media/{key}/{name}.webp", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{name}");
        assert_eq!(response.headers()["content-type"], "image/webp");
        assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
        let bytes = response.bytes().await.unwrap();
        assert!(!bytes.windows(9).any(|w| w == b"GPS 59.26"), "{name} still carries the EXIF text");
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{name} has an EXIF chunk");
        let decoded = image::load_from_memory_with_format(&bytes, image::ImageFormat::WebP).unwrap();
        assert_eq!(decoded.width(), width, "{name}");
    }

    editor.post(&format!("/redaksjon/innhold/{id}/status"), &[("to", "publish")]).await.location();
    let page = app.page("/vestfold/guide/stell-av-peg-sonde").await;
    page.assert_contains("alt=\"Sonden festet med plaster på magen\"");
    page.assert_contains(&format!("srcset=\"/media/{key}/thumb.webp 320w, /media/{key}/content.webp 960w, /media/{key}/full.webp 1920w\""));
}

async fn uploads_that_are_not_fit_are_refused_and_leave_nothing(app: TestApp) {
    let editor = app.signed_in("kari.vestfold@example.no", Role::LocalEditor, &["vestfold"]).await;
    let id = draft(&editor, "Bildeprøver").await;
    let path = format!("/redaksjon/innhold/{id}/bilder");
    let media = std::path::Path::new(&app.data_dir()).join("media");
    let before = media_files(&media);

    let text = editor.upload(&path, b"<script>alert(1)</script>".to_vec(), "bilde.png", "Et bilde").await;
    assert_eq!(text.status, 415);
    text.assert_contains("ikke et bilde vi tar imot");
    let svg = editor.upload(&path, br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#.to_vec(), "bilde.svg", "Et bilde").await;
    assert_eq!(svg.status, 415);
    let huge = editor.upload(&path, vec![0xFF; 10 * 1024 * 1024 + 1], "stor.jpg", "Et bilde").await;
    assert_eq!(huge.status, 413);
    // A decompression bomb: a valid PNG header that claims 50,000 × 50,000 pixels.
    let bomb = editor.upload(&path, png_claiming(50_000, 50_000), "bombe.png", "Et bilde").await;
    assert_eq!(bomb.status, 413);
    bomb.assert_contains("50000 × 50000");
    let no_alt = editor.upload(&path, jpeg_with_exif(20, 20, "x"), "ok.jpg", " ").await;
    assert_eq!(no_alt.status, 400);
    no_alt.assert_contains("alternativ tekst");
    // Another area's editor, and a form without its token.
    let ahus = app.signed_in("ola.ahus@example.no", Role::LocalEditor, &["ahus"]).await;
    assert_eq!(ahus.upload(&path, jpeg_with_exif(20, 20, "x"), "ok.jpg", "Et bilde").await.status, 403);
    let form = reqwest::multipart::Form::new().part("image", reqwest::multipart::Part::bytes(jpeg_with_exif(20, 20, "x")).file_name("ok.jpg")).text("alt", "Et bilde");
    let tokenless = editor.client.post(format!("{}{path}", app.address)).multipart(form).send().await.unwrap();
    assert_eq!(tokenless.status(), 403);

    assert_eq!(media_files(&media), before, "a refused upload left files behind");
    editor.page(&format!("/redaksjon/innhold/{id}")).await.assert_lacks("&#x2F;media&#x2F;");
}

/// The bytes of a PNG whose header claims a size its data does not have.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    // A few bytes of compressed data: the bomb would inflate them to gigabytes.
    let idat = [b"IDAT".as_slice(), &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]].concat();
    png.extend_from_slice(&8u32.to_be_bytes());
    png.extend_from_slice(&idat);
    png.extend_from_slice(&crc32(&idat).to_be_bytes());
    png.extend_from_slice(&[0, 0, 0, 0]);
    png.extend_from_slice(b"IEND");
    png.extend_from_slice(&crc32(b"IEND").to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= byte as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
