//! `/petugas/bumdes/{id}`: one BUMDes of the official's region, its state, what can be decided about it
//! now (a verified one can be revoked) and every decision made.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::decide::DecideBumdes;
use super::dossier::{DecisionForms, Facts, state_text, unused_reason};
use super::seller_view::EventItem;
use super::{Decision, Dossier, Event};
use crate::auth::widgets::{FormError, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DossierData {
    pub dossier: Dossier,
    pub history: Vec<Event>,
}

/// 404 for no such BUMDes, 403 for one outside the official's region.
#[server(endpoint = "bumdes_dossier")]
pub async fn bumdes_dossier(id: String) -> Result<DossierData, AppError> {
    let me = crate::officials::session::require_official().await?;
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    let pool = crate::state::pool();
    let dossier = (super::queries::dossier(&pool, id).await?).ok_or(AppError::NotFound)?;
    if !crate::officials::scope::covers(me.region_code.as_deref(), Some(&dossier.village_code)) {
        return Err(AppError::Forbidden);
    }
    let history = super::queries::history(&pool, id).await?;
    Ok(DossierData { dossier, history })
}

#[component]
pub fn DossierPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        bumdes_dossier,
    );
    view! {
        <PrivatePage data login=crate::officials::LOGIN page=|data| view! { <DossierView data /> } />
    }
}

#[component]
fn DossierView(data: DossierData) -> impl IntoView {
    let i18n = use_i18n();
    let revoked = use_query_map().with_untracked(|q| q.get("dicabut").is_some());
    let action = ServerAction::<DecideBumdes>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    let unused = unused_reason(&error);
    let DossierData { dossier, history } = data;
    let id = dossier.id;
    let (state, class) = state_text(i18n, &dossier.verification);
    let since = (dossier.verified_office.clone())
        .zip(dossier.verified_on.clone())
        .map(|(office, on)| view! { " · " {t!(i18n, badge_verified_by)} " " {office} ", " {on} });
    let decisions: &'static [Decision] = match dossier.verification.as_str() {
        "pending" => &[Decision::Verify, Decision::Reject],
        "verified" => &[Decision::Revoke],
        _ => &[],
    };
    let waiting = decisions
        .is_empty()
        .then(|| view! { <p>{t!(i18n, dossier_waiting_for_seller)}</p> });
    let name = dossier.name.clone();
    let events = (history.into_iter())
        .map(|event| view! { <EventItem event /> })
        .collect_view();
    view! {
        <Title text=name.clone() />
        <section class="dashboard" data-testid="dossier">
            <p><a href="/petugas/bumdes">{t!(i18n, directory_title)}</a></p>
            <h1>{name}</h1>
            {revoked.then(|| view! { <p class="notice" role="status">{t!(i18n, dossier_revoked)}</p> })}
            <FormError error />
            {unused}
            <p><span class=class data-testid="dossier-status">{state}</span> {since}</p>
            <Facts dossier />
            <DecisionForms id decisions form />
            {waiting}
            <h2>{t!(i18n, verification_history)}</h2>
            <ul class="tasks" data-testid="verification-history">{events}</ul>
        </section>
    }
}
