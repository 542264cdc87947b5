// Open data: the page /data (JavaScript on and off, 320 px, axe), its CSV downloads, and the API as
// another site's page calls it in Chromium (CORS), with its windows, ETags, refusals and no buyer's data.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { expectInert } from "./hostile";

const origin = () => process.env.LUMBUNG_E2E_URL ?? "http://127.0.0.1:3100";

for (const javaScriptEnabled of [true, false]) {
  test(`the open data page explains the licence, the downloads and the API, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "Data terbuka" }).click();
    await expect(page).toHaveURL(/\/data$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data terbuka Lumbung");
    await expect(page.locator('a[rel="license"]')).toHaveAttribute("href", /creativecommons\.org\/licenses\/by\/4\.0/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectInert(page);
    if (javaScriptEnabled) {
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
    // The village download, as a browser saves it.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /per desa/ }).click()]);
    expect(download.suggestedFilename()).toBe("cakupan-desa.csv");
    const { readFile } = await import("node:fs/promises");
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.startsWith("\ufeffkode_wilayah,wilayah,kode_induk,desa,")).toBe(true);
    // One line a village of the country, each with its district as parent.
    const lines = csv.trim().split("\r\n");
    expect(lines.length - 1).toBe(83_762);
    expect(lines.find((l) => l.startsWith("52.04.05.2001,"))).toMatch(/^52\.04\.05\.2001,[^,]+,52\.04\.05,1,/);
    // Every example on the page is a working address.
    for (const href of await page.locator(".data-examples a").evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
      const answer = await page.request.get(href);
      expect(answer.status(), href).toBe(200);
      expect(answer.headers()["content-type"], href).toContain("application/json");
    }
    const document = await (await page.request.get(await page.getByTestId("openapi-link").getAttribute("href") as string)).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/v1/products", "/api/v1/products/{slug}", "/api/v1/bumdes", "/api/v1/regions", "/api/v1/regions/{code}"]));
    await context.close();
  });
}

test("another site's page reads the API, but not the site's other pages", async ({ page }) => {
  // A page at another origin, served from this machine too (Chromium lets no public page reach a
  // loopback address at all): Chromium enforces CORS on what it fetches from Lumbung.
  const other = createServer((_, answer) => answer.setHeader("content-type", "text/html").end("<!doctype html><title>x</title><p>x</p>"));
  await new Promise<void>((ready) => other.listen(0, "127.0.0.1", ready));
  const host = new URL(origin()).hostname === "localhost" ? "127.0.0.1" : "localhost";
  await page.goto(`http://${host}:${(other.address() as AddressInfo).port}/`);
  const read = await page.evaluate(async (base) => {
    const answer = await fetch(`${base}/api/v1/products?q=madu&limit=1`, { headers: { "Accept-Language": "en" } });
    return { status: answer.status, etag: answer.headers.get("etag"), body: await answer.json() };
  }, origin());
  expect(read.status).toBe(200);
  expect(read.etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
  expect(read.body.items[0].price).toEqual(expect.any(Number));
  expect(read.body.items[0].origin.province.code).toMatch(/^\d{2}$/);
  // A refusal is readable too: its status, its Retry-After if any, and its message.
  const refused = await page.evaluate(async (base) => {
    const answer = await fetch(`${base}/api/v1/products?min_price=-5`);
    return { status: answer.status, body: await answer.json() };
  }, origin());
  expect(refused).toEqual({ status: 400, body: { error: "invalid_parameter", parameter: "min_price", message: expect.stringContaining("harus bilangan bulat") } });
  // The rest of the site is not open to other origins.
  const blocked = await page.evaluate(async (base) => fetch(`${base}/cari?q=madu`).then(() => "read", () => "blocked"), origin());
  expect(blocked).toBe("blocked");
  other.close();
});

test("products come in windows that follow the cursor to the end, none twice", async ({ request }) => {
  const first = await (await request.get("/api/v1/products?limit=7&sort=newest")).json();
  const seen: string[] = [];
  let answer = first;
  for (let windows = 0; windows < 200; windows++) {
    seen.push(...answer.items.map((p: { slug: string }) => p.slug));
    if (!answer.next_cursor) break;
    answer = await (await request.get(`/api/v1/products?limit=7&sort=newest&cursor=${encodeURIComponent(answer.next_cursor)}`)).json();
  }
  expect(seen.length).toBe(first.total);
  expect(new Set(seen).size).toBe(seen.length);
  // The search page finds as many with the same filters.
  const filtered = await (await request.get("/api/v1/products?q=kopi&province=11&in_stock=true")).json();
  expect(filtered.total).toBeGreaterThan(0);
  const page = await request.get("/cari?q=kopi&provinsi=11&stok=1");
  expect(await page.text()).toContain(`>${filtered.total} produk ditemukan<`);
  // A cursor of another search is refused, in English when asked.
  const wrong = await request.get(`/api/v1/products?sort=cheapest&cursor=${encodeURIComponent(first.next_cursor)}`, { headers: { "Accept-Language": "en" } });
  expect(wrong.status()).toBe(400);
  expect(await wrong.json()).toEqual({ error: "invalid_parameter", parameter: "cursor", message: expect.stringContaining("is not a next_cursor") });
});

test("answers are revalidated by ETag and refusals are JSON in the asker's language", async ({ request }) => {
  const answer = await request.get("/api/v1/regions?parent=52");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["cache-control"]).toBe("public, max-age=60");
  expect(answer.headers()["access-control-allow-origin"]).toBe("*");
  const etag = answer.headers()["etag"];
  const again = await request.get("/api/v1/regions?parent=52", { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
  const region = await (await request.get("/api/v1/regions/52.04")).json();
  const listed = (await answer.json()).items.find((r: { code: string }) => r.code === "52.04");
  expect(region.coverage).toEqual(listed.coverage);
  expect(region.above).toEqual([{ code: "52", name: "Nusa Tenggara Barat" }]);
  for (const [path, status, error] of [
    ["/api/v1/products/tidak-ada", 404, "not_found"],
    ["/api/v1/regions/99.99", 404, "not_found"],
    ["/api/v1/regions?parent=52.04.05.2001", 400, "invalid_parameter"],
    ["/api/v1/regions?period=7d", 400, "invalid_parameter"],
    ["/api/v1/bumdes?limit=1000", 400, "invalid_parameter"],
    ["/api/v1/tidak-ada", 404, "not_found"],
  ] as const) {
    const refused = await request.get(path);
    expect(refused.status(), path).toBe(status);
    expect(refused.headers()["cache-control"], path).toBe("no-store");
    expect((await refused.json()).error, path).toBe(error);
  }
  const english = await request.get("/api/v1/products?in_stock=yes", { headers: { "Accept-Language": "en-GB,en;q=0.8" } });
  expect((await english.json()).message).toBe("Parameter in_stock must be true or false.");
  // Read-only: another method is refused, with the methods there are.
  const posted = await request.post("/api/v1/products", { headers: { Origin: origin() } });
  expect(posted.status()).toBe(405);
  expect(posted.headers()["allow"]).toContain("GET");
});

test("no buyer's data and no phone number in any answer", async ({ request }) => {
  const answers = await Promise.all(
    ["/api/v1/products?limit=100", "/api/v1/products/madu-hutan-sumbawa", "/api/v1/bumdes?limit=100", "/api/v1/regions", "/api/v1/regions/52.04.05"].map(async (path) => {
      const answer = await request.get(path);
      expect(answer.status(), path).toBe(200);
      return answer.text();
    }),
  );
  for (const text of answers) {
    expect(text).not.toMatch(/\+62|whatsapp|buyer|phone|street/i);
  }
});
