import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { fillListing, fillRegistration, verify } from "./seller";

// Each test registers sellers (argon2id) and uploads photos to a debug build.
test.describe.configure({ timeout: 90_000 });

const PHONE_PHOTO = "fixtures/photos/kopi-gps.jpg";
const BOMB = "fixtures/photos/bomb.png";

/** Registers a BUMDes in `village` and creates a draft listing; returns the page on its edit form. */
async function sellerWithListing(browser: Browser, javaScriptEnabled: boolean, village: string, phone: string, name: string) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`/daftar/desa/${village}`);
  await fillRegistration(page, phone, "rahasia-desa", `BUMDes ${name}`);
  await page.getByRole("button", { name: "Daftar" }).click();
  const code = (await page.getByTestId("bumdes-code").textContent())!;
  await page.goto("/dasbor/produk/baru");
  await fillListing(page, name);
  await page.getByRole("button", { name: "Simpan produk" }).click();
  // A new listing opens again, for its photos.
  await expect(page.getByRole("status")).toHaveText("Produk disimpan. Sekarang tambahkan fotonya di bawah.");
  await expect(page).toHaveURL(/\/dasbor\/produk\/\d+\?disimpan=1#foto$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  return { context, page, code, id };
}

/** Sends files through the upload form; returns the status of the page it comes back to. */
async function upload(page: Page, files: Parameters<Page["setInputFiles"]>[1]) {
  await page.getByLabel("Pilih foto (boleh beberapa sekaligus)").setInputFiles(files);
  const back = page.waitForResponse((r) => r.url().includes("/dasbor/produk/") && r.request().method() === "GET");
  await page.getByRole("button", { name: "Unggah foto" }).click();
  return (await back).status();
}

for (const javaScriptEnabled of [false, true]) {
  const mode = javaScriptEnabled ? "with JavaScript" : "without JavaScript";
  test(`${mode}: a listing with a photo is found in the catalogue, upright and without its GPS`, async ({ browser }) => {
    const village = javaScriptEnabled ? "11.01.02.2001" : "11.01.02.2002";
    const phone = javaScriptEnabled ? "081270000016" : "081270000017";
    const name = javaScriptEnabled ? "Kopi Robusta Ujong" : "Kopi Robusta Padang";
    const { context, page, code, id } = await sellerWithListing(browser, javaScriptEnabled, village, phone, name);
    const photos = page.getByTestId("photos");
    await expect(photos.getByRole("heading")).toHaveText("Foto produk (0/8)");

    expect(await upload(page, PHONE_PHOTO)).toBe(200);
    await expect(page.getByRole("status")).toHaveText("1 foto ditambahkan.");
    await expect(photos.getByRole("heading")).toHaveText("Foto produk (1/8)");
    await expect(photos.getByText("Sampul", { exact: true })).toBeVisible();

    await page.goto("/dasbor/produk");
    await page.getByTestId("listing").filter({ hasText: name }).getByRole("button", { name: "Tampilkan" }).click();
    verify(code);

    await page.goto(`/cari?q=${encodeURIComponent(name)}`);
    const card = page.getByTestId("results").locator("li").first();
    await expect(card).toContainText(name);
    const cardPhoto = card.locator("img");
    await expect(cardPhoto).toHaveAttribute("srcset", /-160\.webp 160w, .*-1280\.webp 1280w$/);
    await card.getByRole("link").click();
    const main = page.getByTestId("gallery").locator("img").first();
    await expect(main).toHaveAttribute("src", /^\/media\/products\/\d+\/[0-9a-f]{24}-640\.webp$/);
    await expect(main).toHaveJSProperty("complete", true);
    // Turned upright by its EXIF orientation: landscape 3:2 (600 × 400), not the 400 × 600 it was stored as.
    // (Natural sizes are scaled by the srcset candidate's density, so only the shape is compared.)
    const [w, h] = await main.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(w / h).toBeCloseTo(1.5, 1);

    const served = await page.request.get((await main.getAttribute("src"))!);
    expect(served.headers()["content-type"]).toBe("image/webp");
    expect(served.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    const bytes = (await served.body()).toString("latin1");
    expect(readFileSync(PHONE_PHOTO).toString("latin1")).toContain("Exif");
    expect(bytes).not.toContain("Exif");
    expect(bytes).not.toContain("Lumbung Test Phone");
    await context.close();
    expect(id).toMatch(/^\d+$/);
  });
}

test("refused photos say why, with a 4xx, and keep the photos already there; reorder and delete", async ({ browser }) => {
  const { context, page, id } = await sellerWithListing(browser, false, "11.01.02.2003", "081270000018", "Kopi Luwak Keude");
  const photos = page.getByTestId("photos");
  const problem = page.getByTestId("photo-error");

  expect(await upload(page, [PHONE_PHOTO, PHONE_PHOTO])).toBe(200);
  await expect(page.getByRole("status")).toHaveText("2 foto ditambahkan.");

  expect(await upload(page, BOMB)).toBe(400);
  await expect(problem).toHaveText(/^bomb\.png: Ukuran foto terlalu besar/);

  const notAPhoto = { name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.from("bukan foto, hanya teks") };
  expect(await upload(page, notAPhoto)).toBe(415);
  await expect(problem).toHaveText("foto.jpg: Berkas ini bukan foto. Kirim foto JPEG, PNG atau WebP.");

  const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic\0\0\0\0mif1heic"), Buffer.alloc(64)]);
  expect(await upload(page, { name: "IMG_0001.HEIC", mimeType: "image/heic", buffer: heic })).toBe(415);
  await expect(problem).toContainText("IMG_0001.HEIC: Foto HEIC (iPhone) belum bisa dibaca");

  const huge = Buffer.concat([readFileSync(PHONE_PHOTO), Buffer.alloc(11 * 1024 * 1024)]);
  expect(await upload(page, { name: "besar.jpg", mimeType: "image/jpeg", buffer: huge })).toBe(413);
  await expect(problem).toHaveText("besar.jpg: Foto lebih dari 10 MB. Kirim foto yang lebih kecil.");

  // Nothing chosen.
  await page.getByRole("button", { name: "Unggah foto" }).click();
  await expect(problem).toHaveText("Pilih dulu foto yang akan diunggah.");
  await expect(photos.getByRole("heading")).toHaveText("Foto produk (2/8)");

  // The second photo moves first and becomes the cover; then the first one is deleted.
  const sources = () => photos.locator("li img").evaluateAll((imgs) => imgs.map((i) => i.getAttribute("src")));
  const [first, second] = await sources();
  await photos.locator("li").nth(1).getByRole("button", { name: "← Maju" }).click();
  expect(await sources()).toEqual([second, first]);
  await photos.locator("li").nth(0).getByRole("button", { name: "Hapus foto" }).click();
  expect(await sources()).toEqual([first]);
  await expect(photos.getByRole("heading")).toHaveText("Foto produk (1/8)");
  // The deleted photo's files are gone.
  expect((await page.request.get(second!)).status()).toBe(404);
  await context.close();
  expect(id).toMatch(/^\d+$/);
});

test("photo endpoints answer 403 to another seller and 401 to a guest", async ({ browser }) => {
  const { context, page, id } = await sellerWithListing(browser, false, "11.01.02.2004", "081270000019", "Kopi Gayo Bakongan");
  expect(await upload(page, PHONE_PHOTO)).toBe(200);
  const photo = await page.getByTestId("photos").locator("li form input[name=photo]").first().getAttribute("value");
  const base = new URL(page.url()).origin;
  const other = (await sellerWithListing(browser, false, "11.01.02.2005", "081270000020", "Kopi Lain")).context;
  const guest = await browser.newContext();
  const file = { name: "kopi.jpg", mimeType: "image/jpeg", buffer: readFileSync(PHONE_PHOTO) };
  for (const [who, ctx, status] of [["another seller", other, 403], ["a guest", guest, 401]] as const) {
    const headers = { Origin: base, Accept: "application/json" };
    const uploaded = await ctx.request.post("/api/upload_photos", { headers, multipart: { id: id, photos: file } });
    expect(uploaded.status(), `upload_photos as ${who}`).toBe(status);
    const moved = await ctx.request.post("/api/move_photo", { headers, form: { id, photo: photo!, by: "1" } });
    expect(moved.status(), `move_photo as ${who}`).toBe(status);
    const deleted = await ctx.request.post("/api/delete_photo", { headers, form: { id, photo: photo! } });
    expect(deleted.status(), `delete_photo as ${who}`).toBe(status);
  }
  await page.reload();
  await expect(page.getByTestId("photos").getByRole("heading")).toHaveText("Foto produk (1/8)");
  await Promise.all([context.close(), other.close(), guest.close()]);
});
