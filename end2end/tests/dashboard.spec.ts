import { expect, test } from "@playwright/test";
import { fillListing, fillRegistration, verify } from "./seller";

// Registers a seller (argon2id in a debug build) and waits for the server to write counted views.
test.describe.configure({ timeout: 90_000 });

/** Today in Jakarta, as the dashboard's days are kept. */
function jakartaToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());
}

test("dashboard home: zero states, then to-do, low stock and a views chart that counts buyers, not crawlers", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/daftar/desa/11.01.02.2006");
  await fillRegistration(page, "081270000021", "rahasia-desa", "BUMDes Jambo Manyang");
  await page.getByRole("button", { name: "Daftar" }).click();
  const code = (await page.getByTestId("bumdes-code").textContent())!;

  await expect(page.getByTestId("todo-orders")).toHaveText(
    "Belum ada pesanan untuk dikonfirmasi atau dikirim. Pesanan baru akan muncul di sini.",
  );
  await expect(page.getByTestId("todo").locator("li")).toHaveCount(0);
  await expect(page.getByTestId("low-stock")).toContainText("Semua produk yang terbit masih punya stok lebih dari 5.");
  await expect(page.getByTestId("views-summary")).toHaveText("Total: 0 · Hari ini: 0");
  await expect(page.getByTestId("views")).toContainText("Belum ada yang melihat produk Anda");
  await expect(page.getByTestId("views-chart")).toHaveCount(0);
  await expect(page.getByTestId("sales")).toContainText("Belum ada penjualan.");

  const name = "Gula Aren Jambo";
  await page.goto("/dasbor/produk/baru");
  await fillListing(page, name, "3");
  await page.getByRole("button", { name: "Simpan produk" }).click();
  await expect(page.getByRole("status")).toHaveText("Produk disimpan. Sekarang tambahkan fotonya di bawah.");
  await page.goto("/dasbor");
  await expect(page.getByTestId("todo-drafts")).toContainText("1");
  await expect(page.getByTestId("todo-photos")).toContainText("1");
  // A draft is not for sale, so it is not running low.
  await expect(page.getByTestId("low-stock").locator("li")).toHaveCount(0);

  await page.goto("/dasbor/produk");
  await page.getByTestId("listing").filter({ hasText: name }).getByRole("button", { name: "Tampilkan" }).click();
  await expect(page.getByTestId("listing").filter({ hasText: name })).toContainText("Tampil");
  verify(code);
  await page.goto("/dasbor");
  await expect(page.getByTestId("todo-drafts")).toHaveCount(0);
  const low = page.getByTestId("low-stock").locator("li");
  await expect(low).toHaveText([`${name}Sisa 3 bungkus 250 g`]);
  await low.getByRole("link").click();
  await expect(page.getByLabel("Stok")).toHaveValue("3");

  // A buyer finds it and opens it three times (once through the app, twice as full page loads); a crawler once.
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(`/cari?q=${encodeURIComponent(name)}`);
  await buyer.getByTestId("results").locator("li").first().getByRole("link").click();
  await expect(buyer.getByRole("heading", { level: 1 })).toHaveText(name);
  await buyer.reload();
  await buyer.reload();
  const crawler = await (
    await browser.newContext({ userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" })
  ).newPage();
  expect((await crawler.goto(buyer.url()))?.status()).toBe(200);

  // Servers write counted views every 10 seconds.
  await expect(async () => {
    await page.goto("/dasbor");
    await expect(page.getByTestId("views-summary")).toHaveText("Total: 3 · Hari ini: 3", { timeout: 1000 });
  }).toPass({ timeout: 40_000, intervals: [2000] });
  const bars = page.getByTestId("views-chart").locator("rect");
  await expect(bars).toHaveCount(1);
  await expect(bars).toHaveAttribute("data-day", jakartaToday());
  await expect(bars).toHaveAttribute("data-count", "3");
  // The bar stands on the axis at the chart's right end: today is the last of 30 days.
  const box = (await bars.boundingBox())!;
  const chart = (await page.getByTestId("views-chart").boundingBox())!;
  expect(box.x + box.width).toBeGreaterThan(chart.x + chart.width * 0.95);
  expect(box.height).toBeGreaterThan(chart.height * 0.5);
});
