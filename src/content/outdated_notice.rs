//! The notice on a translation whose Norwegian original changed since it was made, in the
//! translation's own language (where we have the words) and always in Norwegian: the
//! clinician handing the page over reads one, the patient the other.

/// The notice in one language: the sentence around the date, and the link's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoticeWords {
    pub before_date: &'static str,
    pub after_date: &'static str,
    pub link: &'static str,
}

const fn words(before_date: &'static str, after_date: &'static str, link: &'static str) -> NoticeWords {
    NoticeWords { before_date, after_date, link }
}

/// Written for the languages of the shipped patient material; more can be added here.
const NOTICES: &[(&str, NoticeWords)] = &[
    ("nb", words("Denne oversettelsen er eldre enn den norske teksten, som ble endret ", ".", "Les den gjeldende norske teksten")),
    ("nn", words("Denne omsetjinga er eldre enn den norske teksten, som vart endra ", ".", "Les den gjeldande norske teksten")),
    ("en", words("This translation is older than the Norwegian text, which was changed on ", ".", "Read the current Norwegian text")),
    ("pl", words("To tłumaczenie jest starsze niż tekst norweski, który zmieniono ", ".", "Przeczytaj aktualny tekst norweski")),
    ("uk", words("Цей переклад старіший за норвезький текст, який було змінено ", ".", "Прочитайте чинний норвезький текст")),
    ("ru", words("Этот перевод старше норвежского текста, который был изменён ", ".", "Прочитайте актуальный норвежский текст")),
    ("lt", words("Šis vertimas yra senesnis už norvegišką tekstą, kuris buvo pakeistas ", ".", "Skaitykite dabartinį norvegišką tekstą")),
    ("ar", words("هذه الترجمة أقدم من النص النرويجي الذي تم تعديله في ", ".", "اقرأ النص النرويجي الحالي")),
    ("so", words("Turjumaaddan way ka da' weyn tahay qoraalka Noorwiijiga, kaas oo la beddelay ", ".", "Akhri qoraalka Noorwiijiga ee hadda jira")),
    ("ur", words("یہ ترجمہ نارویجین متن سے پرانا ہے، جسے ", " کو تبدیل کیا گیا۔", "موجودہ نارویجین متن پڑھیں")),
    ("fa", words("این ترجمه قدیمی‌تر از متن نروژی است که در ", " تغییر کرده است.", "متن کنونی نروژی را بخوانید")),
    ("prs", words("این ترجمه کهنه‌تر از متن نارویژی است که به تاریخ ", " تغییر کرده است.", "متن فعلی نارویژی را بخوانید")),
    ("ps", words("دا ژباړه د ناروېژي متن څخه زړه ده، چې په ", " بدل شوی دی.", "اوسنی ناروېژي متن ولولئ")),
    ("ti", words("እዚ ትርጉም ካብቲ ብ ", " ዝተቐየረ ናይ ኖርወይ ጽሑፍ ዝኣረገ እዩ።", "ናይ ሕጂ ናይ ኖርወይ ጽሑፍ ኣንብቡ")),
    ("ckb", words("ئەم وەرگێڕانە کۆنترە لە دەقە نەرویجییەکە کە لە ", " گۆڕدراوە.", "دەقی ئێستای نەرویجی بخوێنەوە")),
    ("tr", words("Bu çeviri, ", " tarihinde değiştirilen Norveççe metinden daha eskidir.", "Güncel Norveççe metni okuyun")),
];

/// The notice's words in `lang`, if we have them.
pub fn in_language(lang: &str) -> Option<NoticeWords> {
    NOTICES.iter().find(|(code, _)| *code == lang).map(|(_, words)| *words)
}

/// The notice's words in Norwegian, which every outdated translation shows.
pub fn in_norwegian() -> NoticeWords {
    NOTICES[0].1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_of_the_shipped_patient_material_has_the_notice() {
        let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/content/central/patient")).unwrap();
        for file in shipped {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            let lang = name.trim_end_matches(".md").rsplit('.').next().unwrap().to_owned();
            assert!(in_language(&lang).is_some(), "{name}: no outdated notice in {lang}");
        }
        assert_eq!(in_norwegian().link, "Les den gjeldende norske teksten");
    }
}
