//! Sitemaps (sitemaps.org 0.9): every public page once, at its own address, with the
//! date it last changed and its other language versions (`xhtml:link hreflang`).
use chrono::NaiveDate;

use crate::web::markup::escape as xml_escape;

/// A sitemap file holds at most this many addresses; past it `/sitemap.xml` becomes an
/// index of numbered files.
pub const MOST_PER_FILE: usize = 50_000;

pub struct Page {
    pub loc: String,
    pub lastmod: Option<NaiveDate>,
    /// Every language version of the page, itself included: (language, address).
    pub alternates: Vec<(String, String)>,
}

pub fn urlset(pages: &[Page]) -> String {
    let mut xml = String::with_capacity(256 + pages.len() * 160);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    for page in pages {
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", xml_escape(&page.loc)));
        if let Some(date) = page.lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        // Alternates only say something when there is more than one language.
        if page.alternates.len() > 1 {
            for (lang, href) in &page.alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    xml_escape(lang),
                    xml_escape(href)
                ));
            }
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The index of numbered sitemap files: (address, latest change in it).
pub fn index(files: &[(String, Option<NaiveDate>)]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in files {
        xml.push_str(&format!("  <sitemap>\n    <loc>{}</loc>\n", xml_escape(loc)));
        if let Some(date) = lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        xml.push_str("  </sitemap>\n");
    }
    xml.push_str("</sitemapindex>\n");
    xml
}

/// What `/sitemap.xml` (`number` none) or `/sitemap-{number}.xml` holds: every page when
/// they fit in one file, else an index of files of at most `most` pages each; `None` for
/// a numbered file that does not exist.
pub fn file(pages: &[Page], number: Option<usize>, most: usize, file_url: impl Fn(usize) -> String) -> Option<String> {
    let split = pages.len() > most;
    match number {
        None if !split => Some(urlset(pages)),
        None => {
            let files: Vec<(String, Option<NaiveDate>)> = pages
                .chunks(most)
                .enumerate()
                .map(|(n, chunk)| (file_url(n + 1), chunk.iter().filter_map(|page| page.lastmod).max()))
                .collect();
            Some(index(&files))
        }
        Some(n) if split && n >= 1 => pages.chunks(most).nth(n - 1).map(urlset),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_the_sitemap_becomes_an_index_of_numbered_files() {
        let page = |n: u32| Page { loc: format!("https://x.no/{n}"), lastmod: NaiveDate::from_ymd_opt(2026, 12, n), alternates: Vec::new() };
        let pages: Vec<Page> = (1..=5).map(page).collect();
        let url = |n: usize| format!("https://x.no/sitemap-{n}.xml");
        let whole = file(&pages, None, 5, url).unwrap();
        assert_eq!(whole.matches("<url>").count(), 5);
        assert!(file(&pages, Some(1), 5, url).is_none(), "no numbered files while one is enough");

        let index = file(&pages, None, 2, url).unwrap();
        assert!(index.contains("<sitemapindex") && index.matches("<sitemap>").count() == 3, "{index}");
        assert!(index.contains("<loc>https://x.no/sitemap-3.xml</loc>\n    <lastmod>2026-12-05</lastmod>"), "{index}");
        assert_eq!(file(&pages, Some(3), 2, url).unwrap().matches("<url>").count(), 1);
        assert!(file(&pages, Some(4), 2, url).is_none() && file(&pages, Some(0), 2, url).is_none());
    }

    #[test]
    fn language_versions_are_listed_as_alternates_of_each_other() {
        let alternates = vec![("nb".to_owned(), "https://x.no/a".to_owned()), ("ar".to_owned(), "https://x.no/a/ar".to_owned())];
        let xml = urlset(&[Page { loc: "https://x.no/a".into(), lastmod: None, alternates }]);
        assert!(xml.contains("<xhtml:link rel=\"alternate\" hreflang=\"ar\" href=\"https://x.no/a/ar\"/>"), "{xml}");
    }
}
