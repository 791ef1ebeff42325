//! `/redaksjon/synonymer`: the central editors' synonym groups, added and removed with
//! an entry in the audit log; every instance uses a change within seconds.
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::synonyms::{self, parse_group, words_of};
use crate::audit;
use crate::authz::Action;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::access::Editor;
use crate::web::forms::see_other;
use crate::web::routes::Routes;
use crate::web::{Chrome, form_page};

pub fn routes(routes: &mut Routes) {
    routes.page("/redaksjon/synonymer", synonyms_page);
    routes.post("/redaksjon/synonymer", add_group);
    routes.post("/redaksjon/synonymer/{id}/slett", remove_group);
}

#[derive(Serialize, Default)]
struct SynonymsPage {
    groups: Vec<GroupRow>,
    typed: String,
    error: Option<String>,
    /// A word to start a group with (from a search that found nothing).
    notice: Option<String>,
}

#[derive(Serialize)]
struct GroupRow {
    id: i32,
    words: Vec<String>,
    by: String,
}

#[derive(Deserialize)]
struct Start {
    ord: Option<String>,
    lagt: Option<String>,
}

async fn synonyms_page(visitor: Editor, state: web::Data<AppState>, query: web::Query<Start>) -> Result<HttpResponse, AppError> {
    visitor.may(Action::KeepSynonyms)?;
    let query = query.into_inner();
    let notice = query.lagt.map(|_| "Gruppen er lagret og brukes i søket om noen sekunder.".to_owned());
    let typed = query.ord.map(|word| format!("{word}, ")).unwrap_or_default();
    show(&state, &visitor, SynonymsPage { typed, notice, ..Default::default() }).await
}

async fn show(state: &AppState, visitor: &Editor, mut page: SynonymsPage) -> Result<HttpResponse, AppError> {
    page.groups = synonyms::all(&state.db).await?.into_iter().map(|g| GroupRow { words: words_of(&g), id: g.id, by: g.created_by }).collect();
    let refused = page.error.is_some();
    form_page(&state.templates, "search/synonyms.html", &Chrome::new("Synonymer i søket", None), visitor, &page, refused)
}

#[derive(Deserialize)]
struct GroupForm {
    words: String,
}

async fn add_group(visitor: Editor, state: web::Data<AppState>, form: web::Form<GroupForm>) -> Result<HttpResponse, AppError> {
    visitor.may(Action::KeepSynonyms)?;
    let typed = form.into_inner().words;
    let words = match parse_group(&typed) {
        Ok(words) => words,
        Err(problem) => {
            let error = Some(format!("{}{}.", problem.to_string()[..1].to_uppercase(), &problem.to_string()[1..]));
            return show(&state, &visitor, SynonymsPage { typed, error, ..Default::default() }).await;
        }
    };
    let txn = crate::db::begin_write(&state.db).await?;
    let group = synonyms::add(&txn, &words, &visitor.user.name).await?;
    audit::record(&txn, &visitor.actor(), audit::Action::SynonymsAdded, &words.join(", "), None, &format!("gruppe {}", group.id)).await?;
    txn.commit().await?;
    Ok(see_other("/redaksjon/synonymer?lagt=1"))
}

async fn remove_group(visitor: Editor, state: web::Data<AppState>, path: web::Path<i32>) -> Result<HttpResponse, AppError> {
    visitor.may(Action::KeepSynonyms)?;
    let txn = crate::db::begin_write(&state.db).await?;
    let Some(group) = synonyms::remove(&txn, path.into_inner()).await? else {
        return Err(AppError::NotFound("Fant ingen slik synonymgruppe.".into()));
    };
    audit::record(&txn, &visitor.actor(), audit::Action::SynonymsRemoved, &words_of(&group).join(", "), None, &format!("gruppe {}", group.id)).await?;
    txn.commit().await?;
    Ok(see_other("/redaksjon/synonymer"))
}
