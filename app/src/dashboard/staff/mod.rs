//! The owner's staff page: who sells for the BUMDes, one-time invitation links, and removing staff.
#[cfg(feature = "ssr")]
pub mod queries;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::auth::widgets::{FormError, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::one_time_link::NewLink;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    pub whatsapp: String,
    /// "owner" or "staff"
    pub role: String,
    /// `DD-MM-YYYY`, Jakarta time.
    pub joined: String,
}

/// A link not used yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenInvite {
    pub id: i64,
    /// `DD-MM-YYYY HH:MM`, Jakarta time.
    pub expires: String,
}

/// Where an open link leads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invitation {
    pub bumdes_name: String,
    pub village_code: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffList {
    pub members: Vec<StaffMember>,
    pub invites: Vec<OpenInvite>,
}

#[server(endpoint = "staff_data")]
pub async fn staff_data() -> Result<StaffList, AppError> {
    let owner = crate::auth::session::require_owner().await?;
    let pool = crate::state::pool();
    Ok(StaffList {
        members: queries::members(&pool, owner.bumdes_id).await?,
        invites: queries::open_invites(&pool, owner.bumdes_id).await?,
    })
}

/// Makes a link and shows it once, on the staff page: only its hash is kept.
#[server(endpoint = "invite_staff")]
pub async fn invite_staff() -> Result<(), AppError> {
    let owner = crate::auth::session::require_owner().await?;
    let pool = crate::state::pool();
    let none = Default::default();
    use crate::throttle::{per_address, rules};
    per_address(&pool, "undang", rules::INVITE_ADDRESS, &none).await?;
    let token = queries::create_invite(&pool, owner.bumdes_id, owner.id).await?;
    leptos_axum::redirect(&format!("/dasbor/staf?tautan={token}"));
    Ok(())
}

#[server(endpoint = "cancel_invite")]
pub async fn cancel_invite(id: i64) -> Result<(), AppError> {
    let owner = crate::auth::session::require_owner().await?;
    let pool = crate::state::pool();
    match queries::invite_bumdes(&pool, id).await? {
        None => return Err(AppError::NotFound),
        Some(bumdes) if bumdes != owner.bumdes_id => return Err(AppError::Forbidden),
        Some(_) => {}
    }
    if !queries::cancel_invite(&pool, owner.bumdes_id, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/dasbor/staf?dibatalkan=1");
    Ok(())
}

#[server(endpoint = "remove_staff")]
pub async fn remove_staff(id: i64) -> Result<(), AppError> {
    let owner = crate::auth::session::require_owner().await?;
    let pool = crate::state::pool();
    // Owners are not removed, and another BUMDes's staff are out of reach.
    match queries::member(&pool, id).await? {
        None => return Err(AppError::NotFound),
        Some((bumdes, role)) if bumdes != owner.bumdes_id || role != "staff" => {
            return Err(AppError::Forbidden);
        }
        Some(_) => {}
    }
    if !queries::remove_staff(&pool, owner.bumdes_id, id).await? {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect("/dasbor/staf?dikeluarkan=1");
    Ok(())
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| staff_data());
    view! { <PrivatePage data page=|data| view! { <StaffView data /> } /> }
}

#[component]
fn StaffView(data: StaffList) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let (new_link, notice) = query.with_untracked(|q| {
        let notice = if q.get("dibatalkan").is_some() {
            Some(t_string!(i18n, invite_cancelled))
        } else if q.get("dikeluarkan").is_some() {
            Some(t_string!(i18n, staff_removed))
        } else {
            None
        };
        // Only what invite_staff puts there: a link made of anything else is not shown as one.
        let token = q
            .get("tautan")
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()));
        (token, notice)
    });
    let invite = ServerAction::<InviteStaff>::new();
    let (_, error) = sent_back(invite.value().get_untracked());
    let members = data
        .members
        .into_iter()
        .map(|member| view! { <Member member /> })
        .collect_view();
    let invites = (!data.invites.is_empty()).then(|| {
        let rows = data
            .invites
            .into_iter()
            .map(|open| view! { <OpenLink open /> })
            .collect_view();
        view! {
            <h2>{t!(i18n, invites_open)}</h2>
            <ul class="tasks" data-testid="open-invites">{rows}</ul>
        }
    });
    view! {
        <Title text=t_string!(i18n, staff_title).to_string() />
        <section class="dashboard" data-testid="staff">
            <p><a href="/dasbor">{t!(i18n, back_to_dashboard)}</a></p>
            <h1>{t!(i18n, staff_title)}</h1>
            <p>{t!(i18n, staff_intro)}</p>
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <FormError error />
            {new_link.map(|token| view! {
                <NewLink path=format!("/undangan/{token}") copy_label=t_string!(i18n, invite_copy).to_string()
                    message=t_string!(i18n, invite_message).to_string() />
            })}
            <h2>{t!(i18n, staff_people)}</h2>
            <ul class="tasks" data-testid="members">{members}</ul>
            <ActionForm action=invite>
                <button type="submit" class="primary">{t!(i18n, invite_create)}</button>
            </ActionForm>
            {invites}
        </section>
    }
}

#[component]
fn Member(member: StaffMember) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveStaff>::new();
    let is_staff = member.role == "staff";
    let role = if is_staff {
        t_string!(i18n, role_staff)
    } else {
        t_string!(i18n, role_owner)
    };
    view! {
        <li data-testid="member">
            <span>
                <strong>{member.name}</strong> " · " {role}<br />
                <small>{member.whatsapp} " · " {t!(i18n, staff_since)} " " {member.joined}</small>
            </span>
            {is_staff.then(|| view! {
                <ActionForm action=remove>
                    <input type="hidden" name="id" value=member.id />
                    <button type="submit" class="secondary">{t!(i18n, staff_remove)}</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn OpenLink(open: OpenInvite) -> impl IntoView {
    let i18n = use_i18n();
    let cancel = ServerAction::<CancelInvite>::new();
    view! {
        <li>
            <span>{t!(i18n, invite_valid_until)} " " {open.expires}</span>
            <ActionForm action=cancel>
                <input type="hidden" name="id" value=open.id />
                <button type="submit" class="secondary">{t!(i18n, invite_cancel)}</button>
            </ActionForm>
        </li>
    }
}
