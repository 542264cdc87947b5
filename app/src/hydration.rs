//! Loads the islands' code once the page is idle, then hydrates each island in a task of its own.
//!
//! Leptos's `HydrationScripts` walks every element of the page with an `await` on each, all inside one
//! task: on a 4× slowed CPU that walk alone took ~36 ms of the home page's single 150–180 ms hydration
//! task, time in which a cheap phone does not answer a tap. Here the browser's selector engine finds the
//! islands, and the main thread is given back between them.
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::raw_text::InlineScript;

/// Reads the code's addresses from the preload links, so that the script is one constant. An island
/// inside another's children gets that island's context first, as Leptos's own script does.
#[cfg(feature = "ssr")]
const HYDRATE: &str = r#"(() => {
  const idle = window.requestIdleCallback ? (f) => requestIdleCallback(f) : (f) => setTimeout(f);
  const nextTask = () => new Promise((resolve) => setTimeout(resolve));
  const address = (selector) => document.querySelector(selector).href;
  const start = () => idle(async () => {
    const code = await import(address('link[rel="modulepreload"]'));
    await code.default({ module_or_path: address('link[rel="preload"][as="fetch"]') });
    code.hydrate();
    for (const island of document.querySelectorAll("leptos-island")) {
      await nextTask();
      const hydrate = code[island.dataset.component];
      if (!hydrate) {
        console.warn("no code for the island " + island.dataset.component);
        continue;
      }
      const children = island.parentElement && island.parentElement.closest("leptos-children");
      if (children && children.$$on_hydrate) children.$$on_hydrate();
      await hydrate(island);
    }
  });
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", start);
  else start();
})();"#;

#[component]
pub fn Hydration(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        // Islands mode: the page outside the islands carries no hydration markers.
        if let Some(context) = Owner::current_shared_context() {
            context.set_is_hydrating(false);
        }
        let bundle = crate::bundle::Bundle::get(&options);
        view! {
            <link rel="modulepreload" href=bundle.js.clone() />
            <link
                rel="preload"
                href=bundle.wasm.clone()
                r#as="fetch"
                r#type="application/wasm"
                crossorigin="anonymous"
            />
            <InlineScript code=HYDRATE />
        }
        .into_any()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
        ().into_any()
    }
}
