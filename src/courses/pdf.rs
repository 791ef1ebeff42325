//! The course certificate as a PDF: one A4 page, written by hand. The text is shaped
//! with rustybuzz in Noto Sans (Latin with its extensions, Greek, Cyrillic) and Noto Sans
//! Arabic, and both fonts are embedded, so a name prints as it is written, in any of
//! those scripts (an Arabic name joined and right to left). A ToUnicode map keeps the
//! text searchable and readable by screen readers.
use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::entities::certificate;
use crate::web::format;

/// The fonts, from `assets/fonts` (see its README), built into the program.
static FONTS: LazyLock<[FontFile; 4]> = LazyLock::new(|| {
    [
        FontFile::new("NotoSans-Regular", include_bytes!("../../assets/fonts/NotoSans-Regular.ttf")),
        FontFile::new("NotoSans-Bold", include_bytes!("../../assets/fonts/NotoSans-Bold.ttf")),
        FontFile::new("NotoSansArabic-Regular", include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf")),
        FontFile::new("NotoSansArabic-Bold", include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf")),
    ]
});

struct FontFile {
    name: &'static str,
    data: &'static [u8],
    face: rustybuzz::Face<'static>,
}

impl FontFile {
    fn new(name: &'static str, data: &'static [u8]) -> FontFile {
        let face = rustybuzz::Face::from_slice(data, 0).unwrap_or_else(|| panic!("the built-in font {name} cannot be read"));
        FontFile { name, data, face }
    }

    fn units(&self) -> f32 {
        f32::from(self.face.units_per_em() as u16)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Weight {
    Regular,
    Bold,
}

/// Which of the fonts: by script (Arabic or the rest) and weight.
fn font_index(arabic: bool, weight: Weight) -> usize {
    match (arabic, weight) {
        (false, Weight::Regular) => 0,
        (false, Weight::Bold) => 1,
        (true, Weight::Regular) => 2,
        (true, Weight::Bold) => 3,
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// A glyph placed on the page.
struct Placed {
    font: usize,
    glyph: u16,
    x: f32,
    y: f32,
}

/// What the page uses of each font: glyphs with their width and the text they stand for.
#[derive(Default)]
struct Used {
    glyphs: BTreeMap<usize, BTreeMap<u16, (u32, String)>>,
}

/// A line cut into runs of one script: Arabic letters, or anything else; spaces and
/// punctuation go with the run they stand in. Runs are in reading order.
fn runs(text: &str) -> Vec<(bool, String)> {
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in text.chars() {
        let strong = if is_arabic(c) { Some(true) } else if c.is_alphanumeric() { Some(false) } else { None };
        match (strong, runs.last_mut()) {
            (Some(arabic), Some((last, run))) if *last == arabic => run.push(c),
            (None, Some((_, run))) => run.push(c),
            (Some(arabic), _) => runs.push((arabic, c.to_string())),
            (None, None) => runs.push((false, c.to_string())),
        }
    }
    runs
}

/// Shapes one line and places it with its left end at `x`; gives the glyphs and the width.
fn shape_line(text: &str, weight: Weight, size: f32, x: f32, y: f32, used: &mut Used) -> (Vec<Placed>, f32) {
    let mut line_runs = runs(text);
    // A line that starts in Arabic reads right to left: its runs are laid out in reverse.
    if line_runs.first().is_some_and(|(arabic, _)| *arabic) {
        line_runs.reverse();
    }
    let mut placed = Vec::new();
    let mut pen = x;
    for (arabic, run) in line_runs {
        let index = font_index(arabic, weight);
        let font = &FONTS[index];
        let scale = size / font.units();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&run);
        buffer.set_direction(if arabic { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
        let shaped = rustybuzz::shape(&font.face, &[], buffer);
        // The text each glyph stands for: a cluster's characters go to its first glyph.
        let mut starts: Vec<usize> = shaped.glyph_infos().iter().map(|g| g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut given = std::collections::HashSet::new();
        for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let glyph = info.glyph_id as u16;
            let start = info.cluster as usize;
            let end = starts.iter().copied().find(|s| *s > start).unwrap_or(run.len());
            let text = if given.insert(start) { run.get(start..end).unwrap_or_default().to_owned() } else { String::new() };
            let advance = font.face.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(glyph)).unwrap_or(0);
            let width = (f32::from(advance) * 1000.0 / font.units()).round() as u32;
            let entry = used.glyphs.entry(index).or_default().entry(glyph).or_insert((width, String::new()));
            if entry.1.is_empty() {
                entry.1 = text;
            }
            placed.push(Placed { font: index, glyph, x: pen + position.x_offset as f32 * scale, y: y + position.y_offset as f32 * scale });
            pen += position.x_advance as f32 * scale;
        }
    }
    (placed, pen - x)
}

/// Breaks a long line at spaces, about `width` characters a line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let fits = |line: &&mut String| line.is_empty() || line.chars().count() + 1 + word.chars().count() <= width;
        let Some(line) = lines.last_mut().filter(fits) else {
            lines.push(word.to_owned());
            continue;
        };
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines
}

/// The lines of a certificate: weight, size and text. `verify_url` is the full address
/// of its page (`FAGBRO_PUBLIC_URL`), or its path on the site when none is set.
fn lines_of(certificate: &certificate::Model, verify_url: &str) -> Vec<(Weight, u32, String)> {
    use Weight::{Bold, Regular};
    let mut lines = vec![
        (Bold, 30, "Kursbevis".to_owned()),
        (Regular, 13, String::new()),
        (Regular, 13, "Dette bekrefter at".into()),
        (Bold, 22, certificate.learner_name.clone()),
        (Regular, 13, "har fullført og bestått e-kurset".into()),
    ];
    lines.extend(wrap(&certificate.course_title, 40).into_iter().map(|line| (Bold, 18, line)));
    lines.extend([
        (Regular, 13, String::new()),
        (Regular, 12, format!("Kursversjon {}", certificate.course_version)),
        (Regular, 12, format!("Utstedt {}", format::date(certificate.issued_at.date_naive()))),
        (Regular, 12, format!("Utgitt av {} på fagbro", certificate.issuer)),
        (Regular, 13, String::new()),
        (Bold, 14, format!("Kontrollkode: {}", certificate.code)),
        (Regular, 11, "Arbeidsgiver kan sjekke at kursbeviset er gyldig uten å logge inn:".into()),
        (Regular, 11, verify_url.to_owned()),
    ]);
    if let Some(revoked_at) = certificate.revoked_at {
        lines.push((Regular, 13, String::new()));
        lines.push((Bold, 16, format!("TRUKKET TILBAKE {}", format::date(revoked_at.date_naive()))));
        if let Some(reason) = &certificate.revoked_reason {
            lines.extend(wrap(reason, 70).into_iter().map(|line| (Regular, 11, line)));
        }
    }
    lines
}

pub fn certificate(certificate: &certificate::Model, verify_url: &str) -> Vec<u8> {
    let mut used = Used::default();
    let mut placed = Vec::new();
    let (mut y, mut above) = (760.0f32, 0.0f32);
    for (weight, size, text) in lines_of(certificate, verify_url) {
        // Room for this line, and for the descent of a larger line above it.
        let size_f = size as f32;
        y -= size_f * 1.2 + (above - size_f).max(0.0) * 0.4;
        above = size_f;
        let (glyphs, width) = shape_line(&text, weight, size_f, 72.0, y, &mut used);
        // A right-to-left line (a name in Arabic) ends at the right margin.
        let shift = if runs(&text).first().is_some_and(|(arabic, _)| *arabic) { 523.0 - width - 72.0 } else { 0.0 };
        placed.extend(glyphs.into_iter().map(|g| (size, Placed { x: g.x + shift, ..g })));
    }

    let mut content = Vec::new();
    // A frame, for a page that looks like a certificate when printed.
    content.extend_from_slice(b"0.2 0.35 0.5 RG 3 w 40 40 515 762 re S\nBT\n");
    for (size, glyph) in &placed {
        content.extend_from_slice(format!("/F{} {size} Tf 1 0 0 1 {:.2} {:.2} Tm <{:04X}> Tj\n", glyph.font, glyph.x, glyph.y, glyph.glyph).as_bytes());
    }
    content.extend_from_slice(b"ET\n");

    let mut writer = PdfWriter::default();
    let catalog = writer.reserve();
    let pages = writer.reserve();
    let page = writer.reserve();
    let mut font_refs = Vec::new();
    for (index, glyphs) in &used.glyphs {
        font_refs.push((*index, embed_font(&mut writer, &FONTS[*index], glyphs)));
    }
    let contents = writer.stream(b"", &content);
    let fonts: String = font_refs.iter().map(|(index, id)| format!("/F{index} {id} 0 R ")).collect();
    writer.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R /Lang (nb) >>").into_bytes());
    writer.set(pages, format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>").into_bytes());
    writer.set(
        page,
        format!("<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << {fonts}>> >> /Contents {contents} 0 R >>")
            .into_bytes(),
    );
    writer.finish(catalog)
}

/// A Type 0 font over the TrueType file: glyph ids as character codes (Identity-H),
/// the widths of the glyphs used, and what text each stands for.
fn embed_font(writer: &mut PdfWriter, font: &FontFile, glyphs: &BTreeMap<u16, (u32, String)>) -> usize {
    let file = writer.stream(format!("/Length1 {}", font.data.len()).as_bytes(), font.data);
    let face = &font.face;
    let em = |v: i16| (f32::from(v) * 1000.0 / font.units()).round() as i32;
    let bbox = face.global_bounding_box();
    let descriptor = writer.object(
        format!(
            "<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [{} {} {} {}] /ItalicAngle 0 /Ascent {} /Descent {} /CapHeight {} /StemV 80 /FontFile2 {file} 0 R >>",
            em(bbox.x_min),
            em(bbox.y_min),
            em(bbox.x_max),
            em(bbox.y_max),
            em(face.ascender()),
            em(face.descender()),
            em(face.capital_height().unwrap_or(face.ascender())),
            name = font.name,
        )
        .into_bytes(),
    );
    let widths: String = glyphs.iter().map(|(glyph, (width, _))| format!("{glyph} [{width}] ")).collect();
    let cid_font = writer.object(
        format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /W [{widths}] /CIDToGIDMap /Identity >>",
            font.name
        )
        .into_bytes(),
    );
    let to_unicode = writer.stream(b"", to_unicode_cmap(glyphs).as_bytes());
    writer.object(
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /{} /Encoding /Identity-H /DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>",
            font.name
        )
        .into_bytes(),
    )
}

/// The ToUnicode map: each glyph used, and the text it stands for (UTF-16BE).
fn to_unicode_cmap(glyphs: &BTreeMap<u16, (u32, String)>) -> String {
    let entries: Vec<String> = glyphs
        .iter()
        .filter(|(_, (_, text))| !text.is_empty())
        .map(|(glyph, (_, text))| {
            let utf16: String = text.encode_utf16().map(|unit| format!("{unit:04X}")).collect();
            format!("<{glyph:04X}> <{utf16}>")
        })
        .collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in entries.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n{}\nendbfchar\n", block.len(), block.join("\n")));
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap
}

/// Numbered objects and the cross-reference table that finds them.
#[derive(Default)]
struct PdfWriter {
    objects: Vec<Vec<u8>>,
}

impl PdfWriter {
    /// A number for an object written later (objects refer to each other both ways).
    fn reserve(&mut self) -> usize {
        self.objects.push(Vec::new());
        self.objects.len()
    }

    fn set(&mut self, id: usize, body: Vec<u8>) {
        self.objects[id - 1] = body;
    }

    fn object(&mut self, body: Vec<u8>) -> usize {
        self.objects.push(body);
        self.objects.len()
    }

    /// A stream, compressed (FlateDecode); `extra` goes into its dictionary.
    fn stream(&mut self, extra: &[u8], data: &[u8]) -> usize {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(data, 9);
        let mut body = format!("<< /Length {} /Filter /FlateDecode ", packed.len()).into_bytes();
        body.extend_from_slice(extra);
        body.extend_from_slice(b" >>\nstream\n");
        body.extend_from_slice(&packed);
        body.extend_from_slice(b"\nendstream");
        self.object(body)
    }

    fn finish(self, root: usize) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (index, object) in self.objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
            pdf.extend_from_slice(object);
            pdf.extend_from_slice(b"\nendobj\n");
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes());
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n", self.objects.len() + 1).as_bytes());
        pdf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_of_a_name_has_a_glyph_and_stands_for_itself() {
        for name in ["Łucja Wiśniewska", "Nguyễn Thị Hương", "Олена Коваленко", "Ørjan Åsmund Ærø", "fagbro › Kursbevis"] {
            let mut used = Used::default();
            let (glyphs, width) = shape_line(name, Weight::Bold, 22.0, 72.0, 500.0, &mut used);
            assert!(width > 0.0 && !glyphs.is_empty(), "{name}");
            assert!(glyphs.iter().all(|g| g.glyph != 0), "{name} has a letter without a glyph");
            let text: String = used.glyphs.values().flat_map(|g| g.values()).map(|(_, t)| t.as_str()).collect();
            for c in name.chars().filter(|c| !c.is_whitespace()) {
                assert!(text.contains(c), "{name}: {c} is not in the text map");
            }
        }
    }

    #[test]
    fn an_arabic_name_is_joined_and_set_right_to_left() {
        let mut used = Used::default();
        let (glyphs, _) = shape_line("فاطمة أحمد", Weight::Bold, 22.0, 72.0, 500.0, &mut used);
        assert!(glyphs.iter().all(|g| g.font == 3 && g.glyph != 0));
        // Joined forms, not the letters one by one: fewer or other glyphs than the
        // isolated forms, and drawn from left to right in the order read from the right.
        let isolated: Vec<u16> = "فاطمة أحمد".chars().filter_map(|c| FONTS[3].face.glyph_index(c).map(|g| g.0)).collect();
        let drawn: Vec<u16> = glyphs.iter().map(|g| g.glyph).collect();
        assert_ne!(drawn, isolated);
        assert!(glyphs.windows(2).all(|w| w[0].x <= w[1].x + 0.01), "glyphs are placed left to right");
    }

    #[test]
    fn long_course_titles_wrap_at_spaces() {
        assert_eq!(wrap("Legemiddelhåndtering for helsefagarbeidere i kommunen", 30), ["Legemiddelhåndtering for", "helsefagarbeidere i kommunen"]);
    }
}
