//! Pieces of the account forms: a labelled field with its problem, and the messages.
use leptos::prelude::*;

use crate::error::{AppError, set_page_status};
use crate::form::{FormProblems, Problem};
use crate::i18n::*;

pub fn problem_text(i18n: leptos_i18n::I18nContext<Locale>, problem: Problem) -> String {
    match problem {
        Problem::Required => t_string!(i18n, problem_required),
        Problem::TooLong => t_string!(i18n, problem_too_long),
        Problem::Phone => t_string!(i18n, problem_phone),
        Problem::Email => t_string!(i18n, problem_email),
        Problem::PasswordShort => t_string!(i18n, problem_password_short),
        Problem::PasswordsDiffer => t_string!(i18n, problem_passwords_differ),
        Problem::PhoneTaken => t_string!(i18n, problem_phone_taken),
        Problem::NameTaken => t_string!(i18n, problem_name_taken),
        Problem::EmailTaken => t_string!(i18n, problem_email_taken),
        Problem::Village => t_string!(i18n, problem_village),
        Problem::WrongLogin => t_string!(i18n, problem_wrong_login),
        Problem::WrongPassword => t_string!(i18n, problem_wrong_password),
        Problem::Price => t_string!(i18n, problem_price),
        Problem::Number => t_string!(i18n, problem_number),
        Problem::FlagshipTaken => t_string!(i18n, problem_flagship_taken),
        Problem::InviteGone => t_string!(i18n, invite_gone_body),
        Problem::PostalCode => t_string!(i18n, problem_postal_code),
        Problem::OrderPhone => t_string!(i18n, problem_order_phone),
        Problem::Characters => t_string!(i18n, problem_characters),
        Problem::Region => t_string!(i18n, problem_region),
        Problem::LinkGone => t_string!(i18n, official_link_gone),
    }
    .to_string()
}

/// What a form sent back: its problems (the page answers 400), or another error's message; a throttled
/// form keeps what was typed too.
pub fn sent_back(result: Option<Result<(), AppError>>) -> (FormProblems, Option<AppError>) {
    match result {
        Some(Err(AppError::Invalid(form))) => {
            set_page_status(http::StatusCode::BAD_REQUEST);
            (form, None)
        }
        Some(Err(AppError::Throttled { seconds, form })) => {
            crate::error::set_retry_after(seconds);
            (
                form,
                Some(AppError::Throttled {
                    seconds,
                    form: FormProblems::default(),
                }),
            )
        }
        Some(Err(other)) => {
            set_page_status(other.status());
            (FormProblems::default(), Some(other))
        }
        _ => (FormProblems::default(), None),
    }
}

/// A message for errors that are not about one field.
#[component]
pub fn FormError(error: Option<AppError>) -> impl IntoView {
    let i18n = use_i18n();
    error.map(|error| {
        view! { <p class="problems" role="alert" data-testid="form-error">{error.message(i18n)}</p> }
    })
}

/// A labelled input; its problem, if any, under it and tied to it for screen readers.
#[component]
pub fn Field(
    form: FormProblems,
    name: &'static str,
    label: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let problem_id = format!("{id}-problem");
    let problem = form.problem(name).map(|p| problem_text(i18n, p));
    // Passwords are never sent back.
    let value = if kind == "password" {
        String::new()
    } else {
        form.value(name)
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <small>{hint}</small> })}
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=problem.is_some().then_some("true")
                aria-describedby=problem.is_some().then(|| problem_id.clone())
            />
            {problem.map(|text| view! { <p class="field-problem" id=problem_id>{text}</p> })}
        </div>
    }
}

/// A WhatsApp number and an optional email: one's own, which the browser may fill in, or someone else's.
#[component]
pub fn ContactFields(form: FormProblems, #[prop(default = true)] own: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (tel, email, hint) = if own {
        ("tel", "email", t_string!(i18n, field_whatsapp_hint))
    } else {
        ("off", "off", t_string!(i18n, field_whatsapp_login_hint))
    };
    view! {
        <Field form=form.clone() name="whatsapp" label=t_string!(i18n, field_whatsapp).to_string()
            kind="tel" autocomplete=tel hint=hint.to_string() />
        <Field form name="email" label=t_string!(i18n, field_email_optional).to_string()
            kind="email" autocomplete=email required=false />
    }
}

/// A new password and its repetition, as registration and the password page ask for them.
#[component]
pub fn NewPasswordFields(form: FormProblems, label: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Field form=form.clone() name="password" label kind="password" autocomplete="new-password"
            hint=t_string!(i18n, field_password_hint).to_string() />
        <Field form name="password_again" label=t_string!(i18n, field_password_again).to_string()
            kind="password" autocomplete="new-password" />
    }
}
