//! The audit log, for admins.
use super::*;

pub(super) async fn audit_log(visitor: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows: Vec<AuditRow> = audit::latest(&state.db, 500)
        .await?
        .into_iter()
        .map(|e| AuditRow {
            at: local_time(e.at),
            actor: e.actor,
            action: e.action,
            target: e.target,
            from: e.from_address.unwrap_or_default(),
            detail: e.detail,
        })
        .collect();
    #[derive(Serialize)]
    struct AuditPage {
        rows: Vec<AuditRow>,
    }
    render(&state.templates, "editorial/audit.html", &chrome("Revisjonslogg"), &visitor, &AuditPage { rows })
}
