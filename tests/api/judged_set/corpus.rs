//! The generated part of the judged corpus: for each of sixteen care subjects that the
//! sample content does not cover, a central guide and article, local routines in six
//! municipalities (Innlandet's in nynorsk), local news and a course: 192 pages that are
//! relevant to queries about their subject, and compete with the sample pages for every
//! other query through the sentences all local routines share (interpreter, records,
//! next of kin, the out-of-hours service).
//!
//! Generated pages are judged by rule, because each is about one subject: guidance
//! (guide, article, routine) is highly relevant (2) to a query about its subject, news and
//! courses partly (1), every other query not at all (0).
use std::path::Path;

pub struct Subject {
    /// In every generated page's slug (`gen-{key}-…`), and the `subject` of the queries about it.
    pub key: &'static str,
    theme: &'static str,
    nb_title: &'static str,
    nn_title: &'static str,
    /// The subject as a noun in running text, bokmål and nynorsk.
    nb_noun: &'static str,
    nn_noun: &'static str,
    nb_text: &'static [&'static str],
    nn_text: &'static [&'static str],
}

pub const SUBJECTS: &[Subject] = &[
    Subject {
        key: "hjertesvikt",
        theme: "akutt",
        nb_title: "Oppfølging av hjertesvikt i hjemmet",
        nn_title: "Oppfølging av hjartesvikt i heimen",
        nb_noun: "hjertesvikt",
        nn_noun: "hjartesvikt",
        nb_text: &[
            "Pasienter med hjertesvikt veies daglig, helst om morgenen før frokost.",
            "En vektøkning på mer enn to kilo på tre dager kan bety at kroppen holder på væske.",
            "Se etter hevelse i anklene, tung pust i liggende stilling og økende tretthet.",
            "Vanndrivende legemidler gis etter forordning, og væskeinntaket avtales med legen.",
        ],
        nn_text: &[
            "Pasientar med hjartesvikt blir vegne kvar dag, helst om morgonen før frukost.",
            "Ein vektauke på meir enn to kilo på tre dagar kan tyde på at kroppen held på væske.",
            "Sjå etter hevelse i anklane, tung pust i liggjande stilling og aukande trøyttleik.",
            "Vassdrivande legemiddel blir gitt etter forordning, og væskeinntaket blir avtalt med legen.",
        ],
    },
    Subject {
        key: "sepsis",
        theme: "akutt",
        nb_title: "Tidlig gjenkjenning av sepsis",
        nn_title: "Tidleg attkjenning av sepsis",
        nb_noun: "sepsis",
        nn_noun: "sepsis",
        nb_text: &[
            "Sepsis, også kalt blodforgiftning, er en livstruende reaksjon på infeksjon.",
            "Høy pustefrekvens, lavt blodtrykk og ny forvirring er tegn som krever rask vurdering.",
            "Mål vitale tegn og ring lege straks ved mistanke om sepsis.",
            "Antibiotika bør gis innen en time etter at tilstanden er oppdaget.",
        ],
        nn_text: &[
            "Sepsis, òg kalla blodforgifting, er ein livstrugande reaksjon på infeksjon.",
            "Høg pustefrekvens, lågt blodtrykk og ny forvirring er teikn som krev rask vurdering.",
            "Mål vitale teikn og ring lege med ein gong ved mistanke om sepsis.",
            "Antibiotika bør givast innan ein time etter at tilstanden er oppdaga.",
        ],
    },
    Subject {
        key: "urinkateter",
        theme: "pasientforlop",
        nb_title: "Stell av urinkateter",
        nn_title: "Stell av urinkateter",
        nb_noun: "urinkateter",
        nn_noun: "urinkateter",
        nb_text: &[
            "Et permanent urinkateter øker risikoen for urinveisinfeksjon for hver dag det ligger.",
            "Vurder daglig om kateteret fortsatt trengs, og dokumenter begrunnelsen.",
            "Ren intermitterende kateterisering er ofte et bedre valg enn et kateter som blir liggende.",
            "Urinposen skal alltid henge lavere enn blæren.",
        ],
        nn_text: &[
            "Eit permanent urinkateter aukar risikoen for urinvegsinfeksjon for kvar dag det ligg.",
            "Vurder dagleg om kateteret framleis trengst, og dokumenter grunngivinga.",
            "Rein intermitterande kateterisering er ofte eit betre val enn eit kateter som blir liggjande.",
            "Urinposen skal alltid henge lågare enn blæra.",
        ],
    },
    Subject {
        key: "munnstell",
        theme: "pasientforlop",
        nb_title: "Munnstell hos pleietrengende",
        nn_title: "Munnstell hos pleietrengande",
        nb_noun: "munnstell",
        nn_noun: "munnstell",
        nb_text: &[
            "Godt munnstell forebygger lungebetennelse, smerter og dårlig matlyst.",
            "Tenner og tannprotese rengjøres morgen og kveld med myk tannbørste.",
            "Munntørrhet er en vanlig bivirkning av legemidler og gir økt risiko for hull i tennene.",
            "Se etter sår, belegg og sopp i munnen ved hvert stell.",
        ],
        nn_text: &[
            "Godt munnstell førebyggjer lungebetennelse, smerter og dårleg matlyst.",
            "Tenner og tannprotese blir reinsa morgon og kveld med mjuk tannbørste.",
            "Munntørrleik er ein vanleg biverknad av legemiddel og gir auka risiko for hol i tennene.",
            "Sjå etter sår, belegg og sopp i munnen ved kvart stell.",
        ],
    },
    Subject {
        key: "palliasjon",
        theme: "pasientforlop",
        nb_title: "Lindrende behandling i livets sluttfase",
        nn_title: "Lindrande behandling i livets sluttfase",
        nb_noun: "lindrende behandling",
        nn_noun: "lindrande behandling",
        nb_text: &[
            "Palliasjon er aktiv behandling, pleie og omsorg for pasienter med uhelbredelig sykdom.",
            "Kartlegg smerte, uro, kvalme og tungpust jevnlig, gjerne med ESAS.",
            "Legemidler til lindring i livets siste dager forordnes på forhånd og ligger klare.",
            "Samtal med pasient og pårørende om ønsker for den siste tiden.",
        ],
        nn_text: &[
            "Palliasjon er aktiv behandling, pleie og omsorg for pasientar med uhelbredeleg sjukdom.",
            "Kartlegg smerte, uro, kvalme og tungpust jamleg, gjerne med ESAS.",
            "Legemiddel til lindring dei siste dagane av livet blir forordna på førehand og ligg klare.",
            "Snakk med pasienten og dei pårørande om ønske for den siste tida.",
        ],
    },
    Subject {
        key: "handhygiene",
        theme: "akutt",
        nb_title: "Håndhygiene og smittevern",
        nn_title: "Handhygiene og smittevern",
        nb_noun: "håndhygiene",
        nn_noun: "handhygiene",
        nb_text: &[
            "Håndhygiene er det viktigste enkelttiltaket mot spredning av smitte.",
            "Bruk hånddesinfeksjon før og etter pasientkontakt, og vask hendene når de er synlig skitne.",
            "Hansker erstatter ikke håndhygiene.",
            "Ringer, armbåndsur og lange negler hindrer god håndhygiene.",
        ],
        nn_text: &[
            "Handhygiene er det viktigaste enkelttiltaket mot spreiing av smitte.",
            "Bruk handdesinfeksjon før og etter pasientkontakt, og vask hendene når dei er synleg skitne.",
            "Hanskar erstattar ikkje handhygiene.",
            "Ringar, armbandsur og lange neglar hindrar god handhygiene.",
        ],
    },
    Subject {
        key: "forstoppelse",
        theme: "legemidler",
        nb_title: "Forstoppelse hos eldre",
        nn_title: "Forstopping hos eldre",
        nb_noun: "forstoppelse",
        nn_noun: "forstopping",
        nb_text: &[
            "Forstoppelse (obstipasjon) er vanlig hos eldre og gir uro, smerter og nedsatt matlyst.",
            "Kartlegg avføringsmønster, væskeinntak, kosthold og fysisk aktivitet.",
            "Opioider gir nesten alltid forstoppelse: avføringsmiddel forordnes samtidig.",
            "Fiberrik kost og nok drikke forebygger.",
        ],
        nn_text: &[
            "Forstopping (obstipasjon) er vanleg hos eldre og gir uro, smerter og nedsett matlyst.",
            "Kartlegg avføringsmønster, væskeinntak, kosthald og fysisk aktivitet.",
            "Opioid gir nesten alltid forstopping: avføringsmiddel blir forordna samstundes.",
            "Fiberrik kost og nok drikke førebyggjer.",
        ],
    },
    Subject {
        key: "svelgvansker",
        theme: "pasientforlop",
        nb_title: "Svelgvansker etter hjerneslag",
        nn_title: "Svelgvanskar etter hjerneslag",
        nb_noun: "svelgvansker",
        nn_noun: "svelgvanskar",
        nb_text: &[
            "Svelgvansker (dysfagi) er vanlig etter hjerneslag og gir fare for feilsvelging og lungebetennelse.",
            "Gjør en svelgtest før pasienten får mat eller drikke.",
            "Konsistenstilpasset kost og fortykket drikke kan gjøre måltidet trygt.",
            "Sitt oppreist under og en halv time etter måltidet.",
        ],
        nn_text: &[
            "Svelgvanskar (dysfagi) er vanleg etter hjerneslag og gir fare for feilsvelging og lungebetennelse.",
            "Gjer ein svelgtest før pasienten får mat eller drikke.",
            "Konsistenstilpassa kost og fortjukka drikke kan gjere måltidet trygt.",
            "Sit oppreist under og ein halv time etter måltidet.",
        ],
    },
    Subject {
        key: "hlr",
        theme: "akutt",
        nb_title: "Hjerte-lungeredning (HLR) ved hjertestans",
        nn_title: "Hjarte-lungeredning (HLR) ved hjartestans",
        nb_noun: "hjerte-lungeredning",
        nn_noun: "hjarte-lungeredning",
        nb_text: &[
            "Ved hjertestans starter du HLR straks: 30 kompresjoner og 2 innblåsninger.",
            "Ring 113 og hent nærmeste hjertestarter.",
            "En hjertestarter gir talte instruksjoner og kan brukes av alle.",
            "Alle ansatte trener HLR minst en gang i året.",
        ],
        nn_text: &[
            "Ved hjartestans startar du HLR med ein gong: 30 kompresjonar og 2 innblåsingar.",
            "Ring 113 og hent næraste hjartestartar.",
            "Ein hjartestartar gir talte instruksjonar og kan brukast av alle.",
            "Alle tilsette trenar HLR minst ein gong i året.",
        ],
    },
    Subject {
        key: "hoftebrudd",
        theme: "pasientforlop",
        nb_title: "Pasientforløp ved hoftebrudd",
        nn_title: "Pasientforløp ved hoftebrot",
        nb_noun: "hoftebrudd",
        nn_noun: "hoftebrot",
        nb_text: &[
            "Hoftebrudd, ofte et lårhalsbrudd, rammer særlig eldre etter fall.",
            "Operasjon innen et døgn og tidlig mobilisering gir best resultat.",
            "Kommunen planlegger rehabilitering i samarbeid med sykehuset før utskrivning.",
            "Vurder fallrisiko og benskjørhet for å forebygge et nytt brudd.",
        ],
        nn_text: &[
            "Hoftebrot, ofte eit lårhalsbrot, rammar særleg eldre etter fall.",
            "Operasjon innan eit døgn og tidleg mobilisering gir best resultat.",
            "Kommunen planlegg rehabilitering i samarbeid med sjukehuset før utskriving.",
            "Vurder fallrisiko og beinskjørheit for å førebyggje eit nytt brot.",
        ],
    },
    Subject {
        key: "mrsa",
        theme: "akutt",
        nb_title: "MRSA og andre resistente bakterier",
        nn_title: "MRSA og andre resistente bakteriar",
        nb_noun: "resistente bakterier",
        nn_noun: "resistente bakteriar",
        nb_text: &[
            "MRSA er gule stafylokokker som ikke lar seg behandle med vanlige antibiotika.",
            "Pasienter fra sykehus i utlandet screenes for MRSA ved innleggelse.",
            "Smitteisolering og god basal smittevern hindrer spredning i sykehjem.",
            "Bærere av MRSA kan bo hjemme og delta i sosiale aktiviteter.",
        ],
        nn_text: &[
            "MRSA er gule stafylokokkar som ikkje let seg behandle med vanlege antibiotika.",
            "Pasientar frå sjukehus i utlandet blir screena for MRSA ved innlegging.",
            "Smitteisolering og godt basalt smittevern hindrar spreiing i sjukeheimar.",
            "Berarar av MRSA kan bu heime og delta i sosiale aktivitetar.",
        ],
    },
    Subject {
        key: "lungebetennelse",
        theme: "akutt",
        nb_title: "Lungebetennelse hos sykehjemsbeboere",
        nn_title: "Lungebetennelse hos bebuarar på sjukeheim",
        nb_noun: "lungebetennelse",
        nn_noun: "lungebetennelse",
        nb_text: &[
            "Lungebetennelse (pneumoni) er den vanligste alvorlige infeksjonen i sykehjem.",
            "Eldre får ofte ikke feber, men blir slappe, forvirret eller slutter å spise.",
            "Mål respirasjonsfrekvens og oksygenmetning, og kontakt lege ved forverring.",
            "Vaksinasjon mot pneumokokker og influensa forebygger.",
        ],
        nn_text: &[
            "Lungebetennelse (pneumoni) er den vanlegaste alvorlege infeksjonen på sjukeheim.",
            "Eldre får ofte ikkje feber, men blir slappe, forvirra eller sluttar å ete.",
            "Mål respirasjonsfrekvens og oksygenmetting, og kontakt lege ved forverring.",
            "Vaksinasjon mot pneumokokkar og influensa førebyggjer.",
        ],
    },
    Subject {
        key: "inkontinens",
        theme: "pasientforlop",
        nb_title: "Urinlekkasje og inkontinens",
        nn_title: "Urinlekkasje og inkontinens",
        nb_noun: "urinlekkasje",
        nn_noun: "urinlekkasje",
        nb_text: &[
            "Urinlekkasje rammer mange eldre og er ofte mulig å behandle.",
            "Kartlegg med drikke- og vannlatingsliste over tre døgn.",
            "Bekkenbunnstrening og faste toalettider hjelper mange.",
            "Inkontinensprodukter tilpasses etter kartleggingen, ikke før.",
        ],
        nn_text: &[
            "Urinlekkasje rammar mange eldre og er ofte mogleg å behandle.",
            "Kartlegg med drikke- og vasslatingsliste over tre døgn.",
            "Bekkenbotntrening og faste toalettider hjelper mange.",
            "Inkontinensprodukt blir tilpassa etter kartlegginga, ikkje før.",
        ],
    },
    Subject {
        key: "sovnvansker",
        theme: "psykisk-helse",
        nb_title: "Søvnvansker hos eldre",
        nn_title: "Søvnvanskar hos eldre",
        nb_noun: "søvnvansker",
        nn_noun: "søvnvanskar",
        nb_text: &[
            "Søvnvansker er vanlig i høy alder, men sovemedisin gir økt fare for fall.",
            "Kartlegg søvnmønster, smerter, nattlig vannlating og bekymringer.",
            "Dagslys, aktivitet på dagtid og faste rutiner ved leggetid bedrer søvnen.",
            "Sovemedisiner brukes kortvarig og trappes ned etter plan.",
        ],
        nn_text: &[
            "Søvnvanskar er vanleg i høg alder, men sovemedisin gir auka fare for fall.",
            "Kartlegg søvnmønster, smerter, vasslating om natta og bekymringar.",
            "Dagslys, aktivitet på dagtid og faste rutinar ved leggjetid gjer søvnen betre.",
            "Sovemedisinar blir brukte kortvarig og trappa ned etter plan.",
        ],
    },
    Subject {
        key: "ensomhet",
        theme: "psykisk-helse",
        nb_title: "Ensomhet blant eldre som bor hjemme",
        nn_title: "Einsemd blant eldre som bur heime",
        nb_noun: "ensomhet",
        nn_noun: "einsemd",
        nb_text: &[
            "Ensomhet øker risikoen for depresjon, dårlig søvn og tidlig død.",
            "Spør om nettverk og sosial kontakt ved hvert hjemmebesøk.",
            "Dagsenter, besøksvenn og frivillige kan gi fellesskap.",
            "Pårørende og frivillige tiltak henvises til etter samtykke.",
        ],
        nn_text: &[
            "Einsemd aukar risikoen for depresjon, dårleg søvn og tidleg død.",
            "Spør om nettverk og sosial kontakt ved kvart heimebesøk.",
            "Dagsenter, besøksven og frivillige kan gi fellesskap.",
            "Pårørande og frivillige tiltak blir tilviste til etter samtykke.",
        ],
    },
    Subject {
        key: "anafylaksi",
        theme: "akutt",
        nb_title: "Anafylaksi: akutt allergisk reaksjon",
        nn_title: "Anafylaksi: akutt allergisk reaksjon",
        nb_noun: "anafylaksi",
        nn_noun: "anafylaksi",
        nb_text: &[
            "Anafylaksi er en alvorlig allergisk reaksjon som kan komme minutter etter vaksine, legemiddel eller mat.",
            "Adrenalin settes i låret straks, med adrenalinpenn eller sprøyte.",
            "Legg pasienten ned med hevede bein, eller sittende ved pustebesvær.",
            "Ring 113 og gjenta adrenalin etter fem minutter ved manglende bedring.",
        ],
        nn_text: &[
            "Anafylaksi er ein alvorleg allergisk reaksjon som kan kome minutt etter vaksine, legemiddel eller mat.",
            "Adrenalin blir sett i låret med ein gong, med adrenalinpenn eller sprøyte.",
            "Legg pasienten ned med heva bein, eller sitjande ved pustevanskar.",
            "Ring 113 og gjenta adrenalin etter fem minutt dersom det ikkje blir betre.",
        ],
    },
];

/// Sentences every local routine has some of: they put the interpreter, the record and
/// the next of kin into pages that are not about them.
const SHARED_NB: &[&str] = &[
    "Bruk kvalifisert tolk når pasienten ikke snakker godt norsk.",
    "Dokumenter observasjoner og tiltak i pasientjournalen.",
    "Pårørende informeres etter samtykke fra pasienten.",
    "Kontakt legevakten ved akutt forverring utenom kontortid.",
    "Rutinen gjelder for hjemmetjenesten og sykehjemmene i kommunen.",
];
const SHARED_NN: &[&str] = &[
    "Bruk kvalifisert tolk når pasienten ikkje snakkar godt norsk.",
    "Dokumenter observasjonar og tiltak i pasientjournalen.",
    "Pårørande blir informerte etter samtykke frå pasienten.",
    "Kontakt legevakta ved akutt forverring utanom kontortida.",
    "Rutinen gjeld for heimetenesta og sjukeheimane i kommunen.",
];

/// The local routines: area, municipality, and whether it writes nynorsk.
const MUNICIPALITIES: &[(&str, &str, bool)] = &[
    ("ahus", "Lørenskog", false),
    ("ahus", "Ullensaker", false),
    ("vestfold", "Larvik", false),
    ("vestfold", "Horten", false),
    ("innlandet", "Vågå", true),
    ("innlandet", "Lom", true),
];

fn page(title: &str, summary: &str, theme: &str, extra: &str, body: &[&str]) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nsummary = \"{summary}\"\nthemes = [\"{theme}\"]\npublished = 2026-10-01\n{extra}+++\n\n{}\n",
        body.join(" ")
    )
}

/// Writes the generated pages into a content folder (beside the sample content).
pub fn write(content: &Path) {
    for (n, subject) in SUBJECTS.iter().enumerate() {
        let shared = |i: usize, nynorsk: bool| {
            let list = if nynorsk { SHARED_NN } else { SHARED_NB };
            [list[(n + i) % list.len()], list[(n + i + 2) % list.len()]]
        };
        let text = |nynorsk: bool| if nynorsk { subject.nn_text } else { subject.nb_text };
        let write = |path: String, text: String| {
            let path = content.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        let key = subject.key;
        let [a, b] = shared(0, false);
        let guide = [subject.nb_text, &[a, b]].concat();
        write(format!("central/guide/gen-{key}.nb.md"), page(subject.nb_title, subject.nb_text[0], subject.theme, "", &guide));
        let article = [&subject.nb_text[1..], &[subject.nb_text[0]]].concat();
        let title = format!("Fagartikkel: {}", subject.nb_title.to_lowercase());
        write(format!("central/article/gen-{key}-fag.nb.md"), page(&title, subject.nb_text[1], subject.theme, "", &article));
        for (i, (area, municipality, nynorsk)) in MUNICIPALITIES.iter().enumerate() {
            let lang = if *nynorsk { "nn" } else { "nb" };
            let [a, b] = shared(i, *nynorsk);
            let title = if *nynorsk {
                format!("{}: lokal rutine i {municipality}", subject.nn_title)
            } else {
                format!("{}: lokal rutine i {municipality}", subject.nb_title)
            };
            let body = [&text(*nynorsk)[(i % 2)..], &[a, b]].concat();
            let slug = municipality.to_lowercase().replace('å', "a").replace('ø', "o");
            write(format!("{area}/guide/gen-{key}-{slug}.{lang}.md"), page(&title, text(*nynorsk)[1], subject.theme, "", &body));
        }
        for (area, municipality, nynorsk) in MUNICIPALITIES.iter().step_by(2) {
            let lang = if *nynorsk { "nn" } else { "nb" };
            let noun = if *nynorsk { subject.nn_noun } else { subject.nb_noun };
            let title = if *nynorsk {
                format!("{municipality} styrkjer arbeidet med {noun}")
            } else {
                format!("{municipality} styrker arbeidet med {noun}")
            };
            let [a, _] = shared(3, *nynorsk);
            write(format!("{area}/news/gen-{key}-nytt.{lang}.md"), page(&title, text(*nynorsk)[0], subject.theme, "", &[text(*nynorsk)[2], a]));
        }
        let area = ["ahus", "vestfold", "innlandet"][n % 3];
        let title = format!("Kurs: {}", subject.nb_title.to_lowercase());
        let extra = "starts = 2027-04-20T09:00\nplace = \"Kommunehuset\"\n";
        write(format!("{area}/event/gen-{key}-kurs.nb.md"), page(&title, subject.nb_text[2], subject.theme, extra, &[subject.nb_text[3]]));
    }
}

/// The grade a generated page earns for a query about `subject` (None: not about one),
/// from the page's address alone.
pub fn grade(url: &str, subject: Option<&str>) -> Option<u8> {
    let slug = url.split('/').find(|part| part.starts_with("gen-"))?;
    let Some(subject) = subject else { return Some(0) };
    let about = slug.strip_prefix("gen-").is_some_and(|rest| rest == subject || rest.starts_with(&format!("{subject}-")));
    if !about {
        return Some(0);
    }
    Some(if url.contains("/news/") || url.contains("/event/") { 1 } else { 2 })
}
