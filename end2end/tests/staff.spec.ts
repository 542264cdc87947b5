import { expect, test } from "@playwright/test";
import { fillListing, fillRegistration } from "./seller";

// Registers two sellers (argon2id in a debug build).
test.describe.configure({ timeout: 90_000 });

test("the owner invites staff by a one-time link; staff sell but cannot manage staff; removed staff are logged out", async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await owner.goto("/daftar/desa/11.01.02.2007");
  await fillRegistration(owner, "081270000022", "rahasia-desa", "BUMDes Simpang Empat");
  await owner.getByRole("button", { name: "Daftar" }).click();
  await owner.getByRole("link", { name: "Staf BUMDes" }).click();
  await expect(owner.getByTestId("member")).toHaveCount(1);
  await expect(owner.getByTestId("member")).toContainText("Siti Rahmah · Pengelola");
  await expect(owner.getByRole("button", { name: "Keluarkan" })).toHaveCount(0);

  await owner.getByRole("button", { name: "Buat tautan undangan" }).click();
  const link = await owner.getByLabel("Salin tautan ini dan kirim kepada staf Anda").inputValue();
  expect(link).toMatch(/^http:\/\/[^/]+\/undangan\/[0-9a-f]{64}$/);
  const whatsapp = await owner.getByRole("link", { name: "Kirim lewat WhatsApp" }).getAttribute("href");
  expect(decodeURIComponent(whatsapp!.replaceAll("+", " "))).toContain(link);
  await expect(owner.getByTestId("open-invites").locator("li")).toHaveCount(1);
  await expect(owner.getByTestId("open-invites")).toContainText("Berlaku sampai");
  // Shown once: the link is not on the page any more.
  await owner.goto("/dasbor/staf");
  await expect(owner.getByTestId("new-invite")).toHaveCount(0);

  // The staff member joins without JavaScript; a mistake keeps what was typed.
  const staffContext = await browser.newContext({ javaScriptEnabled: false });
  const staff = await staffContext.newPage();
  await staff.goto(link);
  await expect(staff.getByTestId("join")).toContainText("BUMDes Simpang Empat");
  await staff.getByLabel("Nama Anda").fill("Budi Santoso");
  await staff.getByLabel("Nomor WhatsApp").fill("0812-7000-0023");
  await staff.getByLabel("Kata sandi", { exact: true }).fill("sandi-staf-1");
  await staff.getByLabel("Ulangi kata sandi").fill("sandi-lain-2");
  await staff.getByRole("button", { name: "Buat akun dan bergabung" }).click();
  await expect(staff.getByText("Kedua kata sandi tidak sama.")).toBeVisible();
  await expect(staff.getByLabel("Nama Anda")).toHaveValue("Budi Santoso");
  await staff.getByLabel("Kata sandi", { exact: true }).fill("sandi-staf-1");
  await staff.getByLabel("Ulangi kata sandi").fill("sandi-staf-1");
  await staff.getByRole("button", { name: "Buat akun dan bergabung" }).click();
  await expect(staff).toHaveURL(/\/dasbor$/);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("BUMDes Simpang Empat");
  await expect(staff.getByRole("link", { name: "Staf BUMDes" })).toHaveCount(0);

  // Staff manage the BUMDes's listings...
  await staff.goto("/dasbor/produk/baru");
  await fillListing(staff, "Kopi Simpang Empat");
  await staff.getByRole("button", { name: "Simpan produk" }).click();
  await expect(staff.getByRole("status")).toHaveText("Produk disimpan. Sekarang tambahkan fotonya di bawah.");
  await owner.goto("/dasbor/produk");
  await expect(owner.getByTestId("listing")).toContainText("Kopi Simpang Empat");
  // ...but not its staff.
  const forbidden = await staff.goto("/dasbor/staf");
  expect(forbidden?.status()).toBe(403);
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Tidak diizinkan");

  // The link works once.
  const again = await (await browser.newContext()).newPage();
  expect((await again.goto(link))?.status()).toBe(404);
  await expect(again.getByRole("heading", { level: 1 })).toHaveText("Tautan undangan tidak berlaku");

  await owner.goto("/dasbor/staf");
  await expect(owner.getByTestId("open-invites")).toHaveCount(0);
  const budi = owner.getByTestId("member").filter({ hasText: "Budi Santoso" });
  await expect(budi).toContainText("Staf");
  await expect(budi).toContainText("+6281270000023");

  // Endpoints: staff 403, guests 401, another BUMDes's owner 403.
  const base = new URL(owner.url()).origin;
  const budiId = await budi.locator("input[name=id]").inputValue();
  const outsider = await (await browser.newContext()).newPage();
  await outsider.goto("/daftar/desa/11.01.02.2008");
  await fillRegistration(outsider, "081270000024", "rahasia-desa", "BUMDes Limau Purut");
  await outsider.getByRole("button", { name: "Daftar" }).click();
  await expect(outsider.getByTestId("verification")).toBeVisible();
  const guest = await browser.newContext();
  for (const [endpoint, form] of [
    ["staff_data", {}],
    ["invite_staff", {}],
    ["remove_staff", { id: budiId }],
    ["cancel_invite", { id: "1" }],
  ] as const) {
    const post = (ctx: typeof guest) => ctx.request.post(`/api/${endpoint}`, { headers: { Origin: base }, form });
    expect((await post(staffContext)).status(), `${endpoint} as staff`).toBe(403);
    expect((await post(guest)).status(), `${endpoint} as a guest`).toBe(401);
  }
  const asOutsider = await outsider.request.post("/api/remove_staff", { headers: { Origin: base }, form: { id: budiId } });
  expect(asOutsider.status()).toBe(403);

  // A cancelled link stops working.
  await owner.getByRole("button", { name: "Buat tautan undangan" }).click();
  const cancelled = await owner.getByLabel("Salin tautan ini dan kirim kepada staf Anda").inputValue();
  const inviteId = await owner.getByTestId("open-invites").locator("input[name=id]").inputValue();
  const cancelAsOutsider = await outsider.request.post("/api/cancel_invite", { headers: { Origin: base }, form: { id: inviteId } });
  expect(cancelAsOutsider.status()).toBe(403);
  await owner.getByTestId("open-invites").getByRole("button", { name: "Batalkan" }).click();
  await expect(owner.getByRole("status")).toHaveText("Tautan undangan dibatalkan.");
  expect((await again.goto(cancelled))?.status()).toBe(404);

  // Removed, Budi's session ends at once.
  await owner.getByTestId("member").filter({ hasText: "Budi Santoso" }).getByRole("button", { name: "Keluarkan" }).click();
  await expect(owner.getByRole("status")).toHaveText("Staf sudah dikeluarkan dan tidak bisa masuk lagi.");
  await expect(owner.getByTestId("member")).toHaveCount(1);
  await staff.goto("/dasbor");
  await expect(staff).toHaveURL(/\/masuk$/);
});
