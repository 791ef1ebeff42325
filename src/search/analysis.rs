//! Text analysis for Norwegian health content, as several views of the same text, each
//! indexed in its own field and weighed against the others at query time:
//!
//! - `fb_exact_nn`: words lower-cased, nynorsk spellings in their bokmål form (`nynorsk`:
//!   "hjartesvikt" is "hjertesvikt" in every view, so a nynorsk page matches a bokmål
//!   word as fully as a bokmål page does) and æøå-folded (æ→ae, ø→o, å→a), no stemming.
//!   Exact words, acronyms (KOLS, ISBAR, NEWS), phrases and typo tolerance (fuzzy) use it.
//! - `fb_stem`: the same words reduced by the Norwegian stemmer and a derivation step
//!   (tolking, tolker, tolken → tolk), so inflections meet; nynorsk is written in its
//!   bokmål form first (`nynorsk`), so the two meet too.
//! - `fb_endings_nn`: every ending of each folded word of titles and summaries, so a part
//!   of a compound finds the whole by a prefix search (demens → demensomsorg, sår →
//!   trykksår) in any script. This is the n-gram idea with one lookup per query word.
//! - `fb_pairs_nn`: each two folded words in a row, for quoted phrases.
//!
//! Stemming and word parts live in separate fields on purpose: stemming parts, or
//! cutting stems into parts, gives tokens that match nonsense.
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

// Renamed when what the analyzers do changes (here: nynorsk in its bokmål form), so an
// index made with the old ones no longer matches the schema and is rebuilt at start.
pub const EXACT: &str = "fb_exact_nn";
pub const ENDINGS: &str = "fb_endings_nn";
pub const PAIRS: &str = "fb_pairs_nn";

const MAX_WORD_BYTES: usize = 60;

/// Registers the analyzers with an index's tokenizer manager.
pub fn register(manager: &TokenizerManager) {
    manager.register(EXACT, exact_analyzer());
    for language in StemLanguage::ALL {
        manager.register(language.analyzer_name(), language.analyzer());
    }
    manager.register(ENDINGS, TextAnalyzer::from(Derived::endings()));
    manager.register(PAIRS, TextAnalyzer::from(Derived::pairs()));
}

fn words() -> tantivy::tokenizer::TextAnalyzerBuilder<RemoveLongFilterWrapperAlias> {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
}

type RemoveLongFilterWrapperAlias = <RemoveLongFilter as TokenFilter>::Tokenizer<SimpleTokenizer>;

pub fn exact_analyzer() -> TextAnalyzer {
    words().filter(LowerCaser).filter(Rewrite(super::nynorsk::rewrite)).filter(AsciiFoldingFilter).build()
}

/// The languages of content with a stemmer. Each has its own stemmed fields, and a
/// page's text goes into those of its language only: English leaflets are stemmed as
/// English, Arabic ones as Arabic. Languages without a stemmer in tantivy (Somali,
/// Polish, Ukrainian, Urdu, Tigrinya, ...) are matched by their exact words and word
/// parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StemLanguage {
    Norwegian,
    English,
    Arabic,
}

impl StemLanguage {
    pub const ALL: [StemLanguage; 3] = [StemLanguage::Norwegian, StemLanguage::English, StemLanguage::Arabic];

    /// The stemmer for content in `lang` (a content language code), if there is one.
    pub fn of(lang: &str) -> Option<StemLanguage> {
        match lang {
            "nb" | "nn" | "no" => Some(StemLanguage::Norwegian),
            "en" => Some(StemLanguage::English),
            "ar" => Some(StemLanguage::Arabic),
            _ => None,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The short code used in field and analyzer names.
    pub fn code(self) -> &'static str {
        match self {
            StemLanguage::Norwegian => "no",
            StemLanguage::English => "en",
            StemLanguage::Arabic => "ar",
        }
    }

    pub fn analyzer_name(self) -> &'static str {
        match self {
            // Renamed when what the analyzer does changes: an index made with the old one
            // no longer matches the schema, and is rebuilt at start.
            StemLanguage::Norwegian => "fb_stem_no_nn2",
            StemLanguage::English => "fb_stem_en",
            StemLanguage::Arabic => "fb_stem_ar",
        }
    }

    pub fn analyzer(self) -> TextAnalyzer {
        let language = match self {
            StemLanguage::Norwegian => Language::Norwegian,
            StemLanguage::English => Language::English,
            StemLanguage::Arabic => Language::Arabic,
        };
        // Stop words where tantivy has a list for the language (it has none for Arabic).
        let stop_words = StopWordFilter::new(language).unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
        match self {
            // Norwegian: nynorsk in its bokmål form first, and the derivational -ing/-ning
            // the stemmer keeps removed after.
            StemLanguage::Norwegian => words()
                .filter(LowerCaser)
                .filter(Rewrite(super::nynorsk::rewrite))
                .filter(stop_words)
                .filter(Stemmer::new(language))
                .filter(Rewrite(remove_derivation))
                .filter(AsciiFoldingFilter)
                .build(),
            _ => words().filter(LowerCaser).filter(stop_words).filter(Stemmer::new(language)).filter(AsciiFoldingFilter).build(),
        }
    }
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
#[allow(clippy::expect_used, reason = "tantivy ships the Norwegian stop word list; without it nothing works")]
pub fn is_stop_word(word: &str) -> bool {
    // Made once: the filter builds its word set when created, and this runs per query word.
    static STOP_WORDS: std::sync::LazyLock<TextAnalyzer> = std::sync::LazyLock::new(|| {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(StopWordFilter::new(Language::Norwegian).expect("Norwegian stop words"))
            .build()
    });
    // The verb of a question ("hva gjør jeg ved føling") says nothing of its subject.
    const QUESTION_VERBS: [&str; 4] = ["gjør", "gjøre", "gjer", "gjere"];
    QUESTION_VERBS.contains(&word) || tokens(&mut STOP_WORDS.clone(), word).is_empty()
}

/// A token filter that rewrites each word with a plain function: the Norwegian analyzer's
/// own steps (nynorsk to bokmål before stemming, derivations after) are written this way.
#[derive(Clone, Copy)]
pub struct Rewrite(pub fn(&mut String));

impl TokenFilter for Rewrite {
    type Tokenizer<T: Tokenizer> = RewriteTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> RewriteTokenizer<T> {
        RewriteTokenizer(tokenizer, self.0)
    }
}

#[derive(Clone)]
pub struct RewriteTokenizer<T>(T, fn(&mut String));

impl<T: Tokenizer> Tokenizer for RewriteTokenizer<T> {
    type TokenStream<'a> = RewriteStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RewriteStream(self.0.token_stream(text), self.1)
    }
}

pub struct RewriteStream<S>(S, fn(&mut String));

impl<S: TokenStream> TokenStream for RewriteStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        (self.1)(&mut self.0.token_mut().text);
        true
    }
    fn token(&self) -> &Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// Removes what the Snowball stemmer keeps of two suffixes: the nominal -ning and -ing,
/// so that "tolking" meets "tolk" and "behandling" meets "behandle" (stemmed: "behandl");
/// and the -er of words for who does something, which it keeps in the plural only
/// ("sykepleiere" → "sykepleier", "sykepleierne" → "sykepleiern", but "sykepleier" →
/// "sykeplei"), so that the three meet.
/// And it gives "-midler" (legemidler, hjelpemidler: the stemmer leaves "legemidl") the
/// stem of its singular "-middel".
fn remove_derivation(word: &mut String) {
    let stem_len = strip_derivation(word);
    word.truncate(stem_len);
    if let Some(stem) = word.strip_suffix("midl") {
        *word = format!("{stem}middel");
    }
}

fn strip_derivation(word: &str) -> usize {
    // (suffix, the shortest stem it leaves): "lærere" → "lær", but "ring" stays.
    for (suffix, shortest) in [("ning", 4), ("ing", 4), ("ern", 3), ("er", 3)] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().count() >= shortest
        {
            return stem.len();
        }
    }
    word.len()
}

/// Tokens derived from the folded words of a text, for the two views that need more
/// than single words.
#[derive(Clone)]
pub struct Derived {
    view: View,
    words: TextAnalyzer,
}

#[derive(Clone, Copy)]
enum View {
    /// Every ending of each word, of three letters or more (`trykksar` → trykksar,
    /// rykksar, ..., sar). A part of a compound is the start of one of its endings, so
    /// a prefix search on this view finds it anywhere in the word, with one dictionary
    /// walk instead of a phrase of n-grams.
    Endings,
    /// Each two words in a row (`ved innkomst`), so a quoted phrase is a few term
    /// lookups instead of a walk through word positions.
    Pairs,
}

impl Derived {
    pub fn endings() -> Derived {
        Derived { view: View::Endings, words: exact_analyzer() }
    }

    pub fn pairs() -> Derived {
        Derived { view: View::Pairs, words: exact_analyzer() }
    }
}

/// A word written as an acronym is (KOLS, LAR, NEWS2, 4AT): two to eight letters and
/// digits, at least two of them capitals and none small.
pub fn is_acronym(word: &str) -> bool {
    (2..=8).contains(&word.chars().count())
        && word.chars().all(|c| c.is_alphanumeric() && !c.is_lowercase())
        && word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// The acronyms a page writes, for a field of their own: "LAR" (the treatment) is then
/// told from "lar" (the verb) and "lår" (the thigh, folded).
pub fn acronyms(texts: [&str; 3]) -> String {
    texts.iter().flat_map(|text| text.split(|c: char| !c.is_alphanumeric())).filter(|word| is_acronym(word)).collect::<Vec<_>>().join(" ")
}

pub const SHORTEST_PART: usize = 3;

/// The endings of a folded word that a part of a compound can start.
pub fn endings(word: &str) -> impl Iterator<Item = &str> {
    let count = word.chars().count();
    word.char_indices().take(count.saturating_sub(SHORTEST_PART) + 1).map(move |(at, _)| &word[at..])
}

/// The word pairs of a phrase (already folded words), as they are indexed.
pub fn pairs(words: &[String]) -> Vec<String> {
    words.windows(2).map(|pair| pair_of(&pair[0], &pair[1])).collect()
}

fn pair_of(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

impl Tokenizer for Derived {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut words = Vec::new();
        let mut stream = self.words.token_stream(text);
        while stream.advance() {
            words.push(stream.token().clone());
        }
        let mut tokens = Vec::new();
        let mut push = |text: &str, from: usize, to: usize| {
            let position = tokens.len();
            tokens.push(Token { offset_from: from, offset_to: to, position, text: text.to_owned(), position_length: 1 });
        };
        match self.view {
            View::Endings => {
                for word in &words {
                    for ending in endings(&word.text) {
                        push(ending, word.offset_from, word.offset_to);
                    }
                }
            }
            View::Pairs => {
                for pair in words.windows(2) {
                    push(&pair_of(&pair[0].text, &pair[1].text), pair[0].offset_from, pair[1].offset_to);
                }
            }
        }
        VecTokenStream { tokens, next: 0 }
    }
}

/// Tokens for highlighting `terms` in a snippet: the folded words of the text, each
/// stemmed only when it could stem to one of the terms. A stem is the start of its
/// word, so most words of a long text skip the stemmer, which is most of the time a
/// snippet takes.
#[derive(Clone)]
pub struct Highlighter {
    terms: Vec<String>,
    words: TextAnalyzer,
    stem: Option<TextAnalyzer>,
}

impl Highlighter {
    /// `stem`: the analyzer that made `terms`, or `None` when they are folded words.
    pub fn new(terms: Vec<String>, stem: Option<TextAnalyzer>) -> Highlighter {
        Highlighter { terms, words: exact_analyzer(), stem }
    }
}

impl Tokenizer for Highlighter {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut highlighted = Vec::new();
        let mut words = self.words.token_stream(text);
        while words.advance() {
            let mut token = words.token().clone();
            if let Some(stem) = &mut self.stem
                && self.terms.iter().any(|term| token.text.starts_with(term.as_str()))
            {
                token.text = tokens(stem, &text[token.offset_from..token.offset_to]).into_iter().next().unwrap_or_default();
            }
            highlighted.push(token);
        }
        VecTokenStream { tokens: highlighted, next: 0 }
    }
}

pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
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
    fn legemidler_meets_legemiddel() {
        let mut norwegian = StemLanguage::Norwegian.analyzer();
        let stem = tokens(&mut norwegian, "legemiddel");
        assert_eq!(tokens(&mut norwegian, "legemidler"), stem);
        assert_eq!(tokens(&mut norwegian, "legemidlene"), stem);
    }

    #[test]
    fn acronyms_are_the_words_in_capitals() {
        assert_eq!(acronyms(["KOLS-forverring og LAR", "NEWS2, 4AT, En Tolk", "lar seg ikke"]), "KOLS LAR NEWS2 4AT");
    }

    #[test]
    fn inflections_and_derivations_meet_in_the_stem_field() {
        let mut stem = StemLanguage::Norwegian.analyzer();
        for word in ["tolk", "tolken", "tolker", "tolkene", "tolking"] {
            assert_eq!(tokens(&mut stem, word), ["tolk"], "{word}");
        }
        assert_eq!(tokens(&mut stem, "behandling"), tokens(&mut stem, "behandle"));
        assert_eq!(tokens(&mut stem, "kartlegging"), tokens(&mut stem, "kartlegge"));
        assert_eq!(tokens(&mut stem, "ring"), ["ring"], "short words keep their ending");
        for group in [["sykepleier", "sykepleiere", "sykepleierne"], ["lærer", "lærere", "lærerne"], ["helsearbeider", "helsearbeidere", "helsearbeiderne"]] {
            let stems: Vec<_> = group.iter().map(|w| tokens(&mut stem, w)).collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{group:?}: {stems:?}");
        }
        assert_eq!(tokens(&mut stem, "tolker"), ["tolk"], "a plural of a short word");
    }

    #[test]
    fn norwegian_letters_fold_so_they_can_be_typed_on_any_keyboard() {
        let mut exact = exact_analyzer();
        assert_eq!(tokens(&mut exact, "Sårbehandling"), ["sarbehandling"]);
        assert_eq!(tokens(&mut exact, "Følgefeil ÆRE"), ["folgefeil", "aere"]);
        assert_eq!(tokens(&mut exact, "KOLS og ISBAR"), ["kols", "og", "isbar"]);
    }

    #[test]
    fn a_part_of_a_compound_starts_one_of_its_endings() {
        let parts_of = |word: &str| endings(word).map(str::to_owned).collect::<Vec<_>>();
        assert!(parts_of("demensomsorg").iter().any(|e| e.starts_with("demens")));
        assert!(parts_of("trykksar").iter().any(|e| e.starts_with("sar")));
        assert!(parts_of("hjemmesykepleie").iter().any(|e| e.starts_with("syke")), "a middle part too");
        assert_eq!(parts_of("sår"), ["sår"]);
        assert_eq!(parts_of("ab"), ["ab"], "a short word is its own ending");
        let mut analyzer = TextAnalyzer::from(Derived::endings());
        assert!(tokens(&mut analyzer, "Trykksår").contains(&"sar".to_owned()), "folded first");
    }

    #[test]
    fn phrases_are_word_pairs() {
        let mut analyzer = TextAnalyzer::from(Derived::pairs());
        assert_eq!(tokens(&mut analyzer, "Bruk kvalifisert tolk."), ["bruk kvalifisert", "kvalifisert tolk"]);
        assert_eq!(pairs(&["kvalifisert".into(), "tolk".into()]), ["kvalifisert tolk"]);
    }

    #[test]
    fn other_scripts_are_split_into_words() {
        let mut exact = exact_analyzer();
        assert_eq!(tokens(&mut exact, "بعد العملية الجراحية").len(), 3);
        assert_eq!(tokens(&mut exact, "Після операції").len(), 2);
    }

    #[test]
    fn english_and_arabic_leaflets_are_stemmed_in_their_own_language() {
        let mut english = StemLanguage::English.analyzer();
        assert_eq!(tokens(&mut english, "thinning"), tokens(&mut english, "thin"));
        assert_eq!(tokens(&mut english, "medicines"), tokens(&mut english, "medicine"));
        assert!(tokens(&mut english, "the").is_empty(), "English stop words");
        let mut arabic = StemLanguage::Arabic.analyzer();
        assert_eq!(tokens(&mut arabic, "المترجم"), tokens(&mut arabic, "مترجم"), "the article is not part of the word");
        assert_eq!(StemLanguage::of("nn"), Some(StemLanguage::Norwegian));
        assert_eq!(StemLanguage::of("so"), None, "no Somali stemmer: exact words and parts");
    }

    #[test]
    fn stop_words_are_known() {
        assert!(is_stop_word("hvordan"));
        assert!(is_stop_word("og"));
        assert!(!is_stop_word("tolk"));
    }
}
