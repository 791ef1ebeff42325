//! The patient material story in a real browser, on a phone: a clinician in Vestfold finds
//! the Somali leaflet for after an operation, shows it to the patient and the patient scans
//! the QR code; printed, the leaflet is one clean A4 page.
use super::*;

/// What a phone's camera reads from the QR code image at `url`.
async fn scan(url: &str) -> String {
    let png = reqwest::get(url).await.unwrap().bytes().await.unwrap();
    let image = image::load_from_memory(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(image.width() as usize, image.height() as usize, |x, y| {
        image.get_pixel(x as u32, y as u32).0[0]
    });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

async fn display_of(browser: &mut Browser, selector: &str) -> String {
    browser.eval(&format!("var e = document.querySelector({selector:?}); return e ? getComputedStyle(e).display : 'missing'")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinician_on_a_phone_shows_the_somali_leaflet_and_the_patient_takes_it_home() {
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser_patient").await.expect("app starts");
    let address = app.address.clone();
    let mut report = Vec::new();

    browser.resize(390, 844).await;
    // Three taps from the area home (the story allows five): the menu, the language, the leaflet.
    browser.open(&format!("{address}/vestfold")).await;
    for (selector, text) in [
        ("a", "Pasientinformasjon"),
        ("a", "Soomaali"),
        ("a.show-link", "Vis til pasienten: Etter operasjonen"),
    ] {
        click(&mut browser, selector, text).await;
        wait_for(&mut browser, "return document.readyState === 'complete'", "the page to load").await;
    }
    assert_eq!(path_of(&mut browser).await, "/vestfold/pasient/so/etter-operasjonen");
    assert_eq!(browser.eval("return document.querySelector('h1').textContent").await, "Qalliinka kadib");
    wait_for(&mut browser, "var img = document.querySelector('.take-home img'); return img !== null && img.complete && img.naturalWidth > 0", "the QR code to show").await;
    let qr = browser.eval("return document.querySelector('.take-home img').src").await;
    assert_eq!(scan(&qr).await, format!("{address}/vestfold/patient/etter-operasjonen/so"));
    // The clinician sees that the Somali text is older than the Norwegian before the text itself.
    let notice_first = "var n = document.querySelector('.outdated-translation'), t = document.querySelector('[data-role=patient] h1'); \
        return String(n !== null && n.offsetHeight > 0 && n.getBoundingClientRect().bottom <= t.getBoundingClientRect().top)";
    assert_eq!(browser.eval(notice_first).await, "true", "the outdated notice shows above the leaflet");
    // On a phone one text at a time: the Somali, with a switch to the Norwegian.
    assert_eq!(display_of(&mut browser, "[data-role=norwegian]").await, "none");
    assert_eq!(browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await, "true", "nothing wider than the phone");
    axe_clean(&mut browser, &axe, "show to patient at 390px", &mut report).await;
    click(&mut browser, "a.switch", "Vis norsk tekst først").await;
    wait_for(&mut browser, "return document.querySelector('h1') && document.querySelector('h1').textContent === 'Etter operasjonen'", "the Norwegian first").await;
    assert_eq!(display_of(&mut browser, "[data-role=patient]").await, "none");
    axe_clean(&mut browser, &axe, "show to patient, Norwegian first, at 390px", &mut report).await;

    // On a wide screen, the two side by side; and in Arabic, right to left.
    browser.resize(1280, 900).await;
    browser.open(&format!("{address}/vestfold/pasient/ar/etter-operasjonen")).await;
    assert_eq!(display_of(&mut browser, "[data-role=norwegian]").await, "block");
    let beside = "var a = document.querySelector('[data-role=patient]').getBoundingClientRect(), b = document.querySelector('[data-role=norwegian]').getBoundingClientRect(); return String(Math.abs(a.top - b.top) < 2 && (a.right <= b.left + 1 || b.right <= a.left + 1))";
    assert_eq!(browser.eval(beside).await, "true", "two columns");
    assert_eq!(browser.eval("return getComputedStyle(document.querySelector('h1')).direction").await, "rtl");
    assert_eq!(browser.eval("return String(getComputedStyle(document.querySelector('[data-print]')).display !== 'none')").await, "true", "the print button is there with a script");
    axe_clean(&mut browser, &axe, "show to patient in Arabic at 1280px", &mut report).await;

    // Printed: the patient's text, the code, the address and the source; no tools, no Norwegian text.
    for path in ["/vestfold/pasient/ar/etter-operasjonen", "/vestfold/pasient/so/etter-operasjonen"] {
        browser.open(&format!("{address}{path}")).await;
        browser.emulate_media("print").await;
        assert_eq!(display_of(&mut browser, ".show-tools").await, "none");
        assert_eq!(display_of(&mut browser, "[data-role=norwegian]").await, "none");
        assert_eq!(display_of(&mut browser, "[data-role=patient]").await, "block");
        assert_eq!(display_of(&mut browser, ".take-home").await, "flex");
        assert_eq!(display_of(&mut browser, ".leaflet-source").await, "block");
        axe_clean(&mut browser, &axe, &format!("{path} printed"), &mut report).await;
        browser.emulate_media("screen").await;
    }
    // The leaflet page itself, in Arabic on a phone: the notice in Arabic, right to left, above the text.
    browser.resize(390, 844).await;
    browser.open(&format!("{address}/vestfold/patient/etter-operasjonen/ar")).await;
    let arabic_notice = "var p = document.querySelector('.outdated-translation p[lang=ar]'), body = document.querySelector('.prose'); \
        return p === null ? 'missing' : [getComputedStyle(p).direction, String(p.offsetHeight > 0), String(p.getBoundingClientRect().bottom <= body.getBoundingClientRect().top)].join(' ')";
    assert_eq!(browser.eval(arabic_notice).await, "rtl true true");

    // Every script in the site's own fonts (each face has its script's unicode-range).
    for (path, family, range) in [
        ("/vestfold/pasient/ti/etter-operasjonen", "fagbro Sans", "U+1200-139F"),
        ("/vestfold/pasient/ur/etter-operasjonen", "fagbro Urdu", "U+600-6FF"),
        ("/vestfold/pasient/ar/etter-operasjonen", "fagbro Sans", "U+600-6FF"),
        ("/vestfold/pasient/ru/feber-hos-barn", "fagbro Sans", "U+0-24F"),
    ] {
        browser.open(&format!("{address}{path}")).await;
        wait_for(&mut browser, "return document.fonts.status === 'loaded'", "the fonts to load").await;
        let loaded = browser.eval("return Array.from(document.fonts).filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, '') + ' ' + f.unicodeRange).join(' | ')").await;
        assert!(loaded.contains(family) && loaded.to_uppercase().contains(range), "{path}: {range} of {family} not among the loaded fonts: {loaded}");
    }

    // The language pages on a phone.
    browser.resize(390, 844).await;
    for path in ["/vestfold/pasient", "/vestfold/pasient/ur", "/vestfold/pasient/uk"] {
        browser.open(&format!("{address}{path}")).await;
        assert_eq!(browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await, "true", "{path} fits a phone");
        axe_clean(&mut browser, &axe, &format!("{path} at 390px"), &mut report).await;
    }
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations:\n{}", report.join("\n"));
}

/// From `/tolk` on a phone: how to book a video interpreter in Vestfold, with the number
/// to call, in at most three taps; the helper's answer prints without the form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinician_on_a_phone_finds_how_to_book_a_video_interpreter_in_vestfold() {
    let Some(axe) = axe_source() else { return missing("axe-core (npm install axe-core)") };
    let Some(mut browser) = Browser::start().await else { return missing("chromium and chromedriver") };
    let app = spawn_app(Backend::Sqlite, "browser_interpreter").await.expect("app starts");
    let address = app.address.clone();
    let mut report = Vec::new();
    browser.resize(390, 844).await;
    browser.open(&format!("{address}/tolk")).await;
    click(&mut browser, "a", "Vestfold").await;
    wait_for(&mut browser, "return location.pathname === '/vestfold/tolk'", "the Vestfold hub").await;
    let booking = browser.eval("return document.querySelector('.booking').innerText").await;
    assert!(booking.contains("Ring 33 34 20 00") && booking.contains("Skjermtolking (video): alle språk"), "{booking}");
    assert_eq!(browser.eval("return document.querySelector('.booking-phone a').getAttribute('href')").await, "tel:33342000");
    axe_clean(&mut browser, &axe, "/vestfold/tolk at 390px", &mut report).await;

    // The helper, without a script: choose, tick, send.
    click(&mut browser, "a", "Finn riktig tolk: svar på noen spørsmål").await;
    wait_for(&mut browser, "return location.pathname === '/vestfold/tolk/hjelp'", "the helper").await;
    browser.eval("document.getElementById('sprak').value = 'ur'; document.getElementById('hast-planlagt').checked = true; document.getElementById('mate-video').checked = true; document.getElementById('tilbudt-ingen').checked = true; return 'filled'").await;
    browser.eval("document.querySelector('main form button[type=submit]').click(); return 'sent'").await;
    wait_for(&mut browser, "return document.querySelector('.advice-mode') !== null", "the recommendation").await;
    let advice = browser.eval("return document.querySelector('.advice').innerText").await;
    assert!(advice.contains("Bestill: Skjermtolking (video) i urdu.") && advice.contains("33 34 20 00"), "{advice}");
    assert_eq!(browser.eval("return String(document.documentElement.scrollWidth <= window.innerWidth)").await, "true");
    axe_clean(&mut browser, &axe, "the helper's recommendation at 390px", &mut report).await;
    browser.emulate_media("print").await;
    assert_eq!(display_of(&mut browser, "main form").await, "none", "the form is not printed");
    assert_eq!(display_of(&mut browser, ".advice").await, "block");
    axe_clean(&mut browser, &axe, "the helper's recommendation printed", &mut report).await;
    browser.quit().await;
    assert!(report.is_empty(), "axe-core found WCAG 2.1 A/AA violations:\n{}", report.join("\n"));
}
