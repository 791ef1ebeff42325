//! Passages of a hit's text around the query words, for the results list.
use std::collections::BTreeMap;

use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

use super::analysis::{self, StemLanguage, tokens};
use super::index::{Fields, SearchIndex};
use super::query::{Analyzers, ParsedQuery};

/// Snippets cut from the stored body, highlighting the query words as the page's
/// language stems them (or as typed, for a language without a stemmer). One generator
/// per language among the hits, made when first needed.
pub(super) struct Snippets<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    analyzers: Analyzers,
    words: Vec<String>,
    generators: Vec<(Option<StemLanguage>, Option<SnippetGenerator>)>,
}

impl<'a> Snippets<'a> {
    pub(super) fn new(index: &'a SearchIndex, searcher: &'a Searcher, parsed: &ParsedQuery) -> Snippets<'a> {
        let words = parsed.words.iter().chain(parsed.phrases.iter().flatten()).cloned().collect();
        Snippets { searcher, fields: &index.fields, analyzers: Analyzers::of(index), words, generators: Vec::new() }
    }

    pub(super) fn of(&mut self, lang: &str, body: &str) -> Option<String> {
        let language = StemLanguage::of(lang);
        if !self.generators.iter().any(|(l, _)| *l == language) {
            let generator = self.generator(language);
            self.generators.push((language, generator));
        }
        let (_, generator) = self.generators.iter().find(|(l, _)| *l == language)?;
        let html = generator.as_ref()?.snippet(body).to_html();
        (!html.trim().is_empty()).then_some(html)
    }

    fn generator(&mut self, language: Option<StemLanguage>) -> Option<SnippetGenerator> {
        let (field, terms, stem): (Field, Vec<String>, _) = match language {
            Some(language) => {
                let (words, analyzers) = (&self.words, &mut self.analyzers);
                let terms = words.iter().filter_map(|w| analyzers.stem(language, w)).collect();
                (self.fields.stems[language.index()].body, terms, Some(analyzers.stems[language.index()].clone()))
            }
            None => (self.fields.body_exact, self.words.iter().flat_map(|w| tokens(&mut self.analyzers.exact, w)).collect(), None),
        };
        // Rarer words weigh more in choosing the passage, as in tantivy's own generator.
        let weighed: BTreeMap<String, Score> = terms
            .iter()
            .filter_map(|t| {
                let pages = self.searcher.doc_freq(&Term::from_field_text(field, t)).ok().filter(|n| *n > 0)?;
                Some((t.clone(), 1.0 / (1.0 + pages as Score)))
            })
            .collect();
        if weighed.is_empty() {
            return None;
        }
        let highlighter = TextAnalyzer::from(analysis::Highlighter::new(terms, stem));
        Some(SnippetGenerator::new(weighed, highlighter, field, 220))
    }
}
