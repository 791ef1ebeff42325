//! fagbro in the tools people already use: a nurse follows Vestfold's news in a feed
//! reader and its events in a calendar app; a search engine reads the sitemap and the
//! robots rules. Feeds and calendars are read back by the parsers those tools use
//! (Python's feedparser and icalendar).
use std::path::Path;

use fagbro::import::import_content;
use serde_json::Value;

use crate::helpers::{Backend, TestApp, content_folder, python_reads, spawn_app_configured, write_file};

const PUBLIC: &str = "https://fagbro.example.no";

fn vestfold_and_others() -> tempfile::TempDir {
    content_folder(&[
        ("areas.toml", "[[area]]\nslug = \"central\"\nname = \"Felles\"\ndescription = \"Felles innhold\"\n\n[[area]]\nslug = \"vestfold\"\nname = \"Vestfold\"\ndescription = \"Helsefellesskapet i Vestfold\"\n\n[[area]]\nslug = \"ahus\"\nname = \"Ahus\"\ndescription = \"Akershus\"\n"),
        ("themes.toml", "[[theme]]\nslug = \"tolk\"\nname = \"Tolk\"\ndescription = \"Tolk og kommunikasjon\"\n"),
        ("vestfold/news/ny-tolketjeneste.nb.md", "+++\ntitle = \"Ny tolketjeneste i Vestfold\"\nsummary = \"Skjermtolk & «videotolk» fra januar.\"\npublished = 2026-11-20\nthemes = [\"tolk\"]\n+++\nTekst.\n"),
        ("central/news/oppdatert-veileder.nb.md", "+++\ntitle = \"Tolkeveilederen er oppdatert\"\npublished = 2026-11-10\n+++\nTekst.\n"),
        ("ahus/news/bare-ahus.nb.md", "+++\ntitle = \"Bare for Ahus\"\npublished = 2026-11-25\n+++\nTekst.\n"),
        ("vestfold/news/kladd.nb.md", "+++\ntitle = \"Hemmelig kladd\"\nstatus = \"draft\"\n+++\nTekst.\n"),
        ("vestfold/event/fagdag.nb.md", "+++\ntitle = \"Fagdag om tolk, språk og helse\"\nsummary = \"En dag for sykepleiere; med lunsj.\"\nstarts = 2027-03-01T09:00\nends = 2027-03-01T15:30\nplace = \"Tønsberg, sal 2\"\nthemes = [\"tolk\"]\n+++\nProgram.\n"),
        ("vestfold/event/sommermote.nb.md", "+++\ntitle = \"Sommermøte\"\nstarts = 2027-06-15T18:00\nplace = \"Larvik\"\n+++\nTekst.\n"),
        ("vestfold/guide/tolk-i-vestfold.nb.md", "+++\ntitle = \"Bestille tolk i Vestfold\"\nthemes = [\"tolk\"]\n+++\nTekst.\n"),
        ("central/patient/etter-operasjonen.nb.md", "+++\ntitle = \"Etter operasjonen\"\n+++\nTekst.\n"),
        ("central/patient/etter-operasjonen.ar.md", "+++\ntitle = \"بعد العملية\"\n+++\nنص.\n"),
    ])
}

async fn start(backend: Backend, test: &str, content: &Path) -> Option<TestApp> {
    let public = |config: &mut fagbro::Config| config.public_url = Some(PUBLIC.to_owned());
    spawn_app_configured(tempfile::tempdir().unwrap(), backend, test, content, public).await
}

/// What a feed reader makes of a feed: feedparser's reading as JSON.
fn read_feed(xml: &str) -> Option<Value> {
    let script = "import sys, json, feedparser\n\
        f = feedparser.parse(sys.stdin.buffer.read())\n\
        print(json.dumps({'bozo': f.bozo, 'error': str(f.get('bozo_exception', '')), 'version': f.version,\n\
          'title': f.feed.get('title'), 'links': [l.get('href') for l in f.feed.get('links', [])], 'updated': f.feed.get('updated'),\n\
          'entries': [{'title': e.title, 'link': e.link, 'id': e.id, 'summary': e.get('summary', ''), 'updated': e.get('updated'),\n\
                       'tags': [t.term for t in e.get('tags', [])]} for e in f.entries]}))";
    python_reads("feedparser", script, xml).map(|out| serde_json::from_str(&out).unwrap())
}

/// What a calendar app makes of a calendar: the events as Python's icalendar reads them.
fn read_calendar(ics: &str) -> Option<Value> {
    let script = "import sys, json, icalendar\n\
        c = icalendar.Calendar.from_ical(sys.stdin.buffer.read())\n\
        def when(e, name):\n    v = e.get(name)\n    return None if v is None else [v.dt.isoformat(), str(v.dt.tzinfo)]\n\
        print(json.dumps({'name': str(c.get('X-WR-CALNAME')), 'zones': [str(z.get('TZID')) for z in c.walk('VTIMEZONE')],\n\
          'events': [{'uid': str(e.get('UID')), 'summary': str(e.get('SUMMARY')), 'location': str(e.get('LOCATION')),\n\
                      'description': str(e.get('DESCRIPTION')), 'url': str(e.get('URL')), 'start': when(e, 'DTSTART'), 'end': when(e, 'DTEND')}\n\
                     for e in c.walk('VEVENT')]}))";
    python_reads("icalendar", script, ics).map(|out| serde_json::from_str(&out).unwrap())
}

fn titles(feed: &Value) -> Vec<String> {
    feed["entries"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_owned()).collect()
}

/// A nurse in Vestfold subscribes to its feed: Vestfold's news and events and the
/// central news, never another area's or a draft, every link absolute; the reader's
/// next poll gets 304 until something is published.
async fn a_nurse_follows_her_areas_news_and_events_in_a_feed_reader(backend: Backend) {
    let content = vestfold_and_others();
    let Some(app) = start(backend, "feeds", content.path()).await else { return };
    let home = app.page("/vestfold").await;
    home.assert_markup("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Vestfold – nyheter og arrangementer\" href=\"/feed/vestfold.atom\">");

    let response = app.client.get(format!("{}/feed/vestfold.atom", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
    let (tag, modified) = (response.headers()["etag"].clone(), response.headers()["last-modified"].clone());
    let xml = response.text().await.unwrap();
    let Some(feed) = read_feed(&xml) else { return };
    assert_eq!(feed["bozo"], false, "feedparser: {}\n{xml}", feed["error"]);
    assert_eq!(feed["version"], "atom10");
    assert_eq!(feed["title"], "Vestfold – nyheter og arrangementer");
    assert!(feed["links"].as_array().unwrap().contains(&format!("{PUBLIC}/feed/vestfold.atom").into()), "{feed}");
    let mut found = titles(&feed);
    found.sort();
    assert_eq!(found, ["Fagdag om tolk, språk og helse", "Ny tolketjeneste i Vestfold", "Sommermøte", "Tolkeveilederen er oppdatert"]);
    let news = feed["entries"].as_array().unwrap().iter().find(|e| e["title"] == "Ny tolketjeneste i Vestfold").unwrap();
    assert_eq!(news["link"], format!("{PUBLIC}/vestfold/news/ny-tolketjeneste"));
    assert_eq!(news["summary"], "Skjermtolk & «videotolk» fra januar.");
    assert!(news["tags"].as_array().unwrap().contains(&"Tolk".into()), "{news}");
    // Central news is read in the reader's area.
    assert!(xml.contains(&format!("{PUBLIC}/vestfold/news/oppdatert-veileder")), "{xml}");

    // The reader polls again: nothing changed, nothing sent.
    let again = app.client.get(format!("{}/feed/vestfold.atom", app.address)).header("if-none-match", tag.clone()).send().await.unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());
    let by_date = app.client.get(format!("{}/feed/vestfold.atom", app.address)).header("if-modified-since", modified).send().await.unwrap();
    assert_eq!(by_date.status(), 304);

    // An editor publishes: the next poll gets the new entry.
    write_file(content.path(), "vestfold/news/vaksinedag.nb.md", "+++\ntitle = \"Vaksinedag i Sandefjord\"\npublished = 2026-12-01\n+++\nTekst.\n");
    import_content(app.db(), content.path()).await.unwrap();
    let changed = app.client.get(format!("{}/feed/vestfold.atom", app.address)).header("if-none-match", tag).send().await.unwrap();
    assert_eq!(changed.status(), 200);
    let feed = read_feed(&changed.text().await.unwrap()).unwrap();
    assert_eq!(titles(&feed)[0], "Vaksinedag i Sandefjord", "newest first");

    // Per theme and per type, and a helpful 404 for what does not exist.
    let theme = read_feed(&app.page("/feed/vestfold/tema/tolk.atom").await.body).unwrap();
    let mut found = titles(&theme);
    found.sort();
    assert_eq!(found, ["Bestille tolk i Vestfold", "Fagdag om tolk, språk og helse", "Ny tolketjeneste i Vestfold"]);
    app.page("/vestfold/tema/tolk").await.assert_markup("href=\"/feed/vestfold/tema/tolk.atom\"");
    assert_eq!(titles(&read_feed(&app.page("/feed/vestfold/guide.atom").await.body).unwrap()), ["Bestille tolk i Vestfold"]);
    assert_eq!(titles(&read_feed(&app.page("/feed/ahus.atom").await.body).unwrap()), ["Bare for Ahus", "Tolkeveilederen er oppdatert"]);
    app.not_found("/feed/bergen.atom").await;
    app.not_found("/feed/vestfold/oppskrifter.atom").await;
    app.not_found("/feed/vestfold/tema/kirurgi.atom").await;
}

/// She adds Vestfold's events to her phone's calendar: times in Oslo time with the zone
/// described, the place, a link back, and UIDs that stay when an editor edits the event,
/// so the app updates it instead of adding a second one; an event page offers its own.
async fn a_nurse_subscribes_to_her_areas_events_in_a_calendar_app(backend: Backend) {
    let content = vestfold_and_others();
    let Some(app) = start(backend, "calendar", content.path()).await else { return };
    let response = app.client.get(format!("{}/vestfold/kalender.ics", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let tag = response.headers()["etag"].clone();
    let ics = response.text().await.unwrap();
    assert!(ics.lines().all(|line| line.len() <= 75) && ics.contains("\r\n"), "folded CRLF lines:\n{ics}");
    let Some(calendar) = read_calendar(&ics) else { return };
    assert_eq!(calendar["zones"], serde_json::json!(["Europe/Oslo"]));
    let events = calendar["events"].as_array().unwrap();
    assert_eq!(events.len(), 2, "{calendar}");
    let fagdag = events.iter().find(|e| e["summary"] == "Fagdag om tolk, språk og helse").unwrap();
    assert_eq!(fagdag["start"], serde_json::json!(["2027-03-01T09:00:00+01:00", "Europe/Oslo"]));
    assert_eq!(fagdag["end"], serde_json::json!(["2027-03-01T15:30:00+01:00", "Europe/Oslo"]));
    assert_eq!(fagdag["location"], "Tønsberg, sal 2");
    assert_eq!(fagdag["url"], format!("{PUBLIC}/vestfold/event/fagdag"));
    assert!(fagdag["description"].as_str().unwrap().starts_with("En dag for sykepleiere; med lunsj."), "{fagdag}");
    let summer = events.iter().find(|e| e["summary"] == "Sommermøte").unwrap();
    assert_eq!(summer["start"][0], "2027-06-15T18:00:00+02:00", "summer time in June");
    let uid = fagdag["uid"].as_str().unwrap().to_owned();
    assert!(uid.ends_with("@fagbro.example.no"), "{uid}");

    let unchanged = app.client.get(format!("{}/vestfold/kalender.ics", app.address)).header("if-none-match", tag).send().await.unwrap();
    assert_eq!(unchanged.status(), 304);
    write_file(content.path(), "vestfold/event/fagdag.nb.md", "+++\ntitle = \"Fagdag om tolk (flyttet)\"\nstarts = 2027-03-02T10:00\nplace = \"Horten\"\n+++\nProgram.\n");
    import_content(app.db(), content.path()).await.unwrap();
    let moved = read_calendar(&app.page("/vestfold/kalender.ics").await.body).unwrap();
    let moved = moved["events"].as_array().unwrap().iter().find(|e| e["uid"] == uid.as_str()).cloned().unwrap();
    assert_eq!(moved["summary"], "Fagdag om tolk (flyttet)");
    assert_eq!(moved["start"][0], "2027-03-02T10:00:00+01:00");

    // "Legg til i kalender" on the event's page: one event, as a file to open.
    let page = app.page("/vestfold/event/fagdag").await;
    page.assert_markup("href=\"/vestfold/event/fagdag/kalender.ics\"").assert_contains("Legg til i kalender");
    let one = app.client.get(format!("{}/vestfold/event/fagdag/kalender.ics", app.address)).send().await.unwrap();
    assert_eq!(one.headers()["content-disposition"], "attachment; filename=\"fagdag.ics\"");
    let one = read_calendar(&one.text().await.unwrap()).unwrap();
    assert_eq!(one["events"].as_array().unwrap().len(), 1);
    assert_eq!(one["events"][0]["uid"], uid.as_str(), "the same UID as in the subscribed calendar");
    app.not_found("/vestfold/event/finnes-ikke/kalender.ics").await;
    app.not_found("/bergen/kalender.ics").await;
}

/// A search engine finds every public page once, at its own address, with the date it
/// changed and its other languages, and is kept away from editors' and learners' pages
/// and from search results.
async fn a_search_engine_reads_the_sitemap_and_the_robots_rules(backend: Backend) {
    let content = vestfold_and_others();
    let Some(app) = start(backend, "sitemap", content.path()).await else { return };
    let robots = app.page("/robots.txt").await;
    for rule in ["Disallow: /redaksjon", "Disallow: /min-side", "Disallow: /sok", &format!("Sitemap: {PUBLIC}/sitemap.xml")] {
        robots.assert_contains(rule);
    }
    let sitemap = app.page("/sitemap.xml").await;
    assert!(sitemap.headers["content-type"].to_str().unwrap().starts_with("application/xml"));
    let script = "import sys, json, xml.etree.ElementTree as ET\n\
        ns = {'s': 'http://www.sitemaps.org/schemas/sitemap/0.9', 'x': 'http://www.w3.org/1999/xhtml'}\n\
        root = ET.fromstring(sys.stdin.buffer.read())\n\
        print(json.dumps({u.find('s:loc', ns).text: {'lastmod': getattr(u.find('s:lastmod', ns), 'text', None),\n\
          'alternates': {l.get('hreflang'): l.get('href') for l in u.findall('x:link', ns)}} for u in root.findall('s:url', ns)}))";
    let Some(pages) = python_reads("xml", script, &sitemap.body) else { return };
    let pages: Value = serde_json::from_str(&pages).unwrap();
    let page = |path: &str| pages.get(format!("{PUBLIC}{path}")).cloned();
    assert!(page("/vestfold").is_some() && page("/vestfold/tema/tolk").is_some() && page("/").is_some(), "{pages}");
    let news = page("/vestfold/news/ny-tolketjeneste").expect("an item at its own area's address");
    assert!(news["lastmod"].as_str().is_some_and(|d| d.len() == 10), "{news}");
    assert!(page("/ahus/news/ny-tolketjeneste").is_none() && page("/ahus/news/bare-ahus").is_some());
    assert!(page("/vestfold/news/kladd").is_none(), "no drafts");
    let leaflet = page("/central/patient/etter-operasjonen").unwrap();
    assert_eq!(leaflet["alternates"]["ar"], format!("{PUBLIC}/central/patient/etter-operasjonen/ar"));
    assert_eq!(leaflet["alternates"]["nb"], format!("{PUBLIC}/central/patient/etter-operasjonen"));
    assert!(page("/central/patient/etter-operasjonen/ar").is_some());
    assert!(pages.as_object().unwrap().keys().all(|url| !url.contains("/redaksjon") && !url.contains("/sok") && !url.contains("/min-side")));
    app.not_found("/sitemap-1.xml").await;
}

crate::for_each_backend!(
    a_nurse_follows_her_areas_news_and_events_in_a_feed_reader,
    a_nurse_subscribes_to_her_areas_events_in_a_calendar_app,
    a_search_engine_reads_the_sitemap_and_the_robots_rules,
);
