//! Officials log in at their own door, `/petugas/masuk`, with the same rules as sellers.
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::auth::LoginFields;
use crate::auth::widgets::{FormError, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::raw_text::Title;

#[server(endpoint = "official_log_in")]
pub async fn official_log_in(login: String, password: String) -> Result<(), AppError> {
    use crate::auth::{Door, authenticate};
    let account = authenticate(Door::Officials, &login, password).await?;
    crate::auth::session::start(account).await?;
    leptos_axum::redirect("/petugas");
    Ok(())
}

#[component]
pub fn OfficialLoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<OfficialLogIn>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    view! {
        <Title text=t_string!(i18n, official_login_title).to_string() />
        <section class="register" data-testid="official-login">
            <h1>{t!(i18n, official_login_title)}</h1>
            <p>{t!(i18n, official_login_intro)}</p>
            <FormError error />
            <ActionForm action><LoginFields form /></ActionForm>
        </section>
    }
}
