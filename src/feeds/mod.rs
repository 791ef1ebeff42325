//! fagbro among the tools people already use: Atom feeds of an area's news and events,
//! its calendar for calendar apps, and the sitemap and robots rules for search engines.
//! Every address in them is absolute (`FAGBRO_PUBLIC_URL`), and each answers a repeated
//! request with 304 when nothing changed.
pub mod atom;
pub mod ical;
pub mod routes;
pub mod sitemap;
