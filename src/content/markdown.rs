//! Markdown to HTML that is safe to show: rendered by pulldown-cmark, then cleaned by
//! ammonia, so no script, event handler or `javascript:` URL survives.
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// `render`, off the request threads: for text a user just sent.
pub async fn render_off_thread(markdown: String) -> String {
    crate::cpu::run(move || render(&markdown)).await
}

/// How deep lists and block quotes may nest. Deeper nesting makes the parser's work grow
/// faster than the text (50,000 nested list markers took 25 s), and no leaflet needs it.
pub const MAX_NESTING: usize = 16;

/// The text with every line's container markers (`>`, `-`, `*`, `+`, `1.`, `1)`) and
/// indentation counted: past `MAX_NESTING` levels the next marker is escaped, so it is
/// shown as text and nesting stops there.
fn bounded_nesting(markdown: &str) -> std::borrow::Cow<'_, str> {
    let too_deep = |line: &str| nesting_cut(line).is_some();
    if !markdown.lines().any(too_deep) {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut bounded = String::with_capacity(markdown.len() + 16);
    for line in markdown.split_inclusive('\n') {
        match nesting_cut(line) {
            Some(at) => {
                bounded.push_str(&line[..at]);
                bounded.push('\\');
                bounded.push_str(&line[at..]);
            }
            None => bounded.push_str(line),
        }
    }
    std::borrow::Cow::Owned(bounded)
}

/// Where in `line` the marker that would nest past `MAX_NESTING` starts, if one does.
/// Two spaces of indentation count as a level, like a marker.
fn nesting_cut(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let (mut i, mut depth, mut spaces) = (0, 0, 0);
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
            spaces += if bytes[i] == b'\t' { 4 } else { 1 };
            i += 1;
        }
        let marker_end = match bytes.get(i) {
            Some(b'>') => Some(i + 1),
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => Some(i + 1),
            Some(b'0'..=b'9') => {
                let digits = bytes[i..].iter().take(10).take_while(|b| b.is_ascii_digit()).count();
                (matches!(bytes.get(i + digits), Some(b'.' | b')')) && matches!(bytes.get(i + digits + 1), Some(b' ' | b'\t')))
                    .then_some(i + digits + 1)
            }
            _ => None,
        };
        let end = marker_end?;
        depth += 1;
        if depth + spaces / 2 > MAX_NESTING {
            return Some(i);
        }
        i = end;
    }
}

pub fn render(markdown: &str) -> String {
    let markdown = &*bounded_nesting(markdown);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, isolate_runs(Parser::new_ext(markdown, options)));
    let clean = ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .add_tag_attributes("bdi", &["dir"])
        .add_tag_attributes("a", &["dir"])
        .clean(&unsafe_html)
        .to_string();
    crate::media::with_srcset(&scrollable_tables(&clean))
}

/// Text runs whose order the bidirectional algorithm would get wrong in right-to-left
/// text are isolated: a number written in groups ("116 117" would read "117 116" in an
/// Arabic sentence) in `<bdi dir="ltr">`, a phone number as a `tel:` link a phone can
/// call, and in text with right-to-left letters each Latin run ("legevakt", "Ahus") in
/// `<bdi>`. Text inside links and code is left as it is.
fn isolate_runs<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut in_link = 0usize;
    let mut in_code = 0usize;
    events.map(move |event| match event {
        Event::Start(Tag::Link { .. }) => {
            in_link += 1;
            event
        }
        Event::End(TagEnd::Link) => {
            in_link = in_link.saturating_sub(1);
            event
        }
        Event::Start(Tag::CodeBlock(_)) => {
            in_code += 1;
            event
        }
        Event::End(TagEnd::CodeBlock) => {
            in_code = in_code.saturating_sub(1);
            event
        }
        Event::Text(text) if in_code == 0 => match super::bidi::isolated_html(&text, in_link == 0) {
            Some(html) => Event::InlineHtml(CowStr::from(html)),
            None => Event::Text(text),
        },
        other => other,
    })
}

/// A wide table scrolls sideways on a phone; a region that scrolls must be reachable by
/// keyboard (WCAG 2.1.1), so it is focusable and named. Runs on cleaned HTML, where a
/// literal `<table>` can only be the tag itself.
fn scrollable_tables(html: &str) -> String {
    html.replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell\"><table>")
        .replace("</table>", "</table></div>")
}

/// The addresses of images written without alt text (`![](bilde.webp)`): they may
/// not be published, as a screen reader would say nothing about them.
pub fn images_without_alt(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut missing = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => current = Some((dest_url.to_string(), String::new())),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, alt)) = current.as_mut() {
                    alt.push_str(&text);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((url, alt)) = current.take()
                    && alt.trim().is_empty()
                {
                    missing.push(url);
                }
            }
            _ => {}
        }
    }
    missing
}

/// The words of a Markdown text without its markup, for the search index.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => text.push('\n'),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::{plain_text, render};

    #[test]
    fn images_need_alt_text() {
        let markdown = "![Slik settes sprøyten](/media/a/full.webp)\n\n![](/media/b/full.webp)\n\n![ ](/media/c/full.webp)";
        assert_eq!(super::images_without_alt(markdown), vec!["/media/b/full.webp", "/media/c/full.webp"]);
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_markup() {
        let text = plain_text("## Før timen\n\n- **Bestill** [tolk](/tolk)\n\n| A | B |\n| - | - |\n| x | y |\n");
        assert!(text.contains("Før timen") && text.contains("Bestill tolk"), "{text}");
        assert!(!text.contains('*') && !text.contains('|') && !text.contains("(/tolk)"), "{text}");
    }

    #[test]
    fn markdown_becomes_html() {
        let html = render("## Før timen\n\n- Bestill tolk\n- Sett av *dobbel* tid\n");
        assert!(html.contains("<h2>Før timen</h2>"), "{html}");
        assert!(html.contains("<li>Bestill tolk</li>"), "{html}");
        assert!(html.contains("<em>dobbel</em>"), "{html}");
    }

    #[test]
    fn a_wide_table_scrolls_in_a_region_the_keyboard_reaches() {
        let html = render("| Form | Knuses? |\n| --- | --- |\n| Depot | Nei |\n\nTekst om `<table>`.");
        assert!(html.starts_with("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell\"><table>"), "{html}");
        assert!(html.contains("</table></div>") && html.contains("<code>&lt;table&gt;</code>"), "{html}");
    }

    #[test]
    fn script_and_event_handlers_are_removed() {
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klikk](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://example.org\"></iframe>",
            "<svg onload=alert(1)>",
        ] {
            let html = render(payload);
            for bad in ["<script", "onerror", "onload", "javascript:", "<iframe", "<svg"] {
                assert!(!html.contains(bad), "{payload} gave {html}");
            }
        }
    }

    /// The deepest nesting of `<ul>`, `<ol>` and `<blockquote>` in rendered HTML.
    fn depth_of(html: &str) -> usize {
        let (mut depth, mut deepest) = (0usize, 0usize);
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at..];
            if rest.starts_with("<ul>") || rest.starts_with("<ol") || rest.starts_with("<blockquote>") {
                depth += 1;
                deepest = deepest.max(depth);
            } else if rest.starts_with("</ul>") || rest.starts_with("</ol>") || rest.starts_with("</blockquote>") {
                depth = depth.saturating_sub(1);
            }
            rest = &rest[1..];
        }
        deepest
    }

    #[test]
    fn nesting_stops_at_the_limit_whatever_the_text() {
        use super::MAX_NESTING;
        for hostile in ["- ".repeat(50_000), "1. ".repeat(40_000), "> ".repeat(60_000), "> - 1. ".repeat(20_000)] {
            let html = render(&hostile);
            assert!(depth_of(&html) <= MAX_NESTING, "{} levels from {:?}...", depth_of(&html), &hostile[..12]);
        }
        let indented: String = (0..400).map(|level| format!("{}- nivå {level}\n", "  ".repeat(level))).collect();
        assert!(depth_of(&render(&indented)) <= MAX_NESTING);
        // Ordinary nesting is untouched.
        let html = render("- a\n  - b\n    - c\n\n> sitat\n> > svar\n");
        assert_eq!(depth_of(&html), 3, "{html}");
        assert!(!html.contains('\\'), "{html}");
    }

    #[test]
    fn tel_links_work_for_phone_numbers() {
        assert!(render("[Ring 113](tel:113)").contains("href=\"tel:113\""));
    }

    #[test]
    fn numbers_and_latin_words_are_isolated_in_right_to_left_text() {
        let html = render("عيادة الطوارئ (legevakt): اتصل بالرقم 116 117.\n\n**اتصل بالرقم 113**");
        assert!(html.contains("<bdi>legevakt</bdi>"), "{html}");
        assert!(html.contains("<a href=\"tel:116117\" dir=\"ltr\" rel=\"noopener noreferrer\">116 117</a>"), "{html}");
        assert!(html.contains("<strong>اتصل بالرقم <a href=\"tel:113\" dir=\"ltr\" rel=\"noopener noreferrer\">113</a></strong>"), "{html}");
        // Norwegian text keeps its words as they are; its phone numbers become links too.
        let html = render("Ring legevakten på 116 117 eller fastlegen på 22 11 77 00. Feber over 38,5 grader.");
        assert!(!html.contains("<bdi>Ring"), "{html}");
        assert!(html.contains("href=\"tel:22117700\"") && html.contains("href=\"tel:116117\""), "{html}");
        assert!(html.contains("38,5 grader") && !html.contains("tel:38"), "{html}");
        // Inside a link and in code nothing changes.
        let html = render("[Ring 116 117](tel:116117) og `22 11 77 00`");
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert!(html.contains("<code>22 11 77 00</code>"), "{html}");
    }
}
