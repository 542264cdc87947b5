//! One form to create or edit a listing, checked on the server; without JavaScript a refused form comes
//! back filled in, with a message under each field.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

use super::ListingFields;
use crate::auth::widgets::{Field, FormError, problem_text, sent_back};
use crate::error::AppError;
use crate::form::FormProblems;
use crate::i18n::*;
use crate::private_page::PrivatePage;
use crate::raw_text::{TextArea, Title};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListingForm {
    pub fields: ListingFields,
    /// (slug, Indonesian name, English name)
    pub categories: Vec<(String, String, String)>,
    pub photos: Vec<crate::dashboard::photos::Photo>,
}

/// The form's data: empty for a new listing, the listing's own fields otherwise (403/404 as for any
/// listing that is not the seller's).
#[server(endpoint = "listing_form")]
pub async fn get_listing_form(id: Option<i64>) -> Result<ListingForm, AppError> {
    let pool = crate::state::pool();
    let (fields, photos) = match id {
        None => {
            crate::auth::session::require_seller().await?;
            (ListingFields::default(), Vec::new())
        }
        Some(id) => {
            let seller = super::own(id).await?;
            let fields = super::queries::fields(&pool, seller.bumdes_id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            (
                fields,
                crate::dashboard::photos::queries::photos(&pool, id).await?,
            )
        }
    };
    Ok(ListingForm {
        fields,
        categories: super::queries::categories(&pool).await?,
        photos,
    })
}

#[server(endpoint = "save_listing")]
pub async fn save_listing(
    id: Option<i64>,
    name: String,
    description: String,
    category: String,
    price: String,
    stock: String,
    unit: String,
    weight: String,
    flagship: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::checks::{optional_text, parsed, text};
    use crate::form::Problem;

    let seller = match id {
        Some(id) => super::own(id).await?,
        None => crate::auth::session::require_seller().await?,
    };
    let mut form = FormProblems::default();
    text(&mut form, "name", &name, 120);
    optional_text(&mut form, "description", &description, 5000, true);
    if description.trim().is_empty() {
        form.add("description", Problem::Required);
    }
    text(&mut form, "category", &category, 60);
    text(&mut form, "unit", &unit, 40);
    form.keep("flagship", if flagship.is_some() { "on" } else { "" });
    let whole = |typed: &str, min: i32| typed.trim().parse::<i32>().ok().filter(|n| *n >= min);
    let price_value = crate::money::parse_rupiah(&price).filter(|p| *p >= 1);
    let price = parsed(&mut form, "price", &price, price_value, Problem::Price);
    let stock = parsed(
        &mut form,
        "stock",
        &stock,
        whole(&stock, 0),
        Problem::Number,
    );
    let weight = parsed(
        &mut form,
        "weight",
        &weight,
        whole(&weight, 1),
        Problem::Number,
    );
    if !form.is_empty() {
        return Err(AppError::Invalid(form));
    }
    let checked = super::queries::Checked {
        name: &name,
        description: &description,
        category: &category,
        price: price.unwrap_or_default(),
        stock: stock.unwrap_or_default(),
        unit: &unit,
        weight: weight.unwrap_or_default(),
        flagship: flagship.is_some(),
    };
    match super::queries::save(&crate::state::pool(), seller.bumdes_id, id, &checked).await? {
        // A new listing opens again for its photos.
        Ok(saved) if id.is_none() => {
            leptos_axum::redirect(&format!("/dasbor/produk/{saved}?disimpan=1#foto"));
            Ok(())
        }
        Ok(_) => {
            leptos_axum::redirect("/dasbor/produk?disimpan=1");
            Ok(())
        }
        Err((field, problem)) => {
            form.add(field, problem);
            Err(AppError::Invalid(form))
        }
    }
}

#[component]
pub fn ListingFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let data = Resource::new(id, get_listing_form);
    view! { <PrivatePage data page=move |data| view! { <ListingFormView id=id() data /> } /> }
}

#[component]
fn ListingFormView(id: Option<i64>, data: ListingForm) -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveListing>::new();
    let delete = ServerAction::<super::DeleteListing>::new();
    let (sent, error) = sent_back(save.value().get_untracked());
    let not_deleted = crate::error::refused_message(
        i18n,
        <super::DeleteListing as leptos::server_fn::ServerFn>::PATH,
    );
    // What the seller typed wins over what was saved.
    let form = if sent.values.is_empty() {
        let f = &data.fields;
        let mut form = FormProblems::default();
        for (field, value) in [
            ("name", &f.name),
            ("description", &f.description),
            ("category", &f.category),
            ("price", &f.price),
            ("stock", &f.stock),
            ("unit", &f.unit),
            ("weight", &f.weight),
        ] {
            form.keep(field, value);
        }
        form.keep("flagship", if f.flagship { "on" } else { "" });
        form
    } else {
        sent
    };
    let title = if id.is_some() {
        t_string!(i18n, listing_edit)
    } else {
        t_string!(i18n, listing_new)
    };
    let problem = |field: &str| {
        form.problem(field)
            .map(|p| view! { <p class="field-problem">{problem_text(i18n, p)}</p> })
    };
    let (category_problem, flagship_problem) = (problem("category"), problem("flagship"));
    let description_problem = form.problem("description").map(|p| problem_text(i18n, p));
    let query = leptos_router::hooks::use_query_map();
    let notice = query.with_untracked(|q| {
        if q.get("disimpan").is_some() {
            Some(t_string!(i18n, listing_saved_add_photos).to_string())
        } else {
            // A count, never text from the address: a link could otherwise write anything here.
            (q.get("foto").and_then(|n| n.parse::<usize>().ok()))
                .filter(|n| (1..=crate::dashboard::photos::MAX_PHOTOS).contains(n))
                .map(|n| format!("{n} {}", t_string!(i18n, photos_added)))
        }
    });
    let photos = data.photos;
    let chosen = form.value("category");
    let english = i18n.get_locale() == Locale::en;
    view! {
        <Title text=title.to_string() />
        <section class="register" data-testid="listing-form">
            <h1>{title}</h1>
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <FormError error />
            {not_deleted.map(|text| view! { <p class="problems" role="alert">{text}</p> })}
            <ActionForm action=save>
                {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
                <Field form=form.clone() name="name" label=t_string!(i18n, field_listing_name).to_string() />
                <div class="field">
                    <label for="f-description">{t!(i18n, description)}</label>
                    <TextArea id="f-description" name="description" rows=5 required=true value=form.value("description")
                        problem=description_problem />
                </div>
                <div class="field">
                    <label for="f-category">{t!(i18n, field_category)}</label>
                    <select id="f-category" name="category" required>
                        <option value="">{t!(i18n, field_choose)}</option>
                        {data.categories.into_iter().map(|(slug, name_id, name_en)| {
                            let selected = slug == chosen;
                            view! { <option value=slug selected=selected>{if english { name_en } else { name_id }}</option> }
                        }).collect_view()}
                    </select>
                    {category_problem}
                </div>
                <Field form=form.clone() name="price" label=t_string!(i18n, field_price).to_string()
                    kind="text" hint=t_string!(i18n, field_price_hint).to_string() />
                <Field form=form.clone() name="stock" label=t_string!(i18n, stock).to_string() kind="number" />
                <Field form=form.clone() name="unit" label=t_string!(i18n, field_unit).to_string()
                    hint=t_string!(i18n, field_unit_hint).to_string() />
                <Field form=form.clone() name="weight" label=t_string!(i18n, field_weight).to_string() kind="number" />
                <div class="field check">
                    <label>
                        <input type="checkbox" name="flagship" checked=!form.value("flagship").is_empty() />
                        " " {t!(i18n, field_flagship)}
                    </label>
                    {flagship_problem}
                </div>
                <button type="submit" class="primary">{t!(i18n, listing_save)}</button>
            </ActionForm>
            {id.map(|id| view! { <crate::dashboard::photos::PhotoPanel id photos /> })}
            {id.map(|id| view! {
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=id />
                    <label><input type="checkbox" name="confirm" required /> " " {t!(i18n, listing_delete_confirm)}</label>
                    <button type="submit" class="secondary">{t!(i18n, listing_delete)}</button>
                </ActionForm>
            })}
            <p><a href="/dasbor/produk">{t!(i18n, listings_title)}</a></p>
        </section>
    }
}
