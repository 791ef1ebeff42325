//! The route table: method, path and handler registered together, with who may call
//! the handler read from its first argument (`web::access::Door`). The list of
//! endpoints and their access (`Routes::endpoints`) comes from the same registrations
//! that serve requests, so there is no second list to keep beside the routes.
use std::sync::Arc;

use actix_web::dev::ResourceDef;
use actix_web::{FromRequest, Handler, Responder, Route, web};

use crate::authz::{Access, Endpoint};
use crate::web::access::Door;
use crate::web::page;

/// A handler whose first argument is a `Door`: its access is that door's.
pub trait Guarded<Args> {
    const ACCESS: Access;
}

macro_rules! guarded {
    ($($rest:ident),*) => {
        impl<F, D: Door, $($rest,)*> Guarded<(D, $($rest,)*)> for F
        where
            F: Handler<(D, $($rest,)*)>,
        {
            const ACCESS: Access = D::ACCESS;
        }
    };
}

guarded!();
guarded!(B);
guarded!(B, C);
guarded!(B, C, E);
guarded!(B, C, E, G);
guarded!(B, C, E, G, H);
guarded!(B, C, E, G, H, I);

/// The routes of a module, collected in order, then installed into the app.
#[derive(Default)]
pub struct Routes {
    entries: Vec<(Endpoint, Route)>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    /// A page: answers GET, and HEAD for uptime monitors and link checkers.
    pub fn page<F, Args>(&mut self, pattern: &'static str, handler: F) -> &mut Routes
    where
        F: Handler<Args> + Guarded<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add("GET", pattern, F::ACCESS, page().to(handler))
    }

    /// A form or request that changes something.
    pub fn post<F, Args>(&mut self, pattern: &'static str, handler: F) -> &mut Routes
    where
        F: Handler<Args> + Guarded<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.add("POST", pattern, F::ACCESS, web::post().to(handler))
    }

    fn add(&mut self, method: &'static str, pattern: &'static str, access: Access, route: Route) -> &mut Routes {
        self.entries.push((Endpoint { method, pattern, access }, route));
        self
    }

    /// Every endpoint with its access, in the order they were registered.
    pub fn endpoints(&self) -> Vec<Endpoint> {
        self.entries.iter().map(|(endpoint, _)| *endpoint).collect()
    }

    /// Registers every route, in order (an earlier pattern wins over a later one).
    pub fn install(self, cfg: &mut web::ServiceConfig) {
        for (endpoint, route) in self.entries {
            cfg.route(endpoint.pattern, route);
        }
    }
}

/// Every registered address and its methods: a request to a known address with a method
/// it does not take is answered 405 with `Allow`, not 404 as if the address did not exist.
#[derive(Clone)]
pub struct KnownAddresses(Arc<Vec<(ResourceDef, &'static str)>>);

impl KnownAddresses {
    pub fn of<'a>(patterns_and_methods: impl IntoIterator<Item = (&'a str, &'static str)>) -> KnownAddresses {
        let known = patterns_and_methods.into_iter().map(|(pattern, method)| (ResourceDef::new(pattern), method)).collect();
        KnownAddresses(Arc::new(known))
    }

    /// Whether a route takes `method` at `path`: a request no route takes reaches no
    /// handler, so it is answered 404 or 405 before any other check.
    pub fn takes(&self, path: &str, method: &str) -> bool {
        self.allowed(path).contains(&method)
    }

    /// The methods `path` is answered to, in a fixed order; empty for an unknown address.
    /// A page answers HEAD as it answers GET.
    pub fn allowed(&self, path: &str) -> Vec<&'static str> {
        let registered: Vec<&'static str> = self.0.iter().filter(|(address, _)| address.is_match(path)).map(|(_, method)| *method).collect();
        ["GET", "HEAD", "POST"]
            .into_iter()
            .filter(|method| registered.contains(method) || *method == "HEAD" && registered.contains(&"GET"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_known_with_the_methods_registered_for_it() {
        let known = KnownAddresses::of([("/sok", "GET"), ("/logg-ut", "POST"), ("/{area}/tema/{theme}", "GET"), ("/kurs/{id}", "GET"), ("/kurs/{id}", "POST")]);
        assert_eq!(known.allowed("/sok"), ["GET", "HEAD"]);
        assert_eq!(known.allowed("/logg-ut"), ["POST"]);
        assert_eq!(known.allowed("/vestfold/tema/tolk"), ["GET", "HEAD"]);
        assert_eq!(known.allowed("/kurs/7"), ["GET", "HEAD", "POST"]);
        assert!(known.allowed("/finnes/ikke/her/heller").is_empty());
        assert!(known.takes("/logg-ut", "POST") && !known.takes("/logg-ut", "GET") && !known.takes("/sok", "DELETE"));
    }
}
