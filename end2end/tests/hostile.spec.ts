// The hostile-input suite: hundreds of requests with what no form sends (overlong text, bad UTF-8, NUL
// and control characters, reversed-direction marks, numbers out of range, wrong types, missing and
// doubled fields, SQL and LIKE metacharacters, path traversal, broken cookies, disguised and oversized
// uploads) at every server function, page parameter and cookie. None may answer 5xx or hang; every
// refusal is a 4xx saying why; a refused form keeps what was typed; nothing stored renders as markup.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { type Actors, type Fixture, call, endpoints, location, twoBumdes } from "./endpoints";
import { RUN, expectInert } from "./hostile";

// One fixture for the file: a failed test ends the file rather than registering it again.
test.describe.configure({ mode: "serial", timeout: 600_000 });

/** Text no form should need. */
const TEXTS: Record<string, string> = {
  overlong: "x".repeat(9_000),
  nul: "kopi\u0000gayo",
  controls: "a\u0001\u0007\u001b[31mb\u007f",
  reversed: "Kopi\u202Egpj.exe",
  sql: "' OR '1'='1' --",
  sqlStack: "1; DROP TABLE products; --",
  like: "%_\\%",
  markup: `</title></textarea></script><img src=x onerror=${RUN}>`,
  header: "a\r\nSet-Cookie: x=1",
  wide: "🌶️".repeat(300),
};
/** Numbers no form should need, and not numbers. */
const NUMBERS = ["-1", "0", "2147483648", "9223372036854775808", "-9223372036854775809", "1e309", "NaN", "0x10", "１２", "1.5", "", "abc"];
/** Fields that hold numbers (ids and quantities). */
const NUMERIC = new Set(["id", "photo", "by", "quantity", "stock", "weight", "price", "ship_regency", "ship_province", "ship_elsewhere", "query[page]"]);

const counts = new Map<number, number>();
let sent = 0;

/** Every answer: no error of ours, and a refusal says what is wrong. */
async function check(label: string, answer: APIResponse) {
  sent++;
  const status = answer.status();
  counts.set(status, (counts.get(status) ?? 0) + 1);
  expect(status, label).toBeLessThan(500);
  if (status < 400) return;
  const body = await answer.text();
  const type = answer.headers()["content-type"] ?? "";
  if (type.includes("json")) {
    // A server function's error: one of the errors every page words in both languages.
    const parsed = JSON.parse(body);
    if (typeof parsed.error === "string") {
      // The open data API's refusal: a code for programs and a sentence for people.
      expect(["invalid_parameter", "not_found", "method_not_allowed", "rate_limited"], label).toContain(parsed.error);
      expect(parsed.message.length, label).toBeGreaterThan(10);
      return;
    }
    const variant = typeof parsed === "string" ? parsed : Object.keys(parsed)[0];
    expect(["NotFound", "Invalid", "Unauthorized", "Forbidden", "Throttled", "Photo", "Order", "Transition", "Decided", "BadText", "BadChoice", "TooLarge", "Request", "Busy"], label).toContain(variant);
  } else if (type.includes("html")) {
    expect(body, label).toMatch(/class="(message|problems|field-problem)"/);
  } else if (!/^\/(media|sitemap)\//.test(new URL(answer.url()).pathname)) {
    // Plain text: the door's own refusals (a foreign origin). Pictures and sitemaps, which only
    // machines ask for, answer a bare 404.
    expect(body, label).toMatch(/ditolak/);
  }
}

/** An answer to a form posted without JavaScript: back to its page, which says why and keeps the typing. */
async function checkForm(label: string, who: APIRequestContext, answer: APIResponse, typed: Record<string, string>) {
  await check(label, answer);
  const back = location(answer);
  if (!back.includes("__err")) return;
  const page = await who.get(back, { maxRedirects: 0 });
  await check(`${label} (its page)`, page);
  expect(page.status(), label).toBeGreaterThanOrEqual(400);
  const html = await page.text();
  expect(html, label).toMatch(/role="alert"|class="field-problem"|class="message"/);
  for (const [field, value] of Object.entries(typed)) {
    if (field.includes("password") || field === "current" || field === "key" || field === "token" || field === "cart") continue;
    // Only fields a person types in: not hidden ones, which the page fills itself, nor lists, which
    // offer only their own choices.
    const tags = html.match(new RegExp(`<(input|textarea)[^>]*name="${field.replace(/[[\]]/g, "\\$&")}"[^>]*>`, "g")) ?? [];
    if (tags.every((tag) => tag.includes('type="hidden"'))) continue;
    // The page holds what was typed (a refused form keeps at most 8,000 characters of a field).
    const kept = [...value.replaceAll("\u0000", "")].slice(0, 8_000).join("");
    expect(decoded(html).replaceAll("\u0000", "").includes(kept), `${label}: ${field} kept`).toBe(true);
  }
}

/** The page's text with HTML's character references turned back into characters. */
const decoded = (html: string) =>
  html
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

let fixture: Fixture;
let who: Actors;

test.beforeAll(async () => {
  ({ fixture, who } = await twoBumdes(["11.01.05.2001", "11.01.05.2002"], "0812700000", 51));
});

/** Who calls an endpoint in the suite: someone allowed, so the hostile value reaches the checks. */
function caller(name: string, access: string) {
  // The phone check is for a browser that has the link but not the order yet.
  if (access === "anyone" || name === "POST /api/open_order") return who.guest;
  if (access === "order-link") return who.buyer;
  if (access.startsWith("official")) return who.official;
  return who.owner;
}

/** Ends the session of whoever calls it: only a guest sends it broken bodies. */
const LOG_OUT = "POST /api/log_out";

test("hostile values in every field of every server function", async () => {
  // The deleting ones too: a hostile value names nothing, so the fixture must still be whole after.
  for (const [name, endpoint] of Object.entries(endpoints)) {
    const args = endpoint.args(fixture);
    const as = caller(name, endpoint.access);
    for (const field of Object.keys(args)) {
      const values = NUMERIC.has(field) ? [...NUMBERS, TEXTS.sql, TEXTS.nul] : Object.values(TEXTS);
      for (const value of values) {
        const typed = { ...args, [field]: value };
        if (endpoint.page) await checkForm(`${name} ${field}=${JSON.stringify(value).slice(0, 40)}`, as, await call(as, name, typed, { html: endpoint.page(fixture) }), typed);
        else await check(`${name} ${field}=${JSON.stringify(value).slice(0, 40)}`, await call(as, name, typed));
      }
      // The field left out.
      const { [field]: _, ...missing } = args;
      await check(`${name} without ${field}`, await call(as, name, missing));
    }
  }
});

test("broken bodies: bad UTF-8, doubled fields, wrong types, too large", async () => {
  for (const name of Object.keys(endpoints).filter((n) => n.startsWith("POST"))) {
    const path = name.split(" ")[1];
    const as = name === LOG_OUT ? who.guest : endpoints[name].access.startsWith("official") ? who.official : who.owner;
    const raw = (body: Buffer | string, type = "application/x-www-form-urlencoded") =>
      as.post(path, { data: body, headers: { "Content-Type": type }, maxRedirects: 0 });
    await check(`${name} bad UTF-8`, await raw(Buffer.from([0x69, 0x64, 0x3d, 0xff, 0xfe, 0x26, 0x73, 0x6c, 0x75, 0x67, 0x3d, 0xc3, 0x28])));
    await check(`${name} bad UTF-8 escaped`, await raw("id=%FF%FE&slug=%C3%28&login=%80&token=%ED%A0%80"));
    await check(`${name} doubled`, await raw("id=1&id=2&slug=a&slug=b&login=a&login=b&password=x&password=y"));
    await check(`${name} JSON`, await raw('{"id": 1}', "application/json"));
    await check(`${name} 70 KB`, await raw(`name=${"x".repeat(70_000)}`));
  }
  // A form larger than any sent without JavaScript: refused at the door, back at its page.
  const huge = await call(who.owner, "POST /api/save_listing", { ...endpoints["POST /api/save_listing"].args(fixture), description: "x".repeat(70_000) }, {
    html: `/dasbor/produk/${fixture.listing}`,
  });
  await check("save_listing 70 KB without JavaScript", huge);
  expect(location(huge)).toContain("__err");
});

test("page parameters, traversal, sitemaps and broken cookies", async () => {
  const get = (path: string, headers: Record<string, string> = {}) => who.guest.get(path, { headers, maxRedirects: 0 });
  for (const value of [...Object.values(TEXTS), "..%2F..%2Fetc%2Fpasswd", "%00", "%FF%FE", "%E2%80%AE"]) {
    const part = encodeURIComponent(value).slice(0, 4000);
    for (const path of [`/p/${part}`, `/desa/${part}`, `/wilayah/${part}`, `/daftar/desa/${part}`, `/pesanan/${part}`, `/undangan/${part}`, `/dasbor/produk/${part}`, `/dasbor/pesanan/${part}`]) {
      await check(path.slice(0, 60), await get(path));
    }
    for (const param of ["q", "kategori", "provinsi", "kabupaten", "harga_min", "harga_max", "urut", "hal"]) {
      await check(`/cari ${param}`, await get(`/cari?q=kopi&${param}=${part}`));
    }
    for (const path of [`/api/v1/products/${part}`, `/api/v1/regions/${part}`, `/api/v1/${part}`, `/data/${part}`]) {
      await check(path.slice(0, 60), await get(path));
    }
    for (const param of ["q", "category", "province", "regency", "min_price", "max_price", "in_stock", "flagship", "sort", "cursor", "limit"]) {
      await check(`/api/v1/products ${param}`, await get(`/api/v1/products?q=kopi&${param}=${part}`));
    }
    for (const query of [`region=${part}`, `cursor=${part}`, `limit=${part}`]) {
      await check(`/api/v1/bumdes ${query.split("=")[0]}`, await get(`/api/v1/bumdes?${query}`));
    }
    for (const query of [`parent=${part}`, `period=${part}`]) {
      await check(`/api/v1/regions ${query.split("=")[0]}`, await get(`/api/v1/regions?${query}`));
    }
    await check("/wilayah?cari", await get(`/wilayah?cari=${part}`));
    await check("/daftar?cari", await get(`/daftar?cari=${part}`));
    await check("/pesan fields", await get(`/pesan?name=${part}&village=${part}&note=${part}&phone=${part}`));
    await check("/bahasa kembali", await get(`/bahasa/en?kembali=${part}`));
    await check("/petugas/sandi", await get(`/petugas/sandi/${part}`));
    // As the official, whose region the parameter is checked against.
    await check("/petugas/tim?wilayah", await who.official.get(`/petugas/tim?wilayah=${part}`, { maxRedirects: 0 }));
  }
  for (const path of [
    "/media/..%2F..%2FCargo.toml",
    "/media/products/..%2F..%2F..%2Fetc%2Fpasswd-320.webp",
    "/media/%2e%2e/%2e%2e/etc/passwd",
    "/media/products/%00-320.webp",
    "/media/products/demo/../../x-320.webp",
    "/sitemap/..%2F..%2Fetc%2Fpasswd",
    "/sitemap/products-99999999999999999999.xml",
    "/sitemap/products--1.xml",
    "/sitemap/products-1.xml%00.txt",
    "/api/%2e%2e/log_in",
    "/api/tidak_ada",
    "/%2e%2e/%2e%2e/etc/passwd",
  ]) {
    await check(path, await get(path));
  }
  for (const cookie of [
    "lumbung_tamu=%00",
    `lumbung_sesi=${"a".repeat(4_000)}`,
    "lumbung_tamu==;;;=; lumbung_sesi",
    "i18n_pref_locale=xx",
    "i18n_pref_locale=%E2%80%AE",
    "lumbung_hemat=%01",
    "lumbung_sesi=' OR '1'='1",
  ]) {
    for (const path of ["/", "/keranjang", "/pesan", "/pesanan", "/dasbor", "/dasbor/pesanan.csv"]) {
      await check(`${path} ${cookie.slice(0, 30)}`, await get(path, { Cookie: cookie }));
    }
    await check(`cart_text ${cookie.slice(0, 30)}`, await who.guest.post("/api/cart_text", { headers: { Cookie: cookie } }));
  }
});

test("uploads: disguised, oversized, bombs and too many", async () => {
  const upload = (name: string, file: { name: string; mimeType: string; buffer: Buffer }, as = who.owner, extra: Record<string, string> = {}) => {
    const endpoint = endpoints[name];
    return as.post(name.split(" ")[1], { multipart: { ...endpoint.args(fixture), ...extra, [endpoint.file!]: file }, maxRedirects: 0 });
  };
  const files = {
    svg: { name: "foto.png", mimeType: "image/png", buffer: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${RUN}"/>`) },
    html: { name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.from(`<html><script>${RUN}</script></html>`) },
    gif: { name: "foto.gif", mimeType: "image/gif", buffer: Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(40)]) },
    empty: { name: "kosong.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(0) },
    bomb: { name: "bom.png", mimeType: "image/png", buffer: readFileSync("fixtures/photos/bomb.png") },
    big: { name: "besar.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(11 * 1024 * 1024, 0xff) },
    name: { name: `${RUN}<img src=x onerror=${RUN}>${"n".repeat(2_000)}.jpg`, mimeType: "image/jpeg", buffer: readFileSync("fixtures/photos/kopi-gps.jpg") },
  };
  for (const name of ["POST /api/upload_photos", "POST /api/upload_picture"]) {
    for (const [kind, file] of Object.entries(files)) {
      await check(`${name} ${kind}`, await upload(name, file));
    }
  }
  for (const [kind, file] of Object.entries(files)) {
    await check(`upload_proof ${kind} as a stranger`, await upload("POST /api/upload_proof", file, who.stranger));
  }
  // A text field over its bound, and the file before the listing's id.
  await check("upload_photos long id", await upload("POST /api/upload_photos", files.svg, who.owner, { id: "1".repeat(5_000) }));
  await check(
    "upload_photos file first",
    await who.owner.post("/api/upload_photos", { multipart: { photos: files.gif, id: `${fixture.listing}` }, maxRedirects: 0 }),
  );
  // Photos past the eighth are refused before they are decoded.
  for (let n = 0; n < 9; n++) {
    await check(`upload_photos #${n}`, await upload("POST /api/upload_photos", files.name));
  }
  const listing = await (await who.owner.post("/api/listing_form", { form: { id: `${fixture.listing}` } })).json();
  expect(listing.photos.length).toBe(8);
});

test("after it all the fixture is whole and the owner still logged in", async () => {
  // Nothing the deleting functions were sent named a real listing, photo, staff member or invitation.
  const form = await who.owner.post("/api/listing_form", { form: { id: `${fixture.listing}` } });
  expect(form.status()).toBe(200);
  expect((await form.json()).photos.map((p: { id: number }) => p.id)).toContain(fixture.photo);
  const staff = await (await who.owner.post("/api/staff_data")).json();
  expect(staff.members.map((m: { id: number }) => m.id)).toContain(fixture.member);
  expect(staff.invites.map((i: { id: number }) => i.id)).toContain(fixture.invite);
});

test.afterAll(async ({ browser }) => {
  // What was stored renders as text wherever it is shown.
  const page = await browser.newPage();
  for (const path of ["/", "/cari?q=kopi", `/p/${fixture.slug}`, "/desa/11.01.05.2001", "/wilayah/11.01.05"]) {
    await page.goto(path);
    await expectInert(page);
  }
  // The officials the suite invited with hostile names, as their inviter sees them.
  const official = await browser.newContext({ storageState: await who.official.storageState() });
  const team = await official.newPage();
  for (const path of ["/petugas", `/petugas/tim?wilayah=${fixture.regions.inside}`]) {
    await team.goto(path);
    await expectInert(team);
  }
  await official.close();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const table = [...counts.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `  ${status}: ${n}`);
  console.log(`Hostile requests: ${total} sent, by status:\n${table.join("\n")}`);
  expect(total).toBeGreaterThanOrEqual(300);
  expect(sent).toBe(total);
});
