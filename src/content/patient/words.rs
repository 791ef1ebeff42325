//! The few words of the patient material's own pages, in each language we have them for:
//! a language's index page is headed in that language, so a patient can see it is theirs.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatientWords {
    pub heading: &'static str,
    pub other_languages: &'static str,
}

const fn words(heading: &'static str, other_languages: &'static str) -> PatientWords {
    PatientWords { heading, other_languages }
}

const WORDS: &[(&str, PatientWords)] = &[
    ("nb", words("Pasientinformasjon", "Velg et annet språk")),
    ("nn", words("Pasientinformasjon", "Vel eit anna språk")),
    ("en", words("Patient information", "Choose another language")),
    ("ar", words("معلومات للمرضى", "اختر لغة أخرى")),
    ("so", words("Macluumaad loogu talagalay bukaanka", "Dooro luqad kale")),
    ("pl", words("Informacje dla pacjentów", "Wybierz inny język")),
    ("uk", words("Інформація для пацієнтів", "Виберіть іншу мову")),
    ("ur", words("مریضوں کے لیے معلومات", "کوئی دوسری زبان منتخب کریں")),
    ("ti", words("ሓበሬታ ንሕሙማት", "ካልእ ቋንቋ ምረጹ")),
    ("fa", words("اطلاعات برای بیماران", "زبان دیگری انتخاب کنید")),
    ("prs", words("معلومات برای مریضان", "زبان دیگری را انتخاب کنید")),
    ("ps", words("د ناروغانو لپاره معلومات", "بله ژبه وټاکئ")),
    ("ckb", words("زانیاری بۆ نەخۆشان", "زمانێکی تر هەڵبژێرە")),
    ("ru", words("Информация для пациентов", "Выберите другой язык")),
    ("lt", words("Informacija pacientams", "Pasirinkite kitą kalbą")),
    ("tr", words("Hasta bilgileri", "Başka bir dil seçin")),
];

/// The words in `lang`, falling back to Norwegian.
pub fn in_language(lang: &str) -> (PatientWords, bool) {
    match WORDS.iter().find(|(code, _)| *code == lang) {
        Some((_, words)) => (*words, true),
        None => (WORDS[0].1, false),
    }
}
