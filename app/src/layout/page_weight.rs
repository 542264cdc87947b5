//! In data-saver mode, the footer tells how many bytes the page took, and turns tapped picture boxes
//! (see `catalogue::Picture`) into their pictures.
use leptos::prelude::*;

use crate::i18n::*;

/// "Halaman ini memakai 24 KB": the words come from the server as children, the number once measured.
#[component]
pub fn PageWeightNote() -> impl IntoView {
    let i18n = use_i18n();
    view! { <PageWeight>{t!(i18n, saver_page_weight)}</PageWeight> }
}

#[island]
fn PageWeight(children: Children) -> impl IntoView {
    let kilobytes = RwSignal::new(None::<u64>);
    #[cfg(feature = "hydrate")]
    browser::start(kilobytes);
    view! {
        <p class="small" data-testid="page-weight" hidden=move || kilobytes.get().is_none()>
            {children()}
            <span>{move || kilobytes.get().map(|kb| format!(" {kb} KB"))}</span>
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;

    /// Bytes that came over the network for the page and everything it loaded so far (0 for what a
    /// cache gave).
    fn transferred() -> u64 {
        let Some(performance) = window().performance() else {
            return 0;
        };
        ["navigation", "resource"]
            .into_iter()
            .flat_map(|kind| {
                performance
                    .get_entries_by_type(kind)
                    .iter()
                    .collect::<Vec<_>>()
            })
            .filter_map(|entry| entry.dyn_into::<web_sys::PerformanceResourceTiming>().ok())
            .map(|entry| entry.transfer_size() as u64)
            .sum()
    }

    pub fn start(kilobytes: RwSignal<Option<u64>>) {
        let measure = move || kilobytes.set(Some(transferred().div_ceil(1024)));
        Effect::new(move |_| measure());
        let on_load = window_event_listener_untyped("load", move |_| measure());
        let on_tap = window_event_listener(leptos::ev::click, move |event| {
            if let Some(boxed) = tapped_box(&event) {
                event.prevent_default();
                event.stop_propagation();
                show_picture(&boxed, measure);
            }
        });
        on_cleanup(move || {
            on_load.remove();
            on_tap.remove();
        });
    }

    fn tapped_box(event: &web_sys::MouseEvent) -> Option<web_sys::Element> {
        let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
        target.closest(".tap-image[data-src]").ok().flatten()
    }

    /// Replaces the box with its picture, and measures again once the picture has arrived.
    fn show_picture(boxed: &web_sys::Element, then: impl Fn() + 'static) {
        let Ok(img) = document().create_element("img") else {
            return;
        };
        for name in ["src", "alt", "width", "height"] {
            if let Some(value) = boxed.get_attribute(&format!("data-{name}")) {
                let _ = img.set_attribute(name, &value);
            }
        }
        let _ = img.set_attribute("class", &boxed.class_name().replace("tap-image", ""));
        let loaded = leptos::wasm_bindgen::closure::Closure::once_into_js(then);
        let _ = img.add_event_listener_with_callback("load", loaded.unchecked_ref());
        let _ = boxed.replace_with_with_node_1(&img);
    }
}
