//! The search box: a plain GET form to `/cari` that, once its island runs, suggests as the buyer types.
use std::cell::RefCell;

use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use serde::{Deserialize, Serialize};
use web_sys::{AbortController, AbortSignal, Element};

use crate::error::AppError;
use crate::i18n::*;
use crate::island::{find, handler_element, hydrated};

/// A completion of what was typed, or a region whose name matches it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub text: String,
    pub href: String,
    /// The region's level ("Kabupaten", "Provinsi"), for region suggestions.
    pub note: Option<String>,
}

/// Suggestions for a partly typed query, as JSON at `GET /api/saran?q=…`.
#[server(endpoint = "saran", input = server_fn::codec::GetUrl)]
pub async fn suggestions(q: String) -> Result<Vec<Suggestion>, AppError> {
    let q = crate::form::search_text(&q, 100);
    Ok(queries::suggestions(&crate::state::pool(), &q).await?)
}

#[cfg(feature = "ssr")]
pub mod queries {
    use sqlx::PgPool;

    use super::Suggestion;
    use crate::village::region_url;

    /// Completes the last word from the vocabulary, common words first, and adds provinces and regencies
    /// whose names contain what was typed.
    pub async fn suggestions(pool: &PgPool, typed: &str) -> sqlx::Result<Vec<Suggestion>> {
        let typed = typed.trim().to_lowercase();
        let (head, last) = match typed.rsplit_once(' ') {
            Some((head, last)) => (format!("{} ", head.trim()), last.to_string()),
            None => (String::new(), typed.clone()),
        };
        if last.chars().count() < 2 {
            return Ok(Vec::new());
        }
        let words = sqlx::query_scalar!(
            r#"SELECT word FROM search_words
               WHERE word LIKE like_escape(immutable_unaccent($1)) || '%'
                 AND products > 0
               ORDER BY products DESC, word LIMIT 6"#,
            last
        )
        .fetch_all(pool)
        .await?;
        let mut out: Vec<Suggestion> = words
            .into_iter()
            .map(|word| {
                let text = format!("{head}{word}");
                let href = format!(
                    "/cari?{}",
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair("q", &text)
                        .finish()
                );
                Suggestion {
                    text,
                    href,
                    note: None,
                }
            })
            .collect();
        if typed.chars().count() >= 3 {
            let regions = sqlx::query!(
                r#"SELECT r.code, r.name, r.level FROM regions r
                   WHERE r.level IN ('province', 'regency')
                     AND immutable_unaccent(lower(r.name)) LIKE '%' || like_escape(immutable_unaccent($1)) || '%'
                   ORDER BY length(r.code), length(r.name), r.name LIMIT 3"#,
                typed
            )
            .fetch_all(pool)
            .await?;
            out.extend(regions.into_iter().map(|r| Suggestion {
                href: region_url(&r.code),
                text: r.name,
                note: Some(r.level),
            }));
        }
        Ok(out)
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::test_fixtures::{self as fx, NewProduct};

        #[sqlx::test(migrations = "../server/migrations")]
        async fn completes_the_last_word_and_names_regions(pool: PgPool) {
            fx::regions(&pool).await;
            let seller = fx::bumdes(&pool, "bumdes-jauh", fx::FAR_VILLAGE, "verified").await;
            for slug in ["madu-hutan", "madu-trigona", "mangga-harum"] {
                let product = NewProduct {
                    slug,
                    ..Default::default()
                };
                fx::product(&pool, seller, product).await.unwrap();
            }
            let texts =
                |list: Vec<Suggestion>| list.into_iter().map(|s| s.text).collect::<Vec<_>>();
            // Common words first: "madu" names two products.
            assert_eq!(
                texts(suggestions(&pool, "ma").await.unwrap()),
                ["madu", "mangga"]
            );
            assert_eq!(
                texts(suggestions(&pool, "Madu TRI").await.unwrap()),
                ["madu trigona"]
            );
            let sumbawa = suggestions(&pool, "sumba").await.unwrap();
            assert_eq!(sumbawa.last().unwrap().href, "/wilayah/52.04");
            assert_eq!(sumbawa.last().unwrap().note.as_deref(), Some("regency"));
            assert_eq!(suggestions(&pool, "m").await.unwrap(), []);
            for typed in ["%", "_%", "\\", "'"] {
                assert_eq!(suggestions(&pool, typed).await.unwrap(), [], "{typed}");
            }
        }
    }
}

/// The header's search box: the field and button, and the list the island fills.
#[component]
pub fn SearchForm(value: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <SearchBox>
            <label class="visually-hidden" id="q-label" for="q">
                {t!(i18n, search_label)}
            </label>
            <input
                id="q"
                name="q"
                type="search"
                value=value
                placeholder=t_string!(i18n, search_placeholder)
                autocomplete="off"
                enterkeyhint="search"
                maxlength="200"
            />
            <button type="submit">{t!(i18n, search_submit)}</button>
            // The names of the regions' levels, for the suggestions the island shows.
            <ul
                class="suggestions"
                aria-label=t_string!(i18n, search_suggestions)
                hidden
                data-province=t_string!(i18n, level_province)
                data-regency=t_string!(i18n, level_regency)
            ></ul>
        </SearchBox>
    }
}

#[island]
fn SearchBox(children: Children) -> impl IntoView {
    let form = NodeRef::<leptos::html::Form>::new();
    // A tap anywhere else closes the suggestions.
    Effect::new(move |_| {
        if let Some(form) = form.get() {
            let _ = window_event_listener(leptos::ev::pointerdown, move |event| {
                close_unless_inside(&form, event.target());
            });
        }
    });
    view! {
        <form
            class="search-box"
            action="/cari"
            method="get"
            role="search"
            aria-labelledby="q-label"
            data-hydrated=hydrated()
            node_ref=form
            on:input=typed
            on:focusout=|event| {
                // Tabbing away; a tap that moves the focus nowhere is the pointer's business.
                if let (Some(form), Some(to)) = (handler_element(&event), event.related_target()) {
                    close_unless_inside(&form, Some(to));
                }
            }
        >
            {children()}
        </form>
    }
}

/// Hides the search box's suggestions, unless `target` is inside the box. (Escape empties the field,
/// which hides them too.)
fn close_unless_inside(form: &Element, target: Option<web_sys::EventTarget>) {
    let inside = target
        .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|node| form.contains(Some(&node)));
    if let (false, Some(list)) = (inside, find::<Element>(form, ".suggestions")) {
        cancel_pending();
        let _ = list.toggle_attribute_with_force("hidden", true);
    }
}

/// How long typing must pause before suggestions are fetched.
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(250);

thread_local! {
    /// The wait, then the request, for the last keystroke: a newer keystroke cancels both.
    static PENDING: RefCell<Option<(TimeoutHandle, Option<AbortController>)>> = RefCell::default();
}

fn typed(event: web_sys::Event) {
    let Some(list) =
        handler_element(&event).and_then(|form| find::<Element>(&form, ".suggestions"))
    else {
        return;
    };
    cancel_pending();
    let q = event_target_value(&event);
    if q.trim().chars().count() < 2 {
        show(&list, &[]);
        return;
    }
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(AbortController::signal);
    let timer = set_timeout_with_handle(
        move || {
            leptos::task::spawn_local(async move {
                // An aborted request ends in nothing and leaves the list to the newer one.
                if let Some(found) = fetch(&q, signal).await {
                    show(&list, &found);
                }
            });
        },
        DEBOUNCE,
    );
    if let Ok(timer) = timer {
        PENDING.set(Some((timer, controller)));
    }
}

fn cancel_pending() {
    if let Some((timer, request)) = PENDING.take() {
        timer.clear();
        if let Some(request) = request {
            request.abort();
        }
    }
}

#[cfg(feature = "hydrate")]
async fn fetch(q: &str, signal: Option<AbortSignal>) -> Option<Vec<Suggestion>> {
    use leptos::server_fn::ServerFn;
    use leptos::wasm_bindgen::JsValue;
    use web_sys::js_sys::{Array, JSON, Reflect};

    let response = gloo_net::http::Request::get(<Suggestions as ServerFn>::url())
        .query([("q", q)])
        .abort_signal(signal.as_ref())
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    // The browser's own JSON parser keeps serde_json out of the bundle (see `crate::island`).
    let list: Array = JSON::parse(&response.text().await.ok()?)
        .ok()?
        .dyn_into()
        .ok()?;
    let field = |item: &JsValue, name: &str| Reflect::get(item, &name.into()).ok()?.as_string();
    let found = list.iter().filter_map(|item| {
        Some(Suggestion {
            text: field(&item, "text")?,
            href: field(&item, "href")?,
            note: field(&item, "note"),
        })
    });
    Some(found.collect())
}

/// Islands' event handlers only run in the browser.
#[cfg(not(feature = "hydrate"))]
async fn fetch(_q: &str, _signal: Option<AbortSignal>) -> Option<Vec<Suggestion>> {
    None
}

/// Shows the suggestions as links, a region's with the name of its level.
fn show(list: &Element, found: &[Suggestion]) {
    list.set_inner_html("");
    for suggestion in found {
        let (Ok(item), Ok(link)) = (
            document().create_element("li"),
            document().create_element("a"),
        ) else {
            continue;
        };
        let _ = link.set_attribute("href", &suggestion.href);
        link.set_text_content(Some(&suggestion.text));
        let level = (suggestion.note.as_deref())
            .and_then(|level| list.get_attribute(&format!("data-{level}")));
        if let (Some(level), Ok(note)) = (level, document().create_element("span")) {
            note.set_class_name("note");
            note.set_text_content(Some(&level));
            let _ = link.append_child(&note);
        }
        let _ = item.append_child(&link);
        let _ = list.append_child(&item);
    }
    let _ = list.toggle_attribute_with_force("hidden", found.is_empty());
}
