// Text typed to break out of the elements whose content the renderers do not escape (the title and
// textareas) stays text: in links anyone can send, and stored by a seller or their staff.
import { expect, test } from "@playwright/test";
import { TEXTAREA_BREAK, TITLE_BREAK, expectInert, formEcho } from "./hostile";
import { fillListing, fillRegistration, verify } from "./seller";

// Registers sellers (argon2id in a debug build).
test.describe.configure({ timeout: 120_000 });

test("a search link that closes the title runs nothing and shows what was searched", async ({ page }) => {
  const typed = `kopi${TITLE_BREAK}`;
  await page.goto(`/cari?q=${encodeURIComponent(typed)}`);
  await expectInert(page);
  expect(await page.title()).toContain(typed);
  await expect(page.getByRole("searchbox").first()).toHaveValue(typed);
});

test("a refused form's echo cannot close the note's textarea at checkout, and a forged echo is not shown", async ({ page }) => {
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.getByRole("link", { name: /Keranjang/ }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);

  const note = page.getByLabel("Catatan untuk penjual (boleh kosong)");
  // An echo anyone can write in a link is not signed by the server: the page does not show it.
  await page.goto(formEcho("/pesan", "/api/place_order", [["note", TEXTAREA_BREAK]]));
  await expectInert(page);
  await expect(note).toHaveValue("");
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  // The region button carries what was typed in the address: the text shows as typed.
  const typed = new URLSearchParams({
    name: "Ani Lestari", phone: "0813 1111 2222", province: "11", regency: "11.01", district: "11.01.02",
    village: "11.01.02.2001", street: "Jl. Merdeka 1", note: TEXTAREA_BREAK,
  });
  await page.goto(`/pesan?${typed}`);
  await expectInert(page);
  await expect(note).toHaveValue(TEXTAREA_BREAK);
  // A real refusal (a postal code the browser lets through, the server does not) comes back with the
  // note, still text.
  await page.getByLabel("Kode pos").fill("123");
  await page.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(page).toHaveURL(/__sig=/);
  await expectInert(page);
  await expect(note).toHaveValue(TEXTAREA_BREAK);
});

test("a product named to close the title, and staff's description closing the textarea, stay text for buyers and the owner", async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await owner.goto("/daftar/desa/11.01.03.2001");
  await fillRegistration(owner, "081270000031", "rahasia-desa", "BUMDes Uji Aman");
  await owner.getByRole("button", { name: "Daftar" }).click();
  verify((await owner.getByTestId("bumdes-code").textContent())!);

  // A link with a made-up refused listing form in it, sent to the logged-in owner, shows nothing of it.
  await owner.goto(formEcho("/dasbor/produk/baru", "/api/save_listing", [["description", TEXTAREA_BREAK], ["name", "Kopi Palsu"]]));
  await expectInert(owner);
  await expect(owner.getByLabel("Deskripsi")).toHaveValue("");
  await expect(owner.getByLabel("Nama produk")).toHaveValue("");
  // The owner's own refused form (a price in words) comes back with the description as text.
  await fillListing(owner, "Kopi Ditolak");
  await owner.getByLabel("Deskripsi").fill(TEXTAREA_BREAK);
  await owner.getByLabel("Harga (Rp)").fill("murah");
  await owner.getByRole("button", { name: "Simpan produk" }).click();
  await expect(owner.getByText("Tulis harga dalam Rupiah tanpa huruf")).toBeVisible();
  await expectInert(owner);
  await expect(owner.getByLabel("Deskripsi")).toHaveValue(TEXTAREA_BREAK);
  // That signed echo with a made-up one added, or a forged one led through a redirect of the server's
  // own, shows nothing: only the server's signature on the whole echo, for this browser, counts.
  const forged = new URL(formEcho("/x", "/api/save_listing", [["name", "Kopi Palsu"]]), "http://x").searchParams.get("__err")!;
  await owner.goto(`${owner.url()}&__err=${encodeURIComponent(forged)}`);
  await expect(owner.getByLabel("Nama produk")).toHaveValue("");
  await owner.goto(`/bahasa/id?kembali=${encodeURIComponent(formEcho("/dasbor/produk/baru", "/api/save_listing", [["name", "Kopi Palsu"]]))}`);
  await expect(owner).toHaveURL(/\/dasbor\/produk\/baru/);
  await expect(owner.getByLabel("Nama produk")).toHaveValue("");

  // Stored: the owner names a product to close the title.
  const name = `Kopi Zaitunaman${TITLE_BREAK}`;
  await owner.goto("/dasbor/produk/baru");
  await fillListing(owner, name);
  await owner.getByRole("button", { name: "Simpan produk" }).click();
  await expect(owner.getByRole("status")).toHaveText("Produk disimpan. Sekarang tambahkan fotonya di bawah.");
  await expectInert(owner);
  await expect(owner.getByLabel("Nama produk")).toHaveValue(name);
  await owner.goto("/dasbor/produk");
  await owner.getByTestId("listing").filter({ hasText: "Zaitunaman" }).getByRole("button", { name: "Tampilkan" }).click();
  await expect(owner.getByTestId("listing").filter({ hasText: "Zaitunaman" })).toContainText("Tampil");
  await expectInert(owner);

  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto("/cari?q=zaitunaman");
  await expectInert(buyer);
  await buyer.getByTestId("results").locator("li").first().getByRole("link").first().click();
  await expect(buyer.getByRole("heading", { level: 1 })).toHaveText(name);
  await expectInert(buyer);
  expect(await buyer.title()).toBe(`${name} · Lumbung`);
  const jsonLd = JSON.parse((await buyer.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd.name).toBe(name);

  // Stored by staff, opened by the owner: the description closes the textarea.
  await owner.goto("/dasbor/staf");
  await owner.getByRole("button", { name: "Buat tautan undangan" }).click();
  const link = await owner.getByLabel("Salin tautan ini dan kirim kepada staf Anda").inputValue();
  const staff = await (await browser.newContext()).newPage();
  await staff.goto(link);
  await staff.getByLabel("Nama Anda").fill("Budi Staf");
  await staff.getByLabel("Nomor WhatsApp").fill("081270000032");
  await staff.getByLabel("Kata sandi", { exact: true }).fill("sandi-staf-1");
  await staff.getByLabel("Ulangi kata sandi").fill("sandi-staf-1");
  await staff.getByRole("button", { name: "Buat akun dan bergabung" }).click();
  await expect(staff).toHaveURL(/\/dasbor$/);
  await staff.goto("/dasbor/produk/baru");
  await fillListing(staff, "Kopi Staf Aman");
  await staff.getByLabel("Deskripsi").fill(TEXTAREA_BREAK);
  await staff.getByRole("button", { name: "Simpan produk" }).click();
  await expect(staff).toHaveURL(/\/dasbor\/produk\/\d+/);
  await expectInert(staff);
  const listing = new URL(staff.url()).pathname;

  await owner.goto(listing);
  await expectInert(owner);
  await expect(owner.getByLabel("Deskripsi")).toHaveValue(TEXTAREA_BREAK);
});
