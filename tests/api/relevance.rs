//! Judged queries over the sample content: for each, a page a clinician (or patient)
//! would expect among the first three hits of `/api/search`. The judgements were
//! written before the ranking was tuned; several pages are listed where each is right.
use serde_json::Value;

use crate::helpers::{Backend, spawn_app};

/// (query string for /api/search, acceptable pages as the end of their URL)
const JUDGED: &[(&str, &[&str])] = &[
    // Inflections and derivations
    ("q=tolker", &["/guide/bruk-av-tolk", "/interpreter/nar-kreves-kvalifisert-tolk", "/interpreter/samtale-med-tolk"]),
    ("q=tolking", &["/interpreter/telefon-og-skjermtolking", "/interpreter/samtale-med-tolk"]),
    ("q=forverringer", &["/guide/kols-forverring", "/patient/pusteproblemer-ved-kols"]),
    ("q=legemiddellistene", &["/guide/legemiddelsamstemming"]),
    ("q=trykksårene", &["/guide/trykksar-forebygging"]),
    ("q=injeksjoner+insulin", &["/guide/insulin-administrering"]),
    ("q=utredningen+demens", &["/guide/utredning-av-demens"]),
    ("q=tabletten+knuses", &["/guide/knusing-av-tabletter"]),
    // Compound words
    ("q=demens", &["/article/demensomsorg-i-hjemmet", "/guide/utredning-av-demens", "/article/utfordrende-atferd-ved-demens"]),
    ("q=omsorg+demens", &["/article/demensomsorg-i-hjemmet"]),
    ("q=s%C3%A5r", &["/guide/trykksar-forebygging", "/guide/behandling-av-leggsar", "/article/ernaering-og-sarheling"]),
    ("q=s%C3%A5rbehandling", &["/guide/behandling-av-leggsar", "/event/kurs-sarbehandling-gjovik", "/guide/trykksar-forebygging"]),
    ("q=skjermtolk", &["/interpreter/telefon-og-skjermtolking", "/news/ny-tolketjeneste", "/news/skjermtolk-kommunene"]),
    ("q=blodsukker", &["/article/foling-hypoglykemi", "/patient/foling-ved-diabetes"]),
    ("q=hukommelse", &["/guide/utredning-av-demens", "/news/ny-hukommelsesklinikk", "/news/demensteam-lillestrom"]),
    ("q=oksygen", &["/article/oksygenbehandling-ved-kols", "/guide/oksygen-i-hjemmet-innlandet"]),
    // Typos
    ("q=demnes", &["/guide/utredning-av-demens", "/article/demensomsorg-i-hjemmet", "/article/utfordrende-atferd-ved-demens"]),
    ("q=diabtes", &["/guide/fotundersokelse-diabetes", "/patient/foling-ved-diabetes", "/article/foling-hypoglykemi"]),
    ("q=tolkeregistret", &["/interpreter/tolkeregisteret-kvalifikasjoner"]),
    ("q=hypoglykmi", &["/article/foling-hypoglykemi"]),
    ("q=deliruim", &["/guide/delirium-hos-eldre"]),
    ("q=inhalasjonstekniik", &["/guide/inhalasjonsteknikk"]),
    // Æ, ø and å typed as ae, o and a
    ("q=sarbehandling", &["/guide/behandling-av-leggsar", "/event/kurs-sarbehandling-gjovik", "/guide/trykksar-forebygging"]),
    ("q=trykksar", &["/guide/trykksar-forebygging"]),
    ("q=foling", &["/article/foling-hypoglykemi", "/patient/foling-ved-diabetes"]),
    ("q=ernaering", &["/article/ernaering-og-sarheling"]),
    ("q=fotundersokelse", &["/guide/fotundersokelse-diabetes"]),
    ("q=parorende+barn", &["/article/barn-som-parorende"]),
    // Phrases
    ("q=%22kvalifisert+tolk%22", &["/interpreter/nar-kreves-kvalifisert-tolk"]),
    ("q=%22barn+som+p%C3%A5r%C3%B8rende%22", &["/article/barn-som-parorende"]),
    ("q=%22utfordrende+atferd%22", &["/article/utfordrende-atferd-ved-demens"]),
    // Acronyms
    ("q=KOLS", &["/guide/kols-forverring", "/article/oksygenbehandling-ved-kols", "/patient/pusteproblemer-ved-kols"]),
    ("q=ISBAR", &["/guide/isbar-kommunikasjon"]),
    ("q=NEWS2", &["/guide/news2-observasjon"]),
    ("q=NEWS", &["/guide/news2-observasjon"]),
    ("q=LAR", &["/article/pasienter-med-rusproblemer"]),
    ("q=4AT", &["/guide/delirium-hos-eldre"]),
    // Filtered
    ("q=tolk&type=patient", &["/patient/rett-til-tolk"]),
    ("q=bestille+tolk&area=vestfold", &["/vestfold/interpreter/bestille-tolk"]),
    ("q=bestille+tolk&area=ahus", &["/ahus/interpreter/bestille-tolk"]),
    ("q=diabetes&lang=en", &["/patient/foling-ved-diabetes/en"]),
    ("q=demens&theme=demens&type=article", &["/article/demensomsorg-i-hjemmet", "/article/utfordrende-atferd-ved-demens"]),
    // Other languages and scripts
    ("q=%D8%A7%D9%84%D8%B9%D9%85%D9%84%D9%8A%D8%A9+%D8%A7%D9%84%D8%AC%D8%B1%D8%A7%D8%AD%D9%8A%D8%A9", &["/patient/etter-operasjonen/ar"]),
    ("q=%D9%85%D8%AA%D8%B1%D8%AC%D9%85", &["/patient/rett-til-tolk/ar"]),
    ("q=Qalliinka", &["/patient/etter-operasjonen/so"]),
    ("q=t%C5%82umacza", &["/patient/rett-til-tolk/pl"]),
    ("q=%D0%BF%D0%B5%D1%80%D0%B5%D0%BA%D0%BB%D0%B0%D0%B4%D0%B0%D1%87%D0%B0", &["/patient/rett-til-tolk/uk"]),
    ("q=%D8%AA%D8%B1%D8%AC%D9%85%D8%A7%D9%86", &["/patient/rett-til-tolk/ur"]),
    ("q=blood+thinning+medicine", &["/patient/blodfortynnende-medisin/en"]),
    // English leaflets are stemmed as English: recognising → recognise, worsened → worsening
    ("q=recognising+low+blood+sugar", &["/patient/foling-ved-diabetes/en"]),
    ("q=breathing+worsened", &["/patient/pusteproblemer-ved-kols/en"]),
    ("q=%D0%BF%D1%96%D1%81%D0%BB%D1%8F+%D0%BE%D0%BF%D0%B5%D1%80%D0%B0%D1%86%D1%96%D1%97", &["/patient/etter-operasjonen/uk"]),
    // Everyday questions
    ("q=kan+barn+tolke+for+foreldrene", &["/interpreter/ikke-bruk-barn-som-tolk"]),
    ("q=selvmordstanker", &["/guide/kartlegging-av-selvmordsrisiko"]),
    ("q=smerte+hos+barn", &["/guide/smertevurdering-hos-barn"]),
    ("q=utskrivning+til+kommunen", &["/guide/utskrivning-fra-sykehus", "/guide/utskrivning-ahus"]),
    ("q=tegnspr%C3%A5k", &["/interpreter/tegnspraktolk"]),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn judged_queries_find_the_expected_page_in_the_top_three() {
    let app = spawn_app(Backend::Sqlite, "relevance").await.unwrap();
    let mut misses = Vec::new();
    let mut reciprocal_ranks = 0.0;
    for (query, expected) in JUDGED {
        let response = app.client.get(format!("{}/api/search?limit=10&{query}", app.address)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{query}");
        let body: Value = response.json().await.unwrap();
        let urls: Vec<String> = body["hits"].as_array().unwrap().iter().map(|h| h["url"].as_str().unwrap().to_owned()).collect();
        let rank = urls.iter().position(|url| expected.iter().any(|e| url.ends_with(e)));
        reciprocal_ranks += rank.map_or(0.0, |r| 1.0 / (r + 1) as f64);
        if let Some(r) = rank.filter(|r| *r > 0) {
            println!("  {query}: expected page at rank {}, after {:?}", r + 1, &urls[..r]);
        }
        if rank.is_none_or(|r| r >= 3) {
            misses.push(format!("{query}: expected one of {expected:?}, got {:?}", &urls[..urls.len().min(3)]));
        }
    }
    let found = JUDGED.len() - misses.len();
    println!(
        "relevance: {found} of {} judged queries have an expected page in the top 3; mean reciprocal rank {:.3}",
        JUDGED.len(),
        reciprocal_ranks / JUDGED.len() as f64
    );
    assert!(JUDGED.len() >= 40);
    assert!(misses.is_empty(), "{} misses:\n{}", misses.len(), misses.join("\n"));
    // The first hit stays about as good as it was before pages with some of the words
    // were listed (0.956 then; 0.965 with the sample synonyms). 0.944 since guidance ranks
    // above lessons and keywords are found: the new first hits (foling-ved-diabetes for
    // "hypoglykmi", the course for "tolking") are pages this older list does not name, and
    // graded as highly relevant by the judged set (judged_set, MRR 0.987 over 153 queries).
    assert!(reciprocal_ranks / JUDGED.len() as f64 >= 0.94, "mean reciprocal rank fell");
}
