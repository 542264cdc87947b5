//! `/petugas/verifikasi`: the BUMDes of the official's region waiting for verification, oldest first,
//! each with what to check and the two decisions.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::decide::DecideBumdes;
use super::dossier::{DecisionForms, Facts, unused_reason};
use super::{Decision, Dossier};
use crate::auth::widgets::{FormError, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::officials::Official;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub me: Official,
    pub pending: Vec<Dossier>,
}

#[server(endpoint = "verification_queue")]
pub async fn verification_queue() -> Result<Queue, AppError> {
    let me = crate::officials::session::require_official().await?;
    let pending = super::queries::queue(&crate::state::pool(), me.region_code.as_deref()).await?;
    Ok(Queue { me, pending })
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
    let unused = unused_reason(&error);
    let region = crate::officials::region_text(i18n, queue.me.region);
    let empty = queue.pending.is_empty();
    let items = (queue.pending.into_iter())
        .map(|dossier| {
            let id = dossier.id;
            view! {
                <li class="listing" data-testid="pending">
                    <h2><a href=super::dossier_path(id)>{dossier.name.clone()}</a></h2>
                    <Facts dossier />
                    <DecisionForms id decisions=&[Decision::Verify, Decision::Reject] form=form.clone() />
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=t_string!(i18n, queue_title).to_string() />
        <section class="dashboard" data-testid="queue">
            <p><a href="/petugas">{t!(i18n, official_back_home)}</a></p>
            <h1>{t!(i18n, queue_title)}</h1>
            <p>{t!(i18n, queue_intro)} " " <strong>{region}</strong></p>
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <FormError error />
            {unused}
            {empty.then(|| view! { <p>{t!(i18n, queue_empty)}</p> })}
            <ol class="listings">{items}</ol>
        </section>
    }
}
