// Every server function, page and route, with who may use it and how it is called: the authorization
// matrix and the hostile-input suite both go over this list, and the matrix fails when the server has an
// endpoint this list does not name (`server routes` prints the server's own list).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { randomBytes, randomInt } from "node:crypto";
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { verify } from "./seller";

/** Who may call an endpoint:
 * - `anyone`: a guest (what it shows is public, or the caller's own cart and orders);
 * - `seller`: any logged-in seller, for their own BUMDes;
 * - `owner`: a BUMDes's owner, not its staff;
 * - `listing`, `order`: a seller of the BUMDes the listing or order belongs to;
 * - `invite`, `member`: that BUMDes's owner;
 * - `order-link`: a browser the order's link and phone opened it for;
 * - `official`: any logged-in official (a seller gets 403);
 * - `official-region`: an official whose region covers the `region` argument (`wilayah` of a page);
 * - `official-bumdes`: an official whose region holds the BUMDes the `id` argument names;
 * - `official-colleague`: an official whose region holds the official the `id` argument names. */
export type Access = "anyone" | "seller" | "owner" | "listing" | "order" | "invite" | "member" | "order-link" | "official" | "official-region" | "official-bumdes" | "official-colleague";

/** One BUMDes's things that others must not reach, and a buyer's order. */
export interface Fixture {
  listing: number;
  photo: number;
  order: string;
  orderToken: string;
  invite: number;
  member: number;
  slug: string;
  /** A BUMDes waiting for verification in the first village. */
  pending: number;
  /** Regions seen from the fixture's official, whose region is the first village's regency. */
  regions: { inside: string; sibling: string; parent: string; outside: string };
  /** Two officials of `regions.inside`: one for a new link, one to deactivate. */
  colleagues: [number, number];
}

export interface Endpoint {
  access: Access;
  /** Arguments that would pass (for multipart, the text fields; the file goes in `file`). */
  args: (f: Fixture) => Record<string, string>;
  /** The page whose form posts it. */
  page?: (f: Fixture) => string;
  /** The file field of an upload. */
  file?: string;
}

/** A phone photo (400 × 600 with EXIF), as the upload forms take it. */
export const photoFile = () => ({ name: "kopi.jpg", mimeType: "image/jpeg", buffer: readFileSync("fixtures/photos/kopi-gps.jpg") });

export const endpoints: Record<string, Endpoint> = {
  "GET /api/open_invitation": { access: "anyone", args: () => ({ token: "0".repeat(64) }) },
  "POST /api/join_bumdes": {
    access: "anyone",
    page: () => `/undangan/${"0".repeat(64)}`,
    args: () => ({ token: "0".repeat(64), name: "Budi", whatsapp: "081270009999", email: "", password: "rahasia-staf", password_again: "rahasia-staf" }),
  },
  "GET /api/village_trail": { access: "anyone", args: () => ({ code: "11.01.01.2001" }) },
  "POST /api/register_bumdes": {
    access: "anyone",
    page: () => "/daftar/desa/11.01.01.2002",
    args: () => ({ village: "11.01.01.2002", bumdes_name: "BUMDes Uji", manager_name: "Siti", whatsapp: "0812", email: "", certificate_number: "", password: "pendek", password_again: "pendek" }),
  },
  "POST /api/log_in": { access: "anyone", page: () => "/masuk", args: () => ({ login: "0812 3450 0100", password: "salah-sandi" }) },
  "POST /api/log_out": { access: "anyone", args: () => ({}) },
  "POST /api/change_password": {
    access: "seller",
    page: () => "/dasbor/sandi",
    args: () => ({ current: "salah-sandi", password: "sandi-baru-1", password_again: "sandi-baru-1" }),
  },
  "POST /api/password_form": { access: "seller", args: () => ({}) },
  "POST /api/newest_flagships": { access: "anyone", args: () => ({}) },
  "GET /api/search": { access: "anyone", args: () => ({ "query[q]": "kopi", "query[sort]": "Relevance", "query[page]": "1" }) },
  "GET /api/saran": { access: "anyone", args: () => ({ q: "kop" }) },
  "POST /api/product_by_slug": { access: "anyone", args: (f) => ({ slug: f.slug }) },
  "GET /api/regions_under": { access: "anyone", args: () => ({ code: "11" }) },
  "GET /api/find_regions": { access: "anyone", args: () => ({ typed: "bakongan" }) },
  "GET /api/village": { access: "anyone", args: () => ({ code: "11.01.01.2001" }) },
  "POST /api/cart_add": { access: "anyone", page: (f) => `/p/${f.slug}`, args: (f) => ({ slug: f.slug, quantity: "1" }) },
  "POST /api/cart_set": { access: "anyone", page: () => "/keranjang", args: (f) => ({ slug: f.slug, quantity: "2" }) },
  "POST /api/cart_save": { access: "anyone", args: (f) => ({ cart: `${f.slug}=1` }) },
  "POST /api/cart_text": { access: "anyone", args: () => ({}) },
  "POST /api/cart_items": { access: "anyone", args: () => ({}) },
  "POST /api/checkout_data": { access: "anyone", args: () => ({ "chosen[0]": "11" }) },
  "POST /api/place_order": {
    access: "anyone",
    page: () => "/pesan",
    args: () => ({
      key: randomBytes(16).toString("hex"),
      cart: "1:1:1",
      name: "Ani",
      phone: "0813 1111 2222",
      province: "11",
      regency: "11.01",
      district: "11.01.02",
      village: "11.01.02.2001",
      street: "Jl. Merdeka 1",
      postal_code: "2377",
      note: "",
      delivery: "pickup",
      payment: "transfer",
    }),
  },
  "POST /api/my_orders": { access: "anyone", args: () => ({}) },
  "POST /api/order_page": { access: "order-link", args: (f) => ({ token: f.orderToken }) },
  "POST /api/open_order": { access: "order-link", page: (f) => `/pesanan/${f.orderToken}`, args: (f) => ({ token: f.orderToken, phone: "0813 0000 0000" }) },
  "POST /api/upload_proof": { access: "order-link", page: (f) => `/pesanan/${f.orderToken}`, args: (f) => ({ token: f.orderToken }), file: "proof" },
  "POST /api/dashboard_home": { access: "seller", args: () => ({}) },
  "POST /api/my_listings": { access: "seller", args: () => ({}) },
  "POST /api/publish_listing": { access: "listing", page: () => "/dasbor/produk", args: (f) => ({ id: `${f.listing}`, publish: "true" }) },
  "POST /api/delete_listing": { access: "listing", args: (f) => ({ id: `${f.listing}` }) },
  "POST /api/listing_form": { access: "listing", args: (f) => ({ id: `${f.listing}` }) },
  "POST /api/save_listing": {
    access: "listing",
    page: (f) => `/dasbor/produk/${f.listing}`,
    args: (f) => ({ id: `${f.listing}`, name: "Kopi", description: "Kopi desa.", category: "kopi-teh", price: "0", stock: "1", unit: "bungkus", weight: "250" }),
  },
  "POST /api/upload_photos": { access: "listing", page: (f) => `/dasbor/produk/${f.listing}`, args: (f) => ({ id: `${f.listing}` }), file: "photos" },
  "POST /api/move_photo": { access: "listing", args: (f) => ({ id: `${f.listing}`, photo: `${f.photo}`, by: "1" }) },
  "POST /api/delete_photo": { access: "listing", args: (f) => ({ id: `${f.listing}`, photo: `${f.photo}` }) },
  "POST /api/seller_orders": { access: "seller", args: () => ({ status: "new" }) },
  "POST /api/seller_order": { access: "order", args: (f) => ({ number: f.order }) },
  "POST /api/order_step": { access: "order", page: (f) => `/dasbor/pesanan/${f.order}`, args: (f) => ({ number: f.order, step: "paid" }) },
  "POST /api/staff_data": { access: "owner", args: () => ({}) },
  "POST /api/invite_staff": { access: "owner", args: () => ({}) },
  "POST /api/cancel_invite": { access: "invite", args: (f) => ({ id: `${f.invite}` }) },
  "POST /api/remove_staff": { access: "member", args: (f) => ({ id: `${f.member}` }) },
  "POST /api/terms_form": { access: "owner", args: () => ({}) },
  "POST /api/save_terms": {
    access: "owner",
    page: () => "/dasbor/toko",
    args: () => ({ ship_regency: "10.000", ship_province: "", ship_elsewhere: "", bank_name: "BRI", bank_account: "12", bank_holder: "", hold_hours: "48", certificate_number: "AHU-0001.AH.01.33.Tahun 2024" }),
  },
  "POST /api/upload_picture": { access: "owner", page: () => "/dasbor/toko", args: () => ({ picture: "certificate" }), file: "file" },
  "POST /api/remove_picture": { access: "owner", args: () => ({ picture: "qris" }) },
  "POST /api/official_log_in": { access: "anyone", page: () => "/petugas/masuk", args: () => ({ login: "0811 0000 0000", password: "salah-sandi" }) },
  "GET /api/open_official_link": { access: "anyone", args: () => ({ token: "0".repeat(64) }) },
  "POST /api/set_official_password": {
    access: "anyone",
    page: () => `/petugas/sandi/${"0".repeat(64)}`,
    args: () => ({ token: "0".repeat(64), password: "rahasia-petugas", password_again: "rahasia-petugas" }),
  },
  "POST /api/official_home": { access: "official", args: () => ({ periode: "90", urut: "gmv" }) },
  "POST /api/region_coverage": { access: "official-region", args: (f) => ({ code: f.regions.inside, periode: "365", urut: "cakupan" }) },
  "POST /api/verification_queue": { access: "official", args: () => ({}) },
  "POST /api/decide_bumdes": {
    access: "official-bumdes",
    page: () => "/petugas/verifikasi",
    args: (f) => ({ id: `${f.pending}`, decision: "reject", reason: "Sertifikat belum diisi." }),
  },
  "POST /api/resubmit_verification": { access: "owner", args: () => ({}) },
  "POST /api/bumdes_directory": { access: "official", args: () => ({ status: "menunggu", q: "Uji" }) },
  "POST /api/bumdes_dossier": { access: "official-bumdes", args: (f) => ({ id: `${f.pending}` }) },
  "POST /api/official_team": { access: "official-region", args: (f) => ({ region: f.regions.inside }) },
  "POST /api/new_official_link": { access: "official-colleague", args: (f) => ({ id: `${f.colleagues[0]}` }) },
  "POST /api/deactivate_official": { access: "official-colleague", args: (f) => ({ id: `${f.colleagues[1]}` }) },
  "POST /api/invite_official": {
    access: "official-region",
    page: (f) => `/petugas/tim?wilayah=${f.regions.inside}`,
    // A new number each time: the one that passes adds an official.
    args: (f) => ({ region: f.regions.inside, name: "Pendamping Uji", whatsapp: `0813${randomInt(10_000_000, 99_999_999)}`, email: "" }),
  },
};

/** Every page (Leptos's route patterns) and other route, as a guest may or may not see it. */
export const pages: Record<string, { access: Access | "none"; path: (f: Fixture) => string }> = {
  "/": { access: "anyone", path: () => "/" },
  "/p/{slug}": { access: "anyone", path: (f) => `/p/${f.slug}` },
  "/cari": { access: "anyone", path: () => "/cari?q=kopi" },
  "/wilayah": { access: "anyone", path: () => "/wilayah" },
  "/wilayah/{code}": { access: "anyone", path: () => "/wilayah/11" },
  "/desa/{code}": { access: "anyone", path: () => "/desa/11.01.01.2001" },
  "/daftar": { access: "anyone", path: () => "/daftar" },
  "/daftar/desa/{code}": { access: "anyone", path: () => "/daftar/desa/11.01.01.2001" },
  "/masuk": { access: "anyone", path: () => "/masuk" },
  "/dasbor": { access: "seller", path: () => "/dasbor" },
  "/dasbor/sandi": { access: "seller", path: () => "/dasbor/sandi" },
  "/dasbor/produk": { access: "seller", path: () => "/dasbor/produk" },
  "/dasbor/produk/baru": { access: "seller", path: () => "/dasbor/produk/baru" },
  "/dasbor/produk/{id}": { access: "listing", path: (f) => `/dasbor/produk/${f.listing}` },
  "/dasbor/toko": { access: "owner", path: () => "/dasbor/toko" },
  "/dasbor/staf": { access: "owner", path: () => "/dasbor/staf" },
  "/keranjang": { access: "anyone", path: () => "/keranjang" },
  "/pesan": { access: "anyone", path: () => "/pesan" },
  "/pesanan": { access: "anyone", path: () => "/pesanan" },
  "/pesanan/{token}": { access: "order-link", path: (f) => `/pesanan/${f.orderToken}` },
  "/dasbor/pesanan": { access: "seller", path: () => "/dasbor/pesanan" },
  "/dasbor/pesanan/{number}": { access: "order", path: (f) => `/dasbor/pesanan/${f.order}` },
  "/undangan/{token}": { access: "anyone", path: () => `/undangan/${"0".repeat(64)}` },
  "/luring": { access: "anyone", path: () => "/luring" },
  "/data": { access: "anyone", path: () => "/data" },
  "/data/{file}": { access: "anyone", path: () => "/data/cakupan-provinsi.csv" },
  "/api/v1/products": { access: "anyone", path: () => "/api/v1/products?q=kopi" },
  "/api/v1/products/{slug}": { access: "anyone", path: (f) => `/api/v1/products/${f.slug}` },
  "/api/v1/bumdes": { access: "anyone", path: () => "/api/v1/bumdes?region=11" },
  "/api/v1/regions": { access: "anyone", path: () => "/api/v1/regions?parent=11" },
  "/api/v1/regions/{code}": { access: "anyone", path: () => "/api/v1/regions/11.01" },
  "/api/v1/openapi.json": { access: "anyone", path: () => "/api/v1/openapi.json" },
  "/bahasa/{lang}": { access: "anyone", path: () => "/bahasa/en?kembali=/" },
  "/hemat-data/{choice}": { access: "anyone", path: () => "/hemat-data/0?kembali=/" },
  "/sitemap.xml": { access: "anyone", path: () => "/sitemap.xml" },
  "/sitemap/{file}": { access: "anyone", path: () => "/sitemap/regions.xml" },
  "/robots.txt": { access: "anyone", path: () => "/robots.txt" },
  "/sw.js": { access: "anyone", path: () => "/sw.js" },
  "/dasbor/pesanan.csv": { access: "seller", path: () => "/dasbor/pesanan.csv" },
  "/healthz": { access: "anyone", path: () => "/healthz" },
  "/readyz": { access: "anyone", path: () => "/readyz" },
  "/metrics": { access: "anyone", path: () => "/metrics" },
  "/media/{*key}": { access: "anyone", path: () => "/media/products/demo/madu-hutan-sumbawa-320.webp" },
  "/petugas": { access: "official", path: () => "/petugas" },
  "/petugas/masuk": { access: "anyone", path: () => "/petugas/masuk" },
  "/petugas/sandi/{token}": { access: "anyone", path: () => `/petugas/sandi/${"0".repeat(64)}` },
  "/petugas/tim": { access: "official-region", path: (f) => `/petugas/tim?wilayah=${f.regions.inside}` },
  "/petugas/verifikasi": { access: "official", path: () => "/petugas/verifikasi" },
  "/petugas/bumdes": { access: "official", path: () => "/petugas/bumdes?status=menunggu&q=Uji" },
  "/petugas/bumdes/{id}": { access: "official-bumdes", path: (f) => `/petugas/bumdes/${f.pending}` },
  "/petugas/wilayah/{code}": { access: "official-region", path: (f) => `/petugas/wilayah/${f.regions.inside}?periode=90` },
  "/petugas/cakupan.csv": { access: "official", path: () => "/petugas/cakupan.csv?periode=365" },
  "/petugas/wilayah/{code}/cakupan.csv": { access: "official-region", path: (f) => `/petugas/wilayah/${f.regions.inside}/cakupan.csv` },
};

/** What the server itself lists: `server routes`. */
export function serverRoutes(): { functions: string[]; pages: string[] } {
  const out = execFileSync(process.env.LUMBUNG_SERVER_BIN ?? "../target/debug/server", ["routes"], { encoding: "utf8" });
  return JSON.parse(out);
}

export const origin = () => process.env.LUMBUNG_E2E_URL ?? "http://127.0.0.1:3100";

/** A request context of its own (its own cookies), sending this site's Origin as a browser does. */
export async function actor(): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: origin(), extraHTTPHeaders: { Origin: origin() } });
}

/** Calls `name` (as `endpoints` keys it) with `args` and, for an upload, a small PNG. */
export function call(who: APIRequestContext, name: string, args: Record<string, string>, options: { html?: string } = {}) {
  const [method, path] = name.split(" ");
  const endpoint = endpoints[name];
  const headers: Record<string, string> = options.html ? { Accept: "text/html", Referer: `${origin()}${options.html}` } : {};
  if (method === "GET") return who.get(path, { params: args, headers, maxRedirects: 0 });
  if (endpoint?.file) return who.post(path, { multipart: { ...args, [endpoint.file]: photoFile() }, headers, maxRedirects: 0 });
  return who.post(path, { form: args, headers, maxRedirects: 0 });
}

/** Registers a BUMDes (verified) with its owner logged in on the returned context. */
export async function registeredOwner(village: string, whatsapp: string, name: string) {
  const owner = await pendingOwner(village, whatsapp, name);
  const home = await (await owner.post("/api/dashboard_home")).json();
  verify(home.seller.bumdes_slug);
  return owner;
}

/** Registers a BUMDes, left waiting for verification, with its owner logged in on the returned context. */
export async function pendingOwner(village: string, whatsapp: string, name: string) {
  const owner = await actor();
  const registered = await owner.post("/api/register_bumdes", {
    form: { village, bumdes_name: name, manager_name: "Pengelola Uji", whatsapp, email: "", certificate_number: "", password: "rahasia-desa", password_again: "rahasia-desa" },
  });
  expect(registered.status(), await registered.text()).toBeLessThan(400);
  return owner;
}

export interface Actors {
  guest: APIRequestContext;
  /** The guest who placed the fixture's order. */
  buyer: APIRequestContext;
  owner: APIRequestContext;
  staff: APIRequestContext;
  other: APIRequestContext;
  stranger: APIRequestContext;
  /** The official of the first village's regency. */
  official: APIRequestContext;
  /** The official of the regency beside it. */
  neighbour: APIRequestContext;
}

/** The id of a newly registered BUMDes, as the verification queue lists it. */
async function pendingBumdes(village: string, whatsapp: string, name: string) {
  const owner = await pendingOwner(village, whatsapp, name);
  const home = await (await owner.post("/api/dashboard_home")).json();
  return home.seller.bumdes_id as number;
}

/** A regency's first district, a sibling regency, its province and another province. */
function aroundRegency(regency: string) {
  const province = regency.slice(0, 2);
  return {
    inside: `${regency}.01`,
    sibling: `${province}.${regency.endsWith(".01") ? "02" : "01"}`,
    parent: province,
    outside: province === "52" ? "51" : "52",
  };
}

export const location = (response: { headers(): Record<string, string> }) => response.headers()["location"] ?? "";

/** `server admin add-official`: the token of the new official's password link. */
export function addOfficial(region: string, name: string, whatsapp: string): string {
  const out = execFileSync(process.env.LUMBUNG_SERVER_BIN ?? "../target/debug/server", ["admin", "add-official", "--region", region, "--name", name, "--whatsapp", whatsapp], {
    env: { ...process.env, DATABASE_URL: process.env.LUMBUNG_E2E_DATABASE_URL },
    encoding: "utf8",
  });
  return out.match(/\/petugas\/sandi\/([0-9a-f]{64})/)![1];
}

/** An official of `region`, made on the command line, logged in on the returned context. */
export async function loggedInOfficial(region: string, name: string, whatsapp: string) {
  const official = await actor();
  const token = addOfficial(region, name, whatsapp);
  const set = await official.post("/api/set_official_password", { form: { token, password: "rahasia-petugas", password_again: "rahasia-petugas" }, maxRedirects: 0 });
  expect(set.status(), await set.text()).toBeLessThan(400);
  return official;
}

/** Two verified BUMDes in `villages`: the first with a published listing with a photo, transfer terms,
 * a staff member, an open invitation and a guest's order; sellers' numbers are `phones` + 0, 1 and 2,
 * a third BUMDes waits for verification there with `phones` + 5; the official of the first village's
 * regency has `phones` + 3, the official of the regency beside it `phones` + 4, and two officials of a
 * district inside the regency have `phones` + 6 and 7. */
export async function twoBumdes(villages: [string, string], phones: string, first: number): Promise<{ fixture: Fixture; who: Actors }> {
  const phone = (n: number) => `${phones}${first + n}`;
  const owner = await registeredOwner(villages[0], phone(0), `BUMDes Uji ${first} Satu`);
  const other = await registeredOwner(villages[1], phone(1), `BUMDes Uji ${first} Dua`);
  const saved = await owner.post("/api/save_listing", {
    form: { name: `Kopi Uji ${first}`, description: "Kopi desa.", category: "kopi-teh", price: "30.000", stock: "9", unit: "bungkus", weight: "250" },
    maxRedirects: 0,
  });
  const listing = Number(location(saved).match(/\/dasbor\/produk\/(\d+)/)![1]);
  await owner.post("/api/upload_photos", { multipart: { id: `${listing}`, photos: photoFile() }, maxRedirects: 0 });
  const form = await (await owner.post("/api/listing_form", { form: { id: `${listing}` } })).json();
  await owner.post("/api/publish_listing", { form: { id: `${listing}`, publish: "true" }, maxRedirects: 0 });
  await owner.post("/api/save_terms", {
    form: { ship_regency: "", ship_province: "", ship_elsewhere: "", pickup: "on", bank_name: "BRI", bank_account: "0123456789", bank_holder: "BUMDes Uji", hold_hours: "48", certificate_number: "" },
    maxRedirects: 0,
  });
  const mine = await (await owner.post("/api/my_listings")).json();
  const slug = mine.find((l: { id: number }) => l.id === listing).slug;

  // A staff member joins by a link; a second link stays open.
  const invited = await owner.post("/api/invite_staff", { maxRedirects: 0 });
  const token = location(invited).match(/tautan=([0-9a-f]{64})/)![1];
  const staff = await actor();
  const joined = await staff.post("/api/join_bumdes", {
    form: { token, name: "Staf Uji", whatsapp: phone(2), email: "", password: "rahasia-staf", password_again: "rahasia-staf" },
    maxRedirects: 0,
  });
  expect(joined.status(), await joined.text()).toBeLessThan(400);
  await owner.post("/api/invite_staff", { maxRedirects: 0 });
  const list = await (await owner.post("/api/staff_data")).json();

  // A guest orders from the BUMDes.
  const buyer = await actor();
  const placed = await buyer.post("/api/place_order", {
    form: {
      key: randomBytes(16).toString("hex"), cart: `${listing}:1:30000`, name: "Ani", phone: "0813 1111 2222", province: "11", regency: "11.01",
      district: "11.01.02", village: "11.01.02.2001", street: "Jl. Merdeka 1", postal_code: "23773", note: "", delivery: "pickup", payment: "transfer",
    },
    maxRedirects: 0,
  });
  const orderToken = location(placed).match(/\/pesanan\/([0-9a-f]{64})/)![1];
  const order = (await (await buyer.post("/api/order_page", { form: { token: orderToken } })).json()).Open.number;

  const fixture = {
    listing,
    photo: form.photos[0].id,
    order,
    orderToken,
    invite: list.invites[0].id,
    member: list.members.find((m: { role: string }) => m.role === "staff").id,
    slug,
    pending: await pendingBumdes(villages[0], phone(5), `BUMDes Uji ${first} Tiga`),
    regions: aroundRegency(villages[0].slice(0, 5)),
  };
  const official = await loggedInOfficial(fixture.regions.inside.slice(0, 5), `Dinas Uji ${first}`, phone(3));
  const neighbour = await loggedInOfficial(fixture.regions.sibling, `Dinas Tetangga ${first}`, phone(4));
  const colleague = `Pendamping Uji ${first}`;
  for (const n of [6, 7]) addOfficial(fixture.regions.inside, `${colleague} ${n}`, phone(n));
  const team = await (await official.post("/api/official_team", { form: { region: fixture.regions.inside } })).json();
  const id = (n: number) => team.colleagues.find((c: { name: string }) => c.name === `${colleague} ${n}`).id as number;
  return {
    fixture: { ...fixture, colleagues: [id(6), id(7)] },
    who: { guest: await actor(), buyer, owner, staff, other, stranger: await actor(), official, neighbour },
  };
}

