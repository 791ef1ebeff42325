//! The few words of the patient material's own pages, in each language we have them for:
//! a language's index page is headed in that language, so a patient can see it is theirs.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatientWords {
    pub heading: &'static str,
    pub other_languages: &'static str,
    /// Beside the QR code on the show-to-patient view and the printout.
    pub scan_to_take_home: &'static str,
}

const fn words(heading: &'static str, other_languages: &'static str, scan_to_take_home: &'static str) -> PatientWords {
    PatientWords { heading, other_languages, scan_to_take_home }
}

const WORDS: &[(&str, PatientWords)] = &[
    ("nb", words("Pasientinformasjon", "Velg et annet språk", "Skann koden med mobilen for å ta med teksten hjem.")),
    ("nn", words("Pasientinformasjon", "Vel eit anna språk", "Skann koden med mobilen for å ta med teksten heim.")),
    ("en", words("Patient information", "Choose another language", "Scan the code with your phone to take this text home.")),
    ("ar", words("معلومات للمرضى", "اختر لغة أخرى", "امسح الرمز بهاتفك لتأخذ هذا النص معك إلى المنزل.")),
    ("so", words("Macluumaad loogu talagalay bukaanka", "Dooro luqad kale", "Ku sawir koodhka taleefankaaga si aad qoraalkan guriga ugu qaadato.")),
    ("pl", words("Informacje dla pacjentów", "Wybierz inny język", "Zeskanuj kod telefonem, aby zabrać ten tekst do domu.")),
    ("uk", words("Інформація для пацієнтів", "Виберіть іншу мову", "Відскануйте код телефоном, щоб забрати цей текст додому.")),
    ("ur", words("مریضوں کے لیے معلومات", "کوئی دوسری زبان منتخب کریں", "یہ متن گھر لے جانے کے لیے اپنے فون سے کوڈ اسکین کریں۔")),
    ("ti", words("ሓበሬታ ንሕሙማት", "ካልእ ቋንቋ ምረጹ", "ነዚ ጽሑፍ ናብ ገዛ ንምውሳድ ነቲ ኮድ ብሞባይልኩም ስካን ግበሩ።")),
    ("fa", words("اطلاعات برای بیماران", "زبان دیگری انتخاب کنید", "برای بردن این متن به خانه، کد را با تلفن خود اسکن کنید.")),
    ("prs", words("معلومات برای مریضان", "زبان دیگری را انتخاب کنید", "برای بردن این متن به خانه، کود را با تیلفون خود اسکن کنید.")),
    ("ps", words("د ناروغانو لپاره معلومات", "بله ژبه وټاکئ", "دا متن کور ته د وړلو لپاره، کوډ په خپل ټیلیفون سکن کړئ.")),
    ("ckb", words("زانیاری بۆ نەخۆشان", "زمانێکی تر هەڵبژێرە", "بۆ بردنەوەی ئەم دەقە بۆ ماڵەوە، کۆدەکە بە مۆبایلەکەت سکان بکە.")),
    ("ru", words("Информация для пациентов", "Выберите другой язык", "Отсканируйте код телефоном, чтобы взять этот текст домой.")),
    ("lt", words("Informacija pacientams", "Pasirinkite kitą kalbą", "Nuskenuokite kodą telefonu, kad šį tekstą turėtumėte namuose.")),
    ("tr", words("Hasta bilgileri", "Başka bir dil seçin", "Bu metni eve götürmek için kodu telefonunuzla tarayın.")),
];

/// The words in `lang`, falling back to Norwegian.
pub fn in_language(lang: &str) -> (PatientWords, bool) {
    match WORDS.iter().find(|(code, _)| *code == lang) {
        Some((_, words)) => (*words, true),
        None => (WORDS[0].1, false),
    }
}
