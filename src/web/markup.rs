//! Text into HTML and XML (feeds, sitemaps, highlighted snippets, rendered text): the
//! one escape every writer of markup uses.

/// Text and attribute values: the five characters with a meaning escaped, and control
/// characters that XML 1.0 does not allow (and HTML has no use for) left out.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_control_characters_dropped() {
        assert_eq!(escape("Skjermtolk & «videotolk» <b>\"'\u{1b}\n"), "Skjermtolk &amp; «videotolk» &lt;b&gt;&quot;&apos;\n");
    }
}
