import { expect, test } from "@playwright/test";

test("with Save-Data, pictures wait for a tap and come in the smallest size; the footer shows the page's bytes", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "Save-Data": "on" } });
  const page = await context.newPage();
  const pictures: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/media/")) pictures.push(request.url());
  });
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.getByTestId("data-saver")).toContainText("Mode hemat data aktif");
  await expect(page.getByTestId("page-weight")).toHaveText(/^Halaman ini memakai \d+ KB$/);
  // Nothing is fetched ahead: no picture, no prefetch hint.
  expect(pictures).toEqual([]);
  await expect(page.locator("link[rel=prefetch], link[rel=prerender]")).toHaveCount(0);
  // The box keeps the picture's shape, so nothing moves when it arrives.
  const box = page.locator(".tap-image").first();
  const before = await box.boundingBox();
  expect(before!.width / before!.height).toBeCloseTo(800 / 600, 1);
  await box.click();
  const photo = page.locator("img.product-photo").first();
  await expect(photo).toHaveAttribute("src", /-160\.webp$/);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  expect(pictures).toHaveLength(1);
  expect(pictures[0]).toMatch(/-160\.webp$/);
  // The buyer's own switch wins over the browser's header.
  await page.getByRole("link", { name: "Matikan" }).click();
  await expect(page.getByTestId("data-saver")).toHaveText("Mode hemat data");
  await expect(page.locator("img.product-photo").first()).toHaveAttribute("srcset", /640w/);
  await context.close();
});

test("the footer's switch turns data saver on for a browser that does not ask for it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Mode hemat data" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("data-saver")).toContainText("Mode hemat data aktif");
  await expect(page.getByTestId("flagships").locator(".tap-image")).toHaveCount(47);
  await expect(page.getByTestId("flagships").locator("img")).toHaveCount(0);
  await expect(page.getByTestId("page-weight")).toHaveText(/KB$/);
  // Tapping a card's picture shows it instead of opening the product.
  await page.getByTestId("flagships").locator(".tap-image").first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("flagships").locator("img")).toHaveCount(1);
});
