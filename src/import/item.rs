//! One file's item in the database: created, updated, kept as edited on the website,
//! or a conflict; and the page of a file that is gone, deleted. Each with its revision
//! signed by the importer and its audit entry, in one transaction.
use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};

use crate::entities::ids::ItemId;
use crate::audit;
use crate::content::repo::{self, ItemWrite};
use crate::content::revisions;
use crate::content::write::ItemFields;
use crate::entities::content_item;

/// Whether an import may write over changes made on the website.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportRule {
    KeepWebEdits,
    /// The operator named this file: the file wins.
    FileWins,
}

/// What importing one file did to its item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Imported {
    Created,
    /// The file changed since the last import and the item did not: the file is written.
    Updated,
    /// Neither changed since the last import.
    Unchanged,
    /// The file is as it was at the last import; the item was edited on the website
    /// since, and keeps those edits.
    KeptWebEdits,
    /// The file changed since the last import and so did the item on the website (or the
    /// item was made on the website): nothing is written; the operator decides.
    Conflict { item_id: ItemId },
    /// As `Conflict`, but the operator said the file wins.
    OverwroteWebEdits,
}

/// Imports one file's item. The item's revisions say what the last import wrote and
/// whether anyone edited the item since, so a file that did not change never undoes an
/// editor's work, and a file that did is a conflict rather than a silent winner. Every
/// write is a revision by the importer and an audit entry, in one transaction.
pub async fn import_item<C: ConnectionTrait + TransactionTrait>(db: &C, item: &ItemWrite, rule: ImportRule) -> Result<Imported, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let existing = repo::by_key(&txn, item.area_id, &item.fields.slug, &item.fields.lang).await?;
    let from_file = &item.fields;
    let outcome = match &existing {
        None => Imported::Created,
        Some(model) => {
            let history = revisions::import_history(&txn, model.id).await?;
            let file_changed = history.last_import.as_ref() != Some(from_file);
            if !file_changed {
                return Ok(if history.changed_since { Imported::KeptWebEdits } else { Imported::Unchanged });
            }
            if item.matches(model, &repo::theme_ids_of(&txn, model.id).await?) {
                // The file now says what the site says (an editor's change copied into
                // it): nothing to write, but the next import compares with this file.
                record_import(&txn, model, from_file, "Filen er lik siden").await?;
                txn.commit().await?;
                return Ok(Imported::Unchanged);
            }
            match (history.changed_since, rule) {
                (false, _) => Imported::Updated,
                (true, ImportRule::FileWins) => Imported::OverwroteWebEdits,
                (true, ImportRule::KeepWebEdits) => return Ok(Imported::Conflict { item_id: model.id }),
            }
        }
    };
    let written = repo::write_item(&txn, existing, item).await?;
    // Files are published as they are written: a changed course is a new version.
    crate::courses::versions::freeze_if_changed(&txn, &written).await?;
    let note = match outcome {
        Imported::Created => "Opprettet",
        Imported::OverwroteWebEdits => "Oppdatert; endringene på nettsiden er overskrevet",
        _ => "Oppdatert",
    };
    record_import(&txn, &written, from_file, note).await?;
    let action = if outcome == Imported::Created { audit::Action::ItemCreated } else { audit::Action::ItemImported };
    let detail = format!("{note} fra {}", item.source_path.as_deref().unwrap_or("en fil"));
    audit::record(&txn, &audit::Actor::system(revisions::IMPORTER), action, &repo::target_of(&written), Some(written.area_id), &detail).await?;
    txn.commit().await?;
    Ok(outcome)
}

async fn record_import(txn: &impl ConnectionTrait, item: &content_item::Model, snapshot: &ItemFields, what: &str) -> Result<(), DbErr> {
    let note = match &item.source_path {
        Some(path) => format!("Importert fra {path}: {what}"),
        None => format!("Importert: {what}"),
    };
    revisions::record(txn, item.id, snapshot, &revisions::importer(), &note).await?;
    Ok(())
}

/// Deletes the page of a file that is gone, with an audit entry naming the file, in one
/// transaction. Returns whether there was such a page.
pub async fn delete_item<C: ConnectionTrait + TransactionTrait>(db: &C, id: ItemId, source_path: &str) -> Result<bool, DbErr> {
    let txn = crate::db::begin_write(db).await?;
    let Some(item) = repo::delete_item(&txn, id).await? else { return Ok(false) };
    let detail = format!("Filen {source_path} er borte");
    let importer = audit::Actor::system(revisions::IMPORTER);
    audit::record(&txn, &importer, audit::Action::ItemDeletedByImport, &repo::target_of(&item), Some(item.area_id), &detail).await?;
    txn.commit().await?;
    Ok(true)
}
