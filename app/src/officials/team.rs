//! `/petugas/tim?wilayah={code}`: the officials of a region inside one's own, inviting a new one there
//! with a one-time link, and a new link or deactivation for those already there. The region is chosen
//! by going down from one's own, level by level.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::home::{LOGIN, region_text};
use super::manage::{DeactivateOfficial, NewOfficialLink};
use super::{Colleague, Official};
use crate::auth::widgets::{ContactFields, Field, FormError, problem_text, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::one_time_link::NewLink;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;
use crate::village::RegionName;

/// A region an official covers: where it sits, and the regions one level down to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// `None` for the whole country.
    pub code: Option<String>,
    /// The regions from the official's own down to this one, for going back up.
    pub trail: Vec<RegionName>,
    /// Empty at district level: villages get no officials of their own.
    pub children: Vec<RegionName>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub me: Official,
    pub place: Place,
    pub colleagues: Vec<Colleague>,
}

/// The team of `region` (empty: the official's own): 403 outside the official's region, 404 for a
/// code that is not a province, regency or district.
#[server(endpoint = "official_team")]
pub async fn official_team(region: String) -> Result<Team, AppError> {
    use super::scope::{covers, is_official_region};
    use crate::village::queries::{children, trail};

    let me = super::session::require_official().await?;
    let code = match region.trim() {
        "" => me.region_code.clone(),
        code if is_official_region(code) => Some(code.to_string()),
        _ => return Err(AppError::NotFound),
    };
    if !covers(me.region_code.as_deref(), code.as_deref()) {
        return Err(AppError::Forbidden);
    }
    let pool = crate::state::pool();
    let trail = match &code {
        Some(code) => trail(&pool, code).await?.ok_or(AppError::NotFound)?.0,
        None => Vec::new(),
    };
    // Only the part of the trail the official covers is theirs to go back to.
    let trail = (trail.into_iter())
        .filter(|r| covers(me.region_code.as_deref(), Some(&r.code)))
        .collect();
    let children = match code.as_deref() {
        Some(code) if code.len() >= "52.04.02".len() => Vec::new(),
        parent => children(&pool, parent).await?,
    };
    let children = (children.into_iter())
        .map(|r| RegionName {
            code: r.code,
            name: r.name,
        })
        .collect();
    Ok(Team {
        colleagues: super::queries::colleagues(&pool, code.as_deref()).await?,
        place: Place {
            code,
            trail,
            children,
        },
        me,
    })
}

/// Adds an official for `region` (empty: the whole country) and shows their link once.
#[server(endpoint = "invite_official")]
pub async fn invite_official(
    region: String,
    name: String,
    whatsapp: String,
    email: String,
) -> Result<(), AppError> {
    use super::new::{Invitation, add};
    use crate::throttle::{per_address, rules};

    let me = super::session::require_official().await?;
    let pool = crate::state::pool();
    // A throttled form comes back as typed.
    let mut kept = crate::form::FormProblems::default();
    for (field, value) in [("name", &name), ("whatsapp", &whatsapp), ("email", &email)] {
        kept.keep(field, value);
    }
    per_address(&pool, "undang-petugas", rules::INVITE_ADDRESS, &kept).await?;
    let typed = Invitation {
        region: &region,
        name: &name,
        whatsapp: &whatsapp,
        email: &email,
    };
    let token = add(&pool, Some((me.id, me.region_code.as_deref())), &typed)
        .await?
        .map_err(AppError::Invalid)?;
    let region = region.trim();
    leptos_axum::redirect(&format!("/petugas/tim?wilayah={region}&tautan={token}"));
    Ok(())
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let query = use_query_map();
    let region = move || query.read().get("wilayah").unwrap_or_default();
    let data = Resource::new(region, official_team);
    view! { <PrivatePage data login=LOGIN page=|team| view! { <TeamView team /> } /> }
}

#[component]
fn TeamView(team: Team) -> impl IntoView {
    let i18n = use_i18n();
    // Only what invite_official puts there: a link made of anything else is not shown as one.
    let new_link = use_query_map().with_untracked(|q| {
        q.get("tautan")
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
    });
    let here = (team.place.trail.last().map(|r| r.name.clone()))
        .unwrap_or_else(|| region_text(i18n, None));
    let me = team.me.id;
    let colleagues = team
        .colleagues
        .into_iter()
        .map(|colleague| {
            let mine = colleague.id == me;
            view! { <ColleagueItem colleague mine /> }
        })
        .collect_view();
    let deactivated = use_query_map().with_untracked(|q| q.get("nonaktif").is_some());
    // A link or deactivation refused (the official was deactivated in another tab meanwhile) says so.
    let (_, refused) = sent_back(
        (ServerAction::<NewOfficialLink>::new()
            .value()
            .get_untracked())
        .or_else(|| {
            ServerAction::<DeactivateOfficial>::new()
                .value()
                .get_untracked()
        }),
    );
    view! {
        <Title text=t_string!(i18n, team_title).to_string() />
        <section class="dashboard" data-testid="team">
            <p><a href="/petugas">{t!(i18n, official_back_home)}</a></p>
            <h1>{t!(i18n, team_title)}</h1>
            <p>{t!(i18n, team_intro)}</p>
            {deactivated.then(|| view! {
                <p class="notice" role="status">{t!(i18n, team_deactivated_notice)}</p>
            })}
            <FormError error=refused />
            {new_link.map(|token| view! {
                <NewLink path=super::link_path(&token)
                    copy_label=t_string!(i18n, team_invite_copy).to_string()
                    message=t_string!(i18n, team_invite_message).to_string() />
            })}
            <RegionChooser me=team.me place=team.place.clone() />
            <h2>{t!(i18n, team_people)} " " {here.clone()}</h2>
            <ul class="tasks" data-testid="colleagues">{colleagues}</ul>
            <InviteForm region=team.place.code.unwrap_or_default() here />
        </section>
    }
}

/// Going up the trail with links, and down one level with a form that works without JavaScript.
#[component]
fn RegionChooser(me: Official, place: Place) -> impl IntoView {
    let i18n = use_i18n();
    let link = |code: &str| format!("/petugas/tim?wilayah={code}");
    let country = me.region_code.is_none().then(|| {
        let name = region_text(i18n, None);
        let crumb = match place.code {
            None => view! { <span aria-current="page">{name}</span> }.into_any(),
            Some(_) => view! { <a href="/petugas/tim?wilayah=">{name}</a> }.into_any(),
        };
        view! { <li>{crumb}</li> }
    });
    // The region shown is the last of the trail, and not a link.
    let last = place.trail.len().saturating_sub(1);
    let trail = (place.trail.into_iter().enumerate())
        .map(|(i, r)| {
            let crumb = if i == last && place.code.is_some() {
                view! { <span aria-current="page">{r.name}</span> }.into_any()
            } else {
                view! { <a href=link(&r.code)>{r.name}</a> }.into_any()
            };
            view! { <li>{crumb}</li> }
        })
        .collect_view();
    let down = (!place.children.is_empty()).then(|| {
        let options = (place.children.into_iter())
            .map(|r| view! { <option value=r.code>{r.name}</option> })
            .collect_view();
        view! {
            <form method="get" action="/petugas/tim" class="field">
                <label for="f-wilayah">{t!(i18n, team_choose_region)}</label>
                <select id="f-wilayah" name="wilayah">{options}</select>
                <button type="submit" class="secondary">{t!(i18n, team_choose)}</button>
            </form>
        }
    });
    view! {
        <nav aria-label=t_string!(i18n, team_region) class="breadcrumb">
            <ol>{country}{trail}</ol>
        </nav>
        {down}
    }
}

#[component]
fn InviteForm(region: String, here: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<InviteOfficial>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    let region_problem = form.problem("region").map(|p| problem_text(i18n, p));
    view! {
        <h2>{t!(i18n, team_invite_title)} " " {here}</h2>
        {region_problem.map(|text| view! { <p class="problems" role="alert">{text}</p> })}
        <FormError error />
        <ActionForm action>
            <input type="hidden" name="region" value=region />
            <Field form=form.clone() name="name" label=t_string!(i18n, field_official_name).to_string()
                autocomplete="off" />
            <ContactFields form own=false />
            <button type="submit" class="primary">{t!(i18n, invite_create)}</button>
        </ActionForm>
    }
}

/// An official of the region, with a new link and deactivation for anyone but oneself.
#[component]
fn ColleagueItem(colleague: Colleague, mine: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = match (&colleague.deactivated, colleague.active) {
        (Some(on), _) => format!("{} {on}", t_string!(i18n, team_deactivated_on)),
        (None, true) => format!("{} {}", t_string!(i18n, team_active_since), colleague.since),
        (None, false) => t_string!(i18n, team_link_unused).to_string(),
    };
    let new_link = ServerAction::<NewOfficialLink>::new();
    let deactivate = ServerAction::<DeactivateOfficial>::new();
    let actions = (!mine && colleague.deactivated.is_none()).then(|| {
        view! {
            <div class="colleague-actions">
                <ActionForm action=new_link>
                    <input type="hidden" name="id" value=colleague.id />
                    <button type="submit" class="secondary">{t!(i18n, team_new_link)}</button>
                </ActionForm>
                <ActionForm action=deactivate>
                    <input type="hidden" name="id" value=colleague.id />
                    <button type="submit" class="secondary">{t!(i18n, team_deactivate)}</button>
                </ActionForm>
            </div>
        }
    });
    view! {
        <li class="colleague" data-testid="colleague">
            <span>
                <strong>{colleague.name}</strong> " · " {region_text(i18n, colleague.region)}<br />
                <small>{colleague.whatsapp} " · " {status}</small>
            </span>
            {actions}
        </li>
    }
}
