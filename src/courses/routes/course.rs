//! One course as a visitor sees it: the version they started or the latest, its outline, and starting it.
use super::*;

/// A published course as one visitor sees it: the version they started, or the latest.
pub(super) struct Seen {
    pub(super) area: area::Model,
    pub(super) item: content_item::Model,
    pub(super) version: CourseVersion,
    pub(super) progress: Option<Progress>,
    /// A newer version than the learner's exists.
    pub(super) newer: Option<i32>,
}

impl Seen {
    pub(super) async fn load(state: &AppState, visitor: &Visitor, area_slug: &str, slug: &str) -> Result<Seen, AppError> {
        let not_found = || AppError::NotFound(format!("Vi fant ikke kurset «{slug}». Se alle kurs på /kurs."));
        let area = areas::repo::by_slug(&state.db, area_slug).await?.ok_or_else(not_found)?;
        let mut items = content_repo::published_versions(&state.db, area.id, ContentKind::Course, slug).await?;
        items.sort_by_key(|item| Lang::parse(&item.lang).map_or(usize::MAX, |l| l.preference_rank()));
        let item = items.into_iter().next().ok_or_else(not_found)?;
        let latest = versions::latest(&state.db, item.id).await?.ok_or_else(not_found)?;
        let progress = match &visitor.user {
            Some(user) => service::progress(&state.db, user.id, item.id).await?,
            None => None,
        };
        let (version, newer) = match &progress {
            Some(progress) if progress.version.id != latest.id => (progress.version.clone(), Some(latest.number)),
            Some(progress) => (progress.version.clone(), None),
            None => (latest, None),
        };
        Ok(Seen { area, item, version, progress, newer })
    }

    pub(super) fn definition(&self) -> &CourseDefinition {
        self.version.definition()
    }

    pub(super) fn url(&self) -> String {
        course_url(&self.area.slug, &self.item.slug)
    }

    pub(super) fn step_url(&self, key: &str) -> String {
        format!("{}/{key}", self.url())
    }

    pub(super) fn header(&self) -> CourseHeader {
        CourseHeader { title: self.version.course.title.clone(), url: self.url(), lang: self.item.lang.clone() }
    }

    pub(super) fn progress_view(&self) -> Option<ProgressView> {
        self.progress.as_ref().map(|progress| {
            let total = self.definition().steps().len();
            let done = progress.steps_done();
            ProgressView {
                done,
                total,
                percent: (done * 100).checked_div(total).unwrap_or(0),
                resume_url: progress.resume_step().map(|key| self.step_url(&key)),
                completed: progress.enrolment.completed_at.map(|at| format::date(at.date_naive())),
                certificate_url: progress.certificate.as_ref().map(|c| format!("/kursbevis/{}", c.code)),
            }
        })
    }

    pub(super) fn chrome(&self, title: &str) -> Chrome {
        let lang = Lang::parse(&self.item.lang).unwrap_or_else(|_| Lang::bokmal());
        Chrome::in_language(title, None, &lang)
    }
}

pub(super) fn step_link(seen: &Seen, step: &Step<'_>) -> StepLink {
    let kind = match step {
        Step::Lesson { .. } => "Leksjon",
        Step::Quiz { exam: true, .. } => "Eksamen",
        Step::Quiz { .. } => "Kontrollspørsmål",
    };
    StepLink {
        title: step.title().to_owned(),
        url: seen.step_url(step.key()),
        kind,
        done: seen.progress.as_ref().is_some_and(|p| p.is_done(step)),
    }
}

pub(super) async fn show_course(visitor: Visitor, state: web::Data<AppState>, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let definition = seen.definition();
    let steps = definition.steps();
    let modules = definition
        .modules
        .iter()
        .map(|module| ModuleView {
            title: module.title.clone(),
            steps: steps
                .iter()
                .filter(|step| matches!(step, Step::Lesson { module: m, .. } | Step::Quiz { module: Some(m), .. } if m.key == module.key))
                .map(|step| step_link(&seen, step))
                .collect(),
        })
        .collect();
    let exam = steps.iter().find(|step| matches!(step, Step::Quiz { exam: true, .. })).map(|step| step_link(&seen, step));
    let url = seen.url();
    let page = CoursePage {
        summary: seen.version.course.summary.clone(),
        intro_html: seen.version.course.intro_html.clone(),
        publisher: publisher(&seen.area),
        version: seen.version.number,
        version_date: format::date(seen.version.published_at.date_naive()),
        newer_version: seen.newer,
        duration: duration_label(definition.duration_minutes),
        audience: seen.version.course.audience.clone(),
        outcomes: definition.outcomes.clone(),
        pass_mark: definition.pass_mark,
        max_attempts: definition.max_attempts,
        exam_questions: definition.exam.as_ref().map(|e| e.questions.len()),
        modules,
        exam,
        progress: seen.progress_view(),
        signed_in: visitor.user.is_some(),
        start_url: format!("{url}/start"),
        sign_in_url: format!("/logg-inn?{}", serde_urlencoded::to_string([("neste", &url)]).unwrap_or_default()),
        sign_up_url: format!("/registrer?{}", serde_urlencoded::to_string([("neste", &url)]).unwrap_or_default()),
        course: seen.header(),
    };
    render(&state.templates, "courses/course.html", &seen.chrome(&page.course.title.clone()), &visitor, &page)
}

pub(super) async fn start_course(visitor: SignedIn, state: web::Data<AppState>, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let (area_slug, slug) = path.into_inner();
    let seen = Seen::load(&state, &visitor, &area_slug, &slug).await?;
    let progress = service::start(&state.db, &visitor.user, seen.item.id).await?;
    let first = progress.resume_step().unwrap_or_default();
    Ok(see_other(seen.step_url(&first)))
}
