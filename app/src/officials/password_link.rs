//! `/petugas/sandi/{token}`: a new official sets their password through the one-time link they were
//! given, and is then logged in.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::auth::widgets::{FormError, NewPasswordFields, problem_text, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::one_time_link::LinkPage;
use crate::raw_text::Title;

/// The name of the official an open link is for; `None` once it is used or expired.
#[server(endpoint = "open_official_link", input = server_fn::codec::GetUrl)]
pub async fn open_official_link(token: String) -> Result<Option<String>, AppError> {
    Ok(super::queries::link_for(&crate::state::pool(), &token).await?)
}

#[server(endpoint = "set_official_password")]
pub async fn set_official_password(
    token: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::auth::session::{Account, start};
    use crate::form::{FormProblems, Problem};

    let pool = crate::state::pool();
    let mut form = FormProblems::default();
    crate::auth::checks::new_password(&mut form, "password", &password, &password_again);
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    // A link used or made up costs no password hash (the update checks it again, atomically).
    let gone = || {
        let mut form = FormProblems::default();
        form.add("link", Problem::LinkGone);
        AppError::Invalid(form)
    };
    if super::queries::link_for(&pool, &token).await?.is_none() {
        return Err(gone());
    }
    let hash = crate::auth::password::hash(password).await?;
    let official = super::queries::set_password_by_link(&pool, &token, &hash)
        .await?
        .ok_or_else(gone)?;
    start(Account::Official(official)).await?;
    leptos_axum::redirect("/petugas?sandi=baru");
    Ok(())
}

#[component]
pub fn OfficialPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, open_official_link);
    view! {
        <LinkPage data gone=t_string!(i18n, official_link_gone).to_string()
            page=move |name| view! { <PasswordForm token=token() name /> } />
    }
}

#[component]
fn PasswordForm(token: String, name: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SetOfficialPassword>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    let gone = form.problem("link").map(|p| problem_text(i18n, p));
    view! {
        <Title text=t_string!(i18n, official_password_title).to_string() />
        <section class="register" data-testid="official-password">
            <h1>{t!(i18n, official_password_title)}</h1>
            <p>{t!(i18n, official_password_intro)} " " <strong>{name}</strong></p>
            {gone.map(|text| view! { <p class="problems" role="alert">{text}</p> })}
            <FormError error />
            <ActionForm action>
                <input type="hidden" name="token" value=token />
                <NewPasswordFields form label=t_string!(i18n, field_password).to_string() />
                <button type="submit" class="primary">{t!(i18n, official_password_submit)}</button>
            </ActionForm>
        </section>
    }
}
