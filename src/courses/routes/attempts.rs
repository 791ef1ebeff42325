//! An attempt at a quiz or the exam: its form, submitting it, and its result.
use super::*;

/// What one attempt's page shows of each question.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    /// The form to answer.
    Form,
    /// After submitting: the learner's own answers, each question marked right or wrong.
    Marks,
    /// After submitting, when allowed: the right answers and the explanations too.
    Answers,
}

/// What the learner chose, by question, as the course's option keys: from the stored
/// answers or a refused form. Ordering answers are the places the learner gave.
pub(super) type Chosen = BTreeMap<String, ChosenAnswer>;

#[derive(Default)]
pub(super) struct ChosenAnswer {
    pub(super) options: Vec<String>,
    pub(super) places: BTreeMap<String, usize>,
}

pub(super) fn chosen_from_form(quiz: &Quiz, form: grading::AttemptForm<'_>, fields: &[(String, String)]) -> Chosen {
    let option_key = |question: &str, value: &str| {
        let question = quiz.questions.iter().find(|q| q.key == question)?;
        form.option_of(question, value).map(|o| o.key.clone())
    };
    let mut chosen = Chosen::new();
    for (name, value) in fields {
        if let Some(key) = name.strip_prefix("q.") {
            if let Some(option) = option_key(key, value) {
                chosen.entry(key.to_owned()).or_default().options.push(option);
            }
        } else if let Some((key, option)) = name.strip_prefix("o.").and_then(|rest| rest.split_once('.'))
            && let (Some(option), Ok(place)) = (option_key(key, option), value.trim().parse())
        {
            chosen.entry(key.to_owned()).or_default().places.insert(option, place);
        }
    }
    chosen
}

pub(super) fn chosen_from_answers(quiz: &Quiz, answers: &grading::Answers) -> Chosen {
    quiz.questions
        .iter()
        .filter_map(|q| {
            let answer = answers.get(&q.key)?;
            let chosen = match q.kind {
                QuestionKind::Ordering => ChosenAnswer {
                    options: Vec::new(),
                    places: answer.iter().enumerate().map(|(place, option)| (option.clone(), place + 1)).collect(),
                },
                _ => ChosenAnswer { options: answer.clone(), places: BTreeMap::new() },
            };
            Some((q.key.clone(), chosen))
        })
        .collect()
}

/// One question as the learner sees it. Nothing in the form names an option by its
/// key (values come from the attempt's form key, ids by the place shown).
pub(super) fn question_view(
    quiz: &Quiz,
    index: usize,
    attempt: &Attempt,
    chosen: &Chosen,
    shown: Shown,
    error: Option<&AnswerError>,
) -> QuestionView {
    let question = &quiz.questions[index];
    let form = service::attempt_form(attempt);
    let empty = ChosenAnswer::default();
    let given = chosen.get(&question.key).unwrap_or(&empty);
    let order: Vec<usize> = match question.kind {
        QuestionKind::Ordering => grading::display_order(question, attempt.id.0 as u64 * 31 + index as u64),
        _ => (0..question.options.len()).collect(),
    };
    let field = match question.kind {
        QuestionKind::Ordering => String::new(),
        _ => form.choice_field(&question.key),
    };
    let answers_shown = shown == Shown::Answers;
    let options = order
        .into_iter()
        .enumerate()
        .map(|(position, i)| {
            let option = &question.options[i];
            let (right, right_place) = match (answers_shown, question.kind) {
                (false, _) => (None, None),
                (true, QuestionKind::Ordering) => (None, Some(i + 1)),
                (true, _) => (Some(option.correct), None),
            };
            OptionView {
                chosen: given.options.contains(&option.key),
                place: given.places.get(&option.key).copied(),
                value: form.option_value(&question.key, &option.key),
                field: form.place_field(&question.key, &option.key),
                text: option.text.clone(),
                input_id: format!("q{}-{}", index + 1, position + 1),
                right,
                right_place,
                explanation: if answers_shown { option.explanation.clone() } else { String::new() },
            }
        })
        .collect();
    let hint = match question.kind {
        QuestionKind::Single => "Velg ett svar.".to_owned(),
        QuestionKind::Multiple => format!("Velg {} riktige.", question.correct_count()),
        QuestionKind::TrueFalse => "Sant eller usant?".to_owned(),
        QuestionKind::Ordering => format!("Gi hvert element en plass fra 1 til {}.", question.options.len()),
    };
    let answered = if question.kind == QuestionKind::Ordering {
        let mut order: Vec<(usize, &String)> = given.places.iter().map(|(option, place)| (*place, option)).collect();
        order.sort();
        order.into_iter().map(|(_, o)| o.clone()).collect()
    } else {
        given.options.clone()
    };
    QuestionView {
        number: index + 1,
        text: question.text.clone(),
        kind: question.kind.as_str(),
        hint,
        field,
        options,
        places: (1..=question.options.len()).collect(),
        answered_right: (shown != Shown::Form).then(|| grading::is_correct(question, Some(&answered))),
        explanation: if answers_shown { question.explanation.clone() } else { String::new() },
        error: error.filter(|e| e.question_number() == Some(index + 1)).map(ToString::to_string),
    }
}

pub(super) async fn attempt_context(state: &AppState, visitor: &SignedIn, id: AttemptId) -> Result<(Attempt, Progress, area::Model, content_item::Model), AppError> {
    let (attempt, progress) = service::own_attempt(&state.db, &visitor.user, id).await?;
    let item = content_repo::item_by_id(&state.db, progress.enrolment.content_item_id)
        .await?
        .ok_or_else(|| AppError::NotFound("Kurset finnes ikke lenger.".into()))?;
    let area = areas::repo::by_id(&state.db, item.area_id).await?.ok_or_else(|| AppError::NotFound("Området finnes ikke.".into()))?;
    Ok((attempt, progress, area, item))
}

pub(super) fn attempt_page(
    attempt: &Attempt,
    progress: Progress,
    area: area::Model,
    item: content_item::Model,
    chosen: &Chosen,
    error: Option<&AnswerError>,
) -> Result<AttemptPage, AppError> {
    let seen = Seen { area, item, version: progress.version.clone(), progress: Some(progress), newer: None };
    let definition = seen.definition();
    let (quiz, exam) = definition.quiz(&attempt.quiz_key).ok_or(CourseError::NoSuchStep)?;
    let shown = match &seen.progress {
        _ if attempt.is_open() => Shown::Form,
        Some(progress) if service::reveals_answers(progress, attempt) => Shown::Answers,
        _ => Shown::Marks,
    };
    let questions = (0..quiz.questions.len()).map(|i| question_view(quiz, i, attempt, chosen, shown, error)).collect();
    let result = attempt.submission().map(|submission| {
        let correct = submission.correct as usize;
        let total = attempt.total as usize;
        ResultView {
            correct,
            total,
            percent: (correct * 100).checked_div(total).unwrap_or(0),
            passed: submission.passed,
            answers_shown: shown == Shown::Answers,
        }
    });
    let index = definition.steps().iter().position(|s| s.key() == quiz.key).unwrap_or(0);
    let (_, next) = neighbours(&seen, index);
    Ok(AttemptPage {
        quiz_title: quiz.title.clone(),
        quiz_url: seen.step_url(&quiz.key),
        exam,
        number: attempt.number,
        pass_mark: definition.pass_mark,
        action_url: format!("/kurs/forsok/{}", attempt.id),
        questions,
        result,
        error: error.map(ToString::to_string),
        certificate_url: seen.progress.as_ref().and_then(|p| p.certificate.as_ref()).map(|c| format!("/kursbevis/{}", c.code)),
        next_url: next.map(|n| n.url),
        progress: seen.progress_view(),
        course: seen.header(),
    })
}

pub(super) async fn show_attempt(visitor: SignedIn, state: web::Data<AppState>, path: web::Path<AttemptId>) -> Result<HttpResponse, AppError> {
    let (attempt, progress, area, item) = attempt_context(&state, &visitor, path.into_inner()).await?;
    let chosen = match attempt.submission().and_then(|s| s.answers_json.as_deref()) {
        Some(json) => {
            let answers: grading::Answers = serde_json::from_str(json).map_err(|e| AppError::Internal(format!("stored answers: {e}")))?;
            let quiz = progress.definition().quiz(&attempt.quiz_key).map(|(q, _)| q.clone()).ok_or(CourseError::NoSuchStep)?;
            chosen_from_answers(&quiz, &answers)
        }
        None => Chosen::new(),
    };
    let page = attempt_page(&attempt, progress, area, item, &chosen, None)?;
    let title = format!("{} – forsøk {}", page.quiz_title, page.number);
    render(&state.templates, "courses/attempt.html", &Chrome::new(title, None), &visitor, &page)
}

pub(super) async fn submit_attempt(
    visitor: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<AttemptId>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let fields = form.into_inner();
    match service::submit(&state.db, &visitor.user, id, &fields).await {
        Ok(_) => Ok(see_other(format!("/kurs/forsok/{id}"))),
        // A mistake the learner can mend (two elements in one place): the form again,
        // with what they chose, and the question marked.
        Err(CourseError::Answers(error)) if error.question_number().is_some() => {
            let (attempt, progress, area, item) = attempt_context(&state, &visitor, id).await?;
            let quiz = progress.definition().quiz(&attempt.quiz_key).map(|(q, _)| q.clone()).ok_or(CourseError::NoSuchStep)?;
            let chosen = chosen_from_form(&quiz, service::attempt_form(&attempt), &fields);
            let page = attempt_page(&attempt, progress, area, item, &chosen, Some(&error))?;
            let title = format!("{} – forsøk {}", page.quiz_title, page.number);
            Err(form_again(&state.templates, "courses/attempt.html", &Chrome::new(title, None), &visitor, &page))
        }
        Err(error) => Err(error.into()),
    }
}
