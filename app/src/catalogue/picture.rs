//! A product picture as pages show it: every stored size in a `srcset` for the browser to choose from,
//! or in data-saver mode a box of the same shape that loads only the smallest size when tapped.
use leptos::prelude::*;

use super::card::{IMAGE_WIDTHS, image_srcset, image_url};
use crate::i18n::*;

/// When a picture loads outside data-saver mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Loading {
    /// Below the fold: when scrolled near.
    Lazy,
    /// In the first screen.
    Eager,
    /// The page's main picture, before anything else.
    First,
}

#[component]
pub fn Picture(
    image_key: Option<String>,
    alt: String,
    /// The picture's shape, so nothing moves when it arrives.
    width: u32,
    height: u32,
    /// The size in `src`, for browsers that ignore `srcset`.
    fallback: u32,
    sizes: &'static str,
    loading: Loading,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let key = image_key.as_deref();
    if crate::saver::on() {
        let i18n = use_i18n();
        // The footer's PageWeight island turns a tapped box into its picture. The box's shape comes from
        // the stylesheet (every picture is 4:3): a style attribute is inline style, which the
        // Content-Security-Policy refuses.
        debug_assert_eq!(width * 3, height * 4, "the stylesheet's boxes are 4:3");
        return view! {
            <span
                class=format!("tap-image {class}")
                data-src=image_url(key, IMAGE_WIDTHS[0])
                data-alt=alt
                data-width=width
                data-height=height
            >
                {t!(i18n, saver_tap_image)}
            </span>
        }
        .into_any();
    }
    view! {
        <img
            class=class
            src=image_url(key, fallback)
            srcset=image_srcset(key)
            sizes=sizes
            alt=alt
            width=width
            height=height
            loading=(loading == Loading::Lazy).then_some("lazy")
            fetchpriority=(loading == Loading::First).then_some("high")
        />
    }
    .into_any()
}
