//! Certificates: looking one up by code, its page, its PDF, and revoking it.
use super::*;

#[derive(Deserialize)]
pub(super) struct CodeQuery {
    pub(super) kode: Option<String>,
}

/// `/kursbevis?kode=...`: an employer types the code from the paper.
pub(super) async fn find_certificate(visitor: Visitor, state: web::Data<AppState>, query: web::Query<CodeQuery>) -> Result<HttpResponse, AppError> {
    let typed = query.into_inner().kode.unwrap_or_default();
    if typed.trim().is_empty() {
        let page = FindPage { typed, not_found: false };
        return render(&state.templates, "courses/find_certificate.html", &Chrome::new("Sjekk et kursbevis", None), &visitor, &page);
    }
    match codes::normalise(&typed) {
        Some(code) if repo::certificate_by_code(&state.db, &code).await?.is_some() => Ok(see_other(format!("/kursbevis/{code}"))),
        _ => {
            let page = FindPage { typed, not_found: true };
            let mut response =
                render(&state.templates, "courses/find_certificate.html", &Chrome::new("Sjekk et kursbevis", None), &visitor, &page)?;
            *response.status_mut() = StatusCode::NOT_FOUND;
            Ok(response)
        }
    }
}

pub(super) async fn certificate_of(state: &AppState, typed: &str) -> Result<certificate::Model, AppError> {
    let not_found = || AppError::NotFound(format!("Det finnes ikke noe kursbevis med koden «{typed}». Sjekk at koden er skrevet riktig."));
    let code = codes::normalise(typed).ok_or_else(not_found)?;
    repo::certificate_by_code(&state.db, &code).await?.ok_or_else(not_found)
}

/// Where an employer checks a certificate: the full address with `FAGBRO_PUBLIC_URL`,
/// else the path on this site.
pub(super) fn verification_address(state: &AppState, code: &str) -> String {
    format!("{}/kursbevis/{code}", state.config.public_url.as_deref().unwrap_or_default())
}

pub(super) async fn show_certificate(visitor: Visitor, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let typed = path.into_inner();
    let certificate = certificate_of(&state, &typed).await?;
    if certificate.code != typed {
        return Ok(see_other(format!("/kursbevis/{}", certificate.code)));
    }
    let course_url = match content_repo::item_by_id(&state.db, certificate.content_item_id).await? {
        Some(item) => areas::repo::by_id(&state.db, item.area_id).await?.map(|area| course_url(&area.slug, &item.slug)),
        None => None,
    };
    let page = CertificatePage {
        learner_name: certificate.learner_name.clone(),
        course_title: certificate.course_title.clone(),
        course_url,
        version: certificate.course_version,
        issued: format::date(certificate.issued_at.date_naive()),
        issuer: certificate.issuer.clone(),
        revoked: certificate.revoked_at.map(|at| format::date(at.date_naive())),
        revoked_reason: certificate.revoked_reason.clone().unwrap_or_default(),
        pdf_url: format!("/kursbevis/{}/pdf", certificate.code),
        verify_url: verification_address(&state, &certificate.code),
        can_revoke: visitor.user.is_some() && visitor.may(Action::RevokeCertificates).is_ok(),
        revoke_url: format!("/kursbevis/{}/trekk-tilbake", certificate.code),
        code: certificate.code,
    };
    let mut response =
        render(&state.templates, "courses/certificate.html", &Chrome::new(format!("Kursbevis {}", page.code), None), &visitor, &page)?;
    // A certificate page is looked up, not found by crawling: keep it out of search engines.
    response.headers_mut().insert(header::HeaderName::from_static("x-robots-tag"), header::HeaderValue::from_static("noindex"));
    Ok(response)
}

pub(super) async fn certificate_pdf(_: Anyone, state: web::Data<AppState>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let certificate = certificate_of(&state, &path.into_inner()).await?;
    let pdf = crate::courses::pdf::certificate(&certificate, &verification_address(&state, &certificate.code));
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"kursbevis-{}.pdf\"", certificate.code)))
        .insert_header((header::HeaderName::from_static("x-robots-tag"), header::HeaderValue::from_static("noindex")))
        .body(pdf))
}

#[derive(Deserialize)]
pub(super) struct RevokeForm {
    #[serde(default)]
    pub(super) reason: String,
}

pub(super) async fn revoke_certificate(
    visitor: Admin,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<RevokeForm>,
) -> Result<HttpResponse, AppError> {
    let certificate = certificate_of(&state, &path.into_inner()).await?;
    let reason = form.into_inner().reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::BadRequest("Skriv en kort begrunnelse (høyst 500 tegn) for å trekke tilbake kursbeviset.".into()));
    }
    crate::courses::service::revoke(&state.db, &visitor.actor(), &certificate, &reason).await?;
    Ok(see_other(format!("/kursbevis/{}", certificate.code)))
}
