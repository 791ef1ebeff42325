//! Delivering the outbox: each message's templates (`templates/mail/{kind}.subject.txt`,
//! `.txt` and `.html`) rendered into a multipart/alternative mail with absolute links, sent
//! with lettre over SMTP by a background sender, with retries (see `crate::outbox`). The
//! admin's page `/redaksjon/e-post` shows the queue; `fagbro mail test` sends a test.
//!
//! Above courses (layer 7): a course certificate goes with its PDF attached.
pub mod compose;
pub mod routes;
pub mod sender;

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::config::Config;
use crate::outbox::MailKind;

pub use sender::{Round, deliver_due, spawn_sender};

#[derive(Debug, thiserror::Error)]
pub enum MailSetupError {
    #[error("FAGBRO_MAIL_FROM={0:?} is not a mail address (expected «fagbro <ikke-svar@helse.example.no>»)")]
    From(String),
    #[error("FAGBRO_SMTP_URL: {0}")]
    Smtp(String),
    #[error("mail template {0} is missing (templates/mail/)")]
    Template(String),
}

/// What the sender needs: the templates, the SMTP transport (none: mail waits), the
/// sender address and the site's address for links.
pub struct Mailer {
    templates: tera::Tera,
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    /// The SMTP server as shown to admins: host and port, never the password.
    pub server: Option<String>,
    from: Mailbox,
    base_url: String,
    retry_base: chrono::Duration,
}

impl Mailer {
    /// `templates` are the site's (with `mail/*.txt`); `base_url` is where links in mail
    /// point: `FAGBRO_PUBLIC_URL`, else the address served.
    pub fn new(config: &Config, templates: tera::Tera, base_url: &str) -> Result<Mailer, MailSetupError> {
        let from: Mailbox = config.mail_from.parse().map_err(|_| MailSetupError::From(config.mail_from.clone()))?;
        // A missing template stops the start, not a message.
        for kind in <MailKind as sea_orm::Iterable>::iter() {
            for suffix in ["subject.txt", "txt", "html"] {
                let name = format!("mail/{}.{suffix}", kind.template());
                if !templates.get_template_names().any(|t| t == name) {
                    return Err(MailSetupError::Template(name));
                }
            }
        }
        let (transport, server) = match &config.smtp_url {
            None => (None, None),
            Some(url) => {
                let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url.0).map_err(|e| MailSetupError::Smtp(e.to_string()))?;
                let transport = builder.timeout(Some(std::time::Duration::from_secs(30))).build();
                (Some(transport), Some(server_of(&url.0)))
            }
        };
        Ok(Mailer { templates, transport, server, from, base_url: base_url.trim_end_matches('/').to_owned(), retry_base: config.mail_retry_base })
    }

    pub fn sends(&self) -> bool {
        self.transport.is_some()
    }
}

/// `smtp://user:secret@mail.example.no:587?tls=required` → `mail.example.no:587`.
fn server_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    host.split(['?', '/']).next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_shown_without_its_password() {
        assert_eq!(server_of("smtp://fagbro:hemmelig@mail.example.no:587?tls=required"), "mail.example.no:587");
        assert_eq!(server_of("smtps://mail.example.no"), "mail.example.no");
    }
}
