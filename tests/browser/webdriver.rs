//! A small W3C WebDriver client over reqwest: just what the browser tests use.
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

pub struct Browser {
    http: reqwest::Client,
    base: String,
    session: String,
    driver: Child,
    _profile: tempfile::TempDir,
}

#[derive(serde::Deserialize)]
pub struct Violation {
    pub id: String,
    impact: Option<String>,
    help: String,
    nodes: Vec<String>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {} at {}", self.id, self.impact.as_deref().unwrap_or("?"), self.help, self.nodes.join(", "))
    }
}

fn find(candidates: &[&str], env: &str) -> Option<String> {
    if let Ok(path) = std::env::var(env) {
        return Some(path);
    }
    candidates.iter().find(|p| Path::new(p).exists()).map(|p| p.to_string())
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh profile; `None` when
    /// either is not installed.
    pub async fn start() -> Option<Browser> {
        let driver_path = find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"], "FAGBRO_CHROMEDRIVER")?;
        let chromium = find(&["/usr/bin/chromium", "/usr/lib/chromium/chromium"], "FAGBRO_CHROMIUM")?;
        let port = TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let http = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..100 {
            if http.get(format!("{base}/status")).send().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().ok()?;
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            // A Norwegian reader's browser (the interface follows Accept-Language).
            "--lang=nb-NO".to_owned(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args, "prefs": {"intl.accept_languages": "nb-NO,nb,no"}}
        }}});
        let response: Value = http.post(format!("{base}/session")).json(&capabilities).send().await.ok()?.json().await.ok()?;
        let session = response["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no WebDriver session: {response}")).to_owned();
        let browser = Browser { http, base, session, driver, _profile: profile };
        browser.command("timeouts", json!({"script": 60000, "pageLoad": 30000})).await;
        Some(browser)
    }

    async fn command(&self, path: &str, body: Value) -> Value {
        let url = format!("{}/session/{}/{path}", self.base, self.session);
        let response: Value = self.http.post(url).json(&body).send().await.expect("webdriver").json().await.expect("webdriver json");
        if response["value"].get("error").is_some() {
            panic!("WebDriver {path}: {}", response["value"]);
        }
        response["value"].clone()
    }

    pub async fn open(&mut self, url: &str) {
        self.command("url", json!({"url": url})).await;
    }

    pub async fn resize(&mut self, width: u32, height: u32) {
        self.command("window/rect", json!({"width": width, "height": height})).await;
    }

    /// Runs `script` (a function body that returns a string) in the page.
    pub async fn eval(&mut self, script: &str) -> String {
        let value = self.command("execute/sync", json!({"script": script, "args": []})).await;
        value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string())
    }

    /// Types `text` into the element matched by the CSS `selector`.
    pub async fn type_into(&mut self, selector: &str, text: &str) {
        let element = self.command("element", json!({"using": "css selector", "value": selector})).await;
        let id = element.as_object().and_then(|o| o.values().next()).and_then(|v| v.as_str()).expect("element id").to_owned();
        self.command(&format!("element/{id}/value"), json!({"text": text})).await;
    }

    /// Makes the page render as for `media` ("print" or "screen"), as Chromium's print does.
    pub async fn emulate_media(&mut self, media: &str) {
        self.command("goog/cdp/execute", json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": media}})).await;
    }

    pub async fn press_tab(&mut self) {
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": "\u{E004}"}, {"type": "keyUp", "value": "\u{E004}"}
        ]}]});
        self.command("actions", actions).await;
    }

    /// Injects axe-core and returns its WCAG 2.1 A/AA violations for the current page.
    pub async fn run_axe(&mut self, axe_source: &str) -> Vec<Violation> {
        self.command("execute/sync", json!({"script": axe_source, "args": []})).await;
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
              .then(result => done(JSON.stringify(result.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))))
              .catch(error => done(JSON.stringify([{id: 'axe-error', impact: null, help: String(error), nodes: []}])));
        "#;
        let value = self.command("execute/async", json!({"script": script, "args": []})).await;
        serde_json::from_str(value.as_str().expect("axe result")).expect("axe result json")
    }

    pub async fn screenshot(&mut self, path: &Path) {
        use base64_decode::decode;
        let url = format!("{}/session/{}/screenshot", self.base, self.session);
        let response: Value = self.http.get(url).send().await.unwrap().json().await.unwrap();
        std::fs::write(path, decode(response["value"].as_str().unwrap())).unwrap();
    }

    pub async fn quit(mut self) {
        let _ = self.http.delete(format!("{}/session/{}", self.base, self.session)).send().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

/// Base64 for screenshots, to avoid a dependency for a debugging aid.
mod base64_decode {
    pub fn decode(text: &str) -> Vec<u8> {
        let value = |c: u8| -> Option<u32> {
            match c {
                b'A'..=b'Z' => Some((c - b'A') as u32),
                b'a'..=b'z' => Some((c - b'a' + 26) as u32),
                b'0'..=b'9' => Some((c - b'0' + 52) as u32),
                b'+' => Some(62),
                b'/' => Some(63),
                _ => None,
            }
        };
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        let (mut buffer, mut bits) = (0u32, 0);
        for sextet in text.bytes().filter_map(value) {
            buffer = (buffer << 6) | sextet;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((buffer >> bits) as u8);
            }
        }
        out
    }
}
