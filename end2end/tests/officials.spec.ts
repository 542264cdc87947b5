// Officials: the first made on the command line, the others invited from the web down the regions,
// each seeing only their own region; with JavaScript on and off.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { actor, addOfficial, location, pendingOwner, photoFile } from "./endpoints";
import { RUN, expectInert } from "./hostile";
import { logInOfficial } from "./official";
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

    test("an official gives a colleague a new link, then deactivates them, and their number goes to a successor", async ({ page, browser }) => {
      // A district facilitator in Sumbawa whose invitation link was lost.
      const facilitatorName = `Pendamping Alas ${n}`;
      const number = `0811 9000 0${n}11`;
      const lost = addOfficial("52.04.05", facilitatorName, number.replaceAll(" ", ""));
      await logInOfficial(page, "0811 0000 0003");
      await page.goto("/petugas/tim?wilayah=52.04.05");
      const row = page.getByTestId("colleague").filter({ hasText: facilitatorName });
      await expect(row).toContainText("belum membuat kata sandi");
      await noViolations(page, javaScriptEnabled);
      await row.getByRole("button", { name: "Buat tautan baru" }).click();
      await expect(page).toHaveURL(/\/petugas\/tim\?wilayah=52\.04\.05&tautan=[0-9a-f]{64}$/);
      const link = await page.locator("#invite-link").inputValue();
      const theirs = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 320, height: 640 } });
      const facilitator = await theirs.newPage();
      // The lost link no longer opens; the new one does.
      expect((await facilitator.goto(`/petugas/sandi/${lost}`))!.status()).toBe(404);
      await choosePassword(facilitator, link, "sandi-alas");
      await expect(facilitator).toHaveURL(/\/petugas\?sandi=baru$/);

      // They leave the office: deactivated, their session ends and they cannot log in again.
      await page.goto("/petugas/tim?wilayah=52.04.05");
      await row.getByRole("button", { name: "Nonaktifkan" }).click();
      await expect(page.getByRole("status")).toContainText("Petugas dinonaktifkan");
      await expect(row).toContainText("Dinonaktifkan");
      await expect(row.getByRole("button")).toHaveCount(0);
      await noViolations(page, javaScriptEnabled);
      await facilitator.goto("/petugas");
      await expect(facilitator).toHaveURL(/\/petugas\/masuk$/);
      await facilitator.getByLabel("Nomor WhatsApp atau email").fill(number);
      await facilitator.getByLabel("Kata sandi").fill("sandi-alas");
      await facilitator.getByRole("button", { name: "Masuk" }).click();
      await expect(facilitator.locator(".field-problem")).toBeVisible();
      await theirs.close();

      // Their number is free for whoever takes the office.
      await page.getByLabel("Nama petugas").fill(`Pendamping Alas Baru ${n}`);
      await page.getByLabel("Nomor WhatsApp").fill(number);
      await page.getByRole("button", { name: "Buat tautan undangan" }).click();
      await expect(page.locator("#invite-link")).toHaveValue(/\/petugas\/sandi\/[0-9a-f]{64}$/);
      // No one deactivates themselves.
      await page.goto("/petugas/tim");
      const own = page.getByTestId("colleague").filter({ hasText: "DPMD Kabupaten Sumbawa (demo)" });
      await expect(own).toHaveCount(1);
      await expect(own.getByRole("button")).toHaveCount(0);
    });
  });
}

test("a seller gets 403 on the officials' pages, and a guest is sent to the officials' login", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await logIn(page, "0812 3450 0100", "lumbung-demo");
  await expect(page).toHaveURL(/\/dasbor$/);
  for (const path of ["/petugas", "/petugas/tim", "/petugas/verifikasi", "/petugas/bumdes", "/petugas/wilayah/52", "/petugas/cakupan.csv"]) {
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

/** A new BUMDes in `village` with a published listing called `product`: its owner's request context. */
async function newBumdesWithListing(village: string, whatsapp: string, name: string, product: string) {
  const owner = await pendingOwner(village, whatsapp, name);
  const saved = await owner.post("/api/save_listing", {
    form: { name: product, description: "Madu hutan desa.", category: "gula-madu", price: "85.000", stock: "5", unit: "botol", weight: "500" },
    maxRedirects: 0,
  });
  const listing = location(saved).match(/\/dasbor\/produk\/(\d+)/)![1];
  await owner.post("/api/upload_photos", { multipart: { id: listing, photos: photoFile() }, maxRedirects: 0 });
  await owner.post("/api/publish_listing", { form: { id: listing, publish: "true" }, maxRedirects: 0 });
  return owner;
}

for (const javaScriptEnabled of [true, false]) {
  test(`the queue, JavaScript ${javaScriptEnabled ? "on" : "off"}: verify, reject with a reason the seller reads and answers, and a decision someone made first`, async ({ browser }) => {
    const n = javaScriptEnabled ? 1 : 2;
    const product = `Madu Antrean ${n}`;
    const suffix = (k: number) => `08127770${n}${k}`;
    await newBumdesWithListing("52.04.02.2001", suffix(10), `BUMDes Antrean ${n} Satu`, product);
    const rejected = await pendingOwner("52.04.02.2002", suffix(20), `BUMDes Antrean ${n} Dua`);
    await pendingOwner("52.04.02.2003", suffix(30), `BUMDes Antrean ${n} Tiga`);
    const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await logInOfficial(page, "0811 0000 0003");
    await page.getByRole("link", { name: "Antrean verifikasi BUMDes" }).click();
    const item = (name: string) => page.getByTestId("pending").filter({ has: page.getByRole("heading", { name }) });
    await expect(item(`BUMDes Antrean ${n} Satu`)).toContainText(product);
    await expect(item(`BUMDes Antrean ${n} Satu`)).toContainText("Lunyuk Rea, Lunyuk, Kabupaten Sumbawa, Nusa Tenggara Barat");
    await noViolations(page, javaScriptEnabled);

    // Verified: its product is found at once.
    await item(`BUMDes Antrean ${n} Satu`).getByRole("button", { name: "Verifikasi" }).click();
    await expect(page.getByRole("status")).toHaveText("BUMDes diverifikasi. Produknya kini tampil untuk pembeli.");
    await expect(item(`BUMDes Antrean ${n} Satu`)).toHaveCount(0);
    const search = await context.newPage();
    await search.goto(`/cari?q=${encodeURIComponent(product)}`);
    await expect(search.getByRole("link", { name: product }).first()).toBeVisible();

    // Rejected: a reason is needed, and what was typed stays; then the seller reads it and asks again.
    const two = item(`BUMDes Antrean ${n} Dua`);
    await two.getByRole("button", { name: "Tolak" }).click();
    await expect(two.locator(".field-problem")).toBeVisible();
    const reason = `Nomor sertifikat belum diisi </q><img src=x onerror=${RUN}>`;
    await two.getByLabel("Alasan penolakan (dibaca pengelola BUMDes)").fill(reason);
    await two.getByRole("button", { name: "Tolak" }).click();
    await expect(page.getByRole("status")).toHaveText("BUMDes ditolak. Pengelolanya melihat alasan Anda di dasbor.");
    const seller = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 320, height: 640 }, storageState: await rejected.storageState() });
    const dashboard = await seller.newPage();
    await dashboard.goto("/dasbor");
    await expect(dashboard.getByTestId("verification")).toHaveText("Verifikasi ditolak");
    await expect(dashboard.getByTestId("rejection-reason")).toContainText(reason);
    await expectInert(dashboard);
    await noViolations(dashboard, javaScriptEnabled);
    await dashboard.getByRole("button", { name: "Ajukan verifikasi lagi" }).click();
    await expect(dashboard.getByRole("status")).toContainText("BUMDes Anda kembali masuk antrean petugas");
    await dashboard.getByText("Riwayat verifikasi").click();
    await expect(dashboard.getByTestId("verification-event").first()).toContainText("Diajukan lagi oleh");
    await expect(dashboard.getByTestId("verification-event").nth(1)).toContainText("Ditolak oleh DPMD Kabupaten Sumbawa (demo) (DPMD Kabupaten Sumbawa)");
    await page.goto("/petugas/verifikasi");
    await expect(two).toHaveCount(1);

    // The national official decides about the third first: the regency's click is told so.
    const national = await actor();
    await national.post("/api/official_log_in", { form: { login: "0811 0000 0001", password: "lumbung-demo" } });
    const queue = await (await national.post("/api/verification_queue")).json();
    const third = queue.pending.find((p: { name: string }) => p.name === `BUMDes Antrean ${n} Tiga`);
    const first = await national.post("/api/decide_bumdes", { form: { id: `${third.id}`, decision: "verify", reason: "" }, maxRedirects: 0 });
    expect(first.status()).toBeLessThan(400);
    // The form goes back to the queue, which answers 409 and says why.
    const shown = page.waitForResponse((r) => r.url().includes("/petugas/verifikasi?") && r.url().includes("__err"));
    await item(`BUMDes Antrean ${n} Tiga`).getByRole("button", { name: "Verifikasi" }).click();
    expect((await shown).status()).toBe(409);
    await expect(page.getByTestId("form-error")).toHaveText("BUMDes ini baru saja diputuskan oleh petugas lain. Muat ulang halaman untuk melihat statusnya sekarang.");
    await context.close();
    await seller.close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`a BUMDes's page, JavaScript ${javaScriptEnabled ? "on" : "off"}: its certificate photo, the badge buyers see once verified, a revocation that hides its products at once, and the owner's way back`, async ({ browser }) => {
    const n = javaScriptEnabled ? 1 : 2;
    const name = `BUMDes Cabut ${n}`;
    const product = `Madu Cabut ${n}`;
    const village = `52.04.02.200${6 + n}`;
    const owner = await newBumdesWithListing(village, `08127771${n}10`, name, product);
    const uploaded = await owner.post("/api/upload_picture", { multipart: { picture: "certificate", file: photoFile() }, maxRedirects: 0 });
    expect(location(uploaded)).toContain("/dasbor/toko?disimpan=1");
    const context = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await logInOfficial(page, "0811 0000 0003");

    // Found in the list by its name and state.
    await page.getByRole("link", { name: "Daftar BUMDes" }).click();
    await page.getByLabel("Nama BUMDes").fill(name);
    await page.getByLabel("Status").selectOption({ label: "Menunggu verifikasi" });
    await page.getByRole("button", { name: "Tampilkan" }).click();
    await expect(page.getByTestId("listed")).toHaveCount(1);
    await noViolations(page, javaScriptEnabled);
    await page.getByRole("link", { name }).click();
    await expect(page).toHaveURL(/\/petugas\/bumdes\/\d+$/);
    const dossier = page.url();
    await expect(page.getByTestId("dossier-status")).toHaveText("Menunggu verifikasi");
    const photo = page.getByTestId("certificate-photo");
    await expect(photo.getByRole("img", { name: "Foto sertifikat badan hukum BUM Desa" })).toBeVisible();
    const full = await page.request.get((await photo.getAttribute("href"))!);
    expect(full.status(), full.url()).toBe(200);
    expect(full.headers()["content-type"]).toBe("image/webp");
    await noViolations(page, javaScriptEnabled);
    await page.getByRole("button", { name: "Verifikasi" }).click();
    await expect(page.getByRole("status")).toHaveText("BUMDes diverifikasi. Produknya kini tampil untuk pembeli.");

    // Buyers see who verified it, on the card, the product page and the village page.
    const buyer = await context.newPage();
    const badge = "✓ Terverifikasi oleh DPMD Kabupaten Sumbawa, ";
    await buyer.goto(`/cari?q=${encodeURIComponent(product)}`);
    const card = buyer.locator("li.card", { hasText: product });
    await expect(card.getByTestId("verified-badge")).toContainText(badge);
    const href = (await card.getByRole("link").getAttribute("href"))!;
    await buyer.goto(href);
    const sold = buyer.getByRole("article").getByTestId("verified-badge");
    await expect(sold).toContainText(badge);
    await expect(sold).toContainText(/, \d{2}-\d{2}-\d{4}$/);
    await buyer.goto(`/desa/${village}`);
    await expect(buyer.getByTestId("bumdes").filter({ hasText: name }).getByTestId("verified-badge")).toContainText(badge);

    // Revoked: a reason is needed and kept; then its products are gone from search and their pages.
    await page.goto(dossier);
    await expect(page.getByTestId("dossier-status")).toHaveText("Terverifikasi");
    await page.getByRole("button", { name: "Cabut verifikasi" }).click();
    await expect(page.locator(".field-problem")).toBeVisible();
    const reason = `Sertifikat bukan milik BUMDes ini </q><img src=x onerror=${RUN}>`;
    await page.getByLabel("Alasan pencabutan (dibaca pengelola BUMDes)").fill(reason);
    await page.getByRole("button", { name: "Cabut verifikasi" }).click();
    await expect(page.getByRole("status")).toHaveText("Verifikasi dicabut. Produk BUMDes ini tidak lagi tampil untuk pembeli.");
    await expect(page.getByTestId("dossier-status")).toHaveText("Verifikasi dicabut");
    await expect(page.getByTestId("verification-event").first()).toContainText(`Verifikasi dicabut oleh DPMD Kabupaten Sumbawa (demo) (DPMD Kabupaten Sumbawa): ${reason}`);
    await expect(page.getByRole("button", { name: "Cabut verifikasi" })).toHaveCount(0);
    await expectInert(page);
    await noViolations(page, javaScriptEnabled);
    expect((await buyer.goto(href))!.status()).toBe(404);
    await buyer.goto(`/cari?q=${encodeURIComponent(product)}`);
    await expect(buyer.locator("li.card", { hasText: product })).toHaveCount(0);

    // The owner reads why and asks again: back in the queue.
    const seller = await browser.newContext({ javaScriptEnabled, locale: "id-ID", viewport: { width: 320, height: 640 }, storageState: await owner.storageState() });
    const dashboard = await seller.newPage();
    await dashboard.goto("/dasbor");
    await expect(dashboard.getByTestId("verification")).toHaveText("Verifikasi dicabut");
    await expect(dashboard.getByTestId("rejection-reason")).toContainText(reason);
    await expectInert(dashboard);
    await dashboard.getByRole("button", { name: "Ajukan verifikasi lagi" }).click();
    await expect(dashboard.getByRole("status")).toContainText("BUMDes Anda kembali masuk antrean petugas");
    await page.goto("/petugas/verifikasi");
    await expect(page.getByTestId("pending").filter({ has: page.getByRole("heading", { name }) })).toHaveCount(1);
    await context.close();
    await seller.close();
  });
}
