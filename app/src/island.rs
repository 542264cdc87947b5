//! What every island shares. Islands take no props, only children rendered on the server: what an
//! island shows comes with the page, and what it needs to know (a slug, the server's cart) it reads from
//! its children's attributes. Props travel as JSON; reading them would put serde_json, and the float
//! formatting its errors use, into the browser bundle: a third of it (107.7 → 71.2 KB brotli).
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// `data-hydrated="true"` once an island runs in the browser, so tests can wait for it.
pub fn hydrated() -> impl Fn() -> Option<&'static str> + Copy {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    move || hydrated.get().then_some("true")
}

/// The element an event handler sits on (the island's own element).
pub fn handler_element(event: &web_sys::Event) -> Option<web_sys::Element> {
    event.current_target()?.dyn_into().ok()
}

/// The first element under `root` that `selector` finds.
pub fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> Option<T> {
    root.query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}
