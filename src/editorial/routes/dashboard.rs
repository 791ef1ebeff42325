//! The dashboard: drafts, reviews, schedules, review dates, adaptations behind their originals, proposals and reader feedback.
use crate::entities::ids::AreaId;
use super::*;

pub(super) fn row(desk: &Desk, item: &content_item::Model, note: String) -> ItemRow {
    ItemRow {
        id: item.id,
        title: item.title.clone(),
        kind: item.kind.label(),
        area: desk.area(item.area_id).map(|a| a.name.clone()).unwrap_or_default(),
        lang: item.lang.clone(),
        status: item.status.label(),
        edit_url: format!("/redaksjon/innhold/{}", item.id),
        note,
    }
}

pub(super) fn local_time(at: chrono::DateTime<FixedOffset>) -> String {
    at.with_timezone(&crate::oslo::ZONE).format("%d.%m.%Y %H:%M").to_string()
}

pub(super) async fn dashboard(visitor: Editor, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let own = desk.own_ids();
    let query = |status| repo::ItemQuery { area_ids: own.clone(), status: Some(status), limit: 200, ..Default::default() };
    let drafts = repo::items(&state.db, &query(Status::Draft)).await?;
    let ids: Vec<ItemId> = drafts.iter().map(|d| d.id).collect();
    let authors = revisions::last_authors(&state.db, &ids).await?;
    let (mine, others): (Vec<_>, Vec<_>) =
        drafts.iter().partition(|d| authors.get(&d.id).copied().flatten() == Some(desk.user.id));
    let in_review = repo::items(&state.db, &query(Status::InReview)).await?;
    let scheduled = repo::scheduled(&state.db, &own).await?;
    let passed = repo::review_passed(&state.db, &own, crate::oslo::now().date_naive()).await?;
    let local_ids: Vec<AreaId> = own.iter().copied().filter(|id| *id != desk.central.id).collect();
    let behind = service::adaptations_behind(&state.db, &local_ids, desk.central.id).await?;
    let proposals = if desk.may(Action::DecideProposal) {
        repo::open_proposals(&state.db, None).await?
    } else {
        repo::open_proposals(&state.db, Some(desk.user.id)).await?
    };
    let item_ids: Vec<ItemId> = proposals.iter().map(|p| p.content_item_id).collect();
    let titles: HashMap<ItemId, String> =
        content_repo::items_by_ids(&state.db, &item_ids).await?.into_iter().map(|i| (i.id, i.title)).collect();
    let proposal_rows = proposals
        .into_iter()
        .map(|proposal| ProposalRow {
            id: proposal.id,
            item_title: titles.get(&proposal.content_item_id).cloned().unwrap_or_default(),
            proposer: proposal.proposer_name,
            url: format!("/redaksjon/forslag/{}", proposal.id),
        })
        .collect();
    let feedback_ids: Vec<AreaId> =
        desk.areas.iter().filter(|a| desk.may(Action::HandleFeedback(AreaRef::from(*a)))).map(|a| a.id).collect();
    let feedback = feedback::repo::open_in(&state.db, &feedback_ids, 50)
        .await?
        .into_iter()
        .map(|f| FeedbackRow {
            id: f.id,
            kind: f.kind.label(),
            message: f.message,
            page: f.page_path,
            area: desk.area(f.area_id).map(|a| a.name.clone()).unwrap_or_default(),
            received: local_time(f.created_at),
        })
        .collect();
    // Translations in the editor's areas whose Norwegian original changed since (patient material).
    let translations = crate::content::translation::overview(
        &state.db,
        &crate::content::translation::OverviewFilter { areas: own.clone(), kind: ContentKind::Patient, theme: None, published_only: false },
    )
    .await?;
    let outdated_translations = translations
        .rows
        .iter()
        .flat_map(|row| &row.cells)
        .filter(|cell| matches!(cell, crate::content::translation::Cell::Outdated(..)))
        .count();
    let page = DashboardPage {
        outdated_translations,
        name: desk.user.name.clone(),
        role: desk.user.role.label(),
        areas: desk.editable().iter().map(|a| a.name.clone()).collect(),
        my_drafts: mine.iter().map(|i| row(&desk, i, String::new())).collect(),
        other_drafts: others.iter().map(|i| row(&desk, i, String::new())).collect(),
        in_review: in_review.iter().map(|i| row(&desk, i, String::new())).collect(),
        scheduled: scheduled
            .iter()
            .map(|i| row(&desk, i, i.publish_at.map(|at| format!("publiseres {}", local_time(at))).unwrap_or_default()))
            .collect(),
        review_passed: passed
            .iter()
            .map(|i| row(&desk, i, i.review_by.map(|d| format!("skulle vært gjennomgått {}", d.format("%d.%m.%Y"))).unwrap_or_default()))
            .collect(),
        central_changed: behind
            .iter()
            .map(|b| row(&desk, &b.local, format!("«{}» er endret sentralt", b.original.title)))
            .collect(),
        proposals: proposal_rows,
        feedback,
        is_admin: desk.user.role == Role::Admin,
    };
    render(&state.templates, "editorial/dashboard.html", &chrome("Redaksjon"), &visitor, &page)
}
