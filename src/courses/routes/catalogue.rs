//! The catalogue: every published course, filtered by theme, publisher area, audience and duration.
use super::*;

#[derive(Deserialize)]
pub(super) struct CatalogueQuery {
    pub(super) tema: Option<String>,
    pub(super) omrade: Option<String>,
    pub(super) malgruppe: Option<String>,
    pub(super) varighet: Option<String>,
}

pub(super) fn choices(options: impl IntoIterator<Item = (String, String)>, selected: Option<&str>) -> Vec<Choice> {
    options.into_iter().map(|(value, label)| Choice { selected: selected == Some(value.as_str()), value, label }).collect()
}

pub(super) async fn catalogue(visitor: Visitor, state: web::Data<AppState>, query: web::Query<CatalogueQuery>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let empty_is_none = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let filter = crate::courses::catalogue::Filter {
        theme: empty_is_none(query.tema),
        area: empty_is_none(query.omrade),
        audience: empty_is_none(query.malgruppe),
        // An unknown duration (a hand-edited address) filters nothing.
        duration: query.varighet.as_deref().and_then(crate::courses::catalogue::Duration::parse),
    };
    let all_areas = areas::repo::all(&state.db).await?;
    let all_themes = content_repo::themes(&state.db).await?;
    let found = crate::courses::catalogue::catalogue(&state.db, &all_areas, &filter).await?;
    let progress_of: HashMap<ItemId, bool> = match &visitor.user {
        Some(user) => repo::enrolments_of(&state.db, user.id)
            .await?
            .into_iter()
            .map(|e| (e.content_item_id, e.completed_at.is_some()))
            .collect(),
        None => HashMap::new(),
    };
    let courses = found
        .courses
        .into_iter()
        .map(|course| {
            let definition = course.version.definition();
            CourseCard {
                url: course_url(&course.area.slug, &course.item.slug),
                title: course.version.course.title.clone(),
                summary: course.version.course.summary.clone(),
                duration: duration_label(definition.duration_minutes),
                publisher: publisher(&course.area),
                themes: course
                    .themes
                    .iter()
                    .filter_map(|slug| all_themes.iter().find(|t| &t.slug == slug).map(|t| t.name.clone()))
                    .collect(),
                audience: course.version.course.audience.clone(),
                has_exam: definition.exam.is_some(),
                learner_status: progress_of.get(&course.item.id).map(|done| if *done { "Fullført" } else { "Påbegynt" }),
            }
        })
        .collect();
    let page = CataloguePage {
        courses,
        themes: choices(all_themes.iter().map(|t| (t.slug.clone(), t.name.clone())), filter.theme.as_deref()),
        areas: choices(all_areas.iter().map(|a| (a.slug.clone(), publisher(a))), filter.area.as_deref()),
        audiences: choices(found.audiences.into_iter().map(|a| (a.clone(), a)), filter.audience.as_deref()),
        durations: choices(
            crate::courses::catalogue::Duration::ALL.map(|d| (d.as_str().to_owned(), d.label().to_owned())),
            filter.duration.map(|d| d.as_str()),
        ),
        filtered: filter.is_set(),
    };
    render(&state.templates, "courses/catalogue.html", &Chrome::new("E-kurs", None), &visitor, &page)
}
