//! The interface in bokmål, nynorsk and English: message catalogues in Fluent
//! (`templates/locales/{nb,nn,en}.ftl`), the visitor's choice (a cookie set by
//! `/sprak/{code}`, else `Accept-Language`, else bokmål), and the Tera function `t` that
//! templates write their strings with: `{{ t(key="nav-home", lang=ui) }}`.
//! Content stays in the language it is written in; only the interface follows.
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Deserialize;

use crate::error::AppError;
use crate::web::access::Anyone;
use crate::web::routes::Routes;

/// The cookie that remembers the visitor's choice.
pub const UI_COOKIE: &str = "fagbro_ui";

/// A language the interface is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiLang {
    Bokmal,
    Nynorsk,
    English,
}

impl UiLang {
    pub const ALL: [UiLang; 3] = [UiLang::Bokmal, UiLang::Nynorsk, UiLang::English];

    pub fn code(self) -> &'static str {
        match self {
            UiLang::Bokmal => "nb",
            UiLang::Nynorsk => "nn",
            UiLang::English => "en",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn name(self) -> &'static str {
        match self {
            UiLang::Bokmal => "Bokmål",
            UiLang::Nynorsk => "Nynorsk",
            UiLang::English => "English",
        }
    }

    pub fn parse(code: &str) -> Option<UiLang> {
        UiLang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The first language of an `Accept-Language` header the interface has, by weight;
    /// `no` (Norwegian) is bokmål.
    pub fn from_accept_language(header: &str) -> Option<UiLang> {
        let mut wanted: Vec<(f32, usize, UiLang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(at, item)| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim().to_ascii_lowercase();
                let weight = parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
                let primary = tag.split('-').next().unwrap_or_default();
                let lang = match primary {
                    "nb" | "no" => UiLang::Bokmal,
                    "nn" => UiLang::Nynorsk,
                    "en" => UiLang::English,
                    _ => return None,
                };
                (weight > 0.0).then_some((weight, at, lang))
            })
            .collect();
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        wanted.first().map(|(_, _, lang)| *lang)
    }

    /// The visitor's interface language: the remembered choice, else the browser's.
    pub fn of_request(cookie: Option<&str>, accept_language: Option<&str>) -> UiLang {
        cookie.and_then(UiLang::parse).or_else(|| accept_language.and_then(UiLang::from_accept_language)).unwrap_or(UiLang::Bokmal)
    }
}

/// The three catalogues, read once at start.
pub struct Catalogues {
    bundles: HashMap<UiLang, FluentBundle<FluentResource>>,
    keys: HashMap<UiLang, Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("{path}: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("{path}: Fluent syntax errors: {errors}")]
    Syntax { path: String, errors: String },
}

impl Catalogues {
    /// `dir/nb.ftl`, `dir/nn.ftl` and `dir/en.ftl`.
    pub fn load(dir: &Path) -> Result<Catalogues, CatalogueError> {
        let (mut bundles, mut keys) = (HashMap::new(), HashMap::new());
        for lang in UiLang::ALL {
            let path = dir.join(format!("{}.ftl", lang.code()));
            let text = std::fs::read_to_string(&path).map_err(|cause| CatalogueError::Read { path: path.display().to_string(), cause })?;
            let resource = FluentResource::try_new(text)
                .map_err(|(_, errors)| CatalogueError::Syntax { path: path.display().to_string(), errors: format!("{errors:?}") })?;
            let ids = resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            keys.insert(lang, ids);
            let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Plain text in HTML: no Unicode isolation marks around arguments.
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errors| CatalogueError::Syntax { path: path.display().to_string(), errors: format!("{errors:?}") })?;
            bundles.insert(lang, bundle);
        }
        Ok(Catalogues { bundles, keys })
    }

    /// The message `key` in `lang` with `args`; a key the language lacks falls back to
    /// bokmål (a test keeps that from happening), and an unknown key shows itself.
    pub fn message(&self, lang: UiLang, key: &str, args: Option<&FluentArgs>) -> String {
        for lang in [lang, UiLang::Bokmal] {
            let Some(bundle) = self.bundles.get(&lang) else { continue };
            if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(key, lang = lang.code(), ?errors, "message formatted with errors");
                }
                return text.into_owned();
            }
        }
        tracing::warn!(key, "no such message in any catalogue");
        key.to_owned()
    }

    /// Every key of `lang`'s catalogue.
    pub fn keys(&self, lang: UiLang) -> Vec<String> {
        self.keys.get(&lang).cloned().unwrap_or_default()
    }
}

/// `t(key="...", lang=ui, name=value, ...)` in templates: other arguments are the
/// message's variables.
pub struct Translate(pub Arc<Catalogues>);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args.get("key").and_then(|v| v.as_str()).ok_or_else(|| tera::Error::msg("t() needs key=\"...\""))?;
        let lang = args.get("lang").and_then(|v| v.as_str()).and_then(UiLang::parse).unwrap_or(UiLang::Bokmal);
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args.iter().filter(|(name, _)| *name != "key" && *name != "lang") {
            let value = match value {
                tera::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or_default()),
                tera::Value::String(s) => FluentValue::from(s.clone()),
                other => FluentValue::from(other.to_string()),
            };
            fluent_args.set(name.clone(), value);
        }
        Ok(tera::Value::String(self.0.message(lang, key, Some(&fluent_args))))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// One language of the switcher every page shows.
#[derive(serde::Serialize)]
pub struct Choice {
    pub code: &'static str,
    pub name: &'static str,
    pub current: bool,
}

pub fn choices(current: UiLang) -> Vec<Choice> {
    UiLang::ALL.into_iter().map(|lang| Choice { code: lang.code(), name: lang.name(), current: lang == current }).collect()
}

pub fn routes(routes: &mut Routes) {
    routes.page("/sprak/{code}", choose_language);
}

#[derive(Deserialize)]
struct Back {
    neste: Option<String>,
}

/// `/sprak/nn?neste=/vestfold`: remembers the interface language for a year and goes
/// back to the page (on this site only). Choosing a language changes only what the
/// visitor sees, so a link (no form) is enough.
async fn choose_language(_: Anyone, req: HttpRequest, code: web::Path<String>, back: web::Query<Back>) -> Result<HttpResponse, AppError> {
    let lang = UiLang::parse(&code).ok_or_else(|| AppError::NotFound(format!("Grensesnittet finst ikkje på «{code}». Velg nb, nn eller en.")))?;
    let next = back.neste.as_deref().and_then(super::site_path::same_site_path).unwrap_or("/").to_owned();
    let secure = req.connection_info().scheme() == "https";
    let cookie = Cookie::build(UI_COOKIE, lang.code()).path("/").max_age(CookieDuration::days(365)).same_site(SameSite::Lax).http_only(true).secure(secure).finish();
    Ok(HttpResponse::SeeOther().cookie(cookie).insert_header((header::LOCATION, next)).finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_languages_are_taken_by_weight_and_norwegian_is_bokmal() {
        assert_eq!(UiLang::from_accept_language("nn-NO,nn;q=0.9,nb;q=0.8,en;q=0.5"), Some(UiLang::Nynorsk));
        assert_eq!(UiLang::from_accept_language("de-DE, en-GB;q=0.7, nb;q=0.3"), Some(UiLang::English));
        assert_eq!(UiLang::from_accept_language("no"), Some(UiLang::Bokmal));
        assert_eq!(UiLang::from_accept_language("en;q=0.2, nn;q=0.9"), Some(UiLang::Nynorsk));
        assert_eq!(UiLang::from_accept_language("fr, de"), None);
        assert_eq!(UiLang::from_accept_language("nn;q=0"), None);
        assert_eq!(UiLang::of_request(Some("en"), Some("nn")), UiLang::English, "a choice outweighs the browser");
        assert_eq!(UiLang::of_request(Some("xx"), None), UiLang::Bokmal);
    }

    fn shipped() -> Catalogues {
        Catalogues::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/locales")).unwrap()
    }

    #[test]
    fn every_key_is_in_all_three_catalogues() {
        let catalogues = shipped();
        let mut nb = catalogues.keys(UiLang::Bokmal);
        nb.sort();
        assert!(nb.len() > 20, "{nb:?}");
        for lang in [UiLang::Nynorsk, UiLang::English] {
            let mut keys = catalogues.keys(lang);
            keys.sort();
            let missing: Vec<_> = nb.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !nb.contains(k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, not in bokmål {extra:?}", lang.code());
        }
    }

    #[test]
    fn messages_take_their_arguments_and_follow_the_language() {
        let catalogues = shipped();
        assert_eq!(catalogues.message(UiLang::Bokmal, "skip-to-content", None), "Hopp til hovedinnhold");
        assert_eq!(catalogues.message(UiLang::Nynorsk, "skip-to-content", None), "Hopp til hovudinnhaldet");
        assert_eq!(catalogues.message(UiLang::English, "skip-to-content", None), "Skip to main content");
        let mut args = FluentArgs::new();
        args.set("name", "Kari");
        assert_eq!(catalogues.message(UiLang::English, "signed-in-as", Some(&args)), "Signed in: Kari");
        assert_eq!(catalogues.message(UiLang::English, "no-such-key", None), "no-such-key");
    }

    #[test]
    fn the_keys_named_in_code_are_in_the_catalogues() {
        let keys = shipped().keys(UiLang::Bokmal);
        let statuses = [400, 403, 404, 405, 429, 500].map(|s| actix_web::http::StatusCode::from_u16(s).unwrap());
        let named = super::super::area_nav("x")
            .into_iter()
            .map(|link| link.key)
            .chain(statuses.iter().flat_map(|s| [super::super::errors::heading(*s), super::super::errors::default_message(*s)]));
        for key in named {
            assert!(keys.iter().any(|k| k == key), "{key}");
        }
    }
}
