//! Logging in (throttled per account and per address) and out.
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::widgets::{Field, FormError, sent_back};
use crate::error::AppError;
use crate::form::FormProblems;
use crate::i18n::*;
use crate::raw_text::Title;

#[server(endpoint = "log_in")]
pub async fn log_in(login: String, password: String) -> Result<(), AppError> {
    let account = authenticate(Door::Sellers, &login, password).await?;
    super::session::start(account).await?;
    leptos_axum::redirect("/dasbor");
    Ok(())
}

/// Where someone logs in: sellers at `/masuk`, officials at `/petugas/masuk`. Each door has its own
/// accounts and its own count of failures per account.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
pub enum Door {
    Sellers,
    Officials,
}

/// The account behind a login and password, throttled per account and per address; a wrong one comes
/// back as the form's problem, with the login kept.
#[cfg(feature = "ssr")]
pub async fn authenticate(
    door: Door,
    login: &str,
    password: String,
) -> Result<super::session::Account, AppError> {
    use super::session::Account;
    use crate::form::Problem;
    use crate::throttle::rules;

    let pool = crate::state::pool();
    let mut form = FormProblems::default();
    form.keep("login", login);
    // A number is looked up as +62…, anything with an @ as an email.
    let account = if login.contains('@') {
        login.trim().to_lowercase()
    } else {
        crate::phone::normalise(login).unwrap_or_else(|| login.trim().to_string())
    };
    // No account is that long or holds a control character.
    if account.chars().count() > 200 || account.chars().any(char::is_control) {
        form.add("login", Problem::WrongLogin);
        return Err(AppError::Invalid(form));
    }
    let kind = match door {
        Door::Sellers => "akun",
        Door::Officials => "petugas",
    };
    let address = crate::address::request_address().await;
    let here = format!("{kind}:{account}@{address}");
    // Each attempt counts before the password is checked: attempts sent at once cannot all pass. The
    // address first: one that must wait adds no count to any account.
    crate::throttle::check(
        &pool,
        &[
            (format!("ip:{address}").as_str(), rules::LOGIN_ADDRESS),
            (here.as_str(), rules::LOGIN_ACCOUNT_HERE),
            (format!("{kind}:{account}").as_str(), rules::LOGIN_ACCOUNT),
        ],
        &form,
    )
    .await?;
    let found = match door {
        Door::Sellers => super::queries::login_account(&pool, &account)
            .await?
            .map(|(id, hash)| (Account::Seller(id), hash)),
        Door::Officials => crate::officials::queries::login_account(&pool, &account)
            .await?
            .map(|(id, hash)| (Account::Official(id), hash)),
    };
    // An unknown account costs the same time as a wrong password, so timing does not tell them apart.
    let (found, hash) = match found {
        Some((account, hash)) => (Some(account), hash),
        None => (None, DUMMY_HASH.to_string()),
    };
    let verified = super::password::verify(password, hash).await?;
    match found {
        Some(account) if verified => {
            crate::throttle::forget(&pool, &here).await?;
            Ok(account)
        }
        _ => {
            form.add("login", Problem::WrongLogin);
            Err(AppError::Invalid(form))
        }
    }
}

/// argon2id of a random password nobody knows, with the same parameters as real ones.
#[cfg(feature = "ssr")]
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9iDBzAoKLzTx0nqd0w9DLyo29N3/3LIvkvHyqD5Xqh0";

#[server(endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    super::session::end().await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogIn>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    view! {
        <Title text=t_string!(i18n, login_title).to_string() />
        <section class="register" data-testid="login-form">
            <h1>{t!(i18n, login_title)}</h1>
            <p>{t!(i18n, login_intro)}</p>
            <FormError error />
            <ActionForm action><LoginFields form /></ActionForm>
            <p>{t!(i18n, login_no_account)} " " <a href="/daftar">{t!(i18n, register_title)}</a></p>
        </section>
    }
}

/// The fields of a login form, sellers' or officials'.
#[component]
pub fn LoginFields(form: FormProblems) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field form=form.clone() name="login" label=t_string!(i18n, field_login).to_string()
            autocomplete="username" />
        <Field form name="password" label=t_string!(i18n, field_password).to_string()
            kind="password" autocomplete="current-password" />
        <button type="submit" class="primary">{t!(i18n, login_submit)}</button>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    /// The stand-in hash must be a real argon2id hash, or an unknown account would answer faster.
    #[test]
    fn the_stand_in_hash_is_checked_like_a_real_one() {
        assert!(matches!(
            password_auth::verify_password("anything", super::DUMMY_HASH),
            Err(password_auth::VerifyError::PasswordInvalid)
        ));
    }
}
