//! Lessons and quiz pages inside a course, marking a lesson read, and opening an attempt.
use super::*;

pub(super) fn neighbours(seen: &Seen, index: usize) -> (Option<Neighbour>, Option<Neighbour>) {
    let steps = seen.definition().steps();
    let link = |step: &Step<'_>| Neighbour { title: step.title().to_owned(), url: seen.step_url(step.key()) };
    (index.checked_sub(1).and_then(|i| steps.get(i)).map(link), steps.get(index + 1).map(link))
}

pub(super) async fn show_step(visitor: Visitor, state: web::Data<AppState>, path: web::Path<(String, String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug, key) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let (index, step) = seen.definition().step(&key).ok_or(CourseError::NoSuchStep)?;
    if let Some(progress) = &seen.progress {
        service::visit(&state.db, progress, &key).await?;
    }
    let (previous, next) = neighbours(&seen, index);
    let enrolled = seen.progress.is_some();
    match step {
        Step::Lesson { module, lesson } => {
            let page = LessonPage {
                course: seen.header(),
                module_title: module.title.clone(),
                title: lesson.title.clone(),
                body_html: lesson.body_html.clone(),
                position: index + 1,
                step_count: seen.definition().steps().len(),
                previous,
                next,
                done: seen.progress.as_ref().is_some_and(|p| p.is_done(&step)),
                enrolled,
                complete_url: format!("{}/fullfort", seen.step_url(&key)),
                progress: seen.progress_view(),
                start_url: format!("{}/start", seen.url()),
                signed_in: visitor.user.is_some(),
            };
            render(&state.templates, "courses/lesson.html", &seen.chrome(&lesson.title), &visitor, &page)
        }
        Step::Quiz { module, quiz, exam } => {
            let definition = seen.definition();
            let progress = seen.progress.as_ref();
            let attempts: Vec<AttemptRow> = progress
                .map(|p| p.attempts_at(&quiz.key).filter_map(attempt_row).collect())
                .unwrap_or_default();
            let passed = progress.is_some_and(|p| p.passed(&quiz.key));
            let attempts_left = progress.and_then(|p| p.attempts_left(&quiz.key));
            let blocked = progress.and_then(|p| p.no_new_attempt(&quiz.key)).map(|why_not| why_not.to_string());
            let page = QuizPage {
                course: seen.header(),
                module_title: module.map(|m| m.title.clone()),
                title: quiz.title.clone(),
                exam,
                question_count: quiz.questions.len(),
                pass_mark: definition.pass_mark,
                max_attempts: definition.max_attempts.filter(|_| exam),
                attempts_left,
                attempts,
                passed,
                open_attempt_url: progress.and_then(|p| p.open_attempt(&quiz.key)).map(|a| format!("/kurs/forsok/{}", a.id)),
                blocked,
                enrolled,
                signed_in: visitor.user.is_some(),
                start_attempt_url: format!("{}/forsok", seen.step_url(&key)),
                start_url: format!("{}/start", seen.url()),
                previous,
                next,
                progress: seen.progress_view(),
            };
            render(&state.templates, "courses/quiz.html", &seen.chrome(&quiz.title), &visitor, &page)
        }
    }
}

/// A submitted attempt as a row of the quiz page; an open one has no row.
pub(super) fn attempt_row(attempt: &Attempt) -> Option<AttemptRow> {
    let submission = attempt.submission()?;
    Some(AttemptRow {
        number: attempt.number,
        date: format::date(submission.at.date_naive()),
        score: format!("{} av {}", submission.correct, attempt.total),
        passed: submission.passed,
        url: format!("/kurs/forsok/{}", attempt.id),
    })
}

pub(super) async fn complete_lesson(visitor: SignedIn, state: web::Data<AppState>, path: web::Path<(String, String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug, key) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let progress = service::complete_lesson(&state.db, &visitor.user, seen.item.id, &key).await?;
    let steps = progress.definition().steps();
    let index = steps.iter().position(|s| s.key() == key).unwrap_or(0);
    let next = match steps.get(index + 1) {
        Some(step) => seen.step_url(step.key()),
        None => seen.url(),
    };
    Ok(see_other(&next))
}

pub(super) async fn start_attempt(visitor: SignedIn, state: web::Data<AppState>, path: web::Path<(String, String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug, key) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let attempt = service::start_attempt(&state.db, &visitor.user, seen.item.id, &key).await?;
    Ok(see_other(format!("/kurs/forsok/{}", attempt.id)))
}
