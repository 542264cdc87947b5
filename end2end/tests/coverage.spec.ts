// Officials' coverage: the national map down to a regency's districts and a district's villages, the
// period and order choices, the CSV, and what an official of a smaller region may open; JavaScript on
// and off, at 320 px.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectInert } from "./hostile";
import { logInOfficial } from "./official";

test.describe.configure({ timeout: 90_000 });

/** None of axe's violations (it runs in the page, so with JavaScript on) and nothing wider than 320 px. */
async function fits(page: Page, axe: boolean) {
  await expectInert(page);
  if (axe) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);
}

/** The table's rows: their codes, in order. */
async function rowCodes(page: Page) {
  return page.getByTestId("coverage-table").locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code")));
}

for (const javaScriptEnabled of [true, false]) {
  test(`the coverage map leads down to the villages, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await logInOfficial(page, "0811 0000 0001");
    // The country: a map of the 38 provinces, each linking to its own page, with a legend.
    const map = page.getByTestId("coverage-map");
    await expect(map.locator("a")).toHaveCount(38);
    await expect(page.getByTestId("coverage-name")).toHaveText("Seluruh Indonesia");
    await expect(page.getByTestId("coverage-share")).toContainText("desa");
    await expect(page.getByTestId("coverage-table").locator("tbody tr")).toHaveCount(38);
    await expect(page.getByTestId("covered-chart")).toBeVisible();
    await expect(page.getByTestId("gmv-chart")).toBeVisible();
    await fits(page, javaScriptEnabled);

    await map.locator('a[data-code="52"]').click();
    await expect(page).toHaveURL(/\/petugas\/wilayah\/52$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nusa Tenggara Barat");
    // Its regencies on a map of their own; Sumbawa has the demo's BUMDes.
    const regencies = page.getByTestId("coverage-map").locator("a");
    await expect(regencies).toHaveCount(10);
    const sumbawa = page.getByTestId("coverage-table").locator('tr[data-code="52.04"]');
    await expect(sumbawa.locator("td").nth(2)).not.toHaveText("0 (0,0 %)");
    await fits(page, javaScriptEnabled);

    // A year's period and the best covered first: the choices stay in the links.
    await page.getByRole("link", { name: "1 tahun" }).click();
    await expect(page).toHaveURL(/periode=365/);
    await expect(page.getByRole("link", { name: "1 tahun" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("columnheader", { name: "Desa dengan produk unggulan" }).getByRole("link").click();
    await expect(page).toHaveURL(/periode=365&urut=cakupan/);
    const shares = await page.getByTestId("coverage-table").locator("tbody tr td:nth-of-type(3)").allTextContents();
    const perMille = shares.map((text) => Number(text.match(/\((\d+),(\d) %\)/)!.slice(1).join("")));
    expect(perMille).toEqual([...perMille].sort((a, b) => b - a));
    expect(perMille[0]).toBeGreaterThan(0);
    await expect(page.getByRole("columnheader", { name: "Desa dengan produk unggulan" })).toHaveAttribute("aria-sort", "descending");

    await page.getByTestId("coverage-map").locator('a[data-code="52.04"]').click();
    await expect(page).toHaveURL(/\/petugas\/wilayah\/52\.04$/);
    // Districts have no outlines: a table, and the way back up.
    await expect(page.getByTestId("coverage-map")).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Wilayah di atasnya" }).getByRole("link", { name: "Nusa Tenggara Barat" })).toBeVisible();
    await fits(page, javaScriptEnabled);
    const district = (await rowCodes(page)).find((code) => code === "52.04.02") ?? (await rowCodes(page))[0]!;
    await page.getByTestId("coverage-table").locator(`tr[data-code="${district}"] th a`).click();
    await expect(page).toHaveURL(new RegExp(`/petugas/wilayah/${district.replaceAll(".", "\\.")}$`));
    // A district's villages lead to their public pages.
    const village = page.getByTestId("coverage-table").locator("tbody tr th a").first();
    await expect(village).toHaveAttribute("href", /^\/desa\/52\.04\.\d{2}\.\d{4}$/);
    await fits(page, javaScriptEnabled);

    // The CSV of the province's table: a BOM for Excel, then a header and one line per regency.
    const csv = await page.request.get("/petugas/wilayah/52/cakupan.csv?periode=90");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toBe('attachment; filename="cakupan-52-90hari.csv"');
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
    expect(lines[0]).toBe("kode_wilayah,wilayah,desa,desa_bumdes_terverifikasi,desa_produk_unggulan,cakupan_persen,produk,pesanan,gmv_rupiah,menunggu_verifikasi");
    expect(lines).toHaveLength(11);
    expect(lines.find((l) => l.startsWith("52.04,"))).toMatch(/^52\.04,Kabupaten Sumbawa,\d+,[1-9]\d*,[1-9]\d*,"\d+,\d",/);
    await context.close();
  });
}

test("a regency official's coverage: their regency only, and bad choices refused in words", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await logInOfficial(page, "0811 0000 0003");
  await expect(page.getByTestId("coverage-name")).toHaveText("Kabupaten Sumbawa");
  await expect(page.getByTestId("coverage-table").locator("tbody tr").first()).toHaveAttribute("data-code", /^52\.04\.\d{2}$/);
  for (const path of ["/petugas/wilayah/52", "/petugas/wilayah/52.01", "/petugas/wilayah/11", "/petugas/wilayah/52/cakupan.csv", "/petugas/cakupan.csv?periode=1"]) {
    const answer = await page.goto(path);
    expect(answer!.status(), path).toBe(path.endsWith("=1") ? 400 : 403);
  }
  for (const path of ["/petugas/wilayah/99", "/petugas/wilayah/52.04.02.2001", "/petugas/wilayah/%3Cscript%3E"]) {
    expect((await page.goto(path))!.status(), path).toBe(404);
  }
  const answer = await page.goto("/petugas/wilayah/52.04?periode=7&urut=%3Cb%3E");
  expect(answer!.status()).toBe(400);
  await expect(page.getByText("Pilihan di alamat halaman ini tidak dikenal.")).toBeVisible();
  await expectInert(page);
  // The CSV's period read leniently: a repeated field takes the first, an undecodable one is refused in words.
  expect((await page.request.get("/petugas/cakupan.csv?periode=90&periode=x")).headers()["content-disposition"]).toContain("90hari");
  expect((await page.goto("/petugas/cakupan.csv?periode=%FF%00"))!.status()).toBe(400);
  await expect(page.getByText("Pilihan di alamat halaman ini tidak dikenal.")).toBeVisible();
  const own = await page.request.get("/petugas/cakupan.csv");
  expect(own.status()).toBe(200);
  expect(own.headers()["content-disposition"]).toBe('attachment; filename="cakupan-52.04-30hari.csv"');
});
