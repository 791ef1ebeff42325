//! The course certificate by mail, with its PDF attached (the sender attaches it: see
//! `mail::sender`), to a verified address only, and once per certificate: when the
//! course is passed by a learner whose address is verified, or when a learner verifies
//! the address later.
use sea_orm::{ConnectionTrait, DbErr};
use serde_json::json;

use crate::accounts::{UserId, repo as accounts_repo};
use crate::entities::certificate;
use crate::outbox::{self, MailKind, Outgoing};

pub fn message(certificate: &certificate::Model, to: &str) -> Outgoing {
    let data = json!({ "name": certificate.learner_name, "course_title": certificate.course_title, "code": certificate.code });
    Outgoing::new(MailKind::Certificate, to, data).once(format!("certificate:{}", certificate.code))
}

/// Queues the mail of every certificate of the learner not mailed yet, when the address
/// is verified (revoked ones are not sent).
pub async fn mail_unsent(db: &impl ConnectionTrait, user_id: UserId) -> Result<(), DbErr> {
    let Some(user) = accounts_repo::by_id(db, user_id).await? else { return Ok(()) };
    if user.email_verified_at.is_none() {
        return Ok(());
    }
    for certificate in super::repo::certificates_of(db, user_id).await? {
        if certificate.revoked_at.is_none() {
            outbox::enqueue(db, message(&certificate, &user.email)).await?;
        }
    }
    Ok(())
}
