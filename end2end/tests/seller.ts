// What several specs do as a seller: register, log in, fill a listing, and get verified by the CLI.
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";

/** `server admin verify`, as an official does it until the officials' pages exist. */
export function verify(bumdes: string) {
  execFileSync(process.env.LUMBUNG_SERVER_BIN ?? "../target/debug/server", ["admin", "verify", bumdes], {
    env: { ...process.env, DATABASE_URL: process.env.LUMBUNG_E2E_DATABASE_URL },
    stdio: "pipe",
  });
}

export async function fillRegistration(page: Page, whatsapp: string, password: string, bumdes = "BUMDes Tuah Sepakat") {
  await page.getByLabel("Nama BUMDes").fill(bumdes);
  await page.getByLabel("Nama Anda (pengelola)").fill("Siti Rahmah");
  await page.getByLabel("Nomor WhatsApp").fill(whatsapp);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByLabel("Ulangi kata sandi").fill(password);
}

export async function logIn(page: Page, login: string, password: string) {
  await page.goto("/masuk");
  await page.getByLabel("Nomor WhatsApp atau email").fill(login);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
}

/** Fills the listing form with a coffee listing called `name`, `stock` in stock. */
export async function fillListing(page: Page, name: string, stock = "12") {
  await page.getByLabel("Nama produk").fill(name);
  await page.getByLabel("Deskripsi").fill("Kopi robusta petik merah, disangrai di desa.");
  await page.getByLabel("Kategori").selectOption({ label: "Kopi & Teh" });
  await page.getByLabel("Harga (Rp)").fill("45.000");
  await page.getByLabel("Stok").fill(stock);
  await page.getByLabel("Satuan").fill("bungkus 250 g");
  await page.getByLabel("Berat kirim (gram)").fill("300");
}
