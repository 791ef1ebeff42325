//! Local adaptations of central items, and marking a changed original as seen.
use super::*;

#[derive(Deserialize)]
pub(super) struct AdaptForm {
    pub(super) area: String,
}

pub(super) async fn adapt_item(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>, form: web::Form<AdaptForm>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (original, from) = load_item(&state, &desk, path.into_inner(), Action::ReadUnpublished).await?;
    let target = desk
        .area_by_slug(&form.area)
        .ok_or_else(|| AppError::BadRequest(format!("Området «{}» finnes ikke.", form.area)))?
        .clone();
    visitor.may(Action::Edit(AreaRef::from(&target)))?;
    let id = service::adapt(&state.db, &desk.signature, &original, &from, &target).await?;
    Ok(see_other(format!("/redaksjon/innhold/{id}")))
}

pub(super) async fn acknowledge_central_change(visitor: Editor, state: web::Data<AppState>, path: web::Path<ItemId>) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, _) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    service::acknowledge_central_change(&state.db, &item, desk.central.id).await?;
    Ok(see_other("/redaksjon"))
}
