//! Revisions: the list, a line diff between any two, and restoring one.
use super::*;

#[derive(Deserialize)]
pub(super) struct CompareQuery {
    pub(super) fra: Option<i32>,
    pub(super) til: Option<i32>,
}

pub(super) async fn theme_names(state: &AppState) -> Result<HashMap<i32, String>, AppError> {
    Ok(content_repo::themes(&state.db).await?.into_iter().map(|t| (t.id, t.name)).collect())
}

pub(super) async fn list_revisions(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>, query: web::Query<CompareQuery>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::ReadUnpublished).await?;
    let all = revisions::list(&state.db, item.id).await?;
    let latest = all.first().map_or(0, |r| r.number);
    let to = query.til.unwrap_or(latest);
    let from = query.fra.unwrap_or(to - 1).max(0);
    let names = theme_names(&state).await?;
    let name_of = |id: i32| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    let text_of = |number: i32| {
        let state = &state;
        async move {
            if number == 0 {
                return Ok::<String, AppError>(String::new());
            }
            let (_, snapshot) = revisions::get(&state.db, item.id, number)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("Siden har ingen versjon {number}.")))?;
            Ok(crate::editorial::revision_text(&snapshot, &name_of))
        }
    };
    let (old, new) = (text_of(from).await?, text_of(to).await?);
    let page = RevisionsPage {
        item_id: item.id,
        title: item.title.clone(),
        can_restore: desk.may(Action::Edit(AreaRef::from(&area))),
        revisions: all
            .iter()
            .map(|r| RevisionRow { number: r.number, author: r.author_name.clone(), at: local_time(r.created_at), note: r.note.clone() })
            .collect(),
        from,
        to,
        diff: diff::lines(&old, &new),
    };
    render(&state.templates, "editorial/revisions.html", &chrome(&format!("Versjoner av «{}»", item.title)), &visitor, &page)
}

pub(super) async fn restore_revision(visitor: Editor, state: web::Data<AppState>, path: web::Path<(ItemId, i32)>) -> Result<HttpResponse, AppError> {
    let (id, number) = path.into_inner();
    let desk = Desk::of(&state, &visitor).await?;
    let (item, _) = load_item(&state, &desk, id, Action::Edit).await?;
    let latest = service::restore(&state.db, &desk.signature, item, number).await?;
    Ok(see_other(format!("/redaksjon/innhold/{id}/versjoner?fra={number}&til={latest}")))
}
