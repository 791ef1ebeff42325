//! Who may call a handler: its first argument. A handler that takes `Editor` runs only
//! for editors, `Admin` only for admins, `SignedIn` for anyone signed in; `Visitor` and
//! `Anyone` let everyone through. The route table (`web::routes`) reads the same type to
//! list each endpoint's `authz::Access`, so the signature, the route and the rule are one.
//!
//! Per-area decisions come after, in the handler, through `Visitor::may` (`authz::decide`).
use std::future::{Ready, ready};
use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::accounts::User;
use crate::authz::Access;
use crate::error::AppError;
use crate::web::session::{Visitor, refusal};

/// The first argument of a handler, which says who may call it.
pub trait Door: FromRequest {
    const ACCESS: Access;
}

impl Door for Visitor {
    const ACCESS: Access = Access::Public;
}

/// Everyone, for a handler that needs nothing of the visitor (a JSON read, a PDF).
pub struct Anyone;

impl Door for Anyone {
    const ACCESS: Access = Access::Public;
}

impl FromRequest for Anyone {
    type Error = AppError;
    type Future = Ready<Result<Anyone, AppError>>;

    fn from_request(_: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Anyone))
    }
}

/// The visitor of this request, let through `access`: the refusal otherwise is the
/// sign-in page (coming back here) or a 403 saying why.
fn let_through(req: &HttpRequest, access: Access) -> Result<(User, Visitor), AppError> {
    let visitor = req
        .extensions()
        .get::<Visitor>()
        .cloned()
        .ok_or_else(|| AppError::Internal("the visitor middleware is not installed".into()))?;
    access.check(visitor.user.as_ref()).map_err(|denied| refusal(denied, &visitor.return_to))?;
    let user = visitor.user.clone().ok_or_else(|| AppError::SignInRequired { next: visitor.return_to.clone() })?;
    Ok((user, visitor))
}

macro_rules! signed_in_door {
    ($(#[$doc:meta])* $name:ident, $access:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name {
            /// Who it is; the same user as `visitor.user`.
            pub user: User,
            pub visitor: Visitor,
        }

        impl Door for $name {
            const ACCESS: Access = $access;
        }

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Ready<Result<$name, AppError>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(let_through(req, $access).map(|(user, visitor)| $name { user, visitor }))
            }
        }

        /// Everything a handler needs of the visitor (the form token, the audit actor,
        /// `may` for per-area rules) is there as for anyone.
        impl Deref for $name {
            type Target = Visitor;

            fn deref(&self) -> &Visitor {
                &self.visitor
            }
        }
    };
}

signed_in_door!(
    /// Anyone signed in, whatever the role: a learner's own courses and data.
    SignedIn,
    Access::SignedIn
);
signed_in_door!(
    /// Admins, central and local editors: the editor pages.
    Editor,
    Access::Editor
);
signed_in_door!(
    /// Admins only: users, roles, the audit log, revoking certificates.
    Admin,
    Access::Admin
);
