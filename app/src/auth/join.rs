//! Joining a BUMDes as staff through the owner's one-time link: the person makes their own account.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::widgets::{ContactFields, Field, FormError, NewPasswordFields, problem_text, sent_back};
use crate::dashboard::staff::Invitation;
use crate::error::AppError;
use crate::i18n::*;
use crate::one_time_link::LinkPage;
use crate::raw_text::Title;

/// The BUMDes an open link invites to; `None` once it is used, cancelled or expired.
#[server(endpoint = "open_invitation", input = server_fn::codec::GetUrl)]
pub async fn open_invitation(token: String) -> Result<Option<Invitation>, AppError> {
    Ok(crate::dashboard::staff::queries::invitation(&crate::state::pool(), &token).await?)
}

#[server(endpoint = "join_bumdes")]
pub async fn join_bumdes(
    token: String,
    name: String,
    whatsapp: String,
    email: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use super::checks;
    use crate::dashboard::staff::queries::{NewStaff, invitation, join};
    use crate::form::{FormProblems, Problem};

    let mut form = FormProblems::default();
    checks::text(&mut form, "name", &name, 80);
    let number = checks::whatsapp(&mut form, "whatsapp", &whatsapp);
    let email = checks::email(&mut form, "email", &email);
    checks::new_password(&mut form, "password", &password, &password_again);
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let pool = crate::state::pool();
    // A link used, cancelled or made up costs no password hash (`join` checks it again, atomically).
    if invitation(&pool, &token).await?.is_none() {
        form.add("invite", Problem::InviteGone);
        return Err(AppError::Invalid(form));
    }
    use crate::throttle::{per_address, rules};
    per_address(&pool, "akun-baru", rules::ACCOUNTS_ADDRESS, &form).await?;
    let staff = NewStaff {
        name: &name,
        whatsapp: &number,
        email: email.as_deref(),
        password_hash: &super::password::hash(password).await?,
    };
    let created = join(&pool, &token, &staff).await?;
    super::session::welcome(created, form).await
}

#[component]
pub fn JoinPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, open_invitation);
    view! {
        <LinkPage data gone=t_string!(i18n, invite_gone_body).to_string()
            page=move |invite| view! { <JoinForm token=token() invite /> } />
    }
}

#[component]
fn JoinForm(token: String, invite: Invitation) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<JoinBumdes>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    let gone = form.problem("invite").map(|p| problem_text(i18n, p));
    view! {
        <Title text=t_string!(i18n, join_title).to_string() />
        <section class="register" data-testid="join">
            <h1>{t!(i18n, join_title)}</h1>
            <p>{t!(i18n, join_intro)} " " <strong>{invite.bumdes_name}</strong></p>
            {gone.map(|text| view! { <p class="problems" role="alert">{text}</p> })}
            <FormError error />
            <ActionForm action>
                <input type="hidden" name="token" value=token />
                <Field form=form.clone() name="name" label=t_string!(i18n, field_your_name).to_string()
                    autocomplete="name" />
                <ContactFields form=form.clone() />
                <NewPasswordFields form label=t_string!(i18n, field_password).to_string() />
                <button type="submit" class="primary">{t!(i18n, join_submit)}</button>
            </ActionForm>
        </section>
    }
}
