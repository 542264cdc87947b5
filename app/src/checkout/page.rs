//! The checkout page: the cart split per BUMDes with its fees, the buyer's details and address (the
//! region picker works without JavaScript: a button reloads the page with the next level's choices,
//! keeping what was typed), delivery and payment, and placing the orders.
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::{Change, Delivery, Payment, PlaceProblem, Terms};
use crate::auth::widgets::{Field, FormError, problem_text, sent_back};
use crate::cart::{CartItem, by_bumdes};
use crate::error::AppError;
use crate::form::FormProblems;
use crate::i18n::*;
use crate::money::rupiah;
use crate::not_found::ErrorPage;
use crate::raw_text::{TextArea, Title};

/// A region to choose: its Kemendagri code and name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkout {
    pub items: Vec<CartItem>,
    /// The terms of each BUMDes in the cart.
    pub shops: Vec<Terms>,
    /// The provinces, then the regencies, districts and villages under what was chosen above.
    pub levels: Vec<Vec<Choice>>,
    /// A fresh idempotency key for the form.
    pub key: String,
}

/// The form's fields, in the order the regions nest.
const REGION_FIELDS: [&str; 4] = ["province", "regency", "district", "village"];

#[server(endpoint = "checkout_data")]
pub async fn checkout_data(chosen: Vec<String>) -> Result<Checkout, AppError> {
    let pool = crate::state::pool();
    let cart = crate::cart::storage::parse(&crate::cart::guest::cart().await?.0);
    let items = crate::cart::queries::items(&pool, &cart).await?;
    let mut shops = Vec::new();
    for (bumdes, _, _) in by_bumdes(&items) {
        shops.push(super::queries::terms(&pool, bumdes).await?);
    }
    let mut levels = vec![choices(&pool, None).await?];
    for code in chosen.iter().take(3) {
        if !levels
            .last()
            .is_some_and(|level| level.iter().any(|c| &c.code == code))
        {
            break;
        }
        levels.push(choices(&pool, Some(code)).await?);
    }
    let key = crate::random::hex(16).map_err(|e| AppError::internal("an idempotency key", e))?;
    Ok(Checkout {
        items,
        shops,
        levels,
        key,
    })
}

#[cfg(feature = "ssr")]
async fn choices(pool: &sqlx::PgPool, parent: Option<&str>) -> Result<Vec<Choice>, AppError> {
    let mut regions = crate::village::queries::children(pool, parent).await?;
    regions.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(regions
        .into_iter()
        .map(|r| Choice {
            code: r.code,
            name: r.name,
        })
        .collect())
}

/// The hidden `cart` field: `product:quantity:price` per line, at the prices the buyer sees.
fn cart_field(items: &[CartItem]) -> String {
    items
        .iter()
        .map(|i| format!("{}:{}:{}", i.product_id, i.quantity, i.price))
        .collect::<Vec<_>>()
        .join(";")
}

/// The lines of the hidden `cart` field; `None` when it is damaged, a product twice included (the form
/// writes each once: twice would take more than one order may).
#[cfg(feature = "ssr")]
fn cart_lines(field: &str) -> Option<Vec<super::CartLine>> {
    let lines: Vec<super::CartLine> = field
        .split(';')
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.split(':');
            let line = super::CartLine {
                product_id: parts.next()?.parse().ok()?,
                quantity: parts.next()?.parse().ok().filter(|q| *q > 0)?,
                price_seen: parts.next()?.parse().ok()?,
            };
            parts.next().is_none().then_some(line)
        })
        .collect::<Option<_>>()?;
    let mut products: Vec<i64> = lines.iter().map(|l| l.product_id).collect();
    products.sort_unstable();
    products.dedup();
    (products.len() == lines.len()).then_some(lines)
}

fn delivery(typed: &str) -> Option<Delivery> {
    match typed {
        "ship" => Some(Delivery::Ship),
        "pickup" => Some(Delivery::Pickup),
        _ => None,
    }
}

fn payment(typed: &str) -> Option<Payment> {
    match typed {
        "transfer" => Some(Payment::Transfer),
        "cod" => Some(Payment::Cod),
        "qris" => Some(Payment::Qris),
        _ => None,
    }
}

#[server(endpoint = "place_order")]
pub async fn place_order(
    key: String,
    cart: String,
    name: String,
    phone: String,
    province: String,
    regency: String,
    district: String,
    village: String,
    street: String,
    postal_code: String,
    note: Option<String>,
    delivery: Option<String>,
    payment: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::checks::{optional_text, parsed, text, whatsapp};
    use crate::form::Problem;

    let pool = crate::state::pool();
    let mut form = FormProblems::default();
    for (field, value) in [
        ("key", &key),
        ("cart", &cart),
        ("province", &province),
        ("regency", &regency),
        ("district", &district),
    ] {
        form.keep(field, value);
    }
    text(&mut form, "name", &name, 80);
    let phone = whatsapp(&mut form, "phone", &phone);
    let known = village.len() == 13
        && village.starts_with(&district)
        && crate::village::queries::trail(&pool, &village)
            .await?
            .is_some();
    parsed(
        &mut form,
        "village",
        &village,
        known.then_some(()),
        Problem::Village,
    );
    text(&mut form, "street", &street, 200);
    let postal_ok =
        postal_code.trim().len() == 5 && postal_code.trim().bytes().all(|b| b.is_ascii_digit());
    parsed(
        &mut form,
        "postal_code",
        &postal_code,
        postal_ok.then_some(()),
        Problem::PostalCode,
    );
    let note = note.unwrap_or_default();
    optional_text(&mut form, "note", &note, 500, true);
    let delivery_typed = delivery.unwrap_or_default();
    let delivery = parsed(
        &mut form,
        "delivery",
        &delivery_typed,
        self::delivery(&delivery_typed),
        Problem::Required,
    );
    let payment_typed = payment.unwrap_or_default();
    let payment = parsed(
        &mut form,
        "payment",
        &payment_typed,
        self::payment(&payment_typed),
        Problem::Required,
    );
    let key_ok = key.len() == 32 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    let lines = cart_lines(&cart);
    let (Some(delivery), Some(payment), Some(lines), true, true) =
        (delivery, payment, lines, key_ok, form.is_empty())
    else {
        super::refused("form");
        return Err(AppError::Invalid(form));
    };
    use crate::throttle::{per_address, rules};
    per_address(&pool, "pesan", rules::CHECKOUT_ADDRESS, &form)
        .await
        .inspect_err(|err| {
            if matches!(err, AppError::Throttled { .. }) {
                super::refused("throttled");
            }
        })?;
    let guest = crate::cart::guest::ensure().await?;
    let buyer = super::place::Buyer {
        guest: &guest,
        name: &name,
        phone: &phone,
        village_code: &village,
        street: &street,
        postal_code: postal_code.trim(),
        note: &note,
        delivery,
        payment,
    };
    let placed = match super::place::place(&pool, &key, &buyer, &lines).await? {
        Ok(placed) => placed,
        Err(problem) => {
            super::refused(problem.reason());
            return Err(AppError::Order { problem, form });
        }
    };
    crate::cart::queries::set_cart(&pool, &guest, "").await?;
    for order in &placed {
        super::queries::remember(&pool, &guest, order).await?;
    }
    match placed.as_slice() {
        [one] => leptos_axum::redirect(&format!("/pesanan/{}?baru=1", one.token)),
        _ => leptos_axum::redirect("/pesanan?baru=1"),
    }
    Ok(())
}

/// The form as typed: sent back by the server, or carried in the address by the region button.
fn typed_form(sent: FormProblems) -> FormProblems {
    if !sent.values.is_empty() {
        return sent;
    }
    let query = use_query_map();
    let mut form = FormProblems::default();
    query.with_untracked(|q| {
        for field in [
            "name",
            "phone",
            "province",
            "regency",
            "district",
            "village",
            "street",
            "postal_code",
            "note",
            "delivery",
            "payment",
        ] {
            if let Some(value) = q.get(field) {
                form.keep(field, &value);
            }
        }
    });
    form
}

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let place = ServerAction::<PlaceOrder>::new();
    let (sent, problem, error) = match place.value().get_untracked() {
        Some(Err(AppError::Order { problem, form })) => {
            crate::error::set_page_status(http::StatusCode::CONFLICT);
            (form, Some(problem), None)
        }
        other => {
            let (sent, error) = sent_back(other);
            (sent, None, error)
        }
    };
    // A form refused with no field to blame (its hidden fields were damaged) still says so.
    let error = error.or_else(|| {
        (!sent.values.is_empty() && sent.is_empty())
            .then_some(AppError::Invalid(Default::default()))
    });
    let form = typed_form(sent);
    let chosen: Vec<String> = REGION_FIELDS[..3].iter().map(|f| form.value(f)).collect();
    let data = Resource::new(move || chosen.clone(), checkout_data);
    view! {
        <Title text=t_string!(i18n, checkout_title).to_string() />
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || {
                let (form, problem, error) = (form.clone(), problem.clone(), error.clone());
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => view! { <CheckoutView data form problem error place /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn CheckoutView(
    data: Checkout,
    form: FormProblems,
    problem: Option<PlaceProblem>,
    error: Option<AppError>,
    place: ServerAction<PlaceOrder>,
) -> impl IntoView {
    let i18n = use_i18n();
    if data.items.is_empty() {
        // A form sent back to an empty cart (emptied in another tab) still says the order was not made.
        let refused = (error.is_none() && !form.values.is_empty()).then(|| {
            view! { <p class="problems" role="alert">{t!(i18n, checkout_not_placed)}</p> }
        });
        // The browser may hold a cart the server has not received (its send cut short by leaving the
        // page, or made offline): the cart badge sends it, then reloads a page marked as showing the cart.
        return view! {
            <section class="checkout" data-cart-view="true">
                <h1>{t!(i18n, checkout_title)}</h1>
                <FormError error />
                {refused}
                <p data-testid="cart-empty">{t!(i18n, cart_empty)}</p>
                <p><a href="/">{t!(i18n, cart_browse)}</a></p>
            </section>
        }
        .into_any();
    }
    let delivery = self::delivery(&form.value("delivery")).unwrap_or(Delivery::Ship);
    let payment_chosen = self::payment(&form.value("payment")).unwrap_or(Payment::Transfer);
    let village = form.value("village");
    let key = Some(form.value("key"))
        .filter(|k| k.len() == 32)
        .unwrap_or(data.key.clone());
    let cart = cart_field(&data.items);
    let groups = by_bumdes(&data.items);
    let mut total = 0;
    let shops = groups
        .into_iter()
        .zip(data.shops.iter().cloned())
        .map(|((_, name, items), terms)| {
            let subtotal: i64 = items.iter().map(CartItem::total).sum();
            let fee = terms.fee(delivery, &village);
            total += subtotal + fee.unwrap_or(0);
            view! { <ShopSummary name items subtotal fee delivery village_chosen=village.len() == 13 terms /> }
        })
        .collect_view();
    let problem = problem.map(|problem| view! { <PlaceProblemText problem /> });
    let region_labels = [
        t_string!(i18n, level_province),
        t_string!(i18n, level_regency),
        t_string!(i18n, level_district),
        t_string!(i18n, level_village),
    ];
    let village_problem = form
        .problem("village")
        .map(|p| view! { <p class="field-problem">{problem_text(i18n, p)}</p> });
    let pickers = data
        .levels
        .into_iter()
        .zip(REGION_FIELDS)
        .zip(region_labels)
        .map(|((choices, field), label)| {
            let chosen = form.value(field);
            let id = format!("f-{field}");
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    <select id=id name=field required data-refresh="true">
                        <option value="">{t!(i18n, field_choose)}</option>
                        {choices.into_iter().map(|c| {
                            let selected = c.code == chosen;
                            view! { <option value=c.code selected=selected>{c.name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            }
        })
        .collect_view();
    let radio = |field: &'static str, value: &'static str, checked: bool, label: String| {
        view! {
            <label class="choice">
                <input type="radio" name=field value=value checked=checked required />
                " " {label}
            </label>
        }
    };
    view! {
        <section class="checkout" data-testid="checkout">
            <h1>{t!(i18n, checkout_title)}</h1>
            {problem}
            <FormError error />
            <ActionForm action=place>
                <input type="hidden" name="key" value=key />
                <input type="hidden" name="cart" value=cart />
                <h2>{t!(i18n, checkout_your_order)}</h2>
                {shops}
                <p class="cart-total">
                    {t!(i18n, checkout_total)} ": " <strong data-testid="checkout-total">{rupiah(total)}</strong>
                </p>
                <h2>{t!(i18n, checkout_buyer)}</h2>
                <Field form=form.clone() name="name" label=t_string!(i18n, field_your_name).to_string() autocomplete="name" />
                <Field form=form.clone() name="phone" label=t_string!(i18n, field_phone).to_string() kind="tel"
                    autocomplete="tel" hint=t_string!(i18n, checkout_phone_hint).to_string() />
                <h2>{t!(i18n, checkout_address)}</h2>
                {pickers}
                {village_problem}
                <button type="submit" class="secondary" id="refresh-regions" formmethod="get" formaction="/pesan"
                    formnovalidate=true>
                    {t!(i18n, checkout_show_choices)}
                </button>
                <Field form=form.clone() name="street" label=t_string!(i18n, field_street).to_string()
                    autocomplete="street-address" />
                <Field form=form.clone() name="postal_code" label=t_string!(i18n, field_postal_code).to_string()
                    autocomplete="postal-code" />
                <div class="field">
                    <label for="f-note">{t!(i18n, field_note)}</label>
                    <TextArea id="f-note" name="note" rows=3 maxlength=500 value=form.value("note")
                        problem=form.problem("note").map(|p| problem_text(i18n, p)) />
                </div>
                <fieldset>
                    <legend>{t!(i18n, checkout_delivery)}</legend>
                    {radio("delivery", "ship", delivery == Delivery::Ship, t_string!(i18n, delivery_ship).to_string())}
                    {radio("delivery", "pickup", delivery == Delivery::Pickup, t_string!(i18n, delivery_pickup).to_string())}
                </fieldset>
                <fieldset>
                    <legend>{t!(i18n, checkout_payment)}</legend>
                    {radio("payment", "transfer", payment_chosen == Payment::Transfer, t_string!(i18n, payment_transfer).to_string())}
                    {radio("payment", "cod", payment_chosen == Payment::Cod, t_string!(i18n, payment_cod).to_string())}
                    {radio("payment", "qris", payment_chosen == Payment::Qris, t_string!(i18n, payment_qris).to_string())}
                </fieldset>
                <button type="submit" class="primary" data-testid="place-order">{t!(i18n, checkout_place)}</button>
            </ActionForm>
            <RegionRefresh />
        </section>
    }
    .into_any()
}

/// One BUMDes's part of the checkout: its lines, subtotal, fee and the payments it takes.
#[component]
fn ShopSummary(
    name: String,
    items: Vec<CartItem>,
    subtotal: i64,
    fee: Option<i64>,
    delivery: Delivery,
    village_chosen: bool,
    terms: Terms,
) -> impl IntoView {
    let i18n = use_i18n();
    let fee_text = match (fee, delivery) {
        (Some(0), Delivery::Pickup) => t_string!(i18n, delivery_pickup_free).to_string(),
        (Some(fee), _) => rupiah(fee),
        (None, Delivery::Pickup) => t_string!(i18n, delivery_no_pickup).to_string(),
        (None, Delivery::Ship) if !village_chosen => {
            t_string!(i18n, delivery_choose_village).to_string()
        }
        (None, Delivery::Ship) => t_string!(i18n, delivery_not_here).to_string(),
    };
    let payments = [
        (terms.transfer, t_string!(i18n, payment_transfer)),
        (terms.cod, t_string!(i18n, payment_cod)),
        (terms.qris, t_string!(i18n, payment_qris)),
    ]
    .into_iter()
    .filter_map(|(taken, label)| taken.then_some(label))
    .collect::<Vec<_>>()
    .join(", ");
    view! {
        <section class="cart-shop" data-testid="checkout-shop">
            <h3>{name}</h3>
            <ul class="order-lines">
                {items.into_iter().map(|item| view! {
                    <li>{format!("{} × {}", item.quantity, item.name)} <span>{rupiah(item.total())}</span></li>
                }).collect_view()}
            </ul>
            <p>{t!(i18n, checkout_subtotal)} ": " {rupiah(subtotal)}</p>
            <p data-testid="shipping-fee">{t!(i18n, checkout_shipping)} ": " {fee_text}</p>
            <p class="small">{t!(i18n, checkout_accepts)} ": " {payments}</p>
        </section>
    }
}

/// Why the orders were not made, in words.
#[component]
fn PlaceProblemText(problem: PlaceProblem) -> impl IntoView {
    let i18n = use_i18n();
    let body = match problem {
        PlaceProblem::EmptyCart => view! { <p>{t!(i18n, cart_empty)}</p> }.into_any(),
        PlaceProblem::NoDelivery { bumdes } => {
            view! { <p>{bumdes} ": " {t!(i18n, delivery_not_here)}</p> }.into_any()
        }
        PlaceProblem::NoPayment { bumdes } => {
            view! { <p>{bumdes} ": " {t!(i18n, payment_not_taken)}</p> }.into_any()
        }
        PlaceProblem::TooMuch => view! {
            <p>{format!(
                "{} {} {} {} {}",
                t_string!(i18n, checkout_too_much),
                crate::cart::MAX_QUANTITY,
                t_string!(i18n, checkout_too_much_each),
                super::MAX_LINES,
                t_string!(i18n, checkout_too_much_products),
            )}</p>
        }
        .into_any(),
        PlaceProblem::KeyUsed => view! { <p>{t!(i18n, error_form_damaged)}</p> }.into_any(),
        PlaceProblem::Changed(changes) => view! {
            <p>{t!(i18n, checkout_changed)}</p>
            <ul>
                {changes.into_iter().map(|change| {
                    let text = match change {
                        Change::Price { name, was, now, .. } => format!(
                            "{name}: {} {} → {}", t_string!(i18n, change_price), rupiah(was), rupiah(now)
                        ),
                        Change::Stock { name, left, .. } => format!(
                            "{name}: {} {left}", t_string!(i18n, cart_stock_left)
                        ),
                        Change::Gone { .. } => t_string!(i18n, change_gone).to_string(),
                    };
                    view! { <li>{text}</li> }
                }).collect_view()}
            </ul>
            <p><a href="/keranjang">{t!(i18n, checkout_check_cart)}</a></p>
        }
        .into_any(),
    };
    view! { <div class="problems" role="alert" data-testid="place-problem">{body}</div> }
}

/// With JavaScript, choosing a region shows the next level's choices at once.
#[island]
pub fn RegionRefresh() -> impl IntoView {
    use leptos::wasm_bindgen::JsCast;
    let listener = window_event_listener(leptos::ev::change, |event| {
        let refreshes = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|element| element.has_attribute("data-refresh"));
        let button = document()
            .get_element_by_id("refresh-regions")
            .and_then(|button| button.dyn_into::<web_sys::HtmlElement>().ok());
        if let (true, Some(button)) = (refreshes, button) {
            button.click();
        }
    });
    on_cleanup(move || listener.remove());
}
