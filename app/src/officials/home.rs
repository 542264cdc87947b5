//! An official's first page, `/petugas`: who they are, their tasks, and the coverage of the region they
//! look after.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::Official;
use crate::coverage::{Coverage, CoverageView};
use crate::error::AppError;
use crate::i18n::*;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

/// Where an official who is not logged in is sent.
pub const LOGIN: &str = "/petugas/masuk";

/// What the home page shows: the official and their region's coverage.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Console {
    pub me: Official,
    pub coverage: Coverage,
}

/// The period and order of the coverage table, as on `/petugas/wilayah/{code}`.
#[server(endpoint = "official_home")]
pub async fn official_home(periode: String, urut: String) -> Result<Console, AppError> {
    let me = super::session::require_official().await?;
    let coverage =
        crate::coverage::coverage_of(&crate::state::pool(), &me, "", &periode, &urut).await?;
    Ok(Console { me, coverage })
}

#[component]
pub fn OfficialHomePage() -> impl IntoView {
    let data = Resource::new(crate::coverage::home_choice, |(periode, urut)| {
        official_home(periode, urut)
    });
    view! { <PrivatePage data login=LOGIN page=|home: Console| view! { <Home me=home.me coverage=home.coverage /> } /> }
}

/// "Seluruh Indonesia", or the region's name with those above it.
pub fn region_text(i18n: leptos_i18n::I18nContext<Locale>, region: Option<String>) -> String {
    region.unwrap_or_else(|| t_string!(i18n, official_whole_country).to_string())
}

#[component]
fn Home(me: Official, coverage: Coverage) -> impl IntoView {
    let i18n = use_i18n();
    let log_out = ServerAction::<crate::auth::LogOut>::new();
    let new_password = use_query_map().with_untracked(|q| q.get("sandi").is_some());
    view! {
        <Title text=t_string!(i18n, official_home_title).to_string() />
        <section class="dashboard" data-testid="official-home">
            <h1>{t!(i18n, official_home_title)}</h1>
            {new_password.then(|| view! {
                <p class="notice" role="status">{t!(i18n, official_password_set)}</p>
            })}
            <p>{t!(i18n, official_greeting)} " " <strong>{me.name}</strong></p>
            <p data-testid="official-region">
                {t!(i18n, official_region)} " " <strong>{region_text(i18n, me.region)}</strong>
            </p>
            <ul class="tasks dashboard-links">
                <li><a href="/petugas/verifikasi">{t!(i18n, queue_title)}</a></li>
                <li><a href="/petugas/bumdes">{t!(i18n, directory_title)}</a></li>
                <li><a href="/petugas/tim">{t!(i18n, team_title)}</a></li>
            </ul>
            <ActionForm action=log_out>
                <button type="submit" class="secondary" data-testid="log-out">{t!(i18n, log_out)}</button>
            </ActionForm>
            <CoverageView coverage />
        </section>
    }
}
