//! What officials see of a BUMDes, in the queue and on its own page: the facts to check and the forms
//! of the decisions.
use leptos::form::ActionForm;
use leptos::prelude::*;

use super::decide::DecideBumdes;
use super::{Decision, Dossier};
use crate::auth::widgets::problem_text;
use crate::error::AppError;
use crate::form::FormProblems;
use crate::i18n::*;
use crate::raw_text::TextArea;

/// The state as officials and sellers read it, and its class.
pub fn state_text(
    i18n: leptos_i18n::I18nContext<Locale>,
    state: &str,
) -> (&'static str, &'static str) {
    match state {
        "verified" => (t_string!(i18n, status_verified), "status verified"),
        "rejected" => (t_string!(i18n, status_rejected), "status rejected"),
        "revoked" => (t_string!(i18n, status_revoked), "status rejected"),
        _ => (t_string!(i18n, status_pending), "status pending"),
    }
}

/// The village with its regions, registration, owner (a tap opens a chat), certificate, listings and
/// story.
#[component]
pub fn Facts(dossier: Dossier) -> impl IntoView {
    let i18n = use_i18n();
    let chat = crate::site::whatsapp_url(Some(&dossier.owner_whatsapp), None);
    let listings = if dossier.listings.is_empty() {
        t_string!(i18n, queue_no_listings).to_string()
    } else {
        dossier.listings.join(", ")
    };
    let certificate = (dossier.certificate_number)
        .unwrap_or_else(|| t_string!(i18n, queue_no_certificate).to_string());
    let photo = dossier.certificate_key.map(|key| {
        let alt = t_string!(i18n, certificate_photo_alt);
        view! {
            <a href=crate::catalogue::image_url(Some(&key), 1280) data-testid="certificate-photo">
                <img src=crate::catalogue::image_url(Some(&key), 320) alt=alt width="160" />
            </a>
        }
    });
    view! {
        <dl class="facts">
            <dt>{t!(i18n, queue_village)}</dt>
            <dd><a href=format!("/desa/{}", dossier.village_code)>{dossier.village}</a></dd>
            <dt>{t!(i18n, queue_registered)}</dt>
            <dd>{dossier.registered}</dd>
            <dt>{t!(i18n, queue_owner)}</dt>
            <dd>{dossier.owner} " · " <a href=chat rel="noopener">{dossier.owner_whatsapp}</a></dd>
            <dt>{t!(i18n, queue_certificate)}</dt>
            <dd data-testid="certificate">{certificate} {photo}</dd>
            <dt>{t!(i18n, queue_listings)}</dt>
            <dd>{listings}</dd>
        </dl>
        <p class="story">{dossier.story}</p>
    }
}

/// The forms of the decisions that can be made about a BUMDes now. A form refused for it (`form`, sent
/// back) keeps the reason as typed.
#[component]
pub fn DecisionForms(id: i64, decisions: &'static [Decision], form: FormProblems) -> impl IntoView {
    let i18n = use_i18n();
    let this = form.value("id") == id.to_string();
    // Only a form altered on its way has no decision.
    let damaged = this && form.problem("decision").is_some();
    let forms = (decisions.iter())
        .map(|&decision| view! { <DecisionForm id decision form=form.clone() this /> })
        .collect_view();
    view! {
        {damaged.then(|| view! {
            <p class="problems" role="alert">{t!(i18n, error_form_damaged)}</p>
        })}
        {forms}
    }
}

/// Verify is one button; reject and revoke ask why.
#[component]
fn DecisionForm(id: i64, decision: Decision, form: FormProblems, this: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<DecideBumdes>::new();
    let reason = decision.needs_reason().then(|| {
        let typed = if this {
            form.value("reason")
        } else {
            String::new()
        };
        let problem =
            (this.then(|| form.problem("reason")).flatten()).map(|p| problem_text(i18n, p));
        let field = format!("reason-{id}");
        let label = if decision == Decision::Revoke {
            t_string!(i18n, revoke_reason)
        } else {
            t_string!(i18n, queue_reason)
        };
        view! {
            <div class="field">
                <label for=field.clone()>{label}</label>
                <TextArea id=field name="reason" value=typed rows=3 maxlength=500 problem />
            </div>
        }
    });
    let (button, class) = match decision {
        Decision::Verify => (t_string!(i18n, queue_verify), "primary"),
        Decision::Reject => (t_string!(i18n, queue_reject), "secondary"),
        Decision::Revoke => (t_string!(i18n, revoke_button), "secondary"),
    };
    view! {
        <ActionForm action>
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="decision" value=decision.action() />
            {(!decision.needs_reason()).then(|| view! { <input type="hidden" name="reason" value="" /> })}
            {reason}
            <button type="submit" class=class>{button}</button>
        </ActionForm>
    }
}

/// A decision someone made first: the reason typed for it, to copy.
pub fn unused_reason(error: &Option<AppError>) -> Option<impl IntoView + use<>> {
    let i18n = use_i18n();
    let reason = match error {
        Some(AppError::Decided { form }) => Some(form.value("reason")),
        _ => None,
    };
    (reason.filter(|r| !r.trim().is_empty()))
        .map(|reason| view! { <p>{t!(i18n, queue_unused_reason)} " " <q>{reason}</q></p> })
}
