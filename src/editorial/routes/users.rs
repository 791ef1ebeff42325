//! Users and roles, for admins.
use super::*;

/// Roles from the least to the most privileged, for the forms.
pub(super) const ROLES_BY_PRIVILEGE: [Role; 4] = [Role::Learner, Role::LocalEditor, Role::CentralEditor, Role::Admin];

/// The field an admin ticks to say "yes, this user is to be an administrator".
pub(super) const CONFIRM_ADMIN: &str = "bekreft_admin";

/// Granting the admin role needs the confirmation field.
pub(super) fn admin_unconfirmed(role: Role, data: &FormData) -> bool {
    role == Role::Admin && data.get(CONFIRM_ADMIN) != "ja"
}

pub(super) struct UsersPageState {
    pub(super) errors: Vec<String>,
    pub(super) typed: NewUserTyped,
    pub(super) confirm: Option<AdminToConfirm>,
    pub(super) notice: Option<String>,
}

impl UsersPageState {
    pub(super) fn fresh() -> Self {
        UsersPageState { errors: Vec::new(), typed: NewUserTyped { role: Role::Learner.as_str().into(), ..Default::default() }, confirm: None, notice: None }
    }

    pub(super) fn refused(error: String) -> Self {
        UsersPageState { errors: vec![error], ..Self::fresh() }
    }
}

pub(super) async fn users_page(state: &AppState, visitor: &Admin, shown: UsersPageState) -> Result<HttpResponse, AppError> {
    let all_areas = areas::repo::all(&state.db).await?;
    let areas_of = accounts_repo::area_ids_by_user(&state.db).await?;
    let mut users = Vec::new();
    for user in accounts_repo::all(&state.db).await? {
        let area_ids = areas_of.get(&user.id).map(Vec::as_slice).unwrap_or_default();
        let theirs: Vec<&area::Model> = all_areas.iter().filter(|a| area_ids.contains(&a.id)).collect();
        users.push(UserRow {
            id: user.id,
            role_label: user.role.label(),
            role: user.role,
            email: user.email,
            name: user.name,
            area_slugs: theirs.iter().map(|a| a.slug.clone()).collect(),
            areas: theirs.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", "),
        });
    }
    let refused = !shown.errors.is_empty();
    let page = UsersPage {
        users,
        roles: ROLES_BY_PRIVILEGE
            .into_iter()
            .map(|r| Choice { value: r.as_str().into(), label: r.label().into(), selected: r.as_str() == shown.typed.role })
            .collect(),
        areas: all_areas
            .iter()
            .filter(|a| a.slug != CENTRAL)
            .map(|a| Choice { value: a.slug.clone(), label: a.name.clone(), selected: shown.typed.areas.contains(&a.slug) })
            .collect(),
        errors: shown.errors,
        typed: shown.typed,
        confirm: shown.confirm,
        notice: shown.notice,
    };
    form_page(&state.templates, "editorial/users.html", &chrome("Brukere og roller"), visitor, &page, refused)
}

pub(super) async fn list_users(visitor: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    users_page(&state, &visitor, UsersPageState::fresh()).await
}

pub(super) async fn create_user(visitor: Admin, state: web::Data<AppState>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let data = form(&body)?;
    let areas = data.all("area");
    let typed = NewUserTyped { name: data.get("name"), email: data.get("email"), role: data.get("role"), areas: areas.clone() };
    let refuse = |error: String, typed: NewUserTyped| UsersPageState { errors: vec![error], typed, confirm: None, notice: None };
    let role = match data.get("role").parse::<Role>() {
        Ok(role) => role,
        Err(error) => return users_page(&state, &visitor, refuse(error.to_string(), typed)).await,
    };
    if admin_unconfirmed(role, &data) {
        let error = "Kryss av for at den nye brukeren skal være administrator: en administrator kan endre alt, også roller.".to_owned();
        return users_page(&state, &visitor, refuse(error, typed)).await;
    }
    let new = accounts::NewAccount { email: &data.get("email"), name: &data.get("name"), password: &data.get("password"), role, areas: &areas };
    match accounts::create_account(&state.db, new, &visitor.actor()).await {
        Ok(_) => Ok(see_other("/redaksjon/brukere")),
        Err(accounts::AccountError::Database(error)) => Err(error.into()),
        Err(error) => users_page(&state, &visitor, refuse(error.to_string(), typed)).await,
    }
}

pub(super) async fn change_role(visitor: Admin, state: web::Data<AppState>, path: web::Path<UserId>, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let data = form(&body)?;
    let user_id = path.into_inner();
    let role = match data.get("role").parse::<Role>() {
        Ok(role) => role,
        Err(error) => return users_page(&state, &visitor, UsersPageState::refused(error.to_string())).await,
    };
    let user = accounts_repo::by_id(&state.db, user_id).await?.ok_or_else(|| AppError::NotFound(format!("Fant ingen bruker med nummer {user_id}.")))?;
    if admin_unconfirmed(role, &data) && user.role != Role::Admin {
        let error = format!("Vil du gjøre {} til administrator? En administrator kan endre alt, også roller.", user.name);
        let confirm = Some(AdminToConfirm { user_id, name: user.name });
        return users_page(&state, &visitor, UsersPageState { confirm, ..UsersPageState::refused(error) }).await;
    }
    match accounts::change_role(&state.db, user_id, role, &data.all("area"), &visitor.actor()).await {
        Ok(()) => Ok(see_other("/redaksjon/brukere")),
        Err(accounts::AccountError::Database(error)) => Err(error.into()),
        Err(accounts::AccountError::UnknownUser(id)) => Err(AppError::NotFound(format!("Fant ingen bruker med nummer {id}."))),
        Err(error) => users_page(&state, &visitor, UsersPageState::refused(error.to_string())).await,
    }
}

/// The admin sends a user a link to choose a new password (the user's own choice; the
/// admin never sees or sets it).
pub(super) async fn send_reset_link(visitor: Admin, state: web::Data<AppState>, path: web::Path<UserId>) -> Result<HttpResponse, AppError> {
    match crate::accounts::recovery::send_reset_link(&state.db, path.into_inner(), &visitor.actor()).await {
        Ok(email) => {
            let notice = Some(format!("En lenke for nytt passord er sendt til {email}. Den virker i én time."));
            users_page(&state, &visitor, UsersPageState { notice, ..UsersPageState::fresh() }).await
        }
        Err(accounts::AccountError::UnknownUser(id)) => Err(AppError::NotFound(format!("Fant ingen bruker med nummer {id}."))),
        Err(accounts::AccountError::Database(error)) => Err(error.into()),
        Err(error) => Err(AppError::Internal(error.to_string())),
    }
}
