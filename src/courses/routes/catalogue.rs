//! The catalogue: every published course, filtered by theme, publisher area, audience and duration.
use super::*;

#[derive(Deserialize)]
pub(super) struct CatalogueQuery {
    pub(super) tema: Option<String>,
    pub(super) omrade: Option<String>,
    pub(super) malgruppe: Option<String>,
    pub(super) varighet: Option<String>,
}

/// Duration filter choices: (value, label, shortest, longest) in minutes.
pub(super) const DURATIONS: [(&str, &str, u32, u32); 3] =
    [("kort", "Under 30 minutter", 0, 29), ("middels", "30–60 minutter", 30, 60), ("lang", "Over 1 time", 61, u32::MAX)];

#[derive(Serialize)]
pub(super) struct CourseCard {
    pub(super) url: String,
    pub(super) title: String,
    pub(super) summary: String,
    pub(super) duration: String,
    pub(super) publisher: String,
    pub(super) themes: Vec<String>,
    pub(super) audience: Vec<String>,
    pub(super) has_exam: bool,
    /// For a signed-in learner: "Påbegynt" or "Fullført".
    pub(super) learner_status: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct CataloguePage {
    pub(super) courses: Vec<CourseCard>,
    pub(super) themes: Vec<Choice>,
    pub(super) areas: Vec<Choice>,
    pub(super) audiences: Vec<Choice>,
    pub(super) durations: Vec<Choice>,
    pub(super) filtered: bool,
}

pub(super) fn choices(options: impl IntoIterator<Item = (String, String)>, selected: Option<&str>) -> Vec<Choice> {
    options.into_iter().map(|(value, label)| Choice { selected: selected == Some(value.as_str()), value, label }).collect()
}

pub(super) async fn catalogue(visitor: Visitor, state: web::Data<AppState>, query: web::Query<CatalogueQuery>) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let empty_is_none = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let (theme, area_slug, audience, duration) =
        (empty_is_none(query.tema), empty_is_none(query.omrade), empty_is_none(query.malgruppe), empty_is_none(query.varighet));
    let all_areas = areas::repo::all(&state.db).await?;
    let all_themes = content_repo::themes(&state.db).await?;
    let area_ids: Vec<i32> = all_areas.iter().map(|a| a.id).collect();
    let filter = ItemFilter { kinds: vec![ContentKind::Course], ..Default::default() };
    let summaries = content_repo::published_summaries(&state.db, &area_ids, &filter).await?;
    let ids: Vec<i32> = summaries.iter().map(|s| s.id).collect();
    let items = content_repo::items_by_ids(&state.db, &ids).await?;
    // What learners get: the last published version, not edits waiting to be published.
    let published = versions::latest_of(&state.db, &ids).await?;
    let theme_slugs = content_repo::theme_slugs_of_items(&state.db, &ids).await?;
    let progress_of: HashMap<i32, bool> = match &visitor.user {
        Some(user) => repo::enrolments_of(&state.db, user.id)
            .await?
            .into_iter()
            .map(|e| (e.content_item_id, e.completed_at.is_some()))
            .collect(),
        None => HashMap::new(),
    };

    let mut audiences = BTreeSet::new();
    let mut courses = Vec::new();
    for item in &items {
        let Some(version) = published.get(&item.id) else { continue };
        let definition = version.definition();
        let Some(owner) = all_areas.iter().find(|a| a.id == item.area_id) else { continue };
        let item_audience = version.course.audience.clone();
        audiences.extend(item_audience.iter().cloned());
        let item_themes = theme_slugs.get(&item.id).cloned().unwrap_or_default();
        let wanted = theme.as_ref().is_none_or(|t| item_themes.contains(t))
            && area_slug.as_ref().is_none_or(|a| a == &owner.slug)
            && audience.as_ref().is_none_or(|a| item_audience.contains(a))
            && duration.as_ref().is_none_or(|d| {
                DURATIONS.iter().any(|(value, _, min, max)| value == d && (*min..=*max).contains(&definition.duration_minutes))
            });
        if !wanted {
            continue;
        }
        courses.push(CourseCard {
            url: course_url(&owner.slug, &item.slug),
            title: version.course.title.clone(),
            summary: version.course.summary.clone(),
            duration: duration_label(definition.duration_minutes),
            publisher: publisher(owner),
            themes: item_themes
                .iter()
                .filter_map(|slug| all_themes.iter().find(|t| &t.slug == slug).map(|t| t.name.clone()))
                .collect(),
            audience: item_audience,
            has_exam: definition.exam.is_some(),
            learner_status: progress_of.get(&item.id).map(|done| if *done { "Fullført" } else { "Påbegynt" }),
        });
    }
    courses.sort_by(|a, b| a.title.cmp(&b.title));
    let page = CataloguePage {
        courses,
        themes: choices(all_themes.iter().map(|t| (t.slug.clone(), t.name.clone())), theme.as_deref()),
        areas: choices(all_areas.iter().map(|a| (a.slug.clone(), publisher(a))), area_slug.as_deref()),
        audiences: choices(audiences.into_iter().map(|a| (a.clone(), a)), audience.as_deref()),
        durations: choices(DURATIONS.iter().map(|(v, l, ..)| (v.to_string(), l.to_string())), duration.as_deref()),
        filtered: theme.is_some() || area_slug.is_some() || audience.is_some() || duration.is_some(),
    };
    render(&state.templates, "courses/catalogue.html", &Chrome::new("E-kurs", None), &visitor, &page)
}
