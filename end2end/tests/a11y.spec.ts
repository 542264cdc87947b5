import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { fillRegistration } from "./seller";

// Buyers' pages, the seller's way in, and the pages shown when something is missing or offline.
const pages = ["/", "/cari?q=kopi", "/p/madu-hutan-sumbawa", "/wilayah", "/wilayah/52", "/keranjang", "/pesanan", "/masuk", "/daftar", "/luring", "/data", "/tidak-ada"];

/** The village page of the product on the page. */
async function villageOf(page: Page, product: string) {
  await page.goto(product);
  return (await page.locator('a[href^="/desa/"]').first().getAttribute("href"))!;
}

/** Interactive elements smaller than 44 × 44 px, except links inside a sentence (WCAG 2.5.8's inline exception). */
async function smallTapTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("a[href], button, input:not([type=hidden]), select, textarea, summary")]
      .filter((el) => el.offsetParent !== null || getComputedStyle(el).position === "fixed")
      .filter((el) => getComputedStyle(el).display !== "inline")
      .map((el) => {
        // A radio or checkbox is tapped through its label.
        const target = (el as HTMLInputElement).labels?.[0] && /radio|checkbox/.test((el as HTMLInputElement).type) ? (el as HTMLInputElement).labels![0] : el;
        const box = target.getBoundingClientRect();
        return { what: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.getAttribute("name") || "").trim().slice(0, 30)}"`, width: Math.round(box.width), height: Math.round(box.height) };
      })
      .filter((box) => box.width < 44 || box.height < 44)
      .map((box) => `${box.what} ${box.width}×${box.height}`),
  );
}

/** axe's violations, anything wider than 320 px, and tap targets under 44 px on the page shown. */
async function checkPage(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  // Nothing sticks out sideways at 320 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);
  expect(await smallTapTargets(page)).toEqual([]);
}

for (const path of [...pages, "village"]) {
  test(`${path}: axe finds no violations; usable at 320 px with 44 px tap targets`, async ({ page }) => {
    const address = path === "village" ? await villageOf(page, "/p/madu-hutan-sumbawa") : path;
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(address);
    await checkPage(page);
  });
}

test("checkout and a seller's dashboard: no violations, usable at 320 px with 44 px tap targets", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.goto("/pesan");
  // A cart still on its way to the server reloads the page once it arrives: check the page it shows then.
  await expect(page.getByTestId("checkout")).toBeVisible();
  await checkPage(page);

  await page.goto("/daftar/desa/11.01.02.2011");
  await checkPage(page);
  await fillRegistration(page, "081270000027", "rahasia-desa", "BUMDes Uji Akses");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByTestId("bumdes-code")).toBeVisible();
  for (const path of ["/dasbor", "/dasbor/produk", "/dasbor/produk/baru", "/dasbor/toko", "/dasbor/pesanan", "/dasbor/staf", "/dasbor/sandi"]) {
    await page.goto(path);
    await checkPage(page);
  }
});
