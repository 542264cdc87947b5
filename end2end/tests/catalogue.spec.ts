import { expect, test } from "@playwright/test";

test("home lists the seeded flagship products from the database", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Produk unggulan desa");
  const cards = page.getByTestId("flagships").locator("li");
  // The demo seeds one flagship for each of its 47 BUMDes.
  await expect(cards).toHaveCount(47);
  const madu = cards.filter({ hasText: "Madu Hutan Sumbawa" });
  await expect(madu).toContainText("Rp 150.000");
  await expect(madu).toContainText("Nusa Tenggara Barat");
  // Newest first: the first BUMDes of the demo was listed last.
  await expect(cards.first()).toContainText("Kopi Arabika Gayo Bubuk");
});

test("the product page is rendered on the server, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto("/p/madu-hutan-sumbawa");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Madu Hutan Sumbawa");
  await expect(page.getByTestId("price")).toContainText("Rp 150.000");
  await expect(page.getByTestId("stock")).toContainText("30 tersedia");
  await expect(page.getByTestId("seller")).toHaveText("BUMDes Lunyuk Rea Lestari");
  await expect(page.getByTestId("origin")).toContainText("Kabupaten Sumbawa, Nusa Tenggara Barat");
  const photo = page.locator("img.product-photo");
  await expect(photo).toHaveAttribute("width", "800");
  await expect(photo).toHaveAttribute("srcset", /-160\.webp 160w, .*-640\.webp 640w, .*-1280\.webp 1280w/);
  // At 360 px wide the browser picks the 640 px file, the smallest that fills the screen.
  const picked = await photo.evaluate((img: HTMLImageElement) => img.currentSrc);
  expect(picked).toMatch(/-640\.webp$/);
  const file = await page.request.get(picked);
  expect(file.headers()["content-type"]).toBe("image/webp");
  // Without JavaScript nothing hydrates.
  await expect(page.locator(".add-to-cart")).not.toHaveAttribute("data-hydrated", "true");
  await context.close();
});

test("with JavaScript the stepper and add-to-cart answer clicks (hydration)", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/p/kopi-arabika-gayo-bubuk");
  const island = page.locator(".add-to-cart");
  await expect(island).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByTestId("quantity")).toHaveValue("1");
  await page.getByRole("button", { name: "Tambah jumlah" }).click();
  await page.getByRole("button", { name: "Tambah jumlah" }).click();
  await expect(page.getByTestId("quantity")).toHaveValue("3");
  await page.getByRole("button", { name: "Kurangi jumlah" }).click();
  await expect(page.getByTestId("quantity")).toHaveValue("2");
  await expect(page.getByTestId("cart-count")).toBeHidden();
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await expect(page.getByRole("status").filter({ hasText: "Masuk keranjang" })).toBeVisible();
  // The cart badge reads the cart back after a reload, and the server has its copy: going offline and
  // adding more keeps it in the browser until the next page sends it.
  await page.reload();
  await expect(page.getByTestId("cart-count")).toHaveText("2");
  await page.context().setOffline(true);
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("3");
  await page.context().setOffline(false);
  await page.goto("/keranjang");
  // The page first shows the server's copy, then reloads with the one just sent.
  await expect(page.getByTestId("line-quantity")).toHaveValue("3");
  expect(errors).toEqual([]);
});

test("a cart the server has not received yet still reaches checkout", async ({ page }) => {
  await page.goto("/p/kopi-arabika-gayo-bubuk");
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await page.context().setOffline(true);
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.context().setOffline(false);
  // Rendered with the server's empty copy, the page reloads once the badge has sent the browser's: once.
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto("/pesan");
  await expect(page.getByLabel("Nama Anda")).toBeVisible();
  await expect(page.getByTestId("checkout-shop")).toContainText("Kopi Arabika Gayo");
  await page.waitForTimeout(1_000);
  expect(loads).toBe(2);
});

test("an unknown product gets the Indonesian 404 page with status 404", async ({ page }) => {
  const response = await page.goto("/p/produk-yang-tidak-ada");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
  const other = await page.goto("/halaman/tidak/ada");
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
});

test("English is chosen by Accept-Language, then by the language link", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("stock")).toContainText("30 available");
  await page.getByRole("link", { name: "Bahasa Indonesia" }).click();
  await expect(page).toHaveURL(/\/p\/madu-hutan-sumbawa$/);
  await expect(page.getByTestId("stock")).toContainText("30 tersedia");
  await context.close();
});

test("a server function answers its own site and refuses a cross-site POST", async ({ request, baseURL }) => {
  const own = await request.post("/api/newest_flagships", { headers: { Origin: baseURL! } });
  expect(own.status()).toBe(200);
  expect(await own.text()).toContain("madu-hutan-sumbawa");
  const foreign = await request.post("/api/newest_flagships", { headers: { Origin: "http://evil.example" } });
  expect(foreign.status()).toBe(403);
});
