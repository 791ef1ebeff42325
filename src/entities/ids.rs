//! Ids of rows, each its own type, so an attempt's id cannot be passed where an
//! enrolment's or an item's is meant. Stored as the same integer columns.
use std::fmt;

use sea_orm::DeriveValueType;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, DeriveValueType, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A learner's attempt at a quiz or the exam (`/kurs/forsok/{id}`).
    AttemptId
);

id_type!(
    /// A person with an account: editor, admin or learner.
    UserId
);

id_type!(
    /// The central editorial team's area or a local section (Ahus, Vestfold, ...).
    AreaId
);

id_type!(
    /// A content item: a guide, article, news item, event, leaflet or e-course, in one
    /// language (`/redaksjon/innhold/{id}`).
    ItemId
);

id_type!(
    /// A message in the outbox (`/redaksjon/e-post`), and in its `Message-ID`.
    MessageId
);

id_type!(
    /// An address subscribed to an area's newsletter.
    SubscriberId
);
