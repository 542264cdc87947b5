//! Registering a BUMDes: first its village (searched by name or picked province by province), then a
//! form. Both work without JavaScript.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::widgets::{ContactFields, Field, FormError, NewPasswordFields, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::not_found::{ErrorPage, NotFound};
use crate::raw_text::Title;
use crate::village::{Trail, find_regions, is_village, regions_under};

/// Where a picked region leads: a village to the form, anything else one level down.
fn pick_url(code: &str) -> String {
    if is_village(code) {
        format!("/daftar/desa/{code}")
    } else {
        format!("/daftar?wilayah={code}")
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let within = move || query.read().get("wilayah").filter(|c| !c.is_empty());
    let typed = move || query.read().get("cari").unwrap_or_default();
    let listing = Resource::new(within, regions_under);
    let found = Resource::new(typed, find_regions);
    view! {
        <Title text=t_string!(i18n, register_title).to_string() />
        <section class="register" data-testid="register-village">
            <h1>{t!(i18n, register_title)}</h1>
            <p>{t!(i18n, register_intro)}</p>
            <h2>{t!(i18n, register_step_village)}</h2>
            <form method="get" action="/daftar" class="region-search">
                <label for="cari-desa">{t!(i18n, register_find_village)}</label>
                <input id="cari-desa" name="cari" type="search" value=typed minlength="3" />
                <button type="submit">{t!(i18n, search_submit)}</button>
            </form>
            <Suspense>
                {move || Suspend::new(async move {
                    let hits = found.await.unwrap_or_default();
                    (!hits.is_empty()).then(|| view! {
                        <ul class="region-list" data-testid="village-hits">
                            {hits.into_iter().map(|hit| view! {
                                <li><a href=pick_url(&hit.code)>{hit.address}</a></li>
                            }).collect_view()}
                        </ul>
                    })
                })}
            </Suspense>
            <Suspense>
                {move || Suspend::new(async move {
                    match listing.await {
                        Ok(Some(listing)) => view! {
                            {listing.trail.map(|trail| view! {
                                <p class="picked">{t!(i18n, register_within)} " " {trail.address()} " · "
                                    <a href="/daftar">{t!(i18n, register_start_over)}</a>
                                </p>
                            })}
                            <ul class="region-list" data-testid="region-picker">
                                {listing.children.into_iter().map(|region| view! {
                                    <li><a href=pick_url(&region.code)>{region.name}</a></li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Ok(None) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p>{t!(i18n, register_have_account)} " " <a href="/masuk">{t!(i18n, login_title)}</a></p>
        </section>
    }
}

/// The village's names up to its province; `None` for a code that is not a village.
#[server(endpoint = "village_trail", input = server_fn::codec::GetUrl)]
pub async fn village_trail(code: String) -> Result<Option<Trail>, AppError> {
    if !is_village(&code) {
        return Ok(None);
    }
    Ok(crate::village::queries::trail(&crate::state::pool(), &code).await?)
}

#[server(endpoint = "register_bumdes")]
pub async fn register_bumdes(
    village: String,
    bumdes_name: String,
    manager_name: String,
    whatsapp: String,
    email: String,
    certificate_number: Option<String>,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use super::{checks, queries};
    use crate::form::{FormProblems, Problem};

    let mut form = FormProblems::default();
    checks::text(&mut form, "bumdes_name", &bumdes_name, 120);
    if !bumdes_name.chars().any(|c| c.is_ascii_alphanumeric()) {
        form.add("bumdes_name", Problem::Required);
    }
    checks::text(&mut form, "manager_name", &manager_name, 80);
    let number = checks::whatsapp(&mut form, "whatsapp", &whatsapp);
    let email = checks::email(&mut form, "email", &email);
    let certificate =
        checks::certificate(&mut form, certificate_number.as_deref().unwrap_or_default());
    checks::new_password(&mut form, "password", &password, &password_again);
    if !is_village(&village) {
        form.add("village", Problem::Village);
    }
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let pool = crate::state::pool();
    use crate::throttle::{per_address, rules};
    per_address(&pool, "akun-baru", rules::ACCOUNTS_ADDRESS, &form).await?;
    let hash = super::password::hash(password).await?;
    let new = queries::NewBumdes {
        bumdes_name: &bumdes_name,
        village_code: &village,
        manager_name: &manager_name,
        whatsapp: &number,
        email: email.as_deref(),
        certificate_number: certificate,
        password_hash: &hash,
    };
    let created = queries::register(&pool, &new).await?;
    super::session::welcome(created, form).await
}

#[component]
pub fn RegisterFormPage() -> impl IntoView {
    let params = use_params_map();
    let code = move || params.read().get("code").unwrap_or_default();
    let trail = Resource::new(code, village_trail);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match trail.await {
                    Ok(Some(trail)) => view! { <RegisterForm village=code() trail /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegisterForm(village: String, trail: Trail) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RegisterBumdes>::new();
    let (form, error) = sent_back(action.value().get_untracked());
    let village_problem = form
        .problem("village")
        .map(|p| super::widgets::problem_text(i18n, p));
    view! {
        <Title text=t_string!(i18n, register_title).to_string() />
        <section class="register" data-testid="register-form">
            <h1>{t!(i18n, register_title)}</h1>
            <p class="picked">{t!(i18n, register_village)} ": " <strong>{trail.address()}</strong> " · "
                <a href="/daftar">{t!(i18n, register_change_village)}</a>
            </p>
            {village_problem.map(|text| view! { <p class="field-problem">{text}</p> })}
            <FormError error />
            <ActionForm action>
                <input type="hidden" name="village" value=village />
                <Field form=form.clone() name="bumdes_name" label=t_string!(i18n, field_bumdes_name).to_string()
                    autocomplete="organization" />
                <Field form=form.clone() name="manager_name" label=t_string!(i18n, field_manager_name).to_string()
                    autocomplete="name" />
                <ContactFields form=form.clone() />
                <Field form=form.clone() name="certificate_number"
                    label=t_string!(i18n, field_certificate_optional).to_string() required=false
                    hint=t_string!(i18n, field_certificate_hint).to_string() />
                <NewPasswordFields form label=t_string!(i18n, field_password).to_string() />
                <button type="submit" class="primary">{t!(i18n, register_submit)}</button>
            </ActionForm>
            <p class="note">{t!(i18n, register_pending_note)}</p>
        </section>
    }
}
