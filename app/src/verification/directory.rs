//! `/petugas/bumdes`: the BUMDes of the official's region, found by name and state, each leading to
//! its page.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::Listed;
use super::dossier::state_text;
use crate::error::AppError;
use crate::i18n::*;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

/// The states as the address names them, with the state each stands for.
const STATES: [(&str, &str); 4] = [
    ("menunggu", "pending"),
    ("terverifikasi", "verified"),
    ("ditolak", "rejected"),
    ("dicabut", "revoked"),
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub region: Option<String>,
    pub found: Vec<Listed>,
}

#[server(endpoint = "bumdes_directory")]
pub async fn bumdes_directory(status: String, q: String) -> Result<Directory, AppError> {
    let me = crate::officials::session::require_official().await?;
    let state = STATES
        .iter()
        .find(|(name, _)| *name == status)
        .map(|(_, state)| *state);
    let q: String = q.trim().chars().take(100).collect();
    let found =
        super::queries::directory(&crate::state::pool(), me.region_code.as_deref(), state, &q)
            .await?;
    Ok(Directory {
        region: me.region,
        found,
    })
}

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            (
                q.get("status").unwrap_or_default(),
                q.get("q").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(asked, |(status, q)| bumdes_directory(status, q));
    view! {
        <PrivatePage data login=crate::officials::LOGIN
            page=move |directory| view! { <DirectoryView directory asked=asked() /> } />
    }
}

#[component]
fn DirectoryView(directory: Directory, asked: (String, String)) -> impl IntoView {
    let i18n = use_i18n();
    let (status, q) = asked;
    let options = (STATES.iter())
        .map(|(name, state)| {
            let selected = *name == status;
            view! { <option value=*name selected=selected>{state_text(i18n, state).0}</option> }
        })
        .collect_view();
    let empty = directory.found.is_empty();
    let rows = (directory.found.into_iter())
        .map(|listed| {
            let (state, class) = state_text(i18n, &listed.verification);
            view! {
                <li data-testid="listed">
                    <a href=super::dossier_path(listed.id)>{listed.name}</a>
                    " " <span class=class>{state}</span><br />
                    <small>{listed.village}</small>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=t_string!(i18n, directory_title).to_string() />
        <section class="dashboard" data-testid="directory">
            <p><a href="/petugas">{t!(i18n, official_back_home)}</a></p>
            <h1>{t!(i18n, directory_title)}</h1>
            <p>{t!(i18n, official_region)} " "
                <strong>{crate::officials::region_text(i18n, directory.region)}</strong></p>
            <form method="get" action="/petugas/bumdes" class="filters">
                <div class="field">
                    <label for="f-q">{t!(i18n, directory_name)}</label>
                    <input id="f-q" type="search" name="q" value=q maxlength="100" />
                </div>
                <div class="field">
                    <label for="f-status">{t!(i18n, directory_status)}</label>
                    <select id="f-status" name="status">
                        <option value="">{t!(i18n, directory_any_status)}</option>
                        {options}
                    </select>
                </div>
                <button type="submit" class="secondary">{t!(i18n, directory_find)}</button>
            </form>
            {empty.then(|| view! { <p>{t!(i18n, directory_none)}</p> })}
            <ul class="tasks">{rows}</ul>
        </section>
    }
}
