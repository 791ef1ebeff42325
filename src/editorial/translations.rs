//! Translations as editors keep them: a new one made from the Norwegian text as it is,
//! and bringing one up to date. (Which are current is `content::translation::overview`.)
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

use super::service::{Edit, EditError, Signature, current_of, write_with_history};
use crate::audit;
use crate::content::repo::ItemWrite;
use crate::content::revisions;
use crate::content::translation;
use crate::entities::content_item;

/// The revision of its original a new item is a translation of: the original's newest,
/// when the item is a translation and its translation group has a Norwegian original.
pub async fn source_of_new(db: &impl ConnectionTrait, write: &ItemWrite) -> Result<Option<i32>, DbErr> {
    if !translation::is_translation(&write.fields.lang) {
        return Ok(None);
    }
    match translation::original_in(db, write.area_id, &write.fields.translation_group).await? {
        Some(original) => Ok(Some(revisions::latest_number(db, original.id).await?)),
        None => Ok(None),
    }
}

/// Records that the translation `item` now says what revision `original_revision` of its
/// original says (the revision the editor's page showed, not whatever is newest when the
/// form arrives), as a revision of the translation with an audit entry.
#[tracing::instrument(skip_all, fields(item = %item.id, editor = ?by.author.id, original_revision))]
pub async fn bring_up_to_date(
    db: &DatabaseConnection,
    by: &Signature,
    item: content_item::Model,
    original_revision: i32,
) -> Result<content_item::Model, EditError> {
    let original = translation::original_of(db, &item)
        .await?
        .ok_or_else(|| EditError::Conflict("Siden er ikke en oversettelse av en norsk side i samme område.".into()))?;
    let latest = revisions::latest_number(db, original.id).await?;
    if !(1..=latest).contains(&original_revision) {
        return Err(EditError::Invalid(vec![format!(
            "Den norske teksten har versjon 1 til {latest}; versjon {original_revision} finnes ikke. Åpne siden på nytt."
        )]));
    }
    let (current, seen) = current_of(db, &item).await?;
    let mut write = current.clone();
    write.fields.translated_from = Some(original_revision);
    if write == current {
        return Ok(item);
    }
    let note = format!("Oversettelsen er gjennomgått mot norsk versjon {original_revision}");
    let edit = Edit { current: &current, write: &write, seen };
    write_with_history(db, by, item, edit, &note, audit::Action::TranslationBroughtUpToDate).await
}
