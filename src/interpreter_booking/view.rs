//! The routine as a page shows it (`templates/interpreting/routine.html`).
use serde::Serialize;

use super::{Languages, Mode, repo, tel_href};
use crate::web::format;

#[derive(Serialize)]
pub struct OfferView {
    pub label: &'static str,
    pub languages: Option<String>,
}

#[derive(Serialize)]
pub struct RoutineView {
    pub phone: String,
    pub phone_href: String,
    pub booking_url: String,
    pub hours: String,
    pub offers: Vec<OfferView>,
    pub urgent: String,
    pub urgent_phone: String,
    pub urgent_href: String,
    pub updated: String,
}

pub fn routine_view(stored: &repo::StoredRoutine) -> RoutineView {
    let r = &stored.routine;
    RoutineView {
        phone_href: tel_href(&r.phone),
        phone: r.phone.clone(),
        booking_url: r.booking_url.clone(),
        hours: r.hours.clone(),
        offers: Mode::ALL.into_iter().map(|m| OfferView { label: m.label(), languages: r.offer(m).map(Languages::describe) }).collect(),
        urgent: r.urgent.clone(),
        urgent_href: tel_href(&r.urgent_phone),
        urgent_phone: r.urgent_phone.clone(),
        updated: format!("{} av {}", format::date(stored.updated_on), stored.updated_by),
    }
}

