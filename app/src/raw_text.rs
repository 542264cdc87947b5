//! The elements whose content the renderers write without escaping it: leptos_meta writes the title's
//! text as it is, and tachys writes the children of `<textarea>`, `<script>`, `<style>` and `<noscript>`
//! raw. A typed `</title><script>…` would end the element and run. Pages use these components instead,
//! and a test below fails when any other file writes one of those elements itself.
use leptos::prelude::*;

/// Text for an element that only its closing tag ends (`<title>`, `<textarea>`): the browser turns the
/// references back into the characters typed, so they show as text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's title; the site's name follows it (see [`SiteTitle`]).
#[component]
pub fn Title(#[prop(into)] text: String) -> impl IntoView {
    view! { <leptos_meta::Title text=escape(&text) /> }
}

/// Every page's title ends with the site's name.
#[component]
pub fn SiteTitle() -> impl IntoView {
    view! { <leptos_meta::Title formatter=|page: String| format!("{page} · Lumbung") /> }
}

/// A multi-line field filled with what was typed or saved, and what is wrong with it, tied to it for
/// screen readers.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    name: &'static str,
    value: String,
    rows: u32,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] required: bool,
    #[prop(default = None)] problem: Option<String>,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    view! {
        <textarea
            id=id
            name=name
            rows=rows
            maxlength=maxlength
            required=required
            aria-invalid=problem.is_some().then_some("true")
            aria-describedby=problem.is_some().then(|| problem_id.clone())
            // The parser drops one line break right after `<textarea>`: this one, not the text's own.
            inner_html=format!("\n{}", escape(&value))
        ></textarea>
        {problem.map(|text| view! { <p class="field-problem" id=problem_id>{text}</p> })}
    }
}

/// JSON-LD for search engines. Inside `<script>` only `</script` (or `<!--`) could end it early, and JSON
/// may write `<` as `\u003c` in its strings: then no text a person typed can.
#[component]
pub fn JsonLd(value: serde_json::Value) -> impl IntoView {
    let json = value.to_string().replace('<', "\\u003c");
    view! { <script type="application/ld+json" inner_html=json></script> }
}

/// A script of this site's own, never of anything typed; it carries the page's nonce, which the
/// Content-Security-Policy asks of inline scripts.
#[component]
pub fn InlineScript(code: &'static str) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    view! { <script nonce=nonce inner_html=code></script> }
}

/// A page of its own, not rendered by Leptos: a title, a sentence and a link home, each escaped.
pub fn plain_page(lang: &str, title: &str, text: &str, home: &str) -> String {
    let (title, text, home) = (escape(title), escape(text), escape(home));
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Lumbung</title></head><body><main class=\"message\"><h1>{title}</h1>\
         <p>{text}</p><p><a href=\"/\">{home}</a></p></main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_what_could_end_the_element() {
        assert_eq!(
            escape("Kopi</title><script>x()</script> & \"teh\""),
            "Kopi&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; \"teh\""
        );
        assert_eq!(escape("Madu hutan"), "Madu hutan");
    }

    /// Writing one of these elements outside this file would skip the escaping above.
    #[test]
    fn no_other_file_writes_a_raw_text_element() {
        // In markup, or as tachys's element functions.
        const RAW: [&str; 10] = [
            "<title",
            "<textarea",
            "<script",
            "<style",
            "<noscript",
            "inner_html",
            "element::textarea",
            "element::script",
            "element::style",
            "element::noscript",
        ];
        // leptos_meta's components that write such elements.
        const META: [&str; 3] = ["Title", "Script", "Style"];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("raw_text.rs") {
                    continue;
                }
                // Clearing a list the browser built is not writing markup.
                let source = std::fs::read_to_string(&path)
                    .unwrap()
                    .replace("set_inner_html(\"\")", "");
                for (n, line) in source.lines().enumerate() {
                    if RAW.iter().any(|raw| line.contains(raw)) {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
                // Every name taken from leptos_meta, in a `use` of one line or several, or a path.
                for (at, _) in source.match_indices("leptos_meta::") {
                    let rest = &source[at + "leptos_meta::".len()..];
                    let named = if rest.starts_with('{') {
                        &rest[..rest.find('}').unwrap_or(rest.len())]
                    } else {
                        &rest[..rest
                            .find(|c: char| !c.is_alphanumeric() && c != '_')
                            .unwrap_or(rest.len())]
                    };
                    if named
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| META.contains(&w))
                    {
                        found.push(format!("{}: leptos_meta::{}", path.display(), named.trim()));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "use app::raw_text instead:\n{}",
            found.join("\n")
        );
    }
}
