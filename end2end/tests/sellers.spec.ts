import { expect, test } from "@playwright/test";
import { fillRegistration, logIn, verify } from "./seller";

test("without JavaScript: register, see pending, get verified, log out and back in", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByTestId("sellers-link").click();
  await page.getByRole("link", { name: "Daftarkan BUMDes" }).click();
  await expect(page).toHaveURL(/\/daftar$/);

  // The village by its name.
  await page.getByLabel("Cari nama desa").fill("keude bakongan");
  await page.getByLabel("Cari nama desa").press("Enter");
  await page.getByTestId("village-hits").getByRole("link", { name: /^Keude Bakongan, / }).click();
  await expect(page).toHaveURL(/\/daftar\/desa\/11\.01\.01\.2001$/);

  // Mistakes come back as 400, each next to its field, with what was typed kept (but not passwords).
  await fillRegistration(page, "12ab", "rahasia-desa");
  await page.getByLabel("Ulangi kata sandi").fill("rahasia-lain");
  await page.getByLabel("Email (boleh dikosongkan)").fill("siti@contoh");
  const refused = page.waitForResponse((r) => r.url().includes("/daftar/desa/") && r.request().method() === "GET");
  await page.getByRole("button", { name: "Daftar" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByText("Nomor ini bukan nomor Indonesia yang benar")).toBeVisible();
  await expect(page.getByText("Alamat email ini tidak benar")).toBeVisible();
  await expect(page.getByText("Kedua kata sandi tidak sama.")).toBeVisible();
  await expect(page.getByLabel("Nama BUMDes")).toHaveValue("BUMDes Tuah Sepakat");
  await expect(page.getByLabel("Nomor WhatsApp")).toHaveValue("12ab");
  await expect(page.getByLabel("Kata sandi", { exact: true })).toHaveValue("");

  await fillRegistration(page, "0812-7000-0001", "rahasia-desa");
  await page.getByLabel("Email (boleh dikosongkan)").fill("");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);
  await expect(page.getByTestId("verification")).toHaveText("Menunggu verifikasi");
  const code = (await page.getByTestId("bumdes-code").textContent())!;
  expect(code).toBe("bumdes-tuah-sepakat-1101012001");

  // The session cookie is out of scripts' reach and not sent by other sites' forms.
  const cookie = (await context.cookies()).find((c) => c.name === "lumbung_sesi")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");

  verify(code);
  await page.reload();
  await expect(page.getByTestId("verification")).toHaveText("Terverifikasi");

  await page.getByTestId("log-out").click();
  await expect(page).toHaveURL(/\/$/);
  expect((await page.goto("/dasbor"))?.url()).toMatch(/\/masuk$/);

  await logIn(page, "0812 7000 0001", "salah-sandi");
  await expect(page.getByText("Nomor/email atau kata sandi salah.")).toBeVisible();
  await expect(page.getByLabel("Nomor WhatsApp atau email")).toHaveValue("0812 7000 0001");
  await logIn(page, "+62 812 7000 0001", "rahasia-desa");
  await expect(page).toHaveURL(/\/dasbor$/);
  await expect(page.getByTestId("dashboard")).toContainText("Siti Rahmah");
  await context.close();
});

test("with JavaScript: pick the village province by province, register, change the password", async ({ page }) => {
  await page.goto("/daftar");
  await page.getByTestId("region-picker").getByRole("link", { name: "Aceh", exact: true }).click();
  await page.getByTestId("region-picker").getByRole("link", { name: "Kabupaten Aceh Selatan" }).click();
  await page.getByTestId("region-picker").getByRole("link", { name: "Bakongan", exact: true }).click();
  await page.getByTestId("region-picker").getByRole("link", { name: "Ujong Mangki" }).click();
  await expect(page).toHaveURL(/\/daftar\/desa\/11\.01\.01\.\d{4}$/);
  await expect(page.getByTestId("register-form")).toContainText("Ujong Mangki, Bakongan");

  await fillRegistration(page, "081270000002", "sandi-pertama");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByTestId("verification")).toHaveText("Menunggu verifikasi");

  // The same number cannot register twice.
  await page.goto("/daftar/desa/11.01.01.2001");
  await fillRegistration(page, "+6281270000002", "sandi-kedua");
  await page.getByLabel("Nama BUMDes").fill("BUMDes Lain");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByText("Nomor ini sudah terdaftar. Silakan masuk.")).toBeVisible();

  await page.goto("/dasbor/sandi");
  await page.getByLabel("Kata sandi sekarang").fill("bukan-ini");
  await page.getByLabel("Kata sandi baru").fill("sandi-kedua");
  await page.getByLabel("Ulangi kata sandi").fill("sandi-kedua");
  await page.getByRole("button", { name: "Simpan kata sandi baru" }).click();
  await expect(page.getByText("Kata sandi sekarang salah.")).toBeVisible();
  await page.getByLabel("Kata sandi sekarang").fill("sandi-pertama");
  await page.getByLabel("Kata sandi baru").fill("sandi-kedua");
  await page.getByLabel("Ulangi kata sandi").fill("sandi-kedua");
  await page.getByRole("button", { name: "Simpan kata sandi baru" }).click();
  await expect(page.getByRole("status")).toContainText("Kata sandi sudah diganti");

  await page.getByTestId("log-out").click();
  await logIn(page, "081270000002", "sandi-pertama");
  await expect(page.getByText("Nomor/email atau kata sandi salah.")).toBeVisible();
  await logIn(page, "081270000002", "sandi-kedua");
  await expect(page).toHaveURL(/\/dasbor$/);
});

// Logins throttled: limits.spec.ts, against a server with the real limits.
test("guests get 401 from seller endpoints", async ({ page, request }) => {
  await page.goto("/masuk");
  const base = new URL(page.url()).origin;
  for (const endpoint of ["dashboard_home", "change_password"]) {
    const response = await request.post(`/api/${endpoint}`, {
      headers: { Origin: base },
      form: { current: "x", password: "yyyyyyyy", password_again: "yyyyyyyy" },
    });
    expect(response.status(), endpoint).toBe(401);
  }
});

test("a listing: refused then saved, published, found once the BUMDes is verified, and closed to other sellers", async ({ browser }) => {
  // Two registrations (argon2id on purpose slow), the command line and a dozen requests: on a busy
  // machine this takes more than the default 30 s.
  test.setTimeout(90_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/daftar/desa/11.01.01.2004");
  await fillRegistration(page, "081270000004", "rahasia-desa");
  await page.getByLabel("Nama BUMDes").fill("BUMDes Drien Makmur");
  await page.getByRole("button", { name: "Daftar" }).click();
  const code = (await page.getByTestId("bumdes-code").textContent())!;

  await page.getByRole("link", { name: "Produk BUMDes" }).click();
  await expect(page.getByTestId("listings")).toContainText("Belum ada produk");
  await page.getByRole("link", { name: "Tambah produk" }).click();
  await page.getByLabel("Nama produk").fill("Dodol Durian Drien");
  await page.getByLabel("Deskripsi").fill("Dodol durian buatan ibu-ibu PKK, tanpa pengawet.");
  await page.getByLabel("Kategori").selectOption({ label: "Makanan Ringan" });
  await page.getByLabel("Harga (Rp)").fill("murah");
  await page.getByLabel("Stok").fill("20");
  await page.getByLabel("Satuan").fill("kotak 500 g");
  await page.getByLabel("Berat kirim (gram)").fill("550");
  await page.getByRole("button", { name: "Simpan produk" }).click();
  await expect(page.getByText("Tulis harga dalam Rupiah tanpa huruf")).toBeVisible();
  await expect(page.getByLabel("Nama produk")).toHaveValue("Dodol Durian Drien");
  await expect(page.getByLabel("Harga (Rp)")).toHaveValue("murah");
  await expect(page.getByLabel("Kategori")).toHaveValue("makanan-ringan");
  await page.getByLabel("Harga (Rp)").fill("35.000");
  await page.getByRole("button", { name: "Simpan produk" }).click();
  await expect(page.getByRole("status")).toHaveText("Produk disimpan. Sekarang tambahkan fotonya di bawah.");
  await page.getByRole("link", { name: "Produk BUMDes" }).click();
  const row = page.getByTestId("listing").filter({ hasText: "Dodol Durian Drien" });
  await expect(row).toContainText("Rp 35.000");
  await expect(row).toContainText("Draf (belum tampil)");
  await row.getByRole("button", { name: "Tampilkan" }).click();
  await expect(row).toContainText("Tampil");
  const edit = await row.getByRole("link").getAttribute("href");

  // Published, but hidden from buyers until the BUMDes is verified.
  await page.goto("/cari?q=dodol+durian+drien");
  await expect(page.getByTestId("results")).toHaveCount(0);
  verify(code);
  await page.goto("/cari?q=dodol+durian+drien");
  await expect(page.getByTestId("results").locator("li").first()).toContainText("Dodol Durian Drien");

  // Another seller gets 403 for this listing, a guest 401.
  const other = await browser.newContext({ javaScriptEnabled: false });
  const otherPage = await other.newPage();
  await otherPage.goto("/daftar/desa/11.01.01.2015");
  await fillRegistration(otherPage, "081270000005", "rahasia-desa");
  await otherPage.getByRole("button", { name: "Daftar" }).click();
  await expect(otherPage.getByTestId("verification")).toBeVisible();
  expect((await otherPage.goto(edit!))?.status()).toBe(403);
  const id = edit!.split("/").pop();
  const base = new URL(page.url()).origin;
  const guest = await browser.newContext();
  for (const [endpoint, form] of [
    ["publish_listing", { id, publish: "false" }],
    ["delete_listing", { id }],
    ["save_listing", { id, name: "x", description: "x", category: "kopi-teh", price: "1", stock: "1", unit: "x", weight: "1" }],
    ["listing_form", { id }],
  ] as const) {
    const asOther = await other.request.post(`/api/${endpoint}`, { headers: { Origin: base }, form });
    expect(asOther.status(), `${endpoint} as another seller`).toBe(403);
    const asGuest = await guest.request.post(`/api/${endpoint}`, { headers: { Origin: base }, form });
    expect(asGuest.status(), `${endpoint} as a guest`).toBe(401);
  }
  await page.goto("/dasbor/produk");
  await expect(row).toContainText("Tampil");
  await page.goto("/cari?q=dodol+durian+drien");
  await expect(page.getByTestId("results").locator("li").first()).toContainText("Dodol Durian Drien");
  await guest.close();
  await other.close();
  await context.close();
});

test("a demo BUMDes's owner logs in and sees its verified BUMDes and its listings", async ({ page }) => {
  await logIn(page, "0812 3450 0100", "lumbung-demo");
  await expect(page.getByTestId("verification")).toHaveText("Terverifikasi");
  await page.getByRole("link", { name: "Produk BUMDes" }).click();
  await expect(page.getByTestId("listing").first()).toContainText("Tampil");
});
