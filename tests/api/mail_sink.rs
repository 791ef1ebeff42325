//! A real SMTP server on loopback for a test (aiosmtpd, run from `smtp_sink.py`), and the
//! messages it received, read as a mail client reads them (`mailparse`).
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::helpers::{require_all, say_skipped_once};

static SKIP_SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub struct MailSink {
    pub port: u16,
    folder: tempfile::TempDir,
    server: Option<Child>,
}

impl MailSink {
    /// Starts the server on a free port; `None` (the test skipped) where Python's aiosmtpd
    /// is not installed (`.ci/run` installs it).
    pub fn start() -> Option<MailSink> {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut sink = MailSink::stopped_on(port)?;
        sink.start_again();
        Some(sink)
    }

    /// A sink on `port` that is not running yet: mail to it is refused until `start_again`.
    pub fn stopped_on(port: u16) -> Option<MailSink> {
        let found = Command::new("python3").args(["-c", "import aiosmtpd"]).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
        if !found {
            assert!(!require_all(), "Python's aiosmtpd is needed for the mail tests, and FAGBRO_REQUIRE_ALL=1");
            say_skipped_once(&SKIP_SAID, "skipped the mail tests: Python's aiosmtpd is not installed (pip install aiosmtpd)");
            return None;
        }
        Some(MailSink { port, folder: tempfile::tempdir().unwrap(), server: None })
    }

    /// A free port with nothing listening on it (yet).
    pub fn free_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn start_again(&mut self) {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(self.port.to_string())
            .arg(self.folder.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        self.server = Some(child);
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.server.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files.iter().map(|f| Received { raw: std::fs::read(f).unwrap() }).collect()
    }

    /// Waits (up to 20 s) until at least `count` messages have arrived, and gives them all.
    pub async fn wait_for(&self, count: usize) -> Vec<Received> {
        self.wait_for_within(count, Duration::from_secs(20)).await
    }

    pub async fn wait_for_within(&self, count: usize, within: Duration) -> Vec<Received> {
        let deadline = Instant::now() + within;
        loop {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            assert!(Instant::now() < deadline, "expected {count} messages, {} arrived", received.len());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for the first message to `to` whose subject contains `subject`.
    pub async fn wait_for_mail(&self, to: &str, subject: &str) -> Received {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(found) = self.received().into_iter().find(|m| m.to() == to && m.subject().contains(subject)) {
                return found;
            }
            assert!(Instant::now() < deadline, "no message to {to} about {subject:?} arrived");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// One received message.
pub struct Received {
    raw: Vec<u8>,
}

impl Received {
    fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.raw).expect("a well-formed message")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        use mailparse::MailHeaderMap;
        self.parsed().headers.get_first_value(name)
    }

    /// The envelope recipient.
    pub fn to(&self) -> String {
        self.header("X-Envelope-To").unwrap_or_default()
    }

    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The decoded bodies of every leaf part with this content type.
    fn parts(&self, mime: &str) -> Vec<(String, Vec<u8>, Option<String>)> {
        fn walk(part: &mailparse::ParsedMail<'_>, mime: &str, found: &mut Vec<(String, Vec<u8>, Option<String>)>) {
            if part.subparts.is_empty() {
                if part.ctype.mimetype == mime {
                    let name = part.get_content_disposition().params.get("filename").cloned();
                    found.push((part.get_body().unwrap_or_default(), part.get_body_raw().unwrap(), name));
                }
            } else {
                for sub in &part.subparts {
                    walk(sub, mime, found);
                }
            }
        }
        let mut found = Vec::new();
        walk(&self.parsed(), mime, &mut found);
        found
    }

    pub fn text(&self) -> String {
        self.parts("text/plain").into_iter().next().map(|(text, ..)| text).expect("a plain-text part")
    }

    pub fn html(&self) -> String {
        self.parts("text/html").into_iter().next().map(|(html, ..)| html).expect("an HTML part")
    }

    /// The top-level content type (`multipart/alternative`, `multipart/mixed`).
    pub fn mime_type(&self) -> String {
        self.parsed().ctype.mimetype
    }

    /// Attached files: name and bytes.
    pub fn attachments(&self, mime: &str) -> Vec<(String, Vec<u8>)> {
        self.parts(mime).into_iter().filter_map(|(_, bytes, name)| Some((name?, bytes))).collect()
    }

    /// The first link in the plain text that starts with `prefix` (an absolute address).
    pub fn link(&self, prefix: &str) -> String {
        let text = self.text();
        let start = text.find(prefix).unwrap_or_else(|| panic!("no link starting {prefix} in:\n{text}"));
        text[start..].split_whitespace().next().unwrap().to_owned()
    }
}

/// The sample site sending mail to `smtp_url` (none: mail waits), trying again one
/// second after a failure (doubling) so a test sees the retries.
pub async fn spawn_app_with_mail(backend: super::helpers::Backend, test: &str, smtp_url: Option<String>) -> Option<super::helpers::TestApp> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let configure = move |config: &mut fagbro::Config| {
        config.smtp_url = smtp_url.map(fagbro::config::Secret);
        config.mail_retry_base = chrono::Duration::seconds(1);
        config.mail_from = "Kompetansebroen <ikke-svar@fagbro.example.no>".into();
    };
    super::helpers::spawn_app_configured(tempfile::tempdir().unwrap(), backend, test, &content, configure).await
}
