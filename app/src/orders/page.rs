//! The order page: its unguessable link plus the buyer's phone number open it in a browser, which then
//! keeps it under "Pesanan saya".
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::{OrderDetail, StatusBadge, Timeline};
use crate::auth::widgets::{Field, FormError, sent_back};
use crate::error::AppError;
use crate::i18n::*;
use crate::money::rupiah;
use crate::not_found::ErrorPage;
use crate::raw_text::Title;
use crate::site::absolute_url;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum OrderAccess {
    Open(Box<OrderDetail>),
    /// The link is right; the buyer's phone number is asked for.
    Locked,
}

#[server(endpoint = "order_page")]
pub async fn order_page(token: String) -> Result<OrderAccess, AppError> {
    let pool = crate::state::pool();
    let (id, _) = super::queries::by_token(&pool, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = match crate::cart::guest::token() {
        Some(guest) => super::queries::guest_may_view(&pool, &guest, id).await?,
        None => false,
    };
    Ok(if allowed {
        OrderAccess::Open(Box::new(super::queries::detail(&pool, id).await?))
    } else {
        OrderAccess::Locked
    })
}

#[server(endpoint = "open_order")]
pub async fn open_order(token: String, phone: String) -> Result<(), AppError> {
    use crate::form::Problem;
    let pool = crate::state::pool();
    let mut form = crate::form::FormProblems::default();
    form.keep("phone", &phone);
    // The page's hidden token damaged: the page says so and keeps the number typed.
    let Some((id, buyer_phone)) = super::queries::by_token(&pool, &token).await? else {
        form.add("token", Problem::Required);
        return Err(AppError::Invalid(form));
    };
    let address = crate::address::request_address().await;
    // Guessing a buyer's number at one try per wait takes years.
    let link = format!("pesanan:{id}");
    crate::throttle::check(
        &pool,
        &[
            (link.as_str(), crate::throttle::rules::ORDER_PHONE_LINK),
            (
                format!("pesanan-ip:{address}").as_str(),
                crate::throttle::rules::ORDER_PHONE_ADDRESS,
            ),
        ],
        &form,
    )
    .await?;
    if crate::phone::normalise(&phone).as_deref() != Some(buyer_phone.as_str()) {
        form.add("phone", Problem::OrderPhone);
        return Err(AppError::Invalid(form));
    }
    crate::throttle::forget(&pool, &link).await?;
    let guest = crate::cart::guest::ensure().await?;
    super::queries::grant(&pool, &guest, id, &token).await?;
    leptos_axum::redirect(&format!("/pesanan/{token}"));
    Ok(())
}

/// The buyer's proof of transfer: an image, checked and converted like product photos. The form
/// sends the order's token first, then the file.
#[server(input = MultipartFormData, endpoint = "upload_proof")]
pub async fn upload_proof(data: MultipartData) -> Result<(), AppError> {
    use crate::dashboard::photos::{forget_files, process::MAX_BYTES, store_image};
    let upload = crate::upload::Upload::open(data, "proof").await?;
    let pool = crate::state::pool();
    // Whether this browser may send a proof for this order, before a byte of the file is read.
    let allowed = async {
        let token = upload.text("token").ok_or(AppError::NotFound)?.to_string();
        let (id, _) = super::queries::by_token(&pool, &token)
            .await?
            .ok_or(AppError::NotFound)?;
        let guest = crate::cart::guest::token().ok_or(AppError::Forbidden)?;
        if !super::queries::guest_may_view(&pool, &guest, id).await? {
            return Err(AppError::Forbidden);
        }
        let none = Default::default();
        use crate::throttle::{per_address, rules};
        per_address(&pool, "bukti", rules::PROOF_ADDRESS, &none).await?;
        Ok((id, token))
    }
    .await;
    let (id, token) = match allowed {
        Ok(allowed) => allowed,
        Err(err) => return Err(upload.refuse(None, err).await),
    };
    let (file, bytes) = upload.file(MAX_BYTES).await?;
    let (key, _) = store_image(&format!("proofs/{id}"), &file, bytes).await?;
    match super::queries::set_proof(&pool, id, &key).await? {
        Ok(replaced) => {
            if let Some(old) = replaced {
                forget_files(&old).await;
            }
            leptos_axum::redirect(&format!("/pesanan/{token}?bukti=1"));
            Ok(())
        }
        Err(_) => {
            forget_files(&key).await;
            Err(AppError::Transition)
        }
    }
}

#[component]
pub fn OrderPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let order = Resource::new(token, order_page);
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense>
            {move || Suspend::new(async move {
                match order.await {
                    Ok(OrderAccess::Open(order)) => view! { <OrderView order=*order token=token() /> }.into_any(),
                    Ok(OrderAccess::Locked) => view! { <PhoneCheck token=token() /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PhoneCheck(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let open = ServerAction::<OpenOrder>::new();
    let (form, error) = sent_back(open.value().get_untracked());
    let error = error.or_else(|| {
        (form.problem("token").is_some()).then(|| AppError::Invalid(Default::default()))
    });
    view! {
        <Title text=t_string!(i18n, order_title).to_string() />
        <section class="register" data-testid="order-locked">
            <h1>{t!(i18n, order_title)}</h1>
            <p>{t!(i18n, order_phone_needed)}</p>
            <FormError error />
            <ActionForm action=open>
                <input type="hidden" name="token" value=token />
                <Field form name="phone" label=t_string!(i18n, field_phone).to_string() kind="tel" autocomplete="tel" />
                <button type="submit" class="primary">{t!(i18n, order_open)}</button>
            </ActionForm>
        </section>
    }
}

/// wa.me with the BUMDes's number and the order in a message the buyer can still edit.
fn whatsapp_link(order: &OrderDetail, heading: &str, url: &str) -> String {
    let lines: String = order
        .items
        .iter()
        .map(|i| format!("- {} × {}\n", i.quantity, i.name))
        .collect();
    let text = format!(
        "{heading} {}\n{lines}Total: {}\n{url}",
        order.number,
        rupiah(order.total)
    );
    crate::site::whatsapp_url(Some(&order.bumdes_whatsapp), Some(&text))
}

#[component]
fn OrderView(order: OrderDetail, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let just_placed = use_query_map().with_untracked(|q| q.get("baru").is_some());
    let whatsapp = whatsapp_link(
        &order,
        t_string!(i18n, order_title),
        &absolute_url(&format!("/pesanan/{token}")),
    );
    let title = format!("{} {}", t_string!(i18n, order_title), order.number);
    let (number, status, bumdes, events) = (
        order.number.clone(),
        order.status.clone(),
        order.bumdes_name.clone(),
        order.events.clone(),
    );
    view! {
        <Title text=title.clone() />
        <section class="order" data-testid="order" data-number=number>
            <h1>{title}</h1>
            <p><StatusBadge status /> " · " {bumdes}</p>
            {just_placed.then(|| view! {
                <p class="notice" role="status" data-testid="order-placed">{t!(i18n, order_placed)}</p>
            })}
            <p>
                <a class="button whatsapp" href=whatsapp rel="noopener" data-testid="order-whatsapp">
                    {t!(i18n, order_send_whatsapp)}
                </a>
            </p>
            <Timeline events />
            <PaymentInstructions order=order.clone() />
            <ProofForm order=order.clone() token=token.clone() />
            <OrderFacts order />
        </section>
    }
}

/// The proof of transfer sent, and while the order waits for payment, a form to send (or replace) it.
#[component]
fn ProofForm(order: OrderDetail, token: String) -> impl IntoView {
    let i18n = use_i18n();
    if order.payment == "cod" {
        return None;
    }
    let sent = use_query_map().with_untracked(|q| q.get("bukti").is_some());
    let message =
        crate::error::refused_message(i18n, <UploadProof as leptos::server_fn::ServerFn>::PATH);
    let upload_url = <UploadProof as leptos::server_fn::ServerFn>::url();
    let form = (order.status == "new").then(|| {
        view! {
            <form method="post" action=upload_url enctype="multipart/form-data">
                <input type="hidden" name="token" value=token />
                <div class="field">
                    <label for="f-proof">{t!(i18n, proof_choose)}</label>
                    <input id="f-proof" type="file" name="proof" accept="image/jpeg,image/png,image/webp" required />
                </div>
                <button type="submit" class="secondary">{t!(i18n, proof_send)}</button>
            </form>
        }
    });
    Some(view! {
        <section class="proof" data-testid="proof">
            <h2>{t!(i18n, proof_title)}</h2>
            {sent.then(|| view! { <p class="notice" role="status">{t!(i18n, proof_sent)}</p> })}
            {message.map(|text| view! { <p class="problems" role="alert" data-testid="proof-error">{text}</p> })}
            {order.proof_key.map(|key| view! {
                <a href=crate::catalogue::image_url(Some(&key), 1280)>
                    <img src=crate::catalogue::image_url(Some(&key), 320) alt=t_string!(i18n, proof_title)
                        width="160" height="120" data-testid="proof-image" />
                </a>
            })}
            {form}
        </section>
    })
}

/// How to pay, while the order waits for it.
#[component]
fn PaymentInstructions(order: OrderDetail) -> impl IntoView {
    let i18n = use_i18n();
    if order.status != "new" {
        return None;
    }
    let body = match order.payment.as_str() {
        "transfer" => view! {
            <p>{t!(i18n, pay_transfer_exactly)} " " <strong data-testid="pay-amount">{rupiah(order.total)}</strong></p>
            <p data-testid="bank-account">
                {order.bank_name.unwrap_or_default()} " " <strong>{order.bank_account.unwrap_or_default()}</strong>
                " " {t!(i18n, pay_account_holder)} " " {order.bank_holder.unwrap_or_default()}
            </p>
            <p class="small">{t!(i18n, pay_unique_code)} " (" {order.unique_code} ")"</p>
        }
        .into_any(),
        "qris" => view! {
            <p>{t!(i18n, pay_qris)} " " <strong>{rupiah(order.total)}</strong></p>
            {order.qris_key.map(|key| view! {
                <img src=crate::catalogue::image_url(Some(&key), 640) alt="QRIS" width="320" height="320" />
            })}
        }
        .into_any(),
        _ => view! { <p>{t!(i18n, pay_cod)} " " <strong>{rupiah(order.total)}</strong></p> }.into_any(),
    };
    Some(view! {
        <section class="pay" data-testid="payment">
            <h2>{t!(i18n, pay_title)}</h2>
            {body}
        </section>
    })
}

/// What was ordered, the amounts, and where it goes.
#[component]
pub fn OrderFacts(order: OrderDetail) -> impl IntoView {
    let i18n = use_i18n();
    let proof = order.proof_key.clone();
    let expires = order.expires.clone().map(|at| {
        view! {
            <p class="notice" data-testid="order-expires">
                {t!(i18n, order_expires)} " " <time>{at}</time> " " {t!(i18n, time_zone)} "."
            </p>
        }
    });
    let delivery = if order.delivery == "pickup" {
        view! { <p>{t!(i18n, delivery_pickup)}</p> }.into_any()
    } else {
        view! {
            <p>{t!(i18n, delivery_ship)}</p>
            <p data-testid="address">{order.street} ", " {order.place} " " {order.postal_code}</p>
        }
        .into_any()
    };
    let payment = match order.payment.as_str() {
        "transfer" => t_string!(i18n, payment_transfer),
        "qris" => t_string!(i18n, payment_qris),
        _ => t_string!(i18n, payment_cod),
    };
    view! {
        {expires}
        <h2>{t!(i18n, order_items)}</h2>
        <ul class="order-lines" data-testid="order-items">
            {order.items.into_iter().map(|item| view! {
                <li>
                    {format!("{} × {} ({})", item.quantity, item.name, item.unit)}
                    <span>{rupiah(item.price * i64::from(item.quantity))}</span>
                </li>
            }).collect_view()}
        </ul>
        <dl class="amounts">
            <dt>{t!(i18n, checkout_subtotal)}</dt><dd>{rupiah(order.subtotal)}</dd>
            <dt>{t!(i18n, checkout_shipping)}</dt><dd data-testid="order-shipping">{rupiah(order.shipping)}</dd>
            {(order.unique_code > 0).then(|| view! {
                <dt>{t!(i18n, order_unique_code)}</dt><dd>{rupiah(i64::from(order.unique_code))}</dd>
            })}
            <dt>{t!(i18n, checkout_total)}</dt><dd><strong data-testid="order-total">{rupiah(order.total)}</strong></dd>
        </dl>
        <h2>{t!(i18n, checkout_delivery)}</h2>
        {delivery}
        {order.courier.map(|courier| view! {
            <p data-testid="tracking">{t!(i18n, field_courier)} ": " {courier} " · "
                {t!(i18n, field_tracking)} ": " {order.tracking_number.unwrap_or_default()}</p>
        })}
        {order.cancel_reason.map(|reason| view! {
            <p data-testid="cancel-reason">{t!(i18n, field_cancel_reason)} ": " {reason}</p>
        })}
        <h2>{t!(i18n, checkout_payment)}</h2>
        <p>{payment}</p>
        {proof.map(|key| view! {
            <p><a href=crate::catalogue::image_url(Some(&key), 1280) data-testid="proof-link">{t!(i18n, proof_title)}</a></p>
        })}
        <h2>{t!(i18n, checkout_buyer)}</h2>
        <p>{order.buyer_name} " · " {order.buyer_phone}</p>
        {(!order.note.is_empty()).then(|| view! { <p>{t!(i18n, field_note)} ": " {order.note}</p> })}
    }
}
