import { expect, test } from "@playwright/test";

test("drill down by region to a village, its BUMDes and its flagship", async ({ page }) => {
  await page.goto("/wilayah");
  const provinces = page.getByTestId("regions").locator("li");
  await expect(provinces).toHaveCount(38);
  // Regions with products come first.
  await expect(provinces.first()).toContainText("produk");
  await expect(provinces.last()).toContainText("Belum ada produk");
  await page.getByRole("link", { name: "Nusa Tenggara Barat" }).click();
  await expect(page).toHaveURL(/\/wilayah\/52$/);
  await page.getByRole("link", { name: "Kabupaten Sumbawa", exact: true }).click();
  await expect(page).toHaveURL(/\/wilayah\/52\.04$/);
  await expect(page.getByTestId("breadcrumb")).toContainText("Nusa Tenggara Barat");
  // The first district and village are ones with products.
  await page.getByTestId("regions").locator("a").first().click();
  await page.getByTestId("regions").locator("a").first().click();
  await expect(page).toHaveURL(/\/desa\/52\.04\.\d\d\.\d{4}$/);
  await expect(page.getByTestId("bumdes").first()).toContainText("BUMDes");
  await expect(page.getByTestId("bumdes").first().getByRole("link")).toHaveAttribute("href", /^https:\/\/wa\.me\/62\d+$/);
  const products = page.getByTestId("village-products").locator("li");
  await expect(products.first()).toBeVisible();
});

test("a village without sellers says so, and unknown codes are not found", async ({ page }) => {
  await page.goto("/desa/11.01.01.2001");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Desa Keude Bakongan");
  await expect(page.getByTestId("village-empty")).toHaveText("Desa ini belum punya produk unggulan di Lumbung.");
  expect((await page.goto("/desa/99.99.99.9999"))?.status()).toBe(404);
  expect((await page.goto("/wilayah/99"))?.status()).toBe(404);
});

test("region names are found by any part, accents and case ignored", async ({ page }) => {
  await page.goto("/wilayah?cari=LUNYUK");
  const hits = page.getByTestId("region-hits").locator("li");
  await expect(hits.first()).toContainText("Lunyuk, Kabupaten Sumbawa, Nusa Tenggara Barat");
});

test("the product page has a breadcrumb, related products, sharing and JSON-LD that parses", async ({ page }) => {
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.getByTestId("breadcrumb").getByRole("link")).toHaveText([
    "Wilayah",
    "Nusa Tenggara Barat",
    "Kabupaten Sumbawa",
    "Lunyuk",
    "Lunyuk Rea",
  ]);
  await expect(page.getByTestId("related").locator("li").first()).toBeVisible();
  await expect(page.getByTestId("related")).not.toContainText("Madu Hutan Sumbawa");
  const share = await page.getByTestId("share-whatsapp").getAttribute("href");
  expect(decodeURIComponent(share!.replace(/\+/g, " "))).toContain("Madu Hutan Sumbawa – Rp 150.000 http");
  const ld = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent() ?? "");
  expect(ld["@type"]).toBe("Product");
  expect(ld.name).toBe("Madu Hutan Sumbawa");
  expect(ld.offers).toMatchObject({ "@type": "Offer", price: 150000, priceCurrency: "IDR" });
  const canonical = await page.locator('link[rel="canonical"]').getAttribute("href");
  expect(canonical).toMatch(/^http.*\/p\/madu-hutan-sumbawa$/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /^http.*-1280\.webp$/);
});

test("the sitemap lists products and regions, and robots.txt points to it", async ({ request }) => {
  const index = await (await request.get("/sitemap.xml")).text();
  expect(index).toContain("/sitemap/products-0.xml");
  const products = await (await request.get("/sitemap/products-0.xml")).text();
  expect(products).toContain("/p/madu-hutan-sumbawa</loc>");
  // The 94 demo products, and any that other tests publish meanwhile.
  expect(products.match(/<url>/g)?.length).toBeGreaterThanOrEqual(94);
  const regions = await (await request.get("/sitemap/regions.xml")).text();
  expect(regions).toContain("/wilayah/52.04</loc>");
  expect(regions).toMatch(/\/desa\/52\.04\.\d\d\.\d{4}<\/loc>/);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/^Sitemap: http.*\/sitemap\.xml$/m);
});
