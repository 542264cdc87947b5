import { expect, test, type Browser, type Page } from "@playwright/test";
import { fillBuyer } from "./buyer";
import { fillListing, fillRegistration, verify } from "./seller";

// Registers a seller (argon2id in a debug build), then buys as a guest and follows the order.
test.describe.configure({ timeout: 120_000 });

/** A verified seller with one published coffee, shipping and bank terms set; returns its page and product. */
async function sellerWithCoffee(browser: Browser, village: string, whatsapp: string, bumdes: string, product: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/daftar/desa/${village}`);
  await fillRegistration(page, whatsapp, "rahasia-desa", bumdes);
  await page.getByRole("button", { name: "Daftar" }).click();
  verify((await page.getByTestId("bumdes-code").textContent())!);
  await page.goto("/dasbor/produk/baru");
  await fillListing(page, product, "5");
  await page.getByRole("button", { name: "Simpan produk" }).click();
  await page.goto("/dasbor/produk");
  await page.getByTestId("listing").filter({ hasText: product }).getByRole("button", { name: "Tampilkan" }).click();
  await expect(page.getByTestId("listing").filter({ hasText: product })).toContainText("Tampil");

  await page.goto("/dasbor");
  await page.getByRole("link", { name: "Toko: pengiriman, pembayaran, badan hukum" }).click();
  await page.getByLabel("Ongkos kirim dalam kabupaten/kota sendiri").fill("10.000");
  await page.getByLabel("Ongkos kirim dalam provinsi").fill("20000");
  await page.getByLabel("Nomor rekening").fill("0123 4567 89");
  await page.getByRole("button", { name: "Simpan" }).click();
  // A bank account needs its bank and holder: the form comes back as typed.
  await expect(page.getByLabel("Nama bank")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nomor rekening")).toHaveValue("0123 4567 89");
  await expect(page.getByLabel("Ongkos kirim dalam provinsi")).toHaveValue("20000");
  await page.getByLabel("Nama bank").fill("BRI");
  await page.getByLabel("Atas nama").fill(bumdes);
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByRole("status")).toHaveText("Tersimpan.");
  await page.getByLabel("Gambar QRIS (JPEG, PNG atau WebP)").setInputFiles("fixtures/photos/kopi-gps.jpg");
  await page.getByRole("button", { name: "Unggah QRIS" }).click();
  await expect(page.getByTestId("qris-image")).toBeVisible();
  return page;
}

test("a guest buys with JavaScript; the seller confirms and ships; the buyer follows the status", async ({ browser }) => {
  const product = "Kopi Uji Beli";
  const seller = await sellerWithCoffee(browser, "11.01.02.2009", "081270000025", "BUMDes Uji Beli", product);

  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await buyer.goto(`/cari?q=${encodeURIComponent(product)}`);
  await buyer.getByTestId("results").locator("li").first().getByRole("link").click();
  await expect(buyer.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await buyer.getByRole("button", { name: "Tambah jumlah" }).click();
  await buyer.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(buyer.getByTestId("cart-count")).toHaveText("2");
  // The cart is kept in the browser and reaches the server: the cart page shows it.
  await buyer.getByRole("link", { name: /Keranjang/ }).click();
  await expect(buyer.getByTestId("cart-line")).toHaveCount(1);
  await expect(buyer.getByTestId("line-total")).toHaveText("Rp 90.000");
  await buyer.getByTestId("to-checkout").click();

  await fillBuyer(buyer, true);
  await buyer.getByLabel("Kode pos").fill("2377");
  await buyer.getByRole("button", { name: "Buat pesanan" }).click();
  // A bad postal code comes back with its message, the rest as typed.
  await expect(buyer.getByText("Kode pos terdiri dari 5 angka.")).toBeVisible();
  await expect(buyer.getByLabel("Jalan, nomor rumah, RT/RW")).toHaveValue("Jl. Merdeka 1");
  await expect(buyer.getByTestId("shipping-fee")).toHaveText("Ongkos kirim: Rp 10.000");
  await buyer.getByLabel("Kode pos").fill("23773");
  // A damaged hidden field is refused with a message, and what was typed stays.
  await buyer.locator("input[name=key]").evaluate((input: HTMLInputElement) => (input.value = "rusak"));
  await buyer.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(buyer.getByTestId("form-error")).toContainText("Formulir ini tidak lengkap.");
  await expect(buyer.getByLabel("Kode pos")).toHaveValue("23773");
  await buyer.getByRole("button", { name: "Buat pesanan" }).click();

  await expect(buyer.getByTestId("order-placed")).toBeVisible();
  const number = (await buyer.getByTestId("order").getAttribute("data-number"))!;
  expect(number).toMatch(/^LBG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
  await expect(buyer.getByTestId("order-status")).toHaveText("Menunggu pembayaran");
  await expect(buyer.getByTestId("order-shipping")).toHaveText("Rp 10.000");
  const amount = (await buyer.getByTestId("pay-amount").textContent())!;
  // Rp 100.000 plus a unique code of 1 to 999.
  expect(amount).toMatch(/^Rp 100\.(00[1-9]|0[1-9]\d|[1-9]\d\d)$/);
  await expect(buyer.getByTestId("bank-account")).toContainText("0123456789");
  const whatsapp = new URL((await buyer.getByTestId("order-whatsapp").getAttribute("href"))!);
  expect(whatsapp.origin + whatsapp.pathname).toBe("https://wa.me/6281270000025");
  const message = whatsapp.searchParams.get("text")!;
  expect(message).toContain(number);
  expect(message).toContain(`2 × ${product}`);
  expect(message).toContain(`Total: ${amount}`);
  expect(message).toContain(buyer.url().split("?")[0]);
  // The buyer sends a proof of transfer; something that is not an image is refused with a message.
  await buyer.getByLabel(/Foto atau tangkapan layar bukti transfer/).setInputFiles({
    name: "bukti.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 not an image"),
  });
  await buyer.getByRole("button", { name: "Kirim bukti transfer" }).click();
  await expect(buyer.getByTestId("proof-error")).toContainText("bukti.pdf");
  await buyer.getByLabel(/Foto atau tangkapan layar bukti transfer/).setInputFiles("fixtures/photos/kopi-gps.jpg");
  await buyer.getByRole("button", { name: "Kirim bukti transfer" }).click();
  await expect(buyer.getByTestId("proof-image")).toBeVisible();
  // The browser's cart is emptied with the server's.
  await expect(buyer.getByTestId("cart-count")).toBeHidden();
  await buyer.getByRole("link", { name: /Keranjang/ }).click();
  await expect(buyer.getByTestId("cart-empty")).toBeVisible();
  await buyer.getByTestId("my-orders-link").click();
  await expect(buyer.getByTestId("order-row")).toHaveCount(1);
  await expect(buyer.getByTestId("order-row")).toHaveAttribute("data-number", number);
  const orderUrl = await buyer.getByTestId("order-row").getByRole("link").getAttribute("href");

  // The seller finds it among the new orders, confirms the payment, then ships it.
  await seller.goto("/dasbor");
  await seller.getByRole("link", { name: "Pesanan masuk" }).click();
  await seller.getByRole("link", { name: "Dibayar" }).click();
  await expect(seller.getByTestId("orders-none")).toBeVisible();
  await seller.getByRole("link", { name: "Menunggu pembayaran" }).click();
  await seller.getByTestId("order-row").filter({ hasText: number }).getByRole("link").click();
  await expect(seller.getByTestId("address")).toContainText("Jl. Merdeka 1");
  await expect(seller.getByTestId("proof-link")).toBeVisible();
  const reply = new URL((await seller.getByTestId("buyer-whatsapp").getAttribute("href"))!);
  expect(reply.pathname).toBe("/6281311112222");
  // A second tab still offers to confirm the payment after the first did: refused, with a message.
  const staleTab = await seller.context().newPage();
  await staleTab.goto(seller.url());
  await seller.getByTestId("step-paid").click();
  await expect(seller.getByTestId("order-status")).toHaveText("Dibayar");
  await staleTab.getByTestId("step-paid").click();
  await expect(staleTab.getByTestId("form-error")).toContainText("Langkah itu tidak bisa untuk status pesanan ini.");
  await seller.goto("/dasbor");
  await expect(seller.getByTestId("todo-ship")).toContainText("1");
  await expect(seller.getByTestId("sales-summary")).toHaveText("Total 30 hari: Rp 90.000");
  await expect(seller.getByTestId("top-products")).toContainText(`${product}2 × · Rp 90.000`);
  await seller.getByTestId("todo-ship").getByRole("link").click();
  await seller.getByTestId("order-row").filter({ hasText: number }).getByRole("link").click();
  await seller.getByLabel("Kurir").fill("JNE");
  await seller.getByLabel("Nomor resi").fill("JNE0012345");
  await seller.getByTestId("step-shipped").click();
  await expect(seller.getByTestId("order-status")).toHaveText("Dikirim");
  const csv = await seller.request.get("/dasbor/pesanan.csv");
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const rows = (await csv.text()).trim().split("\r\n");
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain(`${number},`);
  expect(rows[1]).toContain(`,shipped,Ani Lestari,'+6281311112222,Jl. Merdeka 1,11.01.02.2001,23773,Tolong dibungkus rapi,2 x ${product},ship,transfer,90000,10000,`);
  expect(rows[1]).toContain(",JNE,JNE0012345,");

  await buyer.goto(orderUrl!);
  await expect(buyer.getByTestId("order-status")).toHaveText("Dikirim");
  await expect(buyer.getByTestId("tracking")).toContainText("JNE0012345");
  await expect(buyer.getByTestId("timeline").locator("li")).toHaveCount(4);
  await expect(buyer.getByTestId("timeline").locator("li[data-reached=true]")).toHaveCount(3);
  await expect(buyer.getByTestId("payment")).toHaveCount(0);

  // Someone else with the link needs the buyer's phone number.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(orderUrl!);
  await expect(stranger.getByTestId("order-locked")).toBeVisible();
  await stranger.getByLabel("Nomor HP").fill("081399998888");
  await stranger.getByRole("button", { name: "Buka pesanan" }).click();
  await expect(stranger.getByText("Nomor HP ini bukan nomor pemesan.")).toBeVisible();
  await stranger.getByLabel("Nomor HP").fill("+62 813-1111-2222");
  await stranger.getByRole("button", { name: "Buka pesanan" }).click();
  await expect(stranger.getByTestId("order-status")).toHaveText("Dikirim");
});

test("a guest buys with JavaScript off, and a changed price is shown before anything is ordered", async ({ browser }) => {
  const product = "Kopi Uji Tanpa JS";
  const seller = await sellerWithCoffee(browser, "11.01.02.2010", "081270000026", "BUMDes Tanpa Skrip", product);
  const buyer = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await buyer.goto(`/cari?q=${encodeURIComponent(product)}`);
  await buyer.getByTestId("results").locator("li").first().getByRole("link").click();
  await buyer.getByTestId("quantity").fill("3");
  await buyer.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(buyer).toHaveURL(/\/keranjang$/);
  await expect(buyer.getByTestId("cart-count")).toHaveText("3");
  await buyer.getByTestId("line-quantity").fill("2");
  await buyer.getByRole("button", { name: "Ubah" }).click();
  await expect(buyer.getByTestId("line-total")).toHaveText("Rp 90.000");
  await buyer.getByTestId("to-checkout").click();
  await fillBuyer(buyer, false);
  await buyer.getByLabel("Kode pos").fill("23773");
  await buyer.getByLabel("Ambil sendiri di BUMDes").check();

  // Meanwhile the seller raises the price.
  await seller.goto("/dasbor/produk");
  await seller.getByTestId("listing").filter({ hasText: product }).getByRole("link").first().click();
  await seller.getByLabel("Harga (Rp)").fill("50.000");
  await seller.getByRole("button", { name: "Simpan produk" }).click();

  await buyer.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(buyer.getByTestId("place-problem")).toContainText("Rp 45.000 → Rp 50.000");
  await expect(buyer.getByLabel("Nama Anda")).toHaveValue("Ani Lestari");
  await buyer.getByRole("button", { name: "Buat pesanan" }).click();
  await expect(buyer.getByTestId("order-placed")).toBeVisible();
  await expect(buyer.getByTestId("order-total")).toHaveText(/^Rp 100\.\d{3}$/);
  await expect(buyer.getByTestId("order-shipping")).toHaveText("Rp 0");
  await expect(buyer.getByTestId("cart-count")).toBeHidden();
  const number = (await buyer.getByTestId("order").getAttribute("data-number"))!;

  // Cancelling asks for a reason and puts the stock back.
  await seller.goto(`/dasbor/pesanan/${number}`);
  await seller.getByText("Batalkan pesanan").first().click();
  await seller.getByLabel("Alasan pembatalan").fill("Stok rusak");
  await seller.getByTestId("step-cancelled").click();
  await expect(seller.getByTestId("order-status")).toHaveText("Dibatalkan");
  await buyer.reload();
  await expect(buyer.getByTestId("cancel-reason")).toContainText("Stok rusak");
  await seller.goto("/dasbor/produk");
  await seller.getByTestId("listing").filter({ hasText: product }).getByRole("link").first().click();
  await expect(seller.getByLabel("Stok")).toHaveValue("5");
});
