//! Text analysis for Norwegian health content, as three views of the same text, each
//! indexed in its own field and weighed against the others at query time:
//!
//! - `fb_exact`: words lower-cased and æøå-folded (æ→ae, ø→o, å→a), no stemming. Exact
//!   words, acronyms (KOLS, ISBAR, NEWS), phrases and typo tolerance (fuzzy) use it.
//! - `fb_stem`: the same words reduced by the Norwegian stemmer and a derivation step
//!   (tolking, tolker, tolken → tolk), so inflections meet.
//! - `fb_gram`: folded character 3- and 4-grams of each word of titles and summaries,
//!   so a part of a compound finds the whole (demens → demensomsorg, sår → trykksår) in
//!   any script.
//!
//! Stemming and n-grams live in separate fields on purpose: stemming n-grams, or
//! n-gramming stems, gives tokens that match nonsense.
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

pub const EXACT: &str = "fb_exact";
pub const STEM: &str = "fb_stem";
pub const GRAM: &str = "fb_gram";

const MAX_WORD_BYTES: usize = 60;

/// Registers the three analyzers with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(EXACT, exact_analyzer());
    manager.register(STEM, stem_analyzer());
    manager.register(GRAM, TextAnalyzer::from(WordGrams::new(3, 4)));
}

fn words() -> tantivy::tokenizer::TextAnalyzerBuilder<RemoveLongFilterWrapperAlias> {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
}

type RemoveLongFilterWrapperAlias = <RemoveLongFilter as TokenFilter>::Tokenizer<SimpleTokenizer>;

pub fn exact_analyzer() -> TextAnalyzer {
    words().filter(LowerCaser).filter(AsciiFoldingFilter).build()
}

pub fn stem_analyzer() -> TextAnalyzer {
    let stop_words = StopWordFilter::new(Language::Norwegian).expect("tantivy ships Norwegian stop words");
    words()
        .filter(LowerCaser)
        .filter(stop_words)
        .filter(Stemmer::new(Language::Norwegian))
        .filter(Derivation)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The tokens an analyzer makes of `text`, for building queries the same way as the index.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Is `word` (already lower-case) a Norwegian stop word such as "og", "hvordan", "til"?
pub fn is_stop_word(word: &str) -> bool {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(StopWordFilter::new(Language::Norwegian).expect("Norwegian stop words"))
        .build();
    tokens(&mut analyzer, word).is_empty()
}

/// Removes the nominal suffixes -ning and -ing that the Snowball stemmer keeps, so that
/// "tolking" meets "tolk" and "behandling" meets "behandle" (stemmed: "behandl").
#[derive(Clone)]
pub struct Derivation;

impl TokenFilter for Derivation {
    type Tokenizer<T: Tokenizer> = DerivationTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> DerivationTokenizer<T> {
        DerivationTokenizer(tokenizer)
    }
}

#[derive(Clone)]
pub struct DerivationTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for DerivationTokenizer<T> {
    type TokenStream<'a> = DerivationStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DerivationStream(self.0.token_stream(text))
    }
}

pub struct DerivationStream<S>(S);

impl<S: TokenStream> TokenStream for DerivationStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        let text = &mut self.0.token_mut().text;
        let stem_len = strip_derivation(text);
        text.truncate(stem_len);
        true
    }
    fn token(&self) -> &Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// The length of `word` without a derivational -ning/-ing, keeping at least four letters.
fn strip_derivation(word: &str) -> usize {
    for suffix in ["ning", "ing"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().count() >= 4 {
                return stem.len();
            }
    }
    word.len()
}

/// Character n-grams of each folded word (`demens` → dem, emen, eme, ...); words
/// shorter than the smallest gram are kept whole.
#[derive(Clone)]
pub struct WordGrams {
    min: usize,
    max: usize,
    words: TextAnalyzer,
}

impl WordGrams {
    pub fn new(min: usize, max: usize) -> WordGrams {
        WordGrams { min, max, words: exact_analyzer() }
    }

    /// The grams of one folded word.
    pub fn grams_of(&self, word: &str) -> Vec<String> {
        grams(word, self.min, self.max)
    }
}

fn grams(word: &str, min: usize, max: usize) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() <= min {
        return vec![word.to_owned()];
    }
    let mut grams = Vec::new();
    for size in min..=max.min(chars.len()) {
        for start in 0..=chars.len() - size {
            grams.push(chars[start..start + size].iter().collect());
        }
    }
    grams
}

impl Tokenizer for WordGrams {
    type TokenStream<'a> = GramStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramStream {
        let mut tokens = Vec::new();
        let mut position = 0;
        let (min, max) = (self.min, self.max);
        let mut words = self.words.token_stream(text);
        while words.advance() {
            let word = words.token();
            let (from, to) = (word.offset_from, word.offset_to);
            for gram in grams(&word.text, min, max) {
                tokens.push(Token { offset_from: from, offset_to: to, position, text: gram, position_length: 1 });
                position += 1;
            }
        }
        GramStream { tokens, next: 0 }
    }
}

pub struct GramStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for GramStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_and_derivations_meet_in_the_stem_field() {
        let mut stem = stem_analyzer();
        for word in ["tolk", "tolken", "tolker", "tolkene", "tolking"] {
            assert_eq!(tokens(&mut stem, word), ["tolk"], "{word}");
        }
        assert_eq!(tokens(&mut stem, "behandling"), tokens(&mut stem, "behandle"));
        assert_eq!(tokens(&mut stem, "kartlegging"), tokens(&mut stem, "kartlegge"));
        assert_eq!(tokens(&mut stem, "ring"), ["ring"], "short words keep their ending");
    }

    #[test]
    fn norwegian_letters_fold_so_they_can_be_typed_on_any_keyboard() {
        let mut exact = exact_analyzer();
        assert_eq!(tokens(&mut exact, "Sårbehandling"), ["sarbehandling"]);
        assert_eq!(tokens(&mut exact, "Følgefeil ÆRE"), ["folgefeil", "aere"]);
        assert_eq!(tokens(&mut exact, "KOLS og ISBAR"), ["kols", "og", "isbar"]);
    }

    #[test]
    fn grams_find_parts_of_compound_words() {
        let grams = WordGrams::new(3, 4);
        let compound = grams.grams_of("demensomsorg");
        assert!(grams.grams_of("demens").iter().all(|g| compound.contains(g)));
        assert!(grams.grams_of("sar").iter().all(|g| grams.grams_of("trykksar").contains(g)));
        assert_eq!(grams.grams_of("ab"), ["ab"]);
    }

    #[test]
    fn other_scripts_are_split_into_words() {
        let mut exact = exact_analyzer();
        assert_eq!(tokens(&mut exact, "بعد العملية الجراحية").len(), 3);
        assert_eq!(tokens(&mut exact, "Після операції").len(), 2);
    }

    #[test]
    fn stop_words_are_known() {
        assert!(is_stop_word("hvordan"));
        assert!(is_stop_word("og"));
        assert!(!is_stop_word("tolk"));
    }
}
