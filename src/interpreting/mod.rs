//! Interpreting: the `/tolk` pages of an area (its booking routine from
//! `interpreter_booking`, the guidance, the language list) and the decision helper
//! (`advice`) that turns a clinician's answers into a recommendation that ends in the
//! area's routine.
pub mod advice;
pub mod routes;
