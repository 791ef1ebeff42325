//! The course certificate as a PDF: one A4 page in the standard Helvetica font, written
//! by hand (a few hundred bytes of PDF need no PDF library).
use crate::entities::certificate;
use crate::web::format;

/// Text in the PDF's WinAnsi encoding: Norwegian letters are there; a character that
/// is not (a name in Arabic script, say) is printed as "?" (the web page has it right).
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u8,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// A PDF string literal: backslash, parentheses escaped.
fn literal(text: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for byte in win_ansi(text) {
        if matches!(byte, b'\\' | b'(' | b')') {
            out.push(b'\\');
        }
        out.push(byte);
    }
    out.push(b')');
    out
}

/// Breaks a long line at spaces, about `width` characters a line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let line = lines.last_mut().expect("one line at least");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}

pub fn certificate(certificate: &certificate::Model) -> Vec<u8> {
    // (font: 1 regular, 2 bold; size; text)
    let mut lines: Vec<(u8, u32, String)> = vec![
        (2, 30, "Kursbevis".into()),
        (1, 13, String::new()),
        (1, 13, "Dette bekrefter at".into()),
        (2, 22, certificate.learner_name.clone()),
        (1, 13, "har fullført og bestått e-kurset".into()),
    ];
    lines.extend(wrap(&certificate.course_title, 40).into_iter().map(|line| (2, 18, line)));
    lines.extend([
        (1, 13, String::new()),
        (1, 12, format!("Kursversjon {}", certificate.course_version)),
        (1, 12, format!("Utstedt {}", format::date(certificate.issued_at.date_naive()))),
        (1, 12, format!("Utgitt av {} på fagbro", certificate.issuer)),
        (1, 13, String::new()),
        (2, 14, format!("Kontrollkode: {}", certificate.code)),
        (1, 11, "Arbeidsgiver kan sjekke at kursbeviset er gyldig uten å logge inn:".into()),
        (1, 11, format!("fagbro › Kursbevis › skriv inn koden, eller åpne /kursbevis/{}", certificate.code)),
    ]);
    if let Some(revoked_at) = certificate.revoked_at {
        lines.push((1, 13, String::new()));
        lines.push((2, 16, format!("TRUKKET TILBAKE {}", format::date(revoked_at.date_naive()))));
        if let Some(reason) = &certificate.revoked_reason {
            lines.extend(wrap(reason, 70).into_iter().map(|line| (1, 11, line)));
        }
    }

    let mut content = Vec::new();
    let mut y = 760u32;
    // A frame, for a page that looks like a certificate when printed.
    content.extend_from_slice(b"0.2 0.35 0.5 RG 3 w 40 40 515 762 re S\n");
    for (font, size, text) in &lines {
        y = y.saturating_sub(size + size / 2);
        content.extend_from_slice(format!("BT /F{font} {size} Tf 72 {y} Td ").as_bytes());
        content.extend(literal(text));
        content.extend_from_slice(b" Tj ET\n");
    }

    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content, b"\nendstream".to_vec()].concat(),
    ];
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_survive_and_parentheses_are_escaped() {
        assert_eq!(win_ansi("Æ ø å"), vec![0xc6, b' ', 0xf8, b' ', 0xe5]);
        assert_eq!(literal("a(b)\\"), b"(a\\(b\\)\\\\)".to_vec());
        assert_eq!(win_ansi("مريم"), b"????".to_vec());
    }

    #[test]
    fn long_course_titles_wrap_at_spaces() {
        assert_eq!(wrap("Legemiddelhåndtering for helsefagarbeidere i kommunen", 30), ["Legemiddelhåndtering for", "helsefagarbeidere i kommunen"]);
    }
}
