//! "Mine kurs": the learner's courses in progress, completed, and certificates.
use super::*;

pub(super) async fn my_courses(visitor: SignedIn, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user = &visitor.user;
    let all = service::learner_progress(&state.db, user.id).await?;
    let item_ids: Vec<ItemId> = all.iter().map(|p| p.enrolment.content_item_id).collect();
    let items: HashMap<ItemId, content_item::Model> =
        content_repo::items_by_ids(&state.db, &item_ids).await?.into_iter().map(|i| (i.id, i)).collect();
    let areas: HashMap<AreaId, area::Model> = areas::repo::all(&state.db).await?.into_iter().map(|a| (a.id, a)).collect();
    let (mut in_progress, mut completed) = (Vec::new(), Vec::new());
    for progress in all {
        let Some(item) = items.get(&progress.enrolment.content_item_id) else { continue };
        let Some(area) = areas.get(&item.area_id) else { continue };
        let seen = Seen { area: area.clone(), item: item.clone(), version: progress.version.clone(), progress: Some(progress), newer: None };
        let Some(view) = seen.progress_view() else { continue };
        let course = MyCourse { title: seen.version.course.title.clone(), url: seen.url(), version: seen.version.number, progress: view };
        if course.progress.completed.is_some() { completed.push(course) } else { in_progress.push(course) }
    }
    let certificates = repo::certificates_of(&state.db, user.id)
        .await?
        .into_iter()
        .map(|c| MyCertificate {
            url: format!("/kursbevis/{}", c.code),
            course_title: c.course_title,
            issued: format::date(c.issued_at.date_naive()),
            revoked: c.revoked_at.is_some(),
            code: c.code,
        })
        .collect();
    let page = MyPage { in_progress, completed, certificates, email: user.email.to_string(), unverified: !user.email_verified };
    render(&state.templates, "courses/mine.html", &Chrome::new("Mine kurs", None), &visitor, &page)
}
