//! Synonyms and abbreviations the central editors keep (`/redaksjon/synonymer`): a query
//! word in a group also looks for the group's other words (føling → hypoglykemi; KOLS →
//! kronisk obstruktiv lungesykdom), a little below the word itself. Kept in the database
//! and read again by every instance when they change, within seconds.
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryOrder, Set};

use crate::entities::synonym_group;
use crate::telemetry::error_chain;

/// Words a group may hold, and how long one may be.
pub const MOST_WORDS: usize = 12;
pub const LONGEST: usize = 60;

/// The groups in effect, by each single word that starts a lookup.
#[derive(Debug, Default)]
pub struct Synonyms {
    by_word: HashMap<String, Vec<usize>>,
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    pub fn new(groups: Vec<Vec<String>>) -> Synonyms {
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, group) in groups.iter().enumerate() {
            for word in group {
                by_word.entry(word.clone()).or_default().push(index);
                // "foling" typed without ø finds the group of "føling".
                let folded = fold(word);
                if folded != *word {
                    by_word.entry(folded).or_default().push(index);
                }
            }
        }
        Synonyms { by_word, groups }
    }

    /// The other words of every group `word` (lower-case) is in; a multi-word entry
    /// ("kronisk obstruktiv lungesykdom") is found by the whole text of the query too.
    pub fn of(&self, word: &str) -> Vec<&str> {
        let mut others: Vec<&str> = Vec::new();
        for &index in self.by_word.get(word).map(Vec::as_slice).unwrap_or_default() {
            for other in &self.groups[index] {
                if other != word && fold(other) != fold(word) && !others.contains(&other.as_str()) {
                    others.push(other);
                }
            }
        }
        others
    }
}

/// æ, ø, å (and é) as the index folds them.
fn fold(word: &str) -> String {
    word.replace('æ', "ae").replace('ø', "o").replace('å', "a").replace('é', "e")
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadGroup {
    #[error("en gruppe må ha minst to ord eller uttrykk, skilt med komma")]
    TooFew,
    #[error("en gruppe kan ha høyst {MOST_WORDS} ord eller uttrykk")]
    TooMany,
    #[error("«{0}» er for langt (høyst {LONGEST} tegn)")]
    TooLong(String),
    #[error("«{0}» har tegn som ikke hører hjemme i et søkeord (bare bokstaver, tall, mellomrom og bindestrek)")]
    Characters(String),
}

/// A group as an editor types it: words or expressions separated by commas, "=" or lines.
pub fn parse_group(typed: &str) -> Result<Vec<String>, BadGroup> {
    let mut words: Vec<String> = Vec::new();
    for part in typed.split([',', '=', '\n', ';']) {
        let word = part.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if word.is_empty() {
            continue;
        }
        if word.chars().count() > LONGEST {
            return Err(BadGroup::TooLong(word));
        }
        if !word.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-') {
            return Err(BadGroup::Characters(word));
        }
        if !words.contains(&word) {
            words.push(word);
        }
    }
    match words.len() {
        0 | 1 => Err(BadGroup::TooFew),
        n if n > MOST_WORDS => Err(BadGroup::TooMany),
        _ => Ok(words),
    }
}

pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<synonym_group::Model>, DbErr> {
    synonym_group::Entity::find().order_by_asc(synonym_group::Column::Id).all(db).await
}

pub fn words_of(group: &synonym_group::Model) -> Vec<String> {
    group.words.lines().map(str::to_owned).filter(|w| !w.is_empty()).collect()
}

pub async fn add(db: &impl ConnectionTrait, words: &[String], by: &str) -> Result<synonym_group::Model, DbErr> {
    synonym_group::ActiveModel { words: Set(words.join("\n")), created_at: Set(Utc::now().fixed_offset()), created_by: Set(by.to_owned()), ..Default::default() }
        .insert(db)
        .await
}

pub async fn remove(db: &impl ConnectionTrait, id: i32) -> Result<Option<synonym_group::Model>, DbErr> {
    let found = synonym_group::Entity::find_by_id(id).one(db).await?;
    if found.is_some() {
        synonym_group::Entity::delete_by_id(id).exec(db).await?;
    }
    Ok(found)
}

/// What changes whenever a group is added or removed (groups are never edited in place).
async fn version(db: &impl ConnectionTrait) -> Result<(u64, i32), DbErr> {
    let count = synonym_group::Entity::find().count(db).await?;
    let newest = synonym_group::Entity::find().order_by_desc(synonym_group::Column::Id).one(db).await?.map_or(0, |g| g.id);
    Ok((count, newest))
}

/// The groups in effect on this instance.
#[derive(Default)]
pub struct SharedSynonyms(RwLock<Arc<Synonyms>>);

impl SharedSynonyms {
    pub fn current(&self) -> Arc<Synonyms> {
        self.0.read().map(|s| s.clone()).unwrap_or_default()
    }

    fn set(&self, synonyms: Synonyms) {
        if let Ok(mut current) = self.0.write() {
            *current = Arc::new(synonyms);
        }
    }

    /// Reads every group from the database.
    pub async fn load(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let groups = all(db).await?.iter().map(words_of).collect();
        self.set(Synonyms::new(groups));
        Ok(())
    }
}

/// How often each instance looks for changed groups.
pub const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// Keeps `shared` in step with the database.
pub fn spawn_reloader(db: DatabaseConnection, shared: Arc<SharedSynonyms>) {
    tokio::spawn(async move {
        let mut seen = None;
        let mut ticks = tokio::time::interval(RELOAD_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let result = async {
                let now = version(&db).await?;
                if seen != Some(now) {
                    shared.load(&db).await?;
                    seen = Some(now);
                }
                Ok::<_, DbErr>(())
            }
            .await;
            if let Err(error) = result {
                tracing::error!(error = %error_chain(&error), "reading synonyms failed; trying again");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_typed_with_commas_or_equals_signs_and_checked() {
        assert_eq!(parse_group("Føling = hypoglykemi").unwrap(), vec!["føling", "hypoglykemi"]);
        assert_eq!(parse_group("LAR, legemiddelassistert   rehabilitering").unwrap(), vec!["lar", "legemiddelassistert rehabilitering"]);
        assert_eq!(parse_group("kols"), Err(BadGroup::TooFew));
        assert_eq!(parse_group("kols, kols"), Err(BadGroup::TooFew));
        assert!(matches!(parse_group("kols, <script>"), Err(BadGroup::Characters(_))));
        assert!(matches!(parse_group(&format!("a, {}", "b".repeat(61))), Err(BadGroup::TooLong(_))));
    }

    #[test]
    fn a_word_finds_the_other_words_of_its_groups() {
        let synonyms = Synonyms::new(vec![vec!["føling".into(), "hypoglykemi".into(), "lavt blodsukker".into()], vec!["kols".into(), "kronisk obstruktiv lungesykdom".into()]]);
        assert_eq!(synonyms.of("føling"), vec!["hypoglykemi", "lavt blodsukker"]);
        assert_eq!(synonyms.of("kronisk obstruktiv lungesykdom"), vec!["kols"]);
        assert!(synonyms.of("tolk").is_empty());
        assert_eq!(synonyms.of("foling"), vec!["hypoglykemi", "lavt blodsukker"], "typed without ø");
    }
}
