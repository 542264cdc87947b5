//! Password hashing (argon2id) and the page to choose a new password.
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::widgets::{Field, FormError, NewPasswordFields, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::raw_text::Title;

/// argon2id in the PHC string format. Off the async threads: it takes tens of milliseconds on purpose.
#[cfg(feature = "ssr")]
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AppError::internal("hashing a password", e))
}

#[cfg(feature = "ssr")]
pub async fn verify(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .map_err(|e| AppError::internal("checking a password", e))
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::form::{FormProblems, Problem};

    let seller = super::session::require_seller().await?;
    let pool = crate::state::pool();
    let mut form = FormProblems::default();
    super::checks::new_password(&mut form, "password", &password, &password_again);
    if !verify(
        current,
        super::queries::password_hash(&pool, seller.id).await?,
    )
    .await?
    {
        form.add("current", Problem::WrongPassword);
    }
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let token = super::session::token().unwrap_or_default();
    super::queries::set_password(&pool, seller.id, &hash(password).await?, &token).await?;
    leptos_axum::redirect("/dasbor?sandi=baru");
    Ok(())
}

/// Whether someone is logged in to change a password: guests are sent to log in.
#[server(endpoint = "password_form")]
pub async fn password_form() -> Result<(), AppError> {
    super::session::require_seller().await?;
    Ok(())
}

#[component]
pub fn PasswordPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| password_form());
    view! { <crate::private_page::PrivatePage data page=|()| view! { <PasswordForm /> } /> }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    view! {
        <Title text=t_string!(i18n, password_title).to_string() />
        <section class="register" data-testid="password-form">
            <h1>{t!(i18n, password_title)}</h1>
            <FormError error />
            <ActionForm action>
                <Field form=form.clone() name="current" label=t_string!(i18n, field_password_current).to_string()
                    kind="password" autocomplete="current-password" />
                <NewPasswordFields form label=t_string!(i18n, field_password_new).to_string() />
                <button type="submit" class="primary">{t!(i18n, password_submit)}</button>
            </ActionForm>
            <p><a href="/dasbor">{t!(i18n, back_to_dashboard)}</a></p>
        </section>
    }
}
