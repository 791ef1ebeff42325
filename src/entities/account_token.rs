use sea_orm::entity::prelude::*;

use super::ids::UserId;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: UserId,
    pub purpose: TokenPurpose,
    pub email: String,
    pub expires_at: DateTimeWithTimeZone,
    pub used_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// What a link from a mail proves or allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Text")]
pub enum TokenPurpose {
    /// The account's address reaches its owner.
    #[sea_orm(string_value = "verify_address")]
    VerifyAddress,
    /// A new address for the account, used once it is verified.
    #[sea_orm(string_value = "new_address")]
    NewAddress,
    #[sea_orm(string_value = "password_reset")]
    PasswordReset,
}
