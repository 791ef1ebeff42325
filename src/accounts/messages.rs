//! The mail an account gets, as outbox messages (see `templates/mail/`). Links are paths:
//! the sender makes them absolute.
use serde_json::json;

use super::tokens::TokenPurpose;
use crate::outbox::{MailKind, Outgoing};

pub fn verify_address(to: &str, name: &str, token: &str) -> Outgoing {
    let hours = TokenPurpose::VerifyAddress.lifetime().num_hours();
    Outgoing::new(MailKind::VerifyAddress, to, json!({ "name": name, "verify_path": format!("/konto/bekreft/{token}"), "hours": hours }))
}

/// The one reminder an account that has not verified its address gets, with a fresh link.
pub fn verify_address_reminder(to: &str, name: &str, token: &str, user_id: super::UserId) -> Outgoing {
    let hours = TokenPurpose::VerifyAddress.lifetime().num_hours();
    let data = json!({ "name": name, "verify_path": format!("/konto/bekreft/{token}"), "hours": hours, "reminder": true });
    Outgoing::new(MailKind::VerifyAddress, to, data).once(format!("verify-reminder:{user_id}"))
}

pub fn new_address(to: &str, name: &str, token: &str) -> Outgoing {
    let hours = TokenPurpose::NewAddress.lifetime().num_hours();
    Outgoing::new(MailKind::NewAddress, to, json!({ "name": name, "verify_path": format!("/konto/bekreft/{token}"), "hours": hours }))
}

/// To the owner of an address someone tried to sign up with: at most one an hour.
pub fn sign_up_again(to: &str, hour: &str) -> Outgoing {
    Outgoing::new(MailKind::SignUpAgain, to, json!({})).once(format!("sign-up-again:{to}:{hour}"))
}

pub fn password_reset(to: &str, name: &str, token: &str) -> Outgoing {
    let minutes = TokenPurpose::PasswordReset.lifetime().num_minutes();
    Outgoing::new(MailKind::PasswordReset, to, json!({ "name": name, "reset_path": format!("/logg-inn/nytt-passord/{token}"), "minutes": minutes }))
}

pub fn password_changed(to: &str, name: &str, when: &str) -> Outgoing {
    Outgoing::new(MailKind::PasswordChanged, to, json!({ "name": name, "when": when }))
}

/// To the old address, when the account has moved to `new_address`.
pub fn address_changed(old_address: &str, name: &str, new_address: &str) -> Outgoing {
    Outgoing::new(MailKind::AddressChanged, old_address, json!({ "name": name, "new_address": new_address }))
}

/// The notices an editor gets and can turn off on their own page, with their names there.
pub const EDITOR_NOTICES: [(MailKind, &str); 4] = [
    (MailKind::ReviewReminder, "Påminnelser om gjennomgang (30 dager før og på dagen)"),
    (MailKind::FeedbackDigest, "Daglig oversikt over nye tilbakemeldinger fra lesere"),
    (MailKind::ProposalArrived, "Nye endringsforslag til felles innhold (sentrale redaktører)"),
    (MailKind::ProposalDecided, "Når forslagene mine er godtatt eller avvist"),
];
