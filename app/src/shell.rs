//! The HTML document and the routes.
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::auth::{JoinPage, LoginPage, PasswordPage, RegisterFormPage, RegisterPage};
use crate::cart::CartPage;
use crate::catalogue::HomePage;
use crate::catalogue::search::SearchPage;
use crate::checkout::CheckoutPage;
use crate::checkout::OrderNotices;
use crate::coverage::RegionCoveragePage;
use crate::dashboard::DashboardPage;
use crate::dashboard::listings::{ListingFormPage, ListingsPage};
use crate::dashboard::orders::{SellerOrderPage, SellerOrdersPage};
use crate::dashboard::staff::StaffPage;
use crate::dashboard::terms::TermsPage;
use crate::hydration::Hydration;
use crate::i18n::*;
use crate::layout::{Footer, Header};
use crate::not_found::{NotFound, OfflinePage};
use crate::officials::{OfficialHomePage, OfficialLoginPage, OfficialPasswordPage, TeamPage};
use crate::open_data::DataPage;
use crate::orders::{MyOrdersPage, OrderPage};
use crate::product::ProductPage;
use crate::raw_text::{InlineScript, SiteTitle};
use crate::verification::{DirectoryPage, DossierPage, QueuePage};
use crate::village::{RegionsPage, VillagePage};

/// Registers the worker after the page has loaded, so it never competes with the first visit.
const REGISTER_SERVICE_WORKER: &str = "if ('serviceWorker' in navigator) addEventListener('load', () => \
     navigator.serviceWorker.register('/sw.js', { updateViaCache: 'none' }));";

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::csp::send_page_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#7a4b24" />
                <AutoReload options=options.clone() />
                <Hydration options=options.clone() />
                <leptos_meta::HashedStylesheet options id="leptos" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <InlineScript code=REGISTER_SERVICE_WORKER />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Pauses the effects made so far, on the server. leptos_i18n's provider makes an effect that also runs
/// on the server, as a task of its own that reads the locale: when it ran after its request was over
/// (a fast page, a visitor gone), it panicked on the disposed signal, and the panic left the worker
/// thread's reactive owner set, so the next page rendered there lost its response headers (its
/// Content-Security-Policy among them). The effect only writes the language cookie, which
/// `/bahasa/{lang}` does itself; paused, it never runs on the server.
#[component]
fn NoServerEffects() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(owner) = leptos::prelude::Owner::current() {
        owner.pause();
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nContextProvider>
            <NoServerEffects />
            <SiteTitle />
            <Router>
                <Header />
                <OrderNotices />
                <main>
                    // Async: the whole page, status code included, is ready before the first byte.
                    <Routes fallback=NotFound>
                        <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                        <Route path=path!("/p/:slug") view=ProductPage ssr=SsrMode::Async />
                        <Route path=path!("/cari") view=SearchPage ssr=SsrMode::Async />
                        <Route path=path!("/wilayah") view=RegionsPage ssr=SsrMode::Async />
                        <Route path=path!("/wilayah/:code") view=RegionsPage ssr=SsrMode::Async />
                        <Route path=path!("/desa/:code") view=VillagePage ssr=SsrMode::Async />
                        <Route path=path!("/daftar") view=RegisterPage ssr=SsrMode::Async />
                        <Route path=path!("/daftar/desa/:code") view=RegisterFormPage ssr=SsrMode::Async />
                        <Route path=path!("/masuk") view=LoginPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor") view=DashboardPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/sandi") view=PasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/produk") view=ListingsPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/produk/baru") view=ListingFormPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/produk/:id") view=ListingFormPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/toko") view=TermsPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/staf") view=StaffPage ssr=SsrMode::Async />
                        <Route path=path!("/keranjang") view=CartPage ssr=SsrMode::Async />
                        <Route path=path!("/pesan") view=CheckoutPage ssr=SsrMode::Async />
                        <Route path=path!("/pesanan") view=MyOrdersPage ssr=SsrMode::Async />
                        <Route path=path!("/pesanan/:token") view=OrderPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/pesanan") view=SellerOrdersPage ssr=SsrMode::Async />
                        <Route path=path!("/dasbor/pesanan/:number") view=SellerOrderPage ssr=SsrMode::Async />
                        <Route path=path!("/undangan/:token") view=JoinPage ssr=SsrMode::Async />
                        <Route path=path!("/luring") view=OfflinePage ssr=SsrMode::Async />
                        <Route path=path!("/data") view=DataPage ssr=SsrMode::Async />
                        <Route path=path!("/petugas") view=OfficialHomePage ssr=SsrMode::Async />
                        <Route path=path!("/petugas/masuk") view=OfficialLoginPage ssr=SsrMode::Async />
                        <Route path=path!("/petugas/sandi/:token") view=OfficialPasswordPage ssr=SsrMode::Async />
                        <Route path=path!("/petugas/tim") view=TeamPage ssr=SsrMode::Async />
                        <Route path=path!("/petugas/verifikasi") view=QueuePage ssr=SsrMode::Async />
                        <Route path=path!("/petugas/bumdes") view=DirectoryPage ssr=SsrMode::Async />
                        <Route path=path!("/petugas/bumdes/:id") view=DossierPage ssr=SsrMode::Async />
                        <Route path=path!("/petugas/wilayah/:code") view=RegionCoveragePage ssr=SsrMode::Async />
                    </Routes>
                </main>
                <Footer />
            </Router>
        </I18nContextProvider>
    }
}
