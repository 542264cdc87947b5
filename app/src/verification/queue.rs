//! `/petugas/verifikasi`: the BUMDes of the official's region waiting for verification, oldest first,
//! each with what to check and the two decisions; and the seller's request to be checked again.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::Pending;
use crate::auth::widgets::{FormError, problem_text, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::officials::Official;
use crate::private_page::PrivatePage;
use crate::raw_text::{TextArea, Title};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub me: Official,
    pub pending: Vec<Pending>,
}

#[server(endpoint = "verification_queue")]
pub async fn verification_queue() -> Result<Queue, AppError> {
    let me = crate::officials::session::require_official().await?;
    let pending = super::queries::queue(&crate::state::pool(), me.region_code.as_deref()).await?;
    Ok(Queue { me, pending })
}

/// Verifies (`decision` "verify") or rejects ("reject", with a reason the seller reads) a pending
/// BUMDes of the official's region: 403 outside it, 409 when another official decided first.
#[server(endpoint = "decide_bumdes")]
pub async fn decide_bumdes(id: String, decision: String, reason: String) -> Result<(), AppError> {
    use super::Decision;
    use super::queries::{Decider, can_decide, decide};
    use crate::form::{FormProblems, Problem};

    let me = crate::officials::session::require_official().await?;
    let decision = match decision.as_str() {
        "verify" => Some(Decision::Verify),
        "reject" => Some(Decision::Reject),
        _ => None,
    };
    let who = Decider {
        official: Some(me.id),
        scope: me.region_code.as_deref(),
    };
    let pool = crate::state::pool();
    let mut form = FormProblems::default();
    form.keep("id", &id);
    crate::auth::checks::optional_text(&mut form, "reason", &reason, 500, true);
    // A refused decision first: a form sent back with problems needs its BUMDes still in the queue.
    // An id that names no BUMDes is refused like one decided already, the reason kept.
    let Ok(id) = id.trim().parse::<i64>() else {
        return Err(AppError::Decided { form });
    };
    refused(can_decide(&pool, &who, id).await?, &form)?;
    let Some(decision) = decision else {
        form.add("decision", Problem::Required);
        return Err(AppError::Invalid(form));
    };
    let reason = Some(reason.trim()).filter(|r| !r.is_empty());
    if decision == Decision::Reject && reason.is_none() {
        form.add("reason", Problem::Required);
    }
    if !form.problems.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let reason = reason.filter(|_| decision == Decision::Reject);
    refused(decide(&pool, &who, id, decision, reason).await?, &form)?;
    let done = if decision == Decision::Verify {
        "diverifikasi"
    } else {
        "ditolak"
    };
    leptos_axum::redirect(&format!("/petugas/verifikasi?{done}=1"));
    Ok(())
}

/// A decision that was not made, as the official reads it: 403 outside their region, else 409 with
/// what they typed.
#[cfg(feature = "ssr")]
fn refused(
    outcome: super::queries::Outcome,
    form: &crate::form::FormProblems,
) -> Result<(), AppError> {
    use super::queries::Outcome;
    match outcome {
        Outcome::Done => Ok(()),
        Outcome::Outside => Err(AppError::Forbidden),
        Outcome::Missing | Outcome::Changed => Err(AppError::Decided { form: form.clone() }),
    }
}

/// The owner of a rejected BUMDes asks to be checked again, once they have fixed what was said.
#[server(endpoint = "resubmit_verification")]
pub async fn resubmit_verification() -> Result<(), AppError> {
    let owner = crate::auth::session::require_owner().await?;
    let pool = crate::state::pool();
    if !super::queries::resubmit(&pool, owner.bumdes_id, &owner.name).await? {
        return Err(AppError::Decided {
            form: Default::default(),
        });
    }
    leptos_axum::redirect("/dasbor?diajukan=1");
    Ok(())
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| verification_queue());
    view! {
        <PrivatePage data login=crate::officials::LOGIN page=|queue| view! { <QueueView queue /> } />
    }
}

#[component]
fn QueueView(queue: Queue) -> impl IntoView {
    let i18n = use_i18n();
    let notice = use_query_map().with_untracked(|q| {
        if q.get("diverifikasi").is_some() {
            Some(t_string!(i18n, queue_verified))
        } else if q.get("ditolak").is_some() {
            Some(t_string!(i18n, queue_rejected))
        } else {
            None
        }
    });
    let action = ServerAction::<DecideBumdes>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    // A decision someone made first: the reason typed for it, to copy.
    let unused = match &error {
        Some(AppError::Decided { form }) => {
            Some(form.value("reason")).filter(|r| !r.trim().is_empty())
        }
        _ => None,
    };
    let region = crate::officials::region_text(i18n, queue.me.region);
    let empty = queue.pending.is_empty();
    let items = (queue.pending.into_iter())
        .map(|pending| view! { <PendingItem pending form=form.clone() /> })
        .collect_view();
    view! {
        <Title text=t_string!(i18n, queue_title).to_string() />
        <section class="dashboard" data-testid="queue">
            <p><a href="/petugas">{t!(i18n, official_back_home)}</a></p>
            <h1>{t!(i18n, queue_title)}</h1>
            <p>{t!(i18n, queue_intro)} " " <strong>{region}</strong></p>
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <FormError error />
            {unused.map(|reason| view! { <p>{t!(i18n, queue_unused_reason)} " " <q>{reason}</q></p> })}
            {empty.then(|| view! { <p>{t!(i18n, queue_empty)}</p> })}
            <ol class="listings">{items}</ol>
        </section>
    }
}

#[component]
fn PendingItem(pending: Pending, form: crate::form::FormProblems) -> impl IntoView {
    let i18n = use_i18n();
    let verify = ServerAction::<DecideBumdes>::new();
    let reject = ServerAction::<DecideBumdes>::new();
    // A refused rejection comes back to its own BUMDes, with the reason as typed.
    let this = form.value("id") == pending.id.to_string();
    let typed = if this {
        form.value("reason")
    } else {
        String::new()
    };
    let problem = (this.then(|| form.problem("reason")).flatten()).map(|p| problem_text(i18n, p));
    // Only a form altered on its way has no decision.
    let damaged = this && form.problem("decision").is_some();
    let chat = crate::site::whatsapp_url(Some(&pending.owner_whatsapp), None);
    let reason_id = format!("reason-{}", pending.id);
    let listings = if pending.listings.is_empty() {
        t_string!(i18n, queue_no_listings).to_string()
    } else {
        pending.listings.join(", ")
    };
    let certificate = pending
        .certificate_number
        .unwrap_or_else(|| t_string!(i18n, queue_no_certificate).to_string());
    view! {
        <li class="listing" data-testid="pending">
            <h2>{pending.name}</h2>
            <dl class="facts">
                <dt>{t!(i18n, queue_village)}</dt>
                <dd><a href=format!("/desa/{}", pending.village_code)>{pending.village}</a></dd>
                <dt>{t!(i18n, queue_registered)}</dt>
                <dd>{pending.registered}</dd>
                <dt>{t!(i18n, queue_owner)}</dt>
                <dd>{pending.owner} " · " <a href=chat rel="noopener">{pending.owner_whatsapp}</a></dd>
                <dt>{t!(i18n, queue_certificate)}</dt>
                <dd data-testid="certificate">{certificate}</dd>
                <dt>{t!(i18n, queue_listings)}</dt>
                <dd>{listings}</dd>
            </dl>
            <p class="story">{pending.story}</p>
            {damaged.then(|| view! {
                <p class="problems" role="alert">{t!(i18n, error_form_damaged)}</p>
            })}
            <ActionForm action=verify>
                <input type="hidden" name="id" value=pending.id />
                <input type="hidden" name="decision" value="verify" />
                <input type="hidden" name="reason" value="" />
                <button type="submit" class="primary">{t!(i18n, queue_verify)}</button>
            </ActionForm>
            <ActionForm action=reject>
                <input type="hidden" name="id" value=pending.id />
                <input type="hidden" name="decision" value="reject" />
                <div class="field">
                    <label for=reason_id.clone()>{t!(i18n, queue_reason)}</label>
                    <TextArea id=reason_id name="reason" value=typed rows=3 maxlength=500 problem />
                </div>
                <button type="submit" class="secondary">{t!(i18n, queue_reject)}</button>
            </ActionForm>
        </li>
    }
}
