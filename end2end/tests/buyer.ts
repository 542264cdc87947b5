// What several specs do as a buyer at checkout.
import { expect, type Page } from "@playwright/test";

/** Chooses a village level by level, as the checkout form offers them. */
export async function chooseVillage(page: Page, codes: string[], js: boolean) {
  const fields = ["Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan"];
  for (const [n, code] of codes.entries()) {
    // A choice made before the reloaded page's islands run would reload nothing.
    if (js) await expect(page.locator("a.cart")).toHaveAttribute("data-hydrated", "true");
    await page.getByLabel(fields[n], { exact: true }).selectOption(code);
    if (n === codes.length - 1) break;
    // With JavaScript the choice reloads the page with the next level; without, the button does.
    if (!js) await page.getByRole("button", { name: "Tampilkan pilihan wilayah" }).click();
    // More than the placeholder: the next level's choices are there.
    await expect(page.getByLabel(fields[n + 1], { exact: true }).locator("option").nth(1)).toBeAttached();
  }
}

/** Fills the checkout form as the buyer Ani Lestari, with the region choices reloading the page. */
export async function fillBuyer(page: Page, js: boolean) {
  await page.getByLabel("Nama Anda").fill("Ani Lestari");
  await page.getByLabel("Nomor HP").fill("0813 1111 2222");
  await chooseVillage(page, ["11", "11.01", "11.01.02", "11.01.02.2001"], js);
  // What was typed before the region choices reloaded the page is still there.
  await expect(page.getByLabel("Nama Anda")).toHaveValue("Ani Lestari");
  await page.getByLabel("Jalan, nomor rumah, RT/RW").fill("Jl. Merdeka 1");
  await page.getByLabel("Catatan untuk penjual (boleh kosong)").fill("Tolong dibungkus rapi");
}
