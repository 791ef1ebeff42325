use std::fmt;
use std::str::FromStr;

use sea_orm::entity::prelude::*;

use super::ids::UserId;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: UserId,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTimeWithTimeZone,
    /// When the owner followed a link sent to the address; `None`: not yet.
    pub email_verified_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The roles of DESIGN.md section 6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, EnumIter, DeriveActiveEnum)]
#[serde(rename_all = "snake_case")]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum Role {
    #[sea_orm(string_value = "admin")]
    Admin,
    #[sea_orm(string_value = "central_editor")]
    CentralEditor,
    /// Bound to one or more areas, never central.
    #[sea_orm(string_value = "local_editor")]
    LocalEditor,
    #[sea_orm(string_value = "learner")]
    Learner,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::CentralEditor, Role::LocalEditor, Role::Learner];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::CentralEditor => "central_editor",
            Role::LocalEditor => "local_editor",
            Role::Learner => "learner",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::CentralEditor => "Sentral redaktør",
            Role::LocalEditor => "Lokal redaktør",
            Role::Learner => "Kursdeltaker",
        }
    }

    pub fn is_editor(self) -> bool {
        matches!(self, Role::Admin | Role::CentralEditor | Role::LocalEditor)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected admin, central_editor, local_editor or learner)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|role| role.as_str() == s).ok_or_else(|| UnknownRole(s.to_owned()))
    }
}
