// What several specs do as an official: log in as one of the demo officials.
import { expect, type Page } from "@playwright/test";

/** Logs in as the demo official with this WhatsApp number (all share the demo password). */
export async function logInOfficial(page: Page, login: string) {
  await page.goto("/petugas/masuk");
  await page.getByLabel("Nomor WhatsApp atau email").fill(login);
  await page.getByLabel("Kata sandi").fill("lumbung-demo");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL(/\/petugas$/);
}
