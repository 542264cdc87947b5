//! Orders placed without a connection. With JavaScript the checkout form is sent by this island: when
//! the network fails, the form is kept in this browser and sent again when the connection returns, from
//! whichever page is open. Its idempotency key makes a second sending (another tab, an answer lost on
//! the way) place nothing new, so the order is placed exactly once.
use leptos::prelude::*;

use crate::i18n::*;
use crate::island::find;

/// What the island tells the buyer (set only in the browser).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Shown {
    Nothing,
    Waiting,
    /// Placed; the address of the order (or of the buyer's orders).
    Sent(String),
    /// The server sent the form back with a problem (stock, price): the checkout page showing it.
    Refused(String),
}

/// Tells the buyer about an order waiting for the connection, on every page: notices hidden until the
/// island shows one.
#[component]
pub fn OrderNotices() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <OrderQueue>
            <p class="notice waiting" data-shown="waiting" data-testid="order-waiting" hidden>
                {t!(i18n, queue_waiting)}
            </p>
            <p class="notice" data-shown="sent" data-testid="order-sent" hidden>
                {t!(i18n, queue_sent)}
                " "
                <a href="/pesanan">{t!(i18n, queue_open)}</a>
            </p>
            <p class="problems" data-shown="refused" data-testid="order-refused" hidden>
                {t!(i18n, queue_refused)}
                " "
                <a href="/keranjang">{t!(i18n, queue_open)}</a>
            </p>
        </OrderQueue>
    }
}

/// Shows whether an order is waiting for the connection, and sends it when it returns.
#[island]
fn OrderQueue(children: Children) -> impl IntoView {
    let shown = RwSignal::new(Shown::Nothing);
    #[cfg(feature = "hydrate")]
    browser::start(shown);
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(root) = root.get() {
            show(&root, &shown.get());
        }
    });
    view! {
        <div class="order-queue" aria-live="polite" data-testid="order-queue" node_ref=root>
            {children()}
        </div>
    }
}

/// Shows the one notice (none for `Nothing`), its link to `Sent`'s or `Refused`'s address.
fn show(root: &web_sys::Element, shown: &Shown) {
    let (name, url) = match shown {
        Shown::Nothing => ("", None),
        Shown::Waiting => ("waiting", None),
        Shown::Sent(url) => ("sent", Some(url)),
        Shown::Refused(url) => ("refused", Some(url)),
    };
    for each in ["waiting", "sent", "refused"] {
        let Some(notice) = find::<web_sys::Element>(root, &format!("[data-shown={each}]")) else {
            continue;
        };
        let _ = notice.toggle_attribute_with_force("hidden", each != name);
        if let (true, Some(url), Some(link)) =
            (each == name, url, find::<web_sys::Element>(&notice, "a"))
        {
            let _ = link.set_attribute("href", url);
        }
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    use leptos::prelude::*;
    use leptos::server_fn::ServerFn;
    use leptos::wasm_bindgen::JsCast;

    use super::Shown;

    const STORAGE_KEY: &str = "lumbung-pesanan-menunggu";
    /// Besides the browser's `online` event, which a patchy line does not always fire.
    const RETRY_MS: u64 = 10_000;

    /// An order kept in this browser: the form as it would have been posted, and the checkout page it
    /// came from (a refused form is sent back there with its problem).
    struct Waiting {
        key: String,
        body: String,
        from: String,
    }

    thread_local! {
        static SENDING: Cell<bool> = const { Cell::new(false) };
    }

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    /// One order a line: its key, page and body, separated by tabs (which the URL-encoded body, the
    /// hex key and the path never hold). Plain text keeps a JSON serialiser out of the bundle.
    fn load() -> Vec<Waiting> {
        let text = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .unwrap_or_default();
        text.lines()
            .filter_map(|line| {
                let mut parts = line.splitn(3, '\t');
                Some(Waiting {
                    key: parts.next()?.to_string(),
                    from: parts.next()?.to_string(),
                    body: parts.next()?.to_string(),
                })
            })
            .collect()
    }

    fn save(queue: &[Waiting]) {
        let text: Vec<String> = queue
            .iter()
            .map(|w| format!("{}\t{}\t{}", w.key, w.from, w.body))
            .collect();
        if let Some(storage) = storage() {
            let _ = match queue {
                [] => storage.remove_item(STORAGE_KEY),
                _ => storage.set_item(STORAGE_KEY, &text.join("\n")),
            };
        }
    }

    pub fn start(shown: RwSignal<Shown>) {
        let on_submit = window_event_listener(leptos::ev::submit, move |event| {
            if let Some(waiting) = checkout_form(&event) {
                event.prevent_default();
                let mut queue = load();
                // Pressed again while it waits: still the one order.
                if !queue.iter().any(|w| w.key == waiting.key) {
                    queue.push(waiting);
                    save(&queue);
                }
                leptos::task::spawn_local(send_all(shown, true));
            }
        });
        let on_online = window_event_listener_untyped("online", move |_| {
            leptos::task::spawn_local(send_all(shown, false));
        });
        let retry = set_interval_with_handle(
            move || {
                if !load().is_empty() {
                    leptos::task::spawn_local(send_all(shown, false));
                }
            },
            std::time::Duration::from_millis(RETRY_MS),
        )
        .ok();
        on_cleanup(move || {
            on_submit.remove();
            on_online.remove();
            if let Some(retry) = retry {
                retry.clear();
            }
        });
        Effect::new(move |_| {
            if !load().is_empty() {
                shown.set(Shown::Waiting);
                leptos::task::spawn_local(send_all(shown, false));
            }
        });
    }

    /// The checkout form being placed (not its button that shows more region choices), as a body to post.
    fn checkout_form(event: &web_sys::SubmitEvent) -> Option<Waiting> {
        let form = event
            .target()?
            .dyn_into::<web_sys::HtmlFormElement>()
            .ok()?;
        let action = <crate::checkout::PlaceOrder as ServerFn>::url();
        if form.get_attribute("action").as_deref() != Some(action) {
            return None;
        }
        if let Some(submitter) = event.submitter()
            && submitter.has_attribute("formaction")
        {
            return None;
        }
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        // A damaged key (the server refuses it anyway) is posted as a plain form.
        let key = data
            .get("key")
            .as_string()
            .filter(|key| !key.contains(['\t', '\n']))?;
        let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)
            .ok()?
            .to_string()
            .as_string()?;
        let from = window().location().pathname().ok()?;
        Some(Waiting { key, body, from })
    }

    /// Sends the waiting orders in turn. `navigate`: the buyer just pressed the button on the checkout
    /// page, which then goes where the form would have gone.
    async fn send_all(shown: RwSignal<Shown>, navigate: bool) {
        if SENDING.with(|s| s.replace(true)) {
            return;
        }
        for waiting in load() {
            let (url, shown_now) = match send(&waiting).await {
                Outcome::Offline => {
                    shown.set(Shown::Waiting);
                    // Above the form, where the buyer may not be looking.
                    window().scroll_to_with_x_and_y(0.0, 0.0);
                    break;
                }
                Outcome::Placed(url) => {
                    crate::cart::storage::store("", false);
                    (url.clone(), Shown::Sent(url))
                }
                Outcome::Refused(url) => (url.clone(), Shown::Refused(url)),
            };
            save(
                &load()
                    .into_iter()
                    .filter(|w| w.key != waiting.key)
                    .collect::<Vec<_>>(),
            );
            shown.set(shown_now);
            if navigate {
                let _ = window().location().assign(&url);
            }
        }
        SENDING.with(|s| s.set(false));
    }

    enum Outcome {
        /// No answer, or not from Lumbung (a proxy's error page): it stays waiting.
        Offline,
        Placed(String),
        Refused(String),
    }

    async fn send(waiting: &Waiting) -> Outcome {
        let action = <crate::checkout::PlaceOrder as ServerFn>::url();
        let request = gloo_net::http::Request::post(action)
            // As the plain form does: the server answers with a redirect, to the order when it is
            // placed, or back to the checkout page with the problem.
            .header("Accept", "text/html")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .referrer(&waiting.from)
            .body(waiting.body.clone());
        let Ok(request) = request else {
            return Outcome::Offline;
        };
        let Ok(response) = request.send().await else {
            return Outcome::Offline;
        };
        let url = response.url();
        let origin = window().location().origin().unwrap_or_default();
        let path = url.strip_prefix(&origin).unwrap_or_default();
        let path = path.split(['?', '#']).next().unwrap_or_default();
        if path.starts_with("/pesanan") && response.ok() {
            Outcome::Placed(url)
        } else if path == waiting.from && response.status() < 500 {
            Outcome::Refused(url)
        } else {
            Outcome::Offline
        }
    }
}
