import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, expect, test, type Page } from "@playwright/test";
import { fillBuyer } from "./buyer";

/** Waits until the service worker controls the page: from the first visit on (it claims its clients). */
async function workerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

/** The addresses kept in the service worker's caches. */
async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const lists = await Promise.all(
      (await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname)),
    );
    return lists.flat();
  });
}

test("Chromium finds the app installable, with maskable icons of 192 and 512 px", async ({}, testInfo) => {
  // Chromium installs nothing from an incognito profile, which is what a test's context is: this one
  // runs in a profile on disk.
  const profile = mkdtempSync(join(tmpdir(), "lumbung-install-"));
  const { launchOptions, baseURL } = testInfo.project.use;
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL, viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto("/");
  await workerInControl(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);

  const manifest = await (await page.request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ short_name: "Lumbung", display: "standalone", start_url: "/?sumber=pwa", scope: "/" });
  const maskable = manifest.icons.filter((icon: { purpose: string }) => icon.purpose === "maskable");
  expect(maskable.map((icon: { sizes: string }) => icon.sizes)).toEqual(["192x192", "512x512"]);
  for (const icon of maskable) {
    const file = await page.request.get(icon.src);
    expect(file.headers()["content-type"]).toBe("image/png");
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

test("after one visit the home page, a product seen and the cart open offline; other pages show the offline page", async ({ page, context }) => {
  await page.goto("/");
  await workerInControl(page);
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.goto("/keranjang");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);

  await context.setOffline(true);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produk unggulan desa");
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Madu Hutan Sumbawa");
  // Hashed CSS and WASM come from the cache too: the page is styled and its islands run.
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await page.goto("/keranjang");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await page.goto("/wilayah");
  await expect(page.getByTestId("offline-page")).toContainText("Anda sedang offline");
  await context.setOffline(false);
  // "Try again" reloads the address asked for.
  await page.getByRole("link", { name: "Coba lagi" }).click();
  await expect(page.getByTestId("offline-page")).toHaveCount(0);
  await expect(page).toHaveURL(/\/wilayah$/);
});

test("pages with private data are never kept by the service worker, nor by the browser", async ({ page }) => {
  await page.goto("/");
  await workerInControl(page);
  await page.goto("/pesanan");
  await page.goto("/masuk");
  await page.goto("/petugas/masuk");
  await page.goto(`/petugas/sandi/${"0".repeat(64)}`);
  await page.goto("/");
  const kept = await cachedPaths(page);
  expect(kept).toContain("/");
  expect(kept).toContain("/luring");
  expect(kept.filter((path) => /^\/(pesanan|masuk|dasbor|petugas)/.test(path))).toEqual([]);
  for (const path of ["/pesanan", "/masuk", "/dasbor", "/petugas/masuk", "/petugas"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    if (response.status() === 200) expect(response.headers()["cache-control"]).toBe("private, no-store");
  }
});

test("an order placed offline waits on the phone and is sent once when the connection returns", async ({ page, context }) => {
  await page.goto("/p/kopi-arabika-gayo-bubuk");
  await workerInControl(page);
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.goto("/keranjang");
  await page.getByTestId("to-checkout").click();
  await fillBuyer(page, true);
  await page.getByLabel("Kode pos").fill("23773");
  await page.getByLabel("Ambil sendiri di BUMDes").check();

  // The signal drops as the buyer presses the button: the order waits, and says so on every page.
  await context.setOffline(true);
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(page.getByTestId("order-waiting")).toBeVisible();
  await expect(page.getByTestId("order-waiting")).toContainText("menunggu sinyal");
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await page.goto("/");
  await expect(page.getByTestId("order-waiting")).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByTestId("order-sent")).toBeVisible();
  await expect(page.getByTestId("order-waiting")).toBeHidden();
  await expect(page.getByTestId("order-sent")).toContainText("Pesanan Anda sudah terkirim.");
  await page.getByTestId("order-sent").getByRole("link").click();
  await expect(page.getByTestId("order-placed")).toBeVisible();
  // Pressed twice and sent once: this browser has exactly one order.
  await page.getByTestId("my-orders-link").click();
  await expect(page.getByTestId("order-row")).toHaveCount(1);
  await expect(page.getByTestId("order-waiting")).toBeHidden();
});

test("public pages revalidate by ETag, hashed files are kept for good, and text goes compressed", async ({ page, request }) => {
  const first = await request.get("/p/madu-hutan-sumbawa");
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^W\/"[0-9a-f]{32}"$/);
  expect(first.headers()["cache-control"]).toBe("public, no-cache");
  const again = await request.get("/p/madu-hutan-sumbawa", { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);

  // The browser asks for what the page loads with its usual Accept-Encoding.
  const assets: { url: string; encoding?: string; cache?: string }[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/pkg/"))
      assets.push({ url: response.url(), encoding: response.headers()["content-encoding"], cache: response.headers()["cache-control"] });
  });
  const response = await page.goto("/");
  expect(response?.headers()["content-encoding"]).toMatch(/^(br|gzip)$/);
  await expect(page.locator(".add-to-cart, [data-hydrated=true]").first()).toBeAttached();
  await expect.poll(() => assets.map((a) => a.url.split(".").pop()).sort()).toEqual(["css", "js", "wasm"]);
  for (const asset of assets) {
    expect(asset.encoding, asset.url).toMatch(/^(br|gzip)$/);
    expect(asset.cache, asset.url).toBe("public, max-age=31536000, immutable");
  }
  // Pictures keep their shape before they arrive.
  for (const img of await page.locator("main img").all()) {
    expect(await img.getAttribute("width")).toMatch(/^\d+$/);
    expect(await img.getAttribute("height")).toMatch(/^\d+$/);
  }
});
