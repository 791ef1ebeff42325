//! Bokmål and nynorsk as one language for search: nynorsk words are written in their
//! bokmål form in every view of the index (exact words, parts, phrases, and before
//! stemming), in the text of every page and in every query,
//! so "heimesjukepleia" and "hjemmesykepleien" meet, as do "helsetenesta" and
//! "helsetjenesten", "ikkje" and "ikke". Two kinds of rule: whole words that differ
//! (kva/hva, korleis/hvordan), and spellings that differ inside words and compounds
//! (heime/hjemme, sjuk/syk, teneste/tjeneste). Endings (-a, -ane, -ar, -inga) are the
//! stemmer's work: it removes the nynorsk endings as it does the bokmål ones.
use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Whole words: nynorsk, bokmål.
const WORDS: &[(&str, &str)] = &[
    ("ikkje", "ikke"),
    ("kva", "hva"),
    ("korleis", "hvordan"),
    ("kvifor", "hvorfor"),
    ("kven", "hvem"),
    ("kvar", "hver"),
    ("kor", "hvor"),
    ("eg", "jeg"),
    ("ho", "hun"),
    ("dei", "de"),
    ("ein", "en"),
    ("eit", "et"),
    ("frå", "fra"),
    ("berre", "bare"),
    ("mykje", "mye"),
    ("meir", "mer"),
    ("fleire", "flere"),
    ("nokre", "noen"),
    ("nokon", "noen"),
    ("noko", "noe"),
    ("sjølv", "selv"),
    ("saman", "sammen"),
    ("vere", "være"),
    ("heim", "hjem"),
    ("veke", "uke"),
    ("veker", "uker"),
    ("born", "barn"),
    ("gut", "gutt"),
    ("heil", "hel"),
    ("heile", "hele"),
    ("heilt", "helt"),
    ("treng", "trenger"),
    ("kjem", "kommer"),
    ("gjer", "gjør"),
    ("seier", "sier"),
    ("høyre", "høre"),
    ("fylgje", "følge"),
    ("auge", "øye"),
    ("auga", "øyne"),
    ("bustad", "bolig"),
    ("lækjar", "lege"),
    ("medisinar", "medisiner"),
    ("pasientar", "pasienter"),
    ("einsemd", "ensomhet"),
    ("einsam", "ensom"),
    ("teikn", "tegn"),
    ("høg", "høy"),
    ("høgt", "høyt"),
    ("låg", "lav"),
    ("lågt", "lavt"),
    ("kome", "komme"),
    ("sjå", "se"),
    ("utan", "uten"),
    ("difor", "derfor"),
    ("vanleg", "vanlig"),
    ("alvorleg", "alvorlig"),
    ("dagleg", "daglig"),
    ("tidleg", "tidlig"),
    ("særleg", "særlig"),
    ("mogleg", "mulig"),
];

/// Spellings inside words, compounds included: nynorsk, bokmål.
const PARTS: &[(&str, &str)] = &[
    ("heime", "hjemme"),
    ("sjuk", "syk"),
    ("tenest", "tjenest"),
    ("fyrst", "først"),
    ("tilsett", "ansatt"),
    ("hjart", "hjert"),
    ("brot", "brudd"),
    ("vegs", "veis"),
    ("førebyggj", "forebygg"),
    ("førebygg", "forebygg"),
    ("heit", "het"),
    // Who does something: -ar in nynorsk, -er in bokmål.
    ("pleiar", "pleier"),
    ("lærar", "lærer"),
    ("arbeidar", "arbeider"),
    ("leiar", "leder"),
];

/// The whole words by their nynorsk form, and a finder of the spellings inside words:
/// every word of every page and query passes here, so one lookup and one scan each.
static WORD_PAIRS: LazyLock<HashMap<&str, &str>> = LazyLock::new(|| WORDS.iter().copied().collect());
#[allow(clippy::expect_used, reason = "the patterns are the constant PARTS; a bad one is a bug of ours")]
static ANY_PART: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(PARTS.iter().map(|(nynorsk, _)| nynorsk)).expect("the nynorsk spellings make a finder"));

/// The bokmål form of a lower-cased word (the word itself when it is not nynorsk).
pub fn to_bokmal(word: &str) -> Option<String> {
    if let Some(bokmal) = WORD_PAIRS.get(word) {
        return Some((*bokmal).to_owned());
    }
    let mut rewritten: Option<String> = None;
    // The present participle: pårørande, blodfortynnande, pleietrengande.
    if let Some(stem) = word.strip_suffix("ande").filter(|stem| stem.chars().count() >= 4) {
        rewritten = Some(format!("{stem}ende"));
    }
    if !ANY_PART.is_match(rewritten.as_deref().unwrap_or(word)) {
        return rewritten;
    }
    for (nynorsk, bokmal) in PARTS {
        let current = rewritten.as_deref().unwrap_or(word);
        if current.contains(nynorsk) {
            rewritten = Some(current.replace(nynorsk, bokmal));
        }
    }
    rewritten
}

/// Writes a lower-cased word in its bokmål form, in place (the analyzer's step).
pub fn rewrite(word: &mut String) {
    if let Some(bokmal) = to_bokmal(word) {
        *word = bokmal;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::{StemLanguage, tokens};

    #[test]
    fn nynorsk_and_bokmal_words_stem_alike() {
        let mut norwegian = StemLanguage::Norwegian.analyzer();
        let mut stem = |word: &str| tokens(&mut norwegian, word);
        for (nynorsk, bokmal) in [
            ("heimesjukepleia", "hjemmesykepleien"),
            ("helsetenesta", "helsetjenesten"),
            ("helsetenestene", "helsetjenestene"),
            ("sjukepleiarar", "sykepleiere"),
            ("pasientane", "pasientene"),
            ("behandlinga", "behandlingen"),
            ("sjukehuset", "sykehuset"),
            ("kommunehelsetenesta", "kommunehelsetjenesten"),
            ("hjartesvikt", "hjertesvikt"),
            ("hoftebrot", "hoftebrudd"),
            ("urinvegsinfeksjon", "urinveisinfeksjon"),
            ("einsemd", "ensomhet"),
            ("pårørande", "pårørende"),
            ("blodfortynnande", "blodfortynnende"),
            ("førebyggjast", "forebygges"),
            ("førebygging", "forebygging"),
            ("beinskjørheit", "beinskjørhet"),
            ("alvorleg", "alvorlig"),
        ] {
            assert_eq!(stem(nynorsk), stem(bokmal), "{nynorsk} / {bokmal}");
            assert!(!stem(nynorsk).is_empty(), "{nynorsk}");
        }
        // Stop words in either form are left out alike.
        assert_eq!(stem("ikkje"), stem("ikke"));
        assert_eq!(stem("korleis"), stem("hvordan"));
        // Bokmål words pass as they are.
        assert_eq!(to_bokmal("tolk"), None);
        assert_eq!(to_bokmal("sykehus"), None);
    }
}
