//! Course statistics for the course's editors, per version.
use super::*;

#[derive(Deserialize)]
pub(super) struct VersionQuery {
    pub(super) versjon: Option<i32>,
}

pub(super) fn percent(share: f64) -> i64 {
    (share * 100.0).round() as i64
}

/// The course's numbers, for the editors of its area.
pub(super) async fn statistics(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>, query: web::Query<VersionQuery>) -> Result<HttpResponse, AppError> {
    let not_found = || AppError::NotFound("Fant ikke kurset.".into());
    let item = repo::course_item(&state.db, path.into_inner()).await?.ok_or_else(not_found)?;
    let area = areas::repo::by_id(&state.db, item.area_id).await?.ok_or_else(not_found)?;
    visitor.may(Action::ReadCourseStatistics((&area).into()))?;
    let numbers = versions::numbers(&state.db, item.id).await?;
    let number = query.versjon.or(numbers.last().copied()).ok_or_else(|| AppError::NotFound("Kurset er ikke publisert ennå, så det har ingen statistikk.".into()))?;
    let version = versions::by_number(&state.db, item.id, number)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Kurset har ingen versjon {number}.")))?;
    let stats = crate::courses::stats::of_version(&state.db, &version).await?;
    let questions: Vec<QuestionRow> = stats
        .questions
        .iter()
        .map(|q| QuestionRow {
            quiz_title: q.quiz_title.clone(),
            number: q.number,
            text: q.text.clone(),
            answered: q.answered,
            wrong: q.wrong,
            wrong_percent: q.wrong_share().map(percent),
            flagged: q.flagged(),
        })
        .collect();
    let page = StatisticsPage {
        id: item.id,
        title: version.course.title.clone(),
        version: version.number,
        versions: numbers,
        started: stats.started,
        completed: stats.completed,
        pass_rate: stats.pass_rate.map(percent),
        median: stats.median_minutes.map(|m| duration_label(m.max(0) as u32)),
        flagged: questions.iter().filter(|q| q.flagged).count(),
        flag_percent: percent(crate::courses::stats::FLAG_WRONG_SHARE),
        questions,
    };
    render(&state.templates, "courses/statistics.html", &Chrome::new(format!("Statistikk: {}", page.title), None), &visitor, &page)
}
