import { expect, test } from "@playwright/test";

test("search works without JavaScript: the form, typo correction, filters and bad input", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("searchbox").fill("madu hutan sumbawa");
  await page.getByRole("searchbox").press("Enter");
  await expect(page).toHaveURL(/\/cari\?q=madu\+hutan\+sumbawa$/);
  await expect(page.getByTestId("results").locator("li").first()).toContainText("Madu Hutan Sumbawa");

  // Nothing is spelled "gayoo": the page says what it searched instead.
  const response = await page.goto("/cari?q=kopi+gayoo");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("did-you-mean")).toContainText("Maksud Anda: kopi gayo");
  await expect(page.getByTestId("results")).toContainText("Kopi Arabika Gayo Bubuk");
  await page.goto("/cari?q=kripik");
  await expect(page.getByTestId("did-you-mean")).toContainText("keripik");

  // Each filter value shows its count, and following it gives that many results.
  await page.goto("/cari?q=kopi");
  const total = await page.getByTestId("result-count").textContent();
  expect(total).toMatch(/^\d+ produk ditemukan$/);
  await page.getByText(/^Filter/).click();
  const aceh = page.getByTestId("facet-province").getByRole("link", { name: /^Aceh \d+$/ });
  const count = Number((await aceh.textContent())!.match(/(\d+)$/)![1]);
  await aceh.click();
  await expect(page).toHaveURL(/provinsi=11/);
  await expect(page.getByTestId("result-count")).toHaveText(`${count} produk ditemukan`);
  await expect(page.getByTestId("results").locator("li")).toHaveCount(count);
  await expect(page.getByTestId("facet-regency")).toBeVisible();

  // A price that is not a number: 400, a message in Indonesian, and the typed value kept.
  const bad = await page.goto("/cari?q=madu&harga_min=murah");
  expect(bad?.status()).toBe(400);
  await expect(page.getByTestId("search-errors")).toContainText("Harga harus berupa angka");
  await expect(page.locator('input[name="harga_min"]')).toHaveValue("murah");
  await expect(page.locator('input[name="q"][type="hidden"]')).toHaveValue("madu");
  await context.close();
});

test("with JavaScript, suggestions appear as you type and lead to a search", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/saran")) asked.push(new URL(r.url()).searchParams.get("q") ?? "");
  });
  await page.goto("/");
  await expect(page.locator("form.search-box")).toHaveAttribute("data-hydrated", "true");
  const box = page.getByRole("searchbox");
  await box.pressSequentially("sumb", { delay: 30 });
  const suggestions = page.getByRole("list", { name: "Saran pencarian" });
  await expect(suggestions).toBeVisible();
  // Debounced: typing quickly asks once, for the whole word so far.
  expect(asked).toEqual(["sumb"]);
  await expect(suggestions.getByRole("link", { name: /^Kabupaten Sumbawa\s*Kabupaten\/Kota$/ })).toBeVisible();
  // Escape (which empties the field), a tap elsewhere, or the focus leaving the box closes them; typing
  // opens them again.
  await box.press("Escape");
  await expect(suggestions).toBeHidden();
  await expect(box).toHaveValue("");
  for (const leave of [
    () => page.locator(".site-footer p").first().click(),
    () => page.getByRole("link", { name: "Wilayah" }).first().focus(),
  ]) {
    await box.fill("sumb");
    await expect(suggestions).toBeVisible();
    await leave();
    await expect(suggestions).toBeHidden();
  }
  await box.fill("sumba");
  await expect(suggestions).toBeVisible();
  await suggestions.getByRole("link", { name: "sumbawa", exact: true }).click();
  await expect(page).toHaveURL(/\/cari\?q=sumbawa$/);
  await expect(page.getByTestId("results")).toContainText("Madu Hutan Sumbawa");
  await expect(box).toHaveValue("sumbawa");
});

test("a filter, then the back button, returns to the same results", async ({ page }) => {
  await page.goto("/cari?q=madu");
  const before = await page.getByTestId("result-count").textContent();
  await page.getByText(/^Filter/).click();
  await page.getByTestId("facet-more").getByRole("link", { name: /Produk unggulan desa/ }).click();
  await expect(page).toHaveURL(/\/cari\?q=madu&unggulan=1$/);
  const after = await page.getByTestId("result-count").textContent();
  expect(after).not.toEqual(before);
  await page.getByRole("link", { name: "Termurah" }).click();
  await expect(page).toHaveURL(/unggulan=1&urut=termurah$/);
  const prices = await page.getByTestId("results").locator(".price").allTextContents();
  const numbers = prices.map((p) => Number(p.split("/")[0].replace(/\D/g, "")));
  expect(numbers.length).toBeGreaterThan(1);
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(/\/cari\?q=madu$/);
  await expect(page.getByTestId("result-count")).toHaveText(before!);
});

test("the language links come back to the same search", async ({ page }) => {
  await page.goto("/cari?q=kopi&urut=termurah");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/cari\?q=kopi&urut=termurah$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("kopi");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});
