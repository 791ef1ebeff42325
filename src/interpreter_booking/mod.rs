//! Each area's routine for booking a qualified interpreter, kept by the area's editors as
//! data: how to book (phone, portal, hours), which modes are offered for which languages,
//! and the urgent route. Plain data below content, so any page of the area can show it;
//! the helper that recommends from it is `interpreting`.
pub mod repo;
pub mod view;

use serde::Serialize;

use crate::lang::Lang;
use crate::web::forms::FormData;

/// How the interpreter takes part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    OnSite,
    Video,
    Telephone,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::OnSite, Mode::Video, Mode::Telephone];

    /// The value in forms and addresses.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::OnSite => "oppmote",
            Mode::Video => "video",
            Mode::Telephone => "telefon",
        }
    }

    pub fn parse(value: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Mode::OnSite => "Tolk til stede (oppmøte)",
            Mode::Video => "Skjermtolking (video)",
            Mode::Telephone => "Telefontolking",
        }
    }
}

/// The languages a mode is offered for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Languages {
    Every,
    Only(Vec<Lang>),
}

impl Languages {
    pub fn covers(&self, lang: &Lang) -> bool {
        match self {
            Languages::Every => true,
            Languages::Only(langs) => langs.contains(lang),
        }
    }

    /// As stored: `*` or codes separated by commas.
    pub fn to_stored(&self) -> String {
        match self {
            Languages::Every => "*".to_owned(),
            Languages::Only(langs) => langs.iter().map(Lang::as_str).collect::<Vec<_>>().join(","),
        }
    }

    /// What an editor typed (`*`, "alle", or codes separated by commas or spaces); the
    /// first code that is not one is the error.
    pub fn parse(typed: &str) -> Result<Languages, String> {
        let typed = typed.trim();
        if typed == "*" || typed.eq_ignore_ascii_case("alle") {
            return Ok(Languages::Every);
        }
        let mut langs = Vec::new();
        for code in typed.split([',', ' ']).map(str::trim).filter(|c| !c.is_empty()) {
            let lang = Lang::parse(&code.to_lowercase()).map_err(|_| format!("«{code}» er ikke en språkkode (som ar, so, pl)"))?;
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
        if langs.is_empty() {
            return Err("skriv «alle» eller språkkodene, som «ar, so, pl»".to_owned());
        }
        Ok(Languages::Only(langs))
    }

    pub fn describe(&self) -> String {
        match self {
            Languages::Every => "alle språk".to_owned(),
            Languages::Only(langs) => langs.iter().map(|l| l.name_in_bokmal().to_owned()).collect::<Vec<_>>().join(", "),
        }
    }
}

/// An area's booking routine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Routine {
    /// The booking portal, when there is one.
    pub booking_url: String,
    pub phone: String,
    /// When the booking answers ("hverdager 08–15").
    pub hours: String,
    pub on_site: Option<Languages>,
    pub video: Option<Languages>,
    pub telephone: Option<Languages>,
    /// What to do when it cannot wait (legevakt, nights and weekends).
    pub urgent: String,
    pub urgent_phone: String,
}

impl Routine {
    pub fn offer(&self, mode: Mode) -> Option<&Languages> {
        match mode {
            Mode::OnSite => self.on_site.as_ref(),
            Mode::Video => self.video.as_ref(),
            Mode::Telephone => self.telephone.as_ref(),
        }
    }

    pub fn offers(&self, mode: Mode, lang: &Lang) -> bool {
        self.offer(mode).is_some_and(|langs| langs.covers(lang))
    }
}

/// A routine as typed (in the editors' form or a content file), before it is checked.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RoutineFields {
    pub booking_url: String,
    pub phone: String,
    pub hours: String,
    pub on_site: String,
    pub video: String,
    pub telephone: String,
    pub urgent: String,
    pub urgent_phone: String,
}

impl RoutineFields {
    pub fn of(routine: &Routine) -> RoutineFields {
        let typed = |langs: Option<&Languages>| match langs {
            None => String::new(),
            Some(Languages::Every) => "alle".to_owned(),
            Some(langs) => langs.to_stored().replace(',', ", "),
        };
        RoutineFields {
            booking_url: routine.booking_url.clone(),
            phone: routine.phone.clone(),
            hours: routine.hours.clone(),
            on_site: typed(routine.on_site.as_ref()),
            video: typed(routine.video.as_ref()),
            telephone: typed(routine.telephone.as_ref()),
            urgent: routine.urgent.clone(),
            urgent_phone: routine.urgent_phone.clone(),
        }
    }

    pub fn from_form(data: &FormData) -> RoutineFields {
        RoutineFields {
            booking_url: data.get("booking_url").trim().to_owned(),
            phone: data.get("phone").trim().to_owned(),
            hours: data.get("hours").trim().to_owned(),
            on_site: data.get("on_site").trim().to_owned(),
            video: data.get("video").trim().to_owned(),
            telephone: data.get("telephone").trim().to_owned(),
            urgent: data.get("urgent").trim().to_owned(),
            urgent_phone: data.get("urgent_phone").trim().to_owned(),
        }
    }

    /// The routine these fields describe, or every problem with them.
    pub fn routine(&self) -> Result<Routine, Vec<String>> {
        let mut problems = Vec::new();
        let phone = |label: &str, typed: &str, problems: &mut Vec<String>| {
            let ok = typed.chars().all(|c| c.is_ascii_digit() || " +-".contains(c)) && typed.chars().filter(char::is_ascii_digit).count() >= 3;
            if !ok {
                problems.push(format!("{label}: skriv et telefonnummer med sifre, som «33 34 20 00»."));
            }
        };
        phone("Telefon for bestilling", &self.phone, &mut problems);
        phone("Telefon når det haster", &self.urgent_phone, &mut problems);
        if !self.booking_url.is_empty() && !self.booking_url.starts_with("https://") {
            problems.push("Bestillingsportalen: skriv hele adressen, som begynner med https://, eller la feltet stå tomt.".to_owned());
        }
        for (label, text, max) in [("Åpningstid", &self.hours, 200), ("Når det haster", &self.urgent, 1000), ("Bestillingsportalen", &self.booking_url, 500)] {
            if text.chars().count() > max {
                problems.push(format!("{label} kan ha høyst {max} tegn."));
            }
        }
        if self.hours.is_empty() {
            problems.push("Åpningstid mangler: når svarer bestillingen?".to_owned());
        }
        if self.urgent.is_empty() {
            problems.push("Skriv hva man gjør når det haster (kveld, natt, legevakt).".to_owned());
        }
        let mut langs = |label: &str, typed: &str| match typed {
            "" => None,
            typed => Languages::parse(typed).map_err(|why| problems.push(format!("{label}: {why}."))).ok(),
        };
        let (on_site, video, telephone) = (langs("Oppmøte", &self.on_site), langs("Video", &self.video), langs("Telefon", &self.telephone));
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Routine {
            booking_url: self.booking_url.clone(),
            phone: self.phone.clone(),
            hours: self.hours.clone(),
            on_site,
            video,
            telephone,
            urgent: self.urgent.clone(),
            urgent_phone: self.urgent_phone.clone(),
        })
    }
}

/// A phone number as a `tel:` address: digits and a leading +, nothing else.
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_typed_as_codes_or_all_and_a_wrong_code_is_named() {
        assert_eq!(Languages::parse(" alle "), Ok(Languages::Every));
        let some = Languages::parse("ar, so pl,ar").unwrap();
        assert_eq!(some.to_stored(), "ar,so,pl");
        assert!(some.covers(&Lang::parse("so").unwrap()) && !some.covers(&Lang::parse("ti").unwrap()));
        assert_eq!(Languages::parse("ar, somali").unwrap_err(), "«somali» er ikke en språkkode (som ar, so, pl)");
        assert!(Languages::parse(" ").is_err());
        assert_eq!(tel_href("+47 33 34 20 00"), "tel:+4733342000");
    }
}
