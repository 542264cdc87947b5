//! The owner's shop page: shipping and payment terms (flat fees for their regency, province and
//! elsewhere, pickup, the bank account for transfers, cash on delivery, QRIS) and the BUMDes's legal
//! entity certificate, its number and a photo.
mod pictures;
#[cfg(feature = "ssr")]
pub mod queries;

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::auth::widgets::{Field, FormError, sent_back};
use crate::error::AppError;
use crate::form::FormProblems;
use crate::i18n::*;
use crate::private_page::PrivatePage;
use crate::raw_text::Title;
use pictures::{Picture, PictureForms};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TermsFields {
    pub ship_regency: String,
    pub ship_province: String,
    pub ship_elsewhere: String,
    pub pickup: bool,
    pub bank_name: String,
    pub bank_account: String,
    pub bank_holder: String,
    pub cod: bool,
    /// How long an unpaid order holds its stock.
    pub hold_hours: i32,
    /// The QRIS picture buyers scan, a media key.
    pub qris_key: Option<String>,
    /// A photo of the legal entity certificate, for officials.
    pub certificate_key: Option<String>,
    pub certificate_number: String,
}

#[server(endpoint = "terms_form")]
pub async fn terms_form() -> Result<TermsFields, AppError> {
    let owner = crate::auth::session::require_owner().await?;
    Ok(queries::fields(&crate::state::pool(), owner.bumdes_id).await?)
}

#[server(endpoint = "save_terms")]
pub async fn save_terms(
    ship_regency: String,
    ship_province: String,
    ship_elsewhere: String,
    pickup: Option<String>,
    bank_name: String,
    bank_account: String,
    bank_holder: String,
    cod: Option<String>,
    hold_hours: Option<String>,
    certificate_number: Option<String>,
) -> Result<(), AppError> {
    use crate::form::Problem;
    let owner = crate::auth::session::require_owner().await?;
    let mut form = FormProblems::default();
    let mut ship = [None; 3];
    for (n, (field, typed)) in [
        ("ship_regency", &ship_regency),
        ("ship_province", &ship_province),
        ("ship_elsewhere", &ship_elsewhere),
    ]
    .into_iter()
    .enumerate()
    {
        form.keep(field, typed);
        // Empty: no delivery there. "0" is free delivery.
        if !typed.trim().is_empty() {
            ship[n] = crate::money::parse_rupiah(typed).filter(|fee| *fee >= 0);
            if ship[n].is_none() {
                form.add(field, Problem::Price);
            }
        }
    }
    let account: String = bank_account
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    for (field, typed, max) in [
        ("bank_name", &bank_name, 60),
        ("bank_holder", &bank_holder, 80),
    ] {
        crate::auth::checks::optional_text(&mut form, field, typed, max, false);
    }
    form.keep("bank_account", &bank_account);
    let any_bank = [&bank_name, &account, &bank_holder]
        .iter()
        .any(|v| !v.trim().is_empty());
    if any_bank {
        for (field, value) in [
            ("bank_name", &bank_name),
            ("bank_account", &account),
            ("bank_holder", &bank_holder),
        ] {
            if value.trim().is_empty() {
                form.add(field, Problem::Required);
            }
        }
        if !account.is_empty() && !(5..=20).contains(&account.len())
            || !account.bytes().all(|b| b.is_ascii_digit())
        {
            form.add("bank_account", Problem::Number);
        }
    }
    form.keep("pickup", if pickup.is_some() { "on" } else { "" });
    form.keep("cod", if cod.is_some() { "on" } else { "" });
    let hold_typed = hold_hours.unwrap_or_default();
    let hold_hours = crate::auth::checks::parsed(
        &mut form,
        "hold_hours",
        &hold_typed,
        (hold_typed.parse::<i32>().ok()).filter(|h| crate::orders::HOLD_HOURS.contains(h)),
        Problem::Required,
    );
    let certificate = crate::auth::checks::certificate(
        &mut form,
        certificate_number.as_deref().unwrap_or_default(),
    );
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let terms = queries::Checked {
        ship,
        pickup: pickup.is_some(),
        bank: any_bank.then(|| (bank_name.trim(), account.as_str(), bank_holder.trim())),
        cod: cod.is_some(),
        hold_hours: hold_hours.unwrap_or_default(),
        certificate,
    };
    queries::save(&crate::state::pool(), owner.bumdes_id, &terms).await?;
    leptos_axum::redirect("/dasbor/toko?disimpan=1");
    Ok(())
}

#[component]
pub fn TermsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| terms_form());
    view! { <PrivatePage data page=move |fields| view! { <TermsView fields /> } /> }
}

#[component]
fn TermsView(fields: TermsFields) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveTerms>::new();
    let (sent, error) = sent_back(save.value().get_untracked());
    let form = if sent.values.is_empty() {
        let mut form = FormProblems::default();
        for (field, value) in [
            ("ship_regency", &fields.ship_regency),
            ("ship_province", &fields.ship_province),
            ("ship_elsewhere", &fields.ship_elsewhere),
            ("bank_name", &fields.bank_name),
            ("bank_account", &fields.bank_account),
            ("bank_holder", &fields.bank_holder),
            ("certificate_number", &fields.certificate_number),
        ] {
            form.keep(field, value);
        }
        form.keep("pickup", if fields.pickup { "on" } else { "" });
        form.keep("cod", if fields.cod { "on" } else { "" });
        form.keep("hold_hours", &fields.hold_hours.to_string());
        form
    } else {
        sent
    };
    let saved = use_query_map().with_untracked(|q| q.get("disimpan").is_some());
    let fee_form = form.clone();
    let fee = move |name: &'static str, label: String| {
        let form = fee_form.clone();
        view! {
            <Field form=form.clone() name label required=false
                hint=t_string!(i18n, terms_fee_hint).to_string() />
        }
    };
    let check_form = form.clone();
    let check = move |name: &'static str, label: String| {
        let form = check_form.clone();
        view! {
            <div class="field check">
                <label><input type="checkbox" name=name checked=!form.value(name).is_empty() /> " " {label}</label>
            </div>
        }
    };
    view! {
        <Title text=t_string!(i18n, terms_title).to_string() />
        <section class="register" data-testid="terms">
            <h1>{t!(i18n, terms_title)}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{t!(i18n, terms_saved)}</p> })}
            <FormError error />
            {pictures::refused_upload(i18n)}
            <ActionForm action=save>
                <h2>{t!(i18n, checkout_shipping)}</h2>
                {fee("ship_regency", t_string!(i18n, terms_ship_regency).to_string())}
                {fee("ship_province", t_string!(i18n, terms_ship_province).to_string())}
                {fee("ship_elsewhere", t_string!(i18n, terms_ship_elsewhere).to_string())}
                {check("pickup", t_string!(i18n, terms_pickup).to_string())}
                <h2>{t!(i18n, checkout_payment)}</h2>
                <p class="small">{t!(i18n, terms_bank_hint)}</p>
                <Field form=form.clone() name="bank_name" label=t_string!(i18n, terms_bank_name).to_string() required=false />
                <Field form=form.clone() name="bank_account" label=t_string!(i18n, terms_bank_account).to_string() required=false />
                <Field form=form.clone() name="bank_holder" label=t_string!(i18n, terms_bank_holder).to_string() required=false />
                {check("cod", t_string!(i18n, terms_cod).to_string())}
                <HoldHours chosen=form.value("hold_hours") />
                <h2>{t!(i18n, terms_legal)}</h2>
                <Field form=form.clone() name="certificate_number"
                    label=t_string!(i18n, field_certificate_optional).to_string() required=false
                    hint=t_string!(i18n, field_certificate_hint).to_string() />
                <button type="submit" class="primary">{t!(i18n, terms_save)}</button>
            </ActionForm>
            <PictureForms picture=Picture::Qris key=fields.qris_key />
            <PictureForms picture=Picture::Certificate key=fields.certificate_key />
            <p><a href="/dasbor">{t!(i18n, dashboard_title)}</a></p>
        </section>
    }
}

/// How long an unpaid order holds its stock before it expires.
#[component]
fn HoldHours(chosen: String) -> impl IntoView {
    let i18n = use_i18n();
    let choices = crate::orders::HOLD_HOURS.map(|hours| {
        let text = match (hours % 24, hours / 24) {
            (0, 1) => format!("1 {}", t_string!(i18n, unit_day)),
            (0, days) => format!("{days} {}", t_string!(i18n, unit_days)),
            _ => format!("{hours} {}", t_string!(i18n, unit_hours)),
        };
        let selected = hours.to_string() == chosen;
        view! { <option value=hours selected=selected>{text}</option> }
    });
    view! {
        <div class="field">
            <label for="f-hold_hours">{t!(i18n, terms_hold_hours)}</label>
            <small>{t!(i18n, terms_hold_hours_hint)}</small>
            <select id="f-hold_hours" name="hold_hours">{choices.into_iter().collect_view()}</select>
        </div>
    }
}
