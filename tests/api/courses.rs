//! The learner's stories: from the catalogue through lessons, quizzes and the exam to a
//! certificate an employer can verify; grading of every question kind; attempts and
//! their limits; bad and concurrent submissions; version stability; revocation; and the
//! learner's own data. On SQLite and PostgreSQL.
use fagbro::accounts::Role;
use fagbro::content::ContentKind;
use fagbro::courses::{CourseDefinition, QuestionKind, Quiz, Step, versions};
use serde_json::Value;

use crate::helpers::{Backend, Browser, Page, QuizForm, TestApp, content_folder, spawn_app_with_content};
use crate::{for_each_backend, on_both_backends};

on_both_backends!(
    a_learner_takes_the_medicines_course_from_the_catalogue_to_a_verified_certificate,
    every_question_kind_is_graded_on_the_server_with_feedback_after_submitting,
    answers_that_do_not_fit_are_refused_and_nothing_is_recorded,
    two_tabs_submitting_one_attempt_at_once_record_one_attempt,
    the_exam_allows_its_number_of_attempts_and_no_more,
    an_admin_revokes_a_certificate_and_it_shows_as_revoked,
    editors_see_how_learners_do_and_which_questions_most_get_wrong,
    courses_and_their_lessons_are_found_by_search_and_a_lesson_hit_opens_it_in_the_course,
    a_learner_downloads_their_data_and_deletes_their_account_and_the_certificate_stays_valid,
);
for_each_backend!(
    a_learner_keeps_the_version_they_started_when_the_course_changes,
    a_certificate_prints_every_name_as_written_with_its_full_address,
);

/// A certificate for `name`, issued straight in the database; its code.
async fn issue_certificate(app: &TestApp, name: &str) -> String {
    let code = fagbro::courses::certificate::new_code();
    let row = fagbro::entities::certificate::ActiveModel {
        code: sea_orm::Set(code.clone()),
        content_item_id: sea_orm::Set(fagbro::entities::ids::ItemId(1)),
        learner_name: sea_orm::Set(name.into()),
        course_title: sea_orm::Set("Legemiddelhåndtering – grunnkurs".into()),
        issuer: sea_orm::Set("Felles innhold".into()),
        course_version: sea_orm::Set(1),
        issued_at: sea_orm::Set(chrono::Utc::now().fixed_offset()),
        ..Default::default()
    };
    fagbro::courses::repo::insert_certificate(app.db(), row).await.unwrap();
    code
}

async fn a_certificate_prints_every_name_as_written_with_its_full_address(backend: Backend) {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let public = |config: &mut fagbro::Config| config.public_url = Some("https://fagbro.example.no".into());
    let Some(app) = crate::helpers::spawn_app_configured(tempfile::tempdir().unwrap(), backend, "certificate_pdf", &content, public).await else { return };
    let pdf_of = |code: String| {
        let app = &app;
        async move { app.client.get(format!("{}/kursbevis/{code}/pdf", app.address)).send().await.unwrap().bytes().await.unwrap().to_vec() }
    };
    // Latin letters beyond Latin-1 (once printed as "?"), and the guillemet-like arrow.
    let code = issue_certificate(&app, "Łucja Wiśniewska").await;
    app.page(&format!("/kursbevis/{code}")).await.assert_contains(&format!("https:&#x2F;&#x2F;fagbro.example.no&#x2F;kursbevis&#x2F;{code}"));
    let pdf = pdf_of(code.clone()).await;
    if let Some(text) = crate::helpers::pdf_tool("pdftotext", &pdf) {
        assert!(text.contains("Łucja Wiśniewska"), "{text}");
        assert!(text.contains("Legemiddelhåndtering – grunnkurs"), "{text}");
        assert!(text.contains(&format!("https://fagbro.example.no/kursbevis/{code}")), "{text}");
        assert!(!text.contains('?'), "{text}");
    }
    // Cyrillic, Vietnamese and Arabic names, each in a font that has its letters.
    for (name, font) in [("Олена Коваленко", "NotoSans-Bold"), ("Nguyễn Thị Hương", "NotoSans-Bold"), ("فاطمة أحمد", "NotoSansArabic-Bold")] {
        let pdf = pdf_of(issue_certificate(&app, name).await).await;
        if let Some(fonts) = crate::helpers::pdf_tool("pdffonts", &pdf) {
            let line = fonts.lines().find(|l| l.contains(font)).unwrap_or_else(|| panic!("{name}: no {font} in\n{fonts}"));
            assert!(line.contains("CID TrueType") && line.contains("yes"), "{name}: {line}");
        }
        if let Some(text) = crate::helpers::pdf_tool("pdftotext", &pdf)
            && !name.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c))
        {
            assert!(text.contains(name), "{name}: {text}");
        }
    }
}

const MEDICINES: &str = "/kurs/central/legemiddelhandtering";
const INTERPRETER: &str = "/kurs/central/kommunikasjon-via-tolk";

async fn definition(app: &TestApp, slug: &str) -> CourseDefinition {
    let central = fagbro::areas::repo::by_slug(app.db(), "central").await.unwrap().unwrap();
    let items = fagbro::content::repo::published_versions(app.db(), central.id, ContentKind::Course, slug).await.unwrap();
    versions::latest(app.db(), items[0].id).await.unwrap().expect("a published version").definition().clone()
}

/// The form a learner who knows the answers (or gets every one wrong) sends, filled in
/// by the options' texts on the attempt's form.
fn answers(quiz: &Quiz, form: &QuizForm, right: bool) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for (index, question) in quiz.questions.iter().enumerate() {
        let number = index + 1;
        match question.kind {
            QuestionKind::Ordering => {
                let count = question.options.len();
                for (index, option) in question.options.iter().enumerate() {
                    let place = if right { index + 1 } else { count - index };
                    fields.push(form.place(number, &option.text, place));
                }
            }
            _ => {
                for option in question.options.iter().filter(|o| o.correct == right) {
                    fields.push(form.choose(number, &option.text));
                    if !right {
                        break;
                    }
                }
            }
        }
    }
    fields
}

/// The answers of a learner who knows them (or gets them all wrong), for an open attempt.
async fn answers_on(browser: &Browser, attempt: &str, quiz: &Quiz, right: bool) -> Vec<(String, String)> {
    answers(quiz, &browser.page(attempt).await.quiz_form(), right)
}

async fn submit(browser: &Browser, attempt: &str, fields: &[(String, String)]) -> Page {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    browser.post(attempt, &fields).await
}

/// Opens an attempt at a quiz; its URL.
async fn open_attempt(browser: &Browser, course: &str, quiz: &str) -> String {
    let opened = browser.post(&format!("{course}/{quiz}/forsok"), &[]).await;
    let location = opened.location();
    assert!(location.starts_with("/kurs/forsok/"), "{location}");
    location
}

async fn take_quiz(browser: &Browser, course: &str, quiz: &Quiz, right: bool) -> Page {
    let attempt = open_attempt(browser, course, &quiz.key).await;
    let sent = submit(browser, &attempt, &answers_on(browser, &attempt, quiz, right).await).await;
    assert_eq!(sent.location(), attempt);
    browser.page(&attempt).await
}

/// Reads every lesson and passes every module quiz, leaving the exam.
async fn work_through_modules(browser: &Browser, course: &str, definition: &CourseDefinition) {
    for step in definition.steps() {
        match step {
            Step::Lesson { lesson, .. } => {
                browser.page(&format!("{course}/{}", lesson.key)).await.assert_contains(&lesson.title);
                let done = browser.post(&format!("{course}/{}/fullfort", lesson.key), &[]).await;
                assert_eq!(done.status, 303, "{}", done.body);
            }
            Step::Quiz { quiz, exam: false, .. } => {
                take_quiz(browser, course, quiz, true).await.assert_contains("Bestått");
            }
            Step::Quiz { exam: true, .. } => {}
        }
    }
}

async fn user_id(app: &TestApp, email: &str) -> fagbro::accounts::UserId {
    fagbro::accounts::repo::by_email(app.db(), email).await.unwrap().unwrap().id
}

async fn certificate_code(app: &TestApp, email: &str) -> String {
    let certificates = fagbro::courses::repo::certificates_of(app.db(), user_id(app, email).await).await.unwrap();
    assert_eq!(certificates.len(), 1, "one certificate");
    certificates[0].code.clone()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let row = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), format!("SELECT COUNT(*) AS n FROM {table}")))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// Nothing a browser receives tells the right answer: no option's key is a value or part
/// of a name, ids go by the place shown, and an ordering question's fields, in the order
/// the form or their names sort, are not the right order.
#[track_caller]
fn assert_form_tells_nothing(quiz: &Quiz, form: &QuizForm) {
    for (index, question) in quiz.questions.iter().enumerate() {
        let controls: Vec<_> = form.controls().iter().filter(|c| c.question == index + 1).collect();
        assert_eq!(controls.len(), question.options.len(), "question {}", index + 1);
        for control in &controls {
            let option = question.options.iter().find(|o| o.text == control.label).unwrap();
            assert_ne!(control.value, option.key);
            assert!(!control.name.ends_with(&format!(".{}", option.key)), "{control:?}");
        }
        if question.kind == QuestionKind::Ordering {
            let right: Vec<&str> = question.options.iter().map(|o| o.text.as_str()).collect();
            let shown: Vec<&str> = controls.iter().map(|c| c.label.as_str()).collect();
            assert_ne!(shown, right, "shown in the right order");
        }
    }
}

async fn a_learner_takes_the_medicines_course_from_the_catalogue_to_a_verified_certificate(app: TestApp) {
    // The catalogue, with its filters.
    app.page("/kurs").await.assert_contains("Legemiddelhåndtering – grunnkurs").assert_contains("Kommunikasjon via tolk");
    app.page("/kurs?tema=tolk").await.assert_contains("Kommunikasjon via tolk").assert_lacks("Legemiddelhåndtering – grunnkurs");
    app.page("/kurs?varighet=kort").await.assert_contains("Møte med personer med demens").assert_lacks("Legemiddelhåndtering – grunnkurs");
    app.page("/kurs?malgruppe=assistenter&omrade=central").await.assert_contains("Legemiddelhåndtering – grunnkurs").assert_lacks("Kommunikasjon via tolk");
    // Anyone reads the course page and its lessons; starting needs an account.
    app.page(MEDICINES).await.assert_contains("Logg inn for å starte kurset").assert_contains("20 spørsmål, bestått ved 80 %");
    app.page(&format!("{MEDICINES}/02-de-sju-r-ene")).await.assert_contains("Riktig pasient");
    let anonymous = app.browser().post(&format!("{MEDICINES}/start"), &[]).await;
    assert!(anonymous.location().starts_with("/logg-inn"), "{}", anonymous.location());
    // The old address of a course item leads to the course.
    assert_eq!(app.get("/ahus/course/legemiddelhandtering").await.headers["location"], MEDICINES);

    let nina = app.signed_in("nina.larsen@example.no", Role::Learner, &[]).await;
    let started = nina.post(&format!("{MEDICINES}/start"), &[]).await;
    assert_eq!(started.location(), format!("{MEDICINES}/01-ansvar-og-delegering"));
    // Resume where she left off.
    nina.post(&format!("{MEDICINES}/01-ansvar-og-delegering/fullfort"), &[]).await;
    let course = nina.page(MEDICINES).await;
    course.assert_contains("Fortsett kurset").assert_contains("1 av 10 steg");
    assert!(course.body.replace("&#x2F;", "/").contains(&format!("href=\"{MEDICINES}/02-de-sju-r-ene\"")), "resume link");
    nina.page("/min-side").await.assert_contains("Påbegynt").assert_contains("Legemiddelhåndtering – grunnkurs");

    let definition = definition(&app, "legemiddelhandtering").await;
    work_through_modules(&nina, MEDICINES, &definition).await;
    let exam = definition.exam.as_ref().unwrap();
    assert_eq!(exam.questions.len(), 20);

    // The exam form shows questions and how many answers are right, never which.
    let attempt = open_attempt(&nina, MEDICINES, &exam.key).await;
    let form = nina.page(&attempt).await;
    form.assert_contains("Velg 3 riktige.").assert_contains("Lever svarene");
    for question in &exam.questions {
        if !question.explanation.is_empty() {
            form.assert_lacks(&question.explanation);
        }
    }
    form.assert_lacks("Riktig svar").assert_lacks("correct");
    let first_form = form.quiz_form();
    assert_form_tells_nothing(exam, &first_form);
    let failed = submit(&nina, &attempt, &answers(exam, &first_form, false)).await;
    assert_eq!(failed.location(), attempt);
    // With attempts left, the result says which questions were wrong, never the answers.
    let result = nina.page(&attempt).await;
    result.assert_contains("Ikke bestått: 0 av 20 riktige").assert_contains("Dine svar").assert_lacks("Se svar").assert_lacks("Riktig svar");
    for question in exam.questions.iter().filter(|q| !q.explanation.is_empty()) {
        result.assert_lacks(&question.explanation);
    }
    nina.page(&format!("{MEDICINES}/eksamen")).await.assert_contains("2 igjen");

    // The next attempt's form has values of its own: the first one's answers are no key to it.
    let second = open_attempt(&nina, MEDICINES, &exam.key).await;
    let second_form = nina.page(&second).await.quiz_form();
    let values = |form: &QuizForm| form.controls().iter().map(|c| format!("{}={}", c.name, c.value)).collect::<std::collections::BTreeSet<_>>();
    assert!(values(&first_form).is_disjoint(&values(&second_form)), "fresh values for every attempt");
    let stale = submit(&nina, &second, &answers(exam, &first_form, true)).await;
    assert_eq!(stale.status, 422, "the first attempt's values mean nothing in the second");
    let sent = submit(&nina, &second, &answers(exam, &second_form, true)).await;
    assert_eq!(sent.location(), second);
    let passed = nina.page(&second).await;
    passed.assert_contains("Bestått: 20 av 20 riktige").assert_contains("Se kursbeviset ditt");
    // Passed: now the answers and explanations are there to learn from.
    passed.assert_contains("Se svar").assert_contains(&exam.questions[0].explanation);
    let code = certificate_code(&app, "nina.larsen@example.no").await;
    let mine = nina.page("/min-side").await;
    mine.assert_contains("Fullført").assert_contains(&code);

    // An employer verifies it without an account, by link or by typing the code.
    let verified = app.page(&format!("/kursbevis/{code}")).await;
    verified
        .assert_contains("Gyldig kursbevis")
        .assert_contains("Nina Larsen")
        .assert_contains("Legemiddelhåndtering – grunnkurs")
        .assert_contains("<dt>Kursversjon</dt><dd>1</dd>");
    let typed = app.get(&format!("/kursbevis?kode={}", code.to_lowercase().replace('-', "+"))).await;
    assert_eq!(typed.location(), format!("/kursbevis/{code}"));
    app.not_found("/kursbevis/AAAA-BBBB-CCCC").await;
    assert_eq!(app.get("/kursbevis?kode=finnes-ikke").await.status, 404);
    let pdf = app.client.get(format!("{}/kursbevis/{code}/pdf", app.address)).send().await.unwrap();
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7") && bytes.ends_with(b"%%EOF\n"));
    if let Some(text) = crate::helpers::pdf_tool("pdftotext", &bytes) {
        assert!(text.contains("Nina Larsen") && text.contains(&code), "{text}");
    }
}

async fn every_question_kind_is_graded_on_the_server_with_feedback_after_submitting(app: TestApp) {
    let kari = app.signed_in("kari.tolk@example.no", Role::Learner, &[]).await;
    kari.post(&format!("{INTERPRETER}/start"), &[]).await;
    let exam = definition(&app, "kommunikasjon-via-tolk").await.exam.unwrap();
    let kinds: Vec<QuestionKind> = exam.questions.iter().map(|q| q.kind).collect();
    assert_eq!(kinds, [QuestionKind::Single, QuestionKind::Multiple, QuestionKind::Ordering, QuestionKind::TrueFalse]);
    // Single right, multiple with one right option missing, ordering right, true/false wrong.
    let attempt = open_attempt(&kari, INTERPRETER, &exam.key).await;
    let form = kari.page(&attempt).await.quiz_form();
    let mut fields = vec![form.choose(1, "Du som helsepersonell")];
    for (place, option) in exam.questions[2].options.iter().enumerate() {
        fields.push(form.place(3, &option.text, place + 1));
    }
    let q2 = &exam.questions[1];
    assert!(q2.options[0].correct && q2.options[1].correct && q2.correct_count() == 3, "a third right option left out");
    fields.push(form.choose(2, &q2.options[0].text));
    fields.push(form.choose(2, &q2.options[1].text));
    let q4 = &exam.questions[3];
    fields.push(form.choose(4, &q4.options.iter().find(|o| !o.correct).unwrap().text));
    submit(&kari, &attempt, &fields).await.location();
    let result = kari.page(&attempt).await;
    result.assert_contains("Ikke bestått: 2 av 4 riktige (50 %)");
    let marks: Vec<&str> = ["Spørsmål 1: ", "Spørsmål 2: ", "Spørsmål 3: ", "Spørsmål 4: "]
        .iter()
        .map(|heading| {
            let after = &result.body[result.position_of(heading) + heading.len()..];
            if after.starts_with("<span class=\"right\">riktig") { "riktig" } else { "feil" }
        })
        .collect();
    assert_eq!(marks, ["riktig", "feil", "riktig", "feil"]);
    // Attempts are left: the explanations (which give the answers away) wait.
    result.assert_lacks("Tolken skal oversette alt som blir sagt.").assert_lacks("Bilde gir tolken kroppsspråk og turtaking.");
    // Each question's result is kept for the statistics.
    assert_eq!(count(&app, "quiz_answers").await, 4);
}

async fn answers_that_do_not_fit_are_refused_and_nothing_is_recorded(app: TestApp) {
    let exam = definition(&app, "kommunikasjon-via-tolk").await.exam.unwrap();
    let ola = app.signed_in("ola.nordmann@example.no", Role::Learner, &[]).await;
    // Before starting the course: nothing to submit to.
    let not_started = ola.post(&format!("{INTERPRETER}/avsluttende-test/forsok"), &[]).await;
    assert_eq!(not_started.status, 409, "{}", not_started.body);
    not_started.assert_contains("Start kurset");
    assert_eq!(ola.post(&format!("{INTERPRETER}/01-rett-til-tolk/fullfort"), &[]).await.status, 409);
    ola.post(&format!("{INTERPRETER}/start"), &[]).await;
    // An attempt that was never opened.
    assert_eq!(submit(&ola, "/kurs/forsok/999999", &[("q.q1".into(), "a".into())]).await.status, 404);
    assert_eq!(ola.post(&format!("{INTERPRETER}/finnes-ikke/forsok"), &[]).await.status, 404);
    assert_eq!(ola.post(&format!("{INTERPRETER}/01-rett-til-tolk/forsok"), &[]).await.status, 404);

    let attempt = open_attempt(&ola, INTERPRETER, &exam.key).await;
    let form = ola.page(&attempt).await.quiz_form();
    let foreign = submit(&ola, &attempt, &[("q.q1".into(), "z".into())]).await;
    assert_eq!(foreign.status, 422, "{}", foreign.body);
    foreign.assert_contains("spørsmål 1: svaret «z» hører ikke til dette spørsmålet");
    let unknown = submit(&ola, &attempt, &[("q.q99".into(), "a".into())]).await;
    assert_eq!(unknown.status, 400, "{}", unknown.body);
    // The course's own option keys are not what the form sends.
    let plain_key = submit(&ola, &attempt, &[("q.q1".into(), "b".into())]).await;
    assert_eq!(plain_key.status, 422, "{}", plain_key.body);
    let two_for_one = submit(&ola, &attempt, &[form.choose(1, "Tolken"), form.choose(1, "Du som helsepersonell")]).await;
    assert_eq!(two_for_one.status, 422);
    two_for_one.assert_contains("har ett riktig svar");
    // Two elements in one place: the form again, with what was chosen kept.
    let mut same_place = answers(&exam, &form, true);
    for (name, place) in same_place.iter_mut() {
        if name.starts_with("o.q3.") {
            *place = "1".into();
        }
    }
    let refused = submit(&ola, &attempt, &same_place).await;
    assert_eq!(refused.status, 422);
    refused.assert_contains("gi hvert element sin egen plass, fra 1 til 4").assert_contains("checked").assert_lacks("Riktig svar");
    // Another learner's attempt.
    let per = app.signed_in("per.annen@example.no", Role::Learner, &[]).await;
    per.post(&format!("{INTERPRETER}/start"), &[]).await;
    assert_eq!(submit(&per, &attempt, &answers(&exam, &form, true)).await.status, 403);
    assert_eq!(per.get(&attempt).await.status, 403);
    // Without the form token.
    let fields: Vec<(&str, &str)> = vec![("q.q1", "b")];
    assert_eq!(ola.post_raw(&attempt, &fields).await.status, 403);
    assert_eq!(count(&app, "quiz_answers").await, 0, "nothing was recorded");

    // Submitted once; the second time is refused and changes nothing.
    assert_eq!(submit(&ola, &attempt, &answers(&exam, &form, true)).await.status, 303);
    let again = submit(&ola, &attempt, &answers(&exam, &form, false)).await;
    assert_eq!(again.status, 409);
    again.assert_contains("allerede levert");
    assert_eq!(count(&app, "quiz_answers").await, 4);
    ola.page(&attempt).await.assert_contains("Bestått: 4 av 4 riktige");
}

async fn two_tabs_submitting_one_attempt_at_once_record_one_attempt(app: TestApp) {
    let exam = definition(&app, "kommunikasjon-via-tolk").await.exam.unwrap();
    let lise = app.signed_in("lise.dobbel@example.no", Role::Learner, &[]).await;
    lise.post(&format!("{INTERPRETER}/start"), &[]).await;
    let attempt = open_attempt(&lise, INTERPRETER, &exam.key).await;
    let fields = answers_on(&lise, &attempt, &exam, false).await;
    let tabs: Vec<_> = (0..4).map(|_| submit(&lise, &attempt, &fields)).collect();
    let mut statuses: Vec<u16> = futures_util::future::join_all(tabs).await.into_iter().map(|p| p.status).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409, 409, 409]);
    assert_eq!(count(&app, "quiz_attempts").await, 1);
    assert_eq!(count(&app, "quiz_answers").await, 4, "one set of answers");
    // Two tabs opening the next attempt at once get the same one.
    let url = format!("{INTERPRETER}/{}/forsok", exam.key);
    let opened = futures_util::future::join_all((0..3).map(|_| lise.post(&url, &[]))).await;
    let locations: std::collections::BTreeSet<String> = opened.iter().map(Page::location).collect();
    assert_eq!(locations.len(), 1, "{locations:?}");
    assert_eq!(count(&app, "quiz_attempts").await, 2);
}

async fn the_exam_allows_its_number_of_attempts_and_no_more(app: TestApp) {
    let exam = definition(&app, "kommunikasjon-via-tolk").await.exam.unwrap();
    let tore = app.signed_in("tore.tre@example.no", Role::Learner, &[]).await;
    tore.post(&format!("{INTERPRETER}/start"), &[]).await;
    for attempt in 1..=3 {
        let result = take_quiz(&tore, INTERPRETER, &exam, false).await;
        result.assert_contains("Ikke bestått");
        // The answers are shown once no attempt is left to use them on.
        if attempt < 3 {
            result.assert_contains("Dine svar").assert_lacks("Riktig svar").assert_lacks("Helsepersonellet leder samtalen");
        } else {
            result.assert_contains("Se svar").assert_contains("Riktig svar").assert_contains("Helsepersonellet leder samtalen");
        }
    }
    let quiz_page = tore.page(&format!("{INTERPRETER}/{}", exam.key)).await;
    quiz_page.assert_contains("Du har brukt alle 3 forsøkene.").assert_lacks("Prøv igjen");
    let fourth = tore.post(&format!("{INTERPRETER}/{}/forsok", exam.key), &[]).await;
    assert_eq!(fourth.status, 409);
    fourth.assert_contains("brukt alle 3 forsøkene");
    assert_eq!(count(&app, "quiz_attempts").await, 3);
    // Module quizzes have no limit.
    let practice = definition(&app, "kommunikasjon-via-tolk").await.modules[0].quiz.clone().unwrap();
    for _ in 0..4 {
        // A module quiz shows the right answers after every attempt.
        take_quiz(&tore, INTERPRETER, &practice, false).await.assert_contains("Se svar").assert_contains("Riktig svar");
    }
    take_quiz(&tore, INTERPRETER, &practice, true).await.assert_contains("Bestått");
}

pub async fn complete_course(app: &TestApp, browser: &Browser, course: &str, slug: &str) {
    browser.post(&format!("{course}/start"), &[]).await;
    let definition = definition(app, slug).await;
    work_through_modules(browser, course, &definition).await;
    if let Some(exam) = &definition.exam {
        take_quiz(browser, course, exam, true).await.assert_contains("Bestått");
    }
}

async fn an_admin_revokes_a_certificate_and_it_shows_as_revoked(app: TestApp) {
    let learner = app.signed_in("siri.svindel@example.no", Role::Learner, &[]).await;
    complete_course(&app, &learner, "/kurs/central/mote-med-personer-med-demens", "mote-med-personer-med-demens").await;
    let code = certificate_code(&app, "siri.svindel@example.no").await;
    let revoke = format!("/kursbevis/{code}/trekk-tilbake");
    let editor = app.signed_in("sentral.red@example.no", Role::CentralEditor, &[]).await;
    assert_eq!(editor.post(&revoke, &[("reason", "x")]).await.status, 403);
    assert_eq!(learner.post(&revoke, &[("reason", "x")]).await.status, 403);
    let admin = app.signed_in("ada.admin@example.no", Role::Admin, &[]).await;
    admin.page(&format!("/kursbevis/{code}")).await.assert_contains("Trekk tilbake kursbeviset");
    assert_eq!(admin.post(&revoke, &[("reason", "  ")]).await.status, 400);
    let done = admin.post(&revoke, &[("reason", "Eksamen tatt av en annen person.")]).await;
    assert_eq!(done.location(), format!("/kursbevis/{code}"));
    assert_eq!(admin.post(&revoke, &[("reason", "igjen")]).await.status, 409);
    app.page(&format!("/kursbevis/{code}"))
        .await
        .assert_contains("Dette kursbeviset er trukket tilbake")
        .assert_contains("Eksamen tatt av en annen person.")
        .assert_lacks("Gyldig kursbevis");
    let pdf = app.client.get(format!("{}/kursbevis/{code}/pdf", app.address)).send().await.unwrap().bytes().await.unwrap();
    if let Some(text) = crate::helpers::pdf_tool("pdftotext", &pdf) {
        assert!(text.contains("TRUKKET TILBAKE") && text.contains("Eksamen tatt av en annen person."), "{text}");
    }
    learner.page("/min-side").await.assert_contains("(trukket tilbake)");
    let log = admin.page("/redaksjon/logg").await;
    log.assert_contains("certificate.revoked").assert_contains(&code);
}

async fn a_learner_downloads_their_data_and_deletes_their_account_and_the_certificate_stays_valid(app: TestApp) {
    let email = "gunn.glemt@example.no";
    let learner = app.signed_in(email, Role::Learner, &[]).await;
    complete_course(&app, &learner, INTERPRETER, "kommunikasjon-via-tolk").await;
    learner.post(&format!("{MEDICINES}/start"), &[]).await;
    let code = certificate_code(&app, email).await;

    let download = learner.get("/min-side/data.json").await;
    assert_eq!(download.status, 200);
    assert!(download.headers["content-disposition"].to_str().unwrap().contains("attachment"));
    let data: Value = serde_json::from_str(&download.body).unwrap();
    assert_eq!(data["account"]["email"], email);
    assert_eq!(data["courses"].as_array().unwrap().len(), 2);
    let taken = data["courses"].as_array().unwrap().iter().find(|c| c["course"] == "Kommunikasjon via tolk").unwrap();
    assert_eq!(taken["lessons_read"].as_array().unwrap().len(), 4);
    assert!(taken["attempts"].as_array().unwrap().iter().any(|a| a["passed"] == true && a["answers"]["q1"] == serde_json::json!(["b"])));
    assert_eq!(data["certificates"][0]["code"], code.as_str());
    assert!(app.get("/min-side/data.json").await.status == 303, "not for anyone else");

    let wrong = learner.post("/min-side/slett", &[("password", "feil passord")]).await;
    assert_eq!(wrong.status, 400);
    wrong.assert_contains("Passordet stemmer ikke");
    assert!(fagbro::accounts::repo::by_email(app.db(), email).await.unwrap().is_some());
    let deleted = learner.post("/min-side/slett", &[("password", crate::helpers::PASSWORD)]).await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    deleted.assert_contains("Kontoen er slettet");
    assert!(fagbro::accounts::repo::by_email(app.db(), email).await.unwrap().is_none());
    assert_eq!(learner.get("/min-side").await.status, 303, "signed out");
    // The certificate is still valid, with the name and course only; the statistics keep
    // anonymous numbers.
    app.page(&format!("/kursbevis/{code}")).await.assert_contains("Gyldig kursbevis").assert_contains("Gunn Glemt");
    assert_eq!(count(&app, "enrolments").await, 2);
    use sea_orm::{ConnectionTrait, Statement};
    let with_owner = app
        .db()
        .query_one_raw(Statement::from_string(app.db().get_database_backend(), "SELECT COUNT(*) AS n FROM enrolments WHERE user_id IS NOT NULL"))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    assert_eq!(with_owner, 0);
    let export = serde_json::to_string(&fagbro::audit::latest(app.db(), 5).await.unwrap().iter().map(|e| e.target.clone()).collect::<Vec<_>>()).unwrap();
    assert!(!export.contains(email), "the audit log does not keep the deleted address: {export}");
}

const SMALL_COURSE: &str = r#"title = "Håndhygiene"
summary = "Fem øyeblikk for håndhygiene."
duration_minutes = 10
pass_mark = 100
max_attempts = 2
exam = "test.toml"

[[module]]
title = "Håndhygiene"
lessons = ["01-fem-oyeblikk"]
"#;
const SMALL_EXAM: &str = r#"title = "Test"

[[question]]
kind = "true_false"
text = "Hånddesinfeksjon brukes før pasientkontakt."
answer = true
"#;

async fn a_learner_keeps_the_version_they_started_when_the_course_changes(backend: Backend) {
    let folder = content_folder(&[
        ("central/course/handhygiene/course.toml", SMALL_COURSE),
        ("central/course/handhygiene/01-fem-oyeblikk.nb.md", "+++\ntitle = \"Fem øyeblikk\"\n+++\nFør pasientkontakt.\n"),
        ("central/course/handhygiene/test.toml", SMALL_EXAM),
    ]);
    let Some(app) = spawn_app_with_content(backend, "course_versions", folder.path()).await else { return };
    let course = "/kurs/central/handhygiene";
    let early = app.signed_in("tidlig.start@example.no", Role::Learner, &[]).await;
    early.post(&format!("{course}/start"), &[]).await;
    early.page(course).await.assert_contains("<dt>Versjon</dt><dd>1,");

    // The editors publish a new version: a second question in the test.
    let second = "\n[[question]]\nkind = \"single\"\ntext = \"Hvor lenge gnir du?\"\n[[question.option]]\ntext = \"20–30 sekunder\"\ncorrect = true\n[[question.option]]\ntext = \"3 sekunder\"\n";
    std::fs::write(folder.path().join("central/course/handhygiene/test.toml"), format!("{SMALL_EXAM}{second}")).unwrap();
    let report = fagbro::import::import_content(app.db(), folder.path()).await.unwrap();
    assert_eq!(report.updated, 1, "{:?}", report.problems);
    let late = app.signed_in("sen.start@example.no", Role::Learner, &[]).await;
    late.post(&format!("{course}/start"), &[]).await;
    late.page(course).await.assert_contains("<dt>Versjon</dt><dd>2,");
    late.page(&format!("{course}/test")).await.assert_contains("2 spørsmål");

    // The early learner goes on in version 1: one question, and a certificate for version 1.
    let page = early.page(course).await;
    page.assert_contains("<dt>Versjon</dt><dd>1,").assert_contains("Versjon 2 er publisert senere");
    early.page(&format!("{course}/test")).await.assert_contains("1 spørsmål");
    early.post(&format!("{course}/01-fem-oyeblikk/fullfort"), &[]).await;
    let attempt = open_attempt(&early, course, "test").await;
    submit(&early, &attempt, &[early.page(&attempt).await.quiz_form().choose(1, "Sant")]).await.location();
    early.page(&attempt).await.assert_contains("Bestått: 1 av 1 riktige");
    let code = certificate_code(&app, "tidlig.start@example.no").await;
    app.page(&format!("/kursbevis/{code}")).await.assert_contains("<dt>Kursversjon</dt><dd>1</dd>");
    // Re-importing the same files makes no third version.
    fagbro::import::import_content(app.db(), folder.path()).await.unwrap();
    let central = fagbro::areas::repo::by_slug(app.db(), "central").await.unwrap().unwrap();
    let item = fagbro::content::repo::published_versions(app.db(), central.id, ContentKind::Course, "handhygiene").await.unwrap();
    assert_eq!(versions::latest(app.db(), item[0].id).await.unwrap().unwrap().number, 2);
}

async fn courses_and_their_lessons_are_found_by_search_and_a_lesson_hit_opens_it_in_the_course(app: TestApp) {
    let found = |page: &Page| -> Vec<(String, String)> {
        let data: Value = serde_json::from_str(&page.body).unwrap();
        data["hits"].as_array().unwrap().iter().map(|h| (h["title"].as_str().unwrap().to_owned(), h["url"].as_str().unwrap().to_owned())).collect()
    };
    // A word only a lesson has: the depot tablets of "Legemiddelformer".
    let hits = found(&app.page("/api/search?q=depottablett").await);
    assert!(
        hits.contains(&("Legemiddelformer".to_owned(), "/kurs/central/legemiddelhandtering/03-legemiddelformer".to_owned())),
        "{hits:?}"
    );
    let hits = found(&app.page("/api/search?q=legemiddelh%C3%A5ndtering+grunnkurs").await);
    assert_eq!(hits[0], ("Legemiddelhåndtering – grunnkurs".to_owned(), MEDICINES.to_owned()), "{hits:?}");
    let page = app.page("/sok?q=skjermtolking").await;
    page.assert_contains("Leksjon i e-kurs");
    // The hit opens the lesson (through /sok/apne, which counts it for the editors).
    let lesson = "/kurs/central/kommunikasjon-via-tolk/04-skjermtolking";
    let links: Vec<String> =
        page.body.split("class=\"card-title\"><a href=\"").skip(1).map(|card| crate::helpers::unescape(card.split('"').next().unwrap())).collect();
    let link = links.iter().find(|link| link.ends_with(&format!("til={}", lesson.replace('/', "%2F")))).unwrap_or_else(|| panic!("{links:?}"));
    assert_eq!(app.get(link).await.headers["location"], lesson);
}

async fn editors_see_how_learners_do_and_which_questions_most_get_wrong(app: TestApp) {
    let definition = definition(&app, "kommunikasjon-via-tolk").await;
    let exam = definition.exam.clone().unwrap();
    // Three learners finish the course; the first fails once. A fourth only starts.
    for (n, email) in ["a.en@example.no", "b.to@example.no", "c.tre@example.no"].iter().enumerate() {
        let learner = app.signed_in(email, Role::Learner, &[]).await;
        learner.post(&format!("{INTERPRETER}/start"), &[]).await;
        work_through_modules(&learner, INTERPRETER, &definition).await;
        if n == 0 {
            take_quiz(&learner, INTERPRETER, &exam, false).await;
        }
        // Everyone gets question 4 (true/false) wrong and the rest right: still 75 %.
        let attempt = open_attempt(&learner, INTERPRETER, &exam.key).await;
        let form = learner.page(&attempt).await.quiz_form();
        let mut fields: Vec<(String, String)> = answers(&exam, &form, true).into_iter().filter(|(k, _)| k != "q.q4").collect();
        fields.push(form.choose(4, "Usant"));
        submit(&learner, &attempt, &fields).await.location();
        learner.page(&attempt).await.assert_contains("Bestått: 3 av 4 riktige");
    }
    app.signed_in("d.fire@example.no", Role::Learner, &[]).await.post(&format!("{INTERPRETER}/start"), &[]).await;

    let central = fagbro::areas::repo::by_slug(app.db(), "central").await.unwrap().unwrap();
    let item = fagbro::content::repo::published_versions(app.db(), central.id, ContentKind::Course, "kommunikasjon-via-tolk").await.unwrap();
    let stats_url = format!("/redaksjon/kurs/{}/statistikk", item[0].id);
    let editor = app.signed_in("sentral.stat@example.no", Role::CentralEditor, &[]).await;
    let page = editor.page(&stats_url).await;
    page.assert_contains("<dt>Startet</dt><dd>4</dd>")
        .assert_contains("<dt>Fullført</dt><dd>3</dd>")
        .assert_contains("<dt>Bestått</dt><dd>100 %</dd>")
        .assert_contains("1 spørsmål har 50 % gale svar eller mer");
    // Question 4 of the exam: 4 answers (one failed attempt and three passing ones), all wrong.
    let row = page.body.split("<tr").find(|row| row.contains("Skjermtolking er ofte bedre")).unwrap();
    assert!(row.contains("class=\"flagged\"") && row.contains("<td>4</td><td>100 %</td>"), "{row}");
    let first = page.body.split("<tr").find(|row| row.contains("Hvem leder samtalen")).unwrap();
    assert!(first.contains("<td>4</td><td>25 %</td>") && !first.contains("flagged"), "{first}");
    // A local editor of another area may not see a central course's numbers.
    let local = app.signed_in("lokal.stat@example.no", Role::LocalEditor, &["ahus"]).await;
    assert_eq!(local.get(&stats_url).await.status, 403);
}
