//! One outbox row into one mail: subject, plain text and HTML from the kind's templates
//! (multipart/alternative), links made absolute, a `Message-ID` that is the same on every
//! attempt, the RFC 8058 unsubscribe headers on newsletters, and attachments.
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use sea_orm::DatabaseConnection;

use super::Mailer;
use crate::outbox::{MailKind, Message};
use crate::telemetry::error_chain;

/// Why a message could not be made: it will not get better by trying again.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("template {template}: {cause}")]
    Template { template: String, cause: String },
    #[error("the stored values are not JSON: {0}")]
    Data(String),
    #[error("{0:?} is not a mail address")]
    Recipient(String),
    #[error("the attachment: {0}")]
    Attachment(String),
    #[error("the mail could not be built: {0}")]
    Build(String),
}

/// The three rendered parts of a message.
#[derive(Debug)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Mailer {
    /// The message's subject and bodies, as it will be sent (also the admin's preview).
    pub fn render(&self, kind: MailKind, data: &serde_json::Value) -> Result<Rendered, ComposeError> {
        let mut context = tera::Context::from_value(data.clone()).map_err(|e| ComposeError::Data(e.to_string()))?;
        context.insert("base_url", &self.base_url);
        let render = |suffix: &str| {
            let template = format!("mail/{}.{suffix}", kind.template());
            self.templates
                .render(&template, &context)
                .map_err(|error| ComposeError::Template { template, cause: error_chain(&error) })
        };
        // A subject is one line, whatever the template's whitespace.
        let subject = render("subject.txt")?.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Rendered { subject, text: render("txt")?, html: render("html")? })
    }

    /// The mail for an outbox row.
    pub async fn compose(&self, db: &DatabaseConnection, row: &Message) -> Result<lettre::Message, ComposeError> {
        let data: serde_json::Value = serde_json::from_str(&row.data).map_err(|e| ComposeError::Data(e.to_string()))?;
        let rendered = self.render(row.kind, &data)?;
        let to: Mailbox = row.recipient.parse().map_err(|_| ComposeError::Recipient(row.recipient.clone()))?;
        let mut builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject)
            .message_id(Some(self.message_id(row)));
        if let Some(path) = data.get("unsubscribe_path").and_then(|p| p.as_str()) {
            // RFC 8058: a mail client's "unsubscribe" button posts to this address, once.
            builder = builder
                .raw_header(raw("List-Unsubscribe", format!("<{}{path}>", self.base_url)))
                .raw_header(raw("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into()));
        }
        let body = MultiPart::alternative_plain_html(rendered.text, rendered.html);
        let attachments = super::sender::attachments(db, row, &data, &self.base_url).await?;
        let built = if attachments.is_empty() {
            builder.multipart(body)
        } else {
            let mut mixed = MultiPart::mixed().multipart(body);
            for (name, bytes, content_type) in attachments {
                let content_type = ContentType::parse(content_type).map_err(|e| ComposeError::Attachment(e.to_string()))?;
                mixed = mixed.singlepart(Attachment::new(name).body(bytes, content_type));
            }
            builder.multipart(mixed)
        };
        built.map_err(|e| ComposeError::Build(e.to_string()))
    }

    /// `<outbox-42.1764921600@helse.example.no>`: the row and its time, at the sender's
    /// domain, so a second delivery of one row is recognisably the same message.
    fn message_id(&self, row: &Message) -> String {
        let domain = self.from.email.domain();
        format!("<outbox-{}.{}@{domain}>", row.id, row.created_at.timestamp())
    }
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}
