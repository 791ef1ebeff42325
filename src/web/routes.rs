//! The route table: method, path and handler registered together, with who may call
//! the handler read from its first argument (`web::access::Door`). The list of
//! endpoints and their access (`Routes::endpoints`) comes from the same registrations
//! that serve requests, so there is no second list to keep beside the routes.
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
