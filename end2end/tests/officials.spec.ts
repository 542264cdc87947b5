// Officials: the first made on the command line, the others invited from the web down the regions,
// each seeing only their own region; with JavaScript on and off.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addOfficial } from "./endpoints";
import { RUN, expectInert } from "./hostile";
import { logIn } from "./seller";

test.describe.configure({ timeout: 90_000 });

async function choosePassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await expectInert(page);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByLabel("Ulangi kata sandi").fill(password);
  await page.getByRole("button", { name: "Simpan kata sandi dan masuk" }).click();
}

/** Nothing wider than 320 px, and none of axe's violations: axe runs in the page, so with JavaScript on. */
async function noViolations(page: Page, axe = true) {
  if (axe) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled, viewport: { width: 320, height: 640 } });
    const n = javaScriptEnabled ? 1 : 2;

    test("a national official invites a regency official, who sees and invites only inside their regency", async ({ page, browser }) => {
      const token = addOfficial("ID", `Kementerian Uji ${n}`, `081190000${n}01`);
      await choosePassword(page, `/petugas/sandi/${token}`, "rahasia-petugas");
      await expect(page).toHaveURL(/\/petugas\?sandi=baru$/);
      await expect(page.getByRole("status")).toHaveText("Kata sandi Anda tersimpan dan Anda sudah masuk.");
      await expect(page.getByTestId("official-region")).toContainText("Seluruh Indonesia");
      await noViolations(page, javaScriptEnabled);

      // Down to Kabupaten Lombok Barat, then the invitation.
      await page.getByRole("link", { name: "Tim petugas dan undangan" }).click();
      await page.getByLabel("Pilih wilayah di bawahnya").selectOption({ label: "Nusa Tenggara Barat" });
      await page.getByRole("button", { name: "Pilih" }).click();
      await page.getByLabel("Pilih wilayah di bawahnya").selectOption({ label: "Kabupaten Lombok Barat" });
      await page.getByRole("button", { name: "Pilih" }).click();
      await expect(page.getByRole("heading", { name: "Undang petugas untuk Kabupaten Lombok Barat" })).toBeVisible();
      await noViolations(page, javaScriptEnabled);
      // A wrong number first: the form keeps what was typed.
      // A name that tries to break out of the markup it is shown in: it must show as typed.
      const name = `DPMD ${n} </strong><img src=x onerror=${RUN}>`;
      await page.getByLabel("Nama petugas").fill(name);
      await page.getByLabel("Nomor WhatsApp").fill("12345");
      await page.getByRole("button", { name: "Buat tautan undangan" }).click();
      await expect(page.locator(".field-problem")).toBeVisible();
      await expect(page.getByLabel("Nama petugas")).toHaveValue(name);
      await page.getByLabel("Nomor WhatsApp").fill(`0811 9000 0${n}02`);
      await page.getByRole("button", { name: "Buat tautan undangan" }).click();
      const link = await page.locator("#invite-link").inputValue();
      expect(link).toMatch(/\/petugas\/sandi\/[0-9a-f]{64}$/);
      await expect(page.getByTestId("colleagues")).toContainText(name);
      await expect(page.getByTestId("colleagues")).toContainText("belum membuat kata sandi");
      await expectInert(page);

      // The regency official, in a browser of their own.
      const theirs = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 320, height: 640 } });
      const regency = await theirs.newPage();
      await choosePassword(regency, link, "sandi-lombok-barat");
      await expect(regency.getByTestId("official-region")).toHaveText("Wilayah tugas Anda: Kabupaten Lombok Barat, Nusa Tenggara Barat");
      await regency.goto("/petugas/tim");
      await expect(regency.getByTestId("colleagues")).toContainText(name);
      await expect(regency.getByTestId("colleagues")).not.toContainText(`Kementerian Uji ${n}`);
      // Its districts to choose from, and no way up to the province or the country.
      await expect(regency.getByLabel("Pilih wilayah di bawahnya").locator("option", { hasText: "Gerung" })).toHaveCount(1);
      await expect(regency.getByRole("link", { name: "Nusa Tenggara Barat" })).toHaveCount(0);
      await expect(regency.getByRole("link", { name: "Seluruh Indonesia" })).toHaveCount(0);
      for (const elsewhere of ["52", "52.02", "11.01", ""]) {
        const answer = await regency.goto(`/petugas/tim?wilayah=${elsewhere}`);
        if (elsewhere === "") {
          expect(answer!.status()).toBe(200);
          continue;
        }
        expect(answer!.status(), elsewhere).toBe(403);
        await expect(regency.getByRole("heading", { name: "Tidak diizinkan" })).toBeVisible();
      }
      // The link works once.
      const again = await regency.goto(link);
      expect(again!.status()).toBe(404);
      await expect(regency.getByRole("heading", { name: "Tautan undangan tidak berlaku" })).toBeVisible();

      // Logged out, then in again at the officials' door.
      await regency.goto("/petugas");
      await regency.getByTestId("log-out").click();
      await regency.goto("/petugas/masuk");
      await regency.getByLabel("Nomor WhatsApp atau email").fill(`0811 9000 0${n}02`);
      await regency.getByLabel("Kata sandi").fill("salah-sandi");
      await regency.getByRole("button", { name: "Masuk" }).click();
      await expect(regency.locator(".field-problem")).toBeVisible();
      await expect(regency.getByLabel("Nomor WhatsApp atau email")).toHaveValue(`0811 9000 0${n}02`);
      await regency.getByLabel("Kata sandi").fill("sandi-lombok-barat");
      await regency.getByRole("button", { name: "Masuk" }).click();
      await expect(regency).toHaveURL(/\/petugas$/);
      await expect(regency.getByTestId("official-home")).toContainText(name);
      await expectInert(regency);
      await noViolations(regency, javaScriptEnabled);
      await theirs.close();
    });
  });
}

test("a seller gets 403 on the officials' pages, and a guest is sent to the officials' login", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await logIn(page, "0812 3450 0100", "lumbung-demo");
  await expect(page).toHaveURL(/\/dasbor$/);
  for (const path of ["/petugas", "/petugas/tim"]) {
    const answer = await page.goto(path);
    expect(answer!.status(), path).toBe(403);
  }
  await page.context().clearCookies();
  await page.goto("/petugas/tim");
  await expect(page).toHaveURL(/\/petugas\/masuk$/);
  await noViolations(page);
});

test("a demo official logs in and sees their region", async ({ page }) => {
  await page.goto("/petugas/masuk");
  await page.getByLabel("Nomor WhatsApp atau email").fill("0811 0000 0003");
  await page.getByLabel("Kata sandi").fill("lumbung-demo");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByTestId("official-region")).toHaveText("Wilayah tugas Anda: Kabupaten Sumbawa, Nusa Tenggara Barat");
});
