// Every field a person controls, stored with text made to break out of each place it is shown, then
// every page that shows it opened in Chromium: nothing runs, nothing is injected, the text reads as typed.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { chooseVillage } from "./buyer";
import { origin } from "./endpoints";
import { RUN, expectInert } from "./hostile";
import { verify } from "./seller";

test.describe.configure({ mode: "serial", timeout: 180_000 });

/** Sets `window.pw`: short enough for the shortest fields. */
const SHORT = "pw=1";
/** Each field's payload, within its length: quotes for attributes, closing tags for raw text elements,
 * a handler for HTML, `</script>` for JSON-LD, `javascript:` for links, `;=` and `+` for spreadsheets. */
const TEXT = {
  bumdes: `BUMDes "Aman'<\/title></script><svg onload=${SHORT}>`,
  manager: `Siti"><img src=x onerror=${SHORT}>`,
  product: `Kopi</title></textarea></script><img src=x onerror=${SHORT}>"'`,
  description: `Kopi enak.</textarea></script></style></noscript><img src=x onerror=${RUN}><!-- javascript:${RUN}`,
  unit: `</title><svg onload=${SHORT}>`,
  holder: `Bu "Sri"</td><img src=x onerror=${SHORT}>`,
  bankName: `BRI<svg onload=${SHORT}>`,
  staff: `Budi<script>${SHORT}</script>`,
  buyer: `Ani;=HYPERLINK("x")<img src=x onerror=${SHORT}>`,
  street: `Jl. "Merdeka"</textarea><img src=x onerror=${SHORT}>; +cmd|' /C calc'!A0`,
  note: `Tolong</textarea><script>${RUN}</script>\n=1+1;@SUM(A1)`,
  courier: `JNE<img src=x onerror=${SHORT}>`,
  tracking: `=cmd|'/C calc'!A0;<b>x`,
  reason: `Habis</textarea><svg onload=${SHORT}>; -2+3`,
  certificate: `AHU-1"></title><svg onload=${SHORT}>`,
};

/** Nothing ran or was injected, and no link runs script. */
async function inert(page: Page, path: string) {
  await expectInert(page);
  expect(await page.evaluate(() => (window as unknown as { pw?: number }).pw), path).toBeUndefined();
  await expect(page.locator("svg[onload], script:not([src]):not([nonce]):not(:empty):not([type='application/ld+json'])"), path).toHaveCount(0);
  await expect(page.locator('[href^="javascript:" i], [src^="javascript:" i]'), path).toHaveCount(0);
}

async function open(page: Page, path: string) {
  const answer = await page.goto(path);
  expect(answer!.status(), path).toBeLessThan(400);
  await inert(page, path);
}

async function seller(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/daftar/desa/11.01.06.2001");
  await page.getByLabel("Nama BUMDes").fill(TEXT.bumdes);
  await page.getByLabel("Nama Anda (pengelola)").fill(TEXT.manager);
  await page.getByLabel("Nomor WhatsApp").fill("081270000061");
  await page.getByLabel("Nomor sertifikat badan hukum BUMDes (boleh dikosongkan)").fill(TEXT.certificate);
  await page.getByLabel("Kata sandi", { exact: true }).fill("rahasia-desa");
  await page.getByLabel("Ulangi kata sandi").fill("rahasia-desa");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);
  await inert(page, "/dasbor");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT.bumdes);
  verify((await page.getByTestId("bumdes-code").textContent())!);
  return page;
}

let owner: Page;
let buyer: Page;
let slug = "";
let orderPath = "";
let number = "";

test("a seller's fields stay text on the dashboard, the product page, search, the village and JSON-LD", async ({ browser }) => {
  owner = await seller(browser);
  await open(owner, "/dasbor/toko");
  // The certificate number typed at registration is on the shop page, as typed.
  const certificate = owner.getByLabel("Nomor sertifikat badan hukum BUMDes (boleh dikosongkan)");
  await expect(certificate).toHaveValue(TEXT.certificate);
  await certificate.fill(`  ${TEXT.certificate} 2  `);
  await owner.getByLabel("Nama bank").fill(TEXT.bankName);
  await owner.getByLabel("Nomor rekening").fill("0123456789");
  await owner.getByLabel("Atas nama").fill(TEXT.holder);
  await owner.getByRole("button", { name: "Simpan" }).click();
  await expect(owner.getByRole("status")).toHaveText("Tersimpan.");
  await inert(owner, "/dasbor/toko");
  await expect(owner.getByLabel("Atas nama")).toHaveValue(TEXT.holder);
  await expect(certificate).toHaveValue(`${TEXT.certificate} 2`);

  await owner.goto("/dasbor/produk/baru");
  await owner.getByLabel("Nama produk").fill(TEXT.product);
  await owner.getByLabel("Deskripsi").fill(TEXT.description);
  await owner.getByLabel("Kategori").selectOption({ label: "Kopi & Teh" });
  await owner.getByLabel("Harga (Rp)").fill("45.000");
  await owner.getByLabel("Stok").fill("20");
  await owner.getByLabel("Satuan").fill(TEXT.unit);
  await owner.getByLabel("Berat kirim (gram)").fill("300");
  await owner.getByRole("button", { name: "Simpan produk" }).click();
  await expect(owner).toHaveURL(/\/dasbor\/produk\/\d+/);
  await inert(owner, "listing form");
  await expect(owner.getByLabel("Deskripsi")).toHaveValue(TEXT.description);
  await expect(owner.getByLabel("Satuan")).toHaveValue(TEXT.unit);
  // A file name made of markup, refused as not a photo, comes back as text.
  await owner.getByLabel("Pilih foto (boleh beberapa sekaligus)").setInputFiles({
    name: `<img src=x onerror=${SHORT}>.png`,
    mimeType: "image/png",
    buffer: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="${SHORT}"/>`),
  });
  await owner.getByRole("button", { name: "Unggah foto" }).click();
  await expect(owner.getByTestId("photo-error")).toContainText(`<img src=x onerror=${SHORT}>.png`);
  await inert(owner, "photo error");

  await owner.goto("/dasbor/produk");
  await owner.getByTestId("listing").first().getByRole("button", { name: "Tampilkan" }).click();
  await expect(owner.getByTestId("listing").first()).toContainText("Tampil");
  await inert(owner, "/dasbor/produk");
  const mine = await (await owner.request.post("/api/my_listings", { headers: { Origin: origin() } })).json();
  slug = mine[0].slug;

  const page = await (await browser.newContext()).newPage();
  await open(page, `/p/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TEXT.product);
  await expect(page.getByTestId("seller")).toHaveText(TEXT.bumdes);
  await expect(page.getByTestId("price")).toContainText(TEXT.unit);
  expect(await page.title()).toBe(`${TEXT.product} · Lumbung`);
  expect(await page.locator('meta[property="og:title"]').getAttribute("content")).toBe(TEXT.product);
  expect(await page.locator('meta[name="description"]').getAttribute("content")).toBe(TEXT.description.slice(0, 160));
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect([jsonLd.name, jsonLd.description, jsonLd.brand.name]).toEqual([TEXT.product, TEXT.description, TEXT.bumdes]);
  const share = new URL((await page.getByTestId("share-whatsapp").getAttribute("href"))!);
  expect(share.origin).toBe("https://wa.me");
  expect(share.searchParams.get("text")).toContain(TEXT.product);
  await expect(page.locator("img.product-photo").first()).toHaveAttribute("alt", `Foto ${TEXT.product}`);

  await open(page, "/cari?q=kopi+aman");
  await open(page, "/desa/11.01.06.2001");
  await expect(page.getByText(TEXT.bumdes).first()).toBeVisible();
  await open(page, "/");
  // In data-saver mode the pictures are boxes whose names travel in data attributes.
  await page.goto("/hemat-data/1?kembali=/");
  await open(page, `/p/${slug}`);
  await page.locator(".tap-image").first().click();
  await inert(page, "saver");
});

test("a buyer's fields stay text on the order pages, the inbox, WhatsApp and the CSV; staff's name too", async ({ browser }) => {
  buyer = await (await browser.newContext()).newPage();
  await buyer.goto(`/p/${slug}`);
  await expect(buyer.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  // The cart reaches the server before the cart page opens (else that page reloads when it does).
  const saved = buyer.waitForResponse((r) => r.url().includes("/api/cart_save") && r.ok());
  await buyer.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await saved;
  await open(buyer, "/keranjang");
  await expect(buyer.getByTestId("cart-line")).toContainText(TEXT.product);
  await open(buyer, "/pesan");
  await buyer.getByLabel("Nama Anda").fill(TEXT.buyer);
  await buyer.getByLabel("Nomor HP").fill("0813 6000 0001");
  await chooseVillage(buyer, ["11", "11.01", "11.01.02", "11.01.02.2001"], true);
  await buyer.getByLabel("Jalan, nomor rumah, RT/RW").fill(TEXT.street);
  await buyer.getByLabel("Kode pos").fill("23773");
  await buyer.getByLabel("Catatan untuk penjual (boleh kosong)").fill(TEXT.note);
  await buyer.getByLabel("Ambil sendiri di BUMDes").check();
  await buyer.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(buyer.getByTestId("order-placed")).toBeVisible();
  orderPath = new URL(buyer.url()).pathname;
  number = (await buyer.getByTestId("order").getAttribute("data-number"))!;
  await open(buyer, orderPath);
  await expect(buyer.getByTestId("payment")).toContainText(TEXT.holder);
  await expect(buyer.getByTestId("order-items")).toContainText(TEXT.product);
  const whatsapp = new URL((await buyer.locator("a.whatsapp").first().getAttribute("href"))!);
  expect(whatsapp.origin).toBe("https://wa.me");
  expect(whatsapp.searchParams.get("text")).toContain(TEXT.product);
  await open(buyer, "/pesanan");
  await expect(buyer.getByText(TEXT.bumdes).first()).toBeVisible();

  // The seller takes the order through its steps, with a courier and tracking number made to break out.
  const step = (form: Record<string, string>) =>
    owner.request.post("/api/order_step", { form: { number, ...form }, headers: { Origin: origin() }, maxRedirects: 0 });
  expect((await step({ step: "paid" })).status()).toBeLessThan(400);
  expect((await step({ step: "shipped", courier: TEXT.courier, tracking_number: TEXT.tracking })).status()).toBeLessThan(400);
  for (const path of ["/dasbor", "/dasbor/pesanan", `/dasbor/pesanan/${number}`]) {
    await open(owner, path);
  }
  await expect(owner.getByTestId("seller-order")).toContainText(TEXT.note.split("\n")[0]);
  await expect(owner.getByTestId("seller-order")).toContainText(TEXT.buyer);
  await open(buyer, orderPath);
  await expect(buyer.getByTestId("tracking")).toContainText(TEXT.courier);

  // A second order, cancelled with a reason made to break out.
  await buyer.goto(`/p/${slug}`);
  await expect(buyer.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  // As above: the cart reaches the server before the checkout opens.
  const savedAgain = buyer.waitForResponse((r) => r.url().includes("/api/cart_save") && r.ok());
  await buyer.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await savedAgain;
  await buyer.goto("/pesan");
  await buyer.getByLabel("Nama Anda").fill(TEXT.buyer);
  await buyer.getByLabel("Nomor HP").fill("0813 6000 0001");
  await buyer.getByLabel("Ambil sendiri di BUMDes").check();
  await chooseVillage(buyer, ["11", "11.01", "11.01.02", "11.01.02.2001"], true);
  await buyer.getByLabel("Jalan, nomor rumah, RT/RW").fill("Jl. Dua");
  await buyer.getByLabel("Kode pos").fill("23773");
  await buyer.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(buyer.getByTestId("order-placed")).toBeVisible();
  const second = (await buyer.getByTestId("order").getAttribute("data-number"))!;
  const cancelled = await owner.request.post("/api/order_step", {
    form: { number: second, step: "cancelled", reason: TEXT.reason },
    headers: { Origin: origin() },
    maxRedirects: 0,
  });
  expect(cancelled.status()).toBeLessThan(400);
  await open(buyer, new URL(buyer.url()).pathname);
  await expect(buyer.getByTestId("cancel-reason")).toContainText(TEXT.reason);
  await open(owner, `/dasbor/pesanan/${second}`);

  // The CSV: every cell a spreadsheet could make, split on commas or on semicolons, is plain text.
  const csv = await (await owner.request.get("/dasbor/pesanan.csv")).text();
  expect(csv).toContain("Ani;'=HYPERLINK");
  for (const line of csv.split("\r\n").slice(1)) {
    for (const cell of [...line.split(","), ...line.split(";")]) {
      expect(cell.trimStart().replace(/^"+/, ""), cell).not.toMatch(/^[=+\-@]/);
    }
  }

  // Staff join with a name made to break out; the owner's staff page shows it as text.
  await owner.goto("/dasbor/staf");
  await owner.getByRole("button", { name: "Buat tautan undangan" }).click();
  const link = await owner.getByLabel("Salin tautan ini dan kirim kepada staf Anda").inputValue();
  const staff = await (await browser.newContext()).newPage();
  await open(staff, new URL(link).pathname);
  await expect(staff.getByTestId("join")).toContainText(TEXT.bumdes);
  await staff.getByLabel("Nama Anda").fill(TEXT.staff);
  await staff.getByLabel("Nomor WhatsApp").fill("081270000062");
  await staff.getByLabel("Kata sandi", { exact: true }).fill("sandi-staf-1");
  await staff.getByLabel("Ulangi kata sandi").fill("sandi-staf-1");
  await staff.getByRole("button", { name: "Buat akun dan bergabung" }).click();
  await expect(staff).toHaveURL(/\/dasbor$/);
  await inert(staff, "staff dashboard");
  await open(owner, "/dasbor/staf");
  await expect(owner.getByTestId("member").filter({ hasText: TEXT.staff })).toHaveCount(1);
});

test("what visitors type in search, region search and suggestions stays text", async ({ page }) => {
  const typed = `kopi"><img src=x onerror=${SHORT}></title><svg onload=${SHORT}>`;
  for (const path of [`/cari?q=${encodeURIComponent(typed)}`, `/wilayah?cari=${encodeURIComponent(typed)}`, `/daftar?cari=${encodeURIComponent(typed)}`]) {
    await open(page, path);
  }
  await expect(page.getByLabel("Cari nama desa")).toHaveValue(typed);
  await page.goto("/");
  await expect(page.locator(".search-box")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("searchbox").pressSequentially(`kop ${typed}`);
  await page.waitForTimeout(800);
  await inert(page, "suggestions");
  const suggestions = await (await page.request.get(`/api/saran?q=${encodeURIComponent(`ko${typed}`)}`)).json();
  for (const s of suggestions) expect(s.href.startsWith("/"), s.href).toBe(true);
});
