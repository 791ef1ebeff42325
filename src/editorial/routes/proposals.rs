//! Proposals: a local editor proposes a change to a central item; central editors decide.
use super::*;

pub(super) async fn propose_change(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, area) = load_item(&state, &desk, path.into_inner(), Action::Propose).await?;
    let data = form(&body)?;
    let fields = ItemForm::from_form(&data);
    let themes = content_repo::themes(&state.db).await?;
    match service::propose(&state.db, &desk.signature, &item, &fields, &data.get("note"), &themes).await {
        Ok(id) => Ok(see_other(format!("/redaksjon/forslag/{id}"))),
        Err(EditError::Invalid(errors)) => {
            let page = edit_page(&state, &desk, &item, &area, Typed { fields: Some(fields), errors, ..Default::default() }).await?;
            Err(form_again(&state.templates, "editorial/edit.html", &chrome(&item.title), &visitor, &page))
        }
        Err(error) => Err(error.into()),
    }
}

pub(super) async fn show_proposal(visitor: Editor, state: web::Data<AppState>, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let id = path.into_inner();
    let proposal = repo::proposal(&state.db, id).await?.ok_or_else(|| AppError::NotFound(format!("Fant ikke endringsforslag {id}.")))?;
    let (item, _) = load_item(&state, &desk, proposal.content_item_id, Action::ReadUnpublished).await?;
    let can_decide = desk.may(Action::DecideProposal);
    if !can_decide && proposal.proposer_id != Some(desk.user.id) {
        return Err(AppError::Forbidden("Forslaget er sendt av en annen redaktør.".into()));
    }
    let names = theme_names(&state).await?;
    let name_of = |id: i32| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    let current = content_repo::as_write(&state.db, &item).await?.fields;
    let proposed = repo::proposed(&proposal)?;
    let page = ProposalPage {
        id,
        item_id: item.id,
        item_title: item.title.clone(),
        proposer: proposal.proposer_name.clone(),
        note: proposal.note.clone(),
        state: proposal.state.as_str(),
        created: local_time(proposal.created_at),
        changed_since: revisions::latest_number(&state.db, item.id).await? > proposal.base_revision,
        can_decide: can_decide && proposal.state == ProposalState::Open,
        diff: diff::lines(&crate::editorial::revision_text(&current, &name_of), &crate::editorial::revision_text(&proposed, &name_of)),
    };
    render(&state.templates, "editorial/proposal.html", &chrome("Endringsforslag"), &visitor, &page)
}

pub(super) async fn decide(state: &AppState, visitor: &Editor, id: i32, accept: bool) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(state, visitor).await?;
    visitor.may(Action::DecideProposal)?;
    let item_id = service::decide_proposal(&state.db, &desk.signature, id, accept).await?;
    Ok(see_other(format!("/redaksjon/innhold/{item_id}")))
}

pub(super) async fn accept_proposal(visitor: Editor, state: web::Data<AppState>, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    decide(&state, &visitor, path.into_inner(), true).await
}

pub(super) async fn reject_proposal(visitor: Editor, state: web::Data<AppState>, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    decide(&state, &visitor, path.into_inner(), false).await
}
