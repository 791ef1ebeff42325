//! Images uploaded on the edit page.
use super::*;

impl From<MediaError> for AppError {
    fn from(error: MediaError) -> Self {
        let message = error.to_string();
        match error {
            MediaError::NotAnImage => AppError::UnsupportedMedia(message),
            MediaError::TooManyBytes | MediaError::TooLargeDimensions { .. } => AppError::TooLarge(message),
            MediaError::Corrupt(_) => AppError::BadRequest(message),
            MediaError::Storage { .. } => AppError::Internal(message),
        }
    }
}

/// Reads one multipart field whole, refusing it past `limit` bytes.
pub(super) async fn read_field(field: &mut actix_multipart::Field, limit: usize) -> Result<Vec<u8>, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(|e| AppError::BadRequest(format!("Opplastingen kom ikke fram helt: {e}.")))?;
        if bytes.len() + chunk.len() > limit {
            return Err(MediaError::TooManyBytes.into());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// An image uploaded on the edit page: checked, stored as renditions and put into the
/// text with its alt text; a refused upload writes nothing.
pub(super) async fn upload_image(
    visitor: Editor,
    state: web::Data<AppState>,
    path: web::Path<ItemId>,
    mut upload: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let desk = Desk::of(&state, &visitor).await?;
    let (item, _) = load_item(&state, &desk, path.into_inner(), Action::Edit).await?;
    let (mut image, mut alt) = (Vec::new(), String::new());
    while let Some(field) = upload.next().await {
        let mut field = field.map_err(|e| AppError::BadRequest(format!("Opplastingen kunne ikke leses: {e}.")))?;
        match field.name().unwrap_or_default() {
            "image" => image = read_field(&mut field, media::MAX_BYTES).await?,
            "alt" => alt = String::from_utf8_lossy(&read_field(&mut field, 2_000).await?).into_owned(),
            _ => drop(read_field(&mut field, 10_000).await?),
        }
    }
    if image.is_empty() {
        return Err(AppError::BadRequest("Velg en bildefil å laste opp.".into()));
    }
    if alt.trim().is_empty() {
        return Err(AppError::BadRequest("Skriv hva bildet viser (alternativ tekst) før du laster det opp.".into()));
    }
    let media_dir = state.config.media_dir();
    let stored = media::store_within_budget(media_dir, image).await?;
    let id = item.id;
    if let Err(error) = service::attach_image(&state.db, &desk.signature, item, &stored, &alt).await {
        media::remove(&state.config.media_dir(), &stored.key);
        return Err(error.into());
    }
    Ok(see_other(format!("/redaksjon/innhold/{id}?bilde={}", stored.key)))
}
