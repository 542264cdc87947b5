//! The decisions as server functions: an official verifies, rejects or revokes; a rejected or revoked
//! seller asks to be checked again.
use leptos::prelude::*;

use crate::error::AppError;

/// Verifies (`decision` "verify") or rejects ("reject", with a reason the seller reads) a pending
/// BUMDes of the official's region, or revokes ("revoke", with a reason) a verified one: 403 outside
/// the region, 409 when another official decided first.
#[server(endpoint = "decide_bumdes")]
pub async fn decide_bumdes(id: String, decision: String, reason: String) -> Result<(), AppError> {
    use super::Decision;
    use super::queries::{Decider, can_decide, decide};
    use crate::form::{FormProblems, Problem};

    let me = crate::officials::session::require_official().await?;
    let who = Decider {
        official: Some(me.id),
        scope: me.region_code.as_deref(),
    };
    let pool = crate::state::pool();
    let mut form = FormProblems::default();
    form.keep("id", &id);
    crate::auth::checks::optional_text(&mut form, "reason", &reason, 500, true);
    let Some(decision) = Decision::parse(&decision) else {
        form.add("decision", Problem::Required);
        return Err(AppError::Invalid(form));
    };
    // A refused decision first: a form sent back with problems needs its BUMDes still in the state
    // that shows the form. An id that names no BUMDes is refused like one decided already, the reason
    // kept.
    let Ok(id) = id.trim().parse::<i64>() else {
        return Err(AppError::Decided { form });
    };
    refused(can_decide(&pool, &who, id, decision).await?, &form)?;
    let reason = Some(reason.trim()).filter(|r| !r.is_empty());
    if decision.needs_reason() && reason.is_none() {
        form.add("reason", Problem::Required);
    }
    if !form.problems.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let reason = reason.filter(|_| decision.needs_reason());
    refused(decide(&pool, &who, id, decision, reason).await?, &form)?;
    leptos_axum::redirect(&match decision {
        Decision::Verify => "/petugas/verifikasi?diverifikasi=1".to_string(),
        Decision::Reject => "/petugas/verifikasi?ditolak=1".to_string(),
        Decision::Revoke => format!("{}?dicabut=1", super::dossier_path(id)),
    });
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

/// The owner of a rejected or revoked BUMDes asks to be checked again, once they have fixed what was
/// said.
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
