//! The decision helper's rules: from what the clinician answers to a recommendation.
//! Grounded in Helsedirektoratet's guideline on interpreters in health services and in
//! tolkeloven: a qualified interpreter whenever the patient's Norwegian is not enough,
//! never a child, a relative only in an emergency (and then the reason in the record).
use serde::Serialize;

use crate::interpreter_booking::{Mode, Routine};
use crate::lang::Lang;

/// The language the patient needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Need {
    Spoken(Lang),
    /// Norwegian sign language; `tactile` for a deafblind patient.
    SignLanguage { tactile: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Urgency {
    Planned,
    Urgent,
}

/// Who has offered to interpret instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offered {
    Nobody,
    Child,
    Relative,
    BilingualStaff,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Situation {
    pub need: Need,
    pub urgency: Urgency,
    /// The modes this conversation can use (a room for an interpreter, a screen, a phone).
    pub possible: Vec<Mode>,
    pub offered: Offered,
}

/// How serious a line of advice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weight {
    Must,
    Warning,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub weight: Weight,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Advice {
    /// The mode to book, when one fits the conversation and the routine.
    pub mode: Option<Mode>,
    pub lines: Vec<Line>,
    /// Book through the national sign language service, not the area's routine.
    pub sign_language: bool,
}

fn line(weight: Weight, text: impl Into<String>) -> Line {
    Line { weight, text: text.into() }
}

/// The order modes are preferred in: on site when there is time (best for difficult
/// conversations), the quickest when there is not.
fn preference(urgency: Urgency) -> [Mode; 3] {
    match urgency {
        Urgency::Planned => [Mode::OnSite, Mode::Video, Mode::Telephone],
        Urgency::Urgent => [Mode::Telephone, Mode::Video, Mode::OnSite],
    }
}

pub fn advise(situation: &Situation, routine: Option<&Routine>) -> Advice {
    let mut lines = Vec::new();
    match situation.offered {
        Offered::Child => lines.push(line(Weight::Must, "Barn skal aldri brukes som tolk, heller ikke for et øyeblikk. Bestill kvalifisert tolk.")),
        Offered::Relative => lines.push(line(match situation.urgency {
            Urgency::Planned => Weight::Must,
            Urgency::Urgent => Weight::Warning,
        }, match situation.urgency {
            Urgency::Planned => "Pårørende skal ikke tolke en planlagt samtale. Bestill kvalifisert tolk.",
            Urgency::Urgent => "Pårørende kan bare tolke i en nødsituasjon når kvalifisert tolk ikke kan skaffes i tide. Skriv i journalen hvorfor, og bruk kvalifisert tolk så snart det går.",
        })),
        Offered::BilingualStaff => lines.push(line(Weight::Warning, "En kollega som snakker språket er ikke tolk og har en annen rolle i samtalen. Bruk kvalifisert tolk.")),
        Offered::Nobody => {}
    }
    let spoken = match &situation.need {
        Need::SignLanguage { tactile } => {
            lines.push(line(Weight::Must, "Bestill tegnspråktolk hos NAV Tolketjenesten. Tolken kan komme til stede eller tolke over video."));
            if *tactile {
                lines.push(line(Weight::Note, "For en døvblind pasient: be om taktil tolking (tegn i hendene) eller tolk med ledsaging."));
            }
            let mode = preference(situation.urgency).into_iter().find(|m| *m != Mode::Telephone && situation.possible.contains(m));
            return Advice { mode, lines, sign_language: true };
        }
        Need::Spoken(lang) => lang,
    };
    lines.push(line(Weight::Must, format!(
        "Bruk kvalifisert tolk i {}, helst fra Nasjonalt tolkeregister (kategori A eller B er best).",
        spoken.name_in_bokmal()
    )));
    let offered = |mode: Mode| routine.is_none_or(|r| r.offers(mode, spoken));
    let mode = preference(situation.urgency).into_iter().find(|m| situation.possible.contains(m) && offered(*m));
    match (mode, routine) {
        (Some(_), _) => {}
        (None, _) if situation.possible.is_empty() => {
            lines.push(line(Weight::Note, "Kryss av for hvilke måter samtalen kan tolkes på, så foreslår vi én."));
        }
        (None, Some(routine)) => {
            let elsewhere: Vec<&str> = Mode::ALL.into_iter().filter(|m| routine.offers(*m, spoken)).map(Mode::label).collect();
            lines.push(line(Weight::Warning, match elsewhere.is_empty() {
                true => format!("Områdets rutine nevner ikke {} for måtene du krysset av. Ring tolkebestillingen og spør.", spoken.name_in_bokmal()),
                false => format!("Områdets rutine tilbyr {} slik: {}. Vurder om samtalen kan gjøres slik.", spoken.name_in_bokmal(), elsewhere.join(", ").to_lowercase()),
            }));
        }
        (None, None) => {}
    }
    if situation.urgency == Urgency::Urgent {
        lines.push(line(Weight::Note, "Haster det: telefontolk er raskest å få. Bruk områdets akuttrute nedenfor."));
    }
    Advice { mode, lines, sign_language: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interpreter_booking::Languages;

    fn lang(code: &str) -> Lang {
        Lang::parse(code).unwrap()
    }

    /// Vestfold's sample routine: on site for a few languages, video and telephone for all.
    fn routine() -> Routine {
        Routine {
            booking_url: "https://tolk.example.no".into(),
            phone: "33 34 20 00".into(),
            hours: "Hverdager 08–15".into(),
            on_site: Some(Languages::Only(vec![lang("ar"), lang("so"), lang("pl")])),
            video: Some(Languages::Every),
            telephone: Some(Languages::Every),
            urgent: "Legevakten ringer telefontolk døgnet rundt.".into(),
            urgent_phone: "33 34 20 99".into(),
        }
    }

    fn situation(code: &str, urgency: Urgency, possible: &[Mode], offered: Offered) -> Situation {
        Situation { need: Need::Spoken(lang(code)), urgency, possible: possible.to_vec(), offered }
    }

    #[test]
    fn a_planned_conversation_gets_an_interpreter_on_site_when_the_routine_has_one_for_the_language() {
        let all = [Mode::OnSite, Mode::Video, Mode::Telephone];
        let advice = advise(&situation("so", Urgency::Planned, &all, Offered::Nobody), Some(&routine()));
        assert_eq!(advice.mode, Some(Mode::OnSite));
        assert!(advice.lines[0].text.starts_with("Bruk kvalifisert tolk i somali"));
        // Tigrinya is not offered on site here: video instead.
        assert_eq!(advise(&situation("ti", Urgency::Planned, &all, Offered::Nobody), Some(&routine())).mode, Some(Mode::Video));
    }

    #[test]
    fn an_urgent_conversation_gets_the_quickest_mode() {
        let all = [Mode::OnSite, Mode::Video, Mode::Telephone];
        let advice = advise(&situation("ar", Urgency::Urgent, &all, Offered::Nobody), Some(&routine()));
        assert_eq!(advice.mode, Some(Mode::Telephone));
        assert!(advice.lines.iter().any(|l| l.text.contains("akuttrute")));
        assert_eq!(advise(&situation("ar", Urgency::Urgent, &[Mode::OnSite], Offered::Nobody), Some(&routine())).mode, Some(Mode::OnSite));
    }

    #[test]
    fn a_child_never_interprets_and_a_relative_only_in_an_emergency_with_the_reason_recorded() {
        let child = advise(&situation("ar", Urgency::Urgent, &[Mode::Telephone], Offered::Child), Some(&routine()));
        assert_eq!(child.lines[0], line(Weight::Must, "Barn skal aldri brukes som tolk, heller ikke for et øyeblikk. Bestill kvalifisert tolk."));
        let planned = advise(&situation("ar", Urgency::Planned, &[Mode::Video], Offered::Relative), Some(&routine()));
        assert_eq!(planned.lines[0].weight, Weight::Must);
        let urgent = advise(&situation("ar", Urgency::Urgent, &[Mode::Video], Offered::Relative), Some(&routine()));
        assert_eq!(urgent.lines[0].weight, Weight::Warning);
        assert!(urgent.lines[0].text.contains("Skriv i journalen hvorfor"));
        let colleague = advise(&situation("pl", Urgency::Planned, &[Mode::Video], Offered::BilingualStaff), Some(&routine()));
        assert!(colleague.lines[0].text.starts_with("En kollega som snakker språket er ikke tolk"));
    }

    #[test]
    fn when_nothing_ticked_fits_the_routine_the_helper_says_what_the_routine_has() {
        let advice = advise(&situation("ti", Urgency::Planned, &[Mode::OnSite], Offered::Nobody), Some(&routine()));
        assert_eq!(advice.mode, None);
        assert!(advice.lines.iter().any(|l| l.text == "Områdets rutine tilbyr tigrinja slik: skjermtolking (video), telefontolking. Vurder om samtalen kan gjøres slik."));
        let none_ticked = advise(&situation("ti", Urgency::Planned, &[], Offered::Nobody), Some(&routine()));
        assert!(none_ticked.lines.iter().any(|l| l.text.starts_with("Kryss av")));
        // Without a routine (central), the helper still recommends by the conversation alone.
        assert_eq!(advise(&situation("ti", Urgency::Planned, &[Mode::OnSite], Offered::Nobody), None).mode, Some(Mode::OnSite));
    }

    #[test]
    fn sign_language_goes_to_the_national_service_never_by_telephone() {
        let need = Need::SignLanguage { tactile: true };
        let advice = advise(&Situation { need, urgency: Urgency::Urgent, possible: vec![Mode::Telephone, Mode::Video], offered: Offered::Nobody }, Some(&routine()));
        assert!(advice.sign_language);
        assert_eq!(advice.mode, Some(Mode::Video));
        assert!(advice.lines.iter().any(|l| l.text.contains("taktil")));
    }
}
