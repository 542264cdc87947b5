//! The search box: a plain GET form to `/cari` that, once its island runs, suggests as the buyer types.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

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
    let q: String = q.chars().take(100).collect();
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

/// Texts for [`SearchBox`], translated on the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchBoxLabels {
    pub label: String,
    pub placeholder: String,
    pub submit: String,
    pub suggestions: String,
    pub province: String,
    pub regency: String,
}

/// How long typing must pause before suggestions are fetched.
#[cfg(feature = "hydrate")]
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(250);

#[island]
pub fn SearchBox(value: String, labels: SearchBoxLabels) -> impl IntoView {
    let typed = RwSignal::new(value.clone());
    let found = RwSignal::new(Vec::<Suggestion>::new());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    #[cfg(feature = "hydrate")]
    fetch_suggestions(typed, found);
    let name = labels.label.clone();
    let note = move |level: &str| match level {
        "province" => labels.province.clone(),
        _ => labels.regency.clone(),
    };
    view! {
        <form
            class="search-box"
            action="/cari"
            method="get"
            role="search"
            aria-label=name
            data-hydrated=move || hydrated.get().then_some("true")
        >
            <label class="visually-hidden" for="q">
                {labels.label}
            </label>
            <input
                id="q"
                name="q"
                type="search"
                value=value
                placeholder=labels.placeholder
                autocomplete="off"
                enterkeyhint="search"
                maxlength="200"
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
            <button type="submit">{labels.submit}</button>
            <ul class="suggestions" aria-label=labels.suggestions hidden=move || found.with(Vec::is_empty)>
                <For each=move || found.get() key=|s| s.href.clone() let(s)>
                    <li>
                        <a href=s.href>
                            {s.text}
                            {s.note.map(|level| view! { <span class="note">{note(&level)}</span> })}
                        </a>
                    </li>
                </For>
            </ul>
        </form>
    }
}

/// Fetches suggestions when typing pauses; a newer keystroke cancels both the wait and the request.
#[cfg(feature = "hydrate")]
fn fetch_suggestions(typed: RwSignal<String>, found: RwSignal<Vec<Suggestion>>) {
    use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
    use leptos::task::spawn_local;
    use web_sys::AbortController;

    let pending: StoredValue<Option<(TimeoutHandle, Option<AbortController>)>, LocalStorage> =
        StoredValue::new_local(None);
    let first = std::cell::Cell::new(true);
    Effect::new(move |_| {
        let q = typed.get();
        if first.replace(false) {
            return;
        }
        if let Some((timer, request)) = pending.try_update_value(Option::take).flatten() {
            timer.clear();
            if let Some(request) = request {
                request.abort();
            }
        }
        if q.trim().chars().count() < 2 {
            found.set(Vec::new());
            return;
        }
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        let timer = set_timeout_with_handle(
            move || {
                spawn_local(async move {
                    let request = gloo_net::http::Request::get("/api/saran")
                        .query([("q", q.as_str())])
                        .abort_signal(signal.as_ref())
                        .send()
                        .await;
                    // An aborted request ends in an error and leaves the list to the newer one.
                    if let Ok(response) = request
                        && response.ok()
                        && let Ok(list) = response.json::<Vec<Suggestion>>().await
                    {
                        found.set(list);
                    }
                });
            },
            DEBOUNCE,
        );
        if let Ok(timer) = timer {
            pending.set_value(Some((timer, controller)));
        }
    });
}
