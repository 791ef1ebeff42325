//! Markdown to HTML that is safe to show: rendered by pulldown-cmark, then cleaned by
//! ammonia, so no script, event handler or `javascript:` URL survives.
use pulldown_cmark::{Options, Parser, html};

pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_becomes_html() {
        let html = render("## Før timen\n\n- Bestill tolk\n- Sett av *dobbel* tid\n");
        assert!(html.contains("<h2>Før timen</h2>"), "{html}");
        assert!(html.contains("<li>Bestill tolk</li>"), "{html}");
        assert!(html.contains("<em>dobbel</em>"), "{html}");
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

    #[test]
    fn tel_links_work_for_phone_numbers() {
        assert!(render("[Ring 113](tel:113)").contains("href=\"tel:113\""));
    }
}
