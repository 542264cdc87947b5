// Unpaid orders do not hold stock for ever: the seller chooses how long they wait, the buyer and the
// seller see until when, and then the order expires and its stock comes back.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { origin, twoBumdes } from "./endpoints";

test.describe.configure({ timeout: 120_000 });

test("an order not paid in the seller's time expires and gives its stock back", async ({ browser }) => {
  const { fixture, who } = await twoBumdes(["11.01.07.2001", "11.01.07.2002"], "0812700000", 71);

  // The seller chooses six hours; the form shows the choice again.
  const owner = await (await browser.newContext({ storageState: await who.owner.storageState() })).newPage();
  await owner.goto("/dasbor/toko");
  await owner.getByLabel("Batas waktu pembayaran").selectOption({ label: "6 jam" });
  await owner.getByRole("button", { name: "Simpan" }).click();
  await expect(owner.getByRole("status")).toHaveText("Tersimpan.");
  await expect(owner.getByLabel("Batas waktu pembayaran")).toHaveValue("6");

  // The buyer's order (placed before, with the 48 hours then chosen) says until when it waits.
  const buyer = await (await browser.newContext()).newPage();
  await buyer.goto(`/pesanan/${fixture.orderToken}`);
  await buyer.getByLabel("Nomor HP").fill("0813 1111 2222");
  await buyer.getByRole("button", { name: "Buka pesanan" }).click();
  await expect(buyer.getByTestId("order-expires")).toContainText(/batal otomatis pada \d\d-\d\d-\d{4} \d\d:\d\d WIB/);
  // A proof of transfer (twice the hold time from the order, never less than it had): the order can still
  // expire, and both pages still say when.
  const proof = await who.buyer.post("/api/upload_proof", {
    multipart: { token: fixture.orderToken, proof: { name: "bukti.jpg", mimeType: "image/jpeg", buffer: readFileSync("fixtures/photos/kopi-gps.jpg") } },
    headers: { Origin: origin() },
    maxRedirects: 0,
  });
  expect(proof.status(), await proof.text()).toBeLessThan(400);
  await buyer.reload();
  await expect(buyer.getByTestId("proof-image")).toBeVisible();
  await expect(buyer.getByTestId("order-expires")).toContainText(/batal otomatis pada/);
  await owner.goto(`/dasbor/pesanan/${fixture.order}`);
  await expect(owner.getByTestId("order-expires")).toBeVisible();
  await buyer.goto(`/p/${fixture.slug}`);
  await expect(buyer.getByTestId("stock")).toContainText("8 tersedia");

  // Its time runs out; the server expires it within a quarter of a minute.
  execFileSync("psql", ["-q", process.env.LUMBUNG_E2E_DATABASE_URL!, "-c", `UPDATE orders SET expires_at = now() - interval '1 minute' WHERE number = '${fixture.order}'`]);
  await expect(async () => {
    await buyer.goto(`/pesanan/${fixture.orderToken}`);
    await expect(buyer.getByTestId("order-status")).toHaveText("Batal otomatis", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(buyer.getByTestId("order-expires")).toHaveCount(0);
  await buyer.goto(`/p/${fixture.slug}`);
  await expect(buyer.getByTestId("stock")).toContainText("9 tersedia");
  // The seller can no longer confirm it: the step is stale.
  const late = await who.owner.post("/api/order_step", { form: { number: fixture.order, step: "paid" }, headers: { Origin: origin() } });
  expect(late.status()).toBe(409);
  await owner.goto("/dasbor/pesanan?status=expired");
  await expect(owner.getByTestId("seller-orders")).toContainText(fixture.order);
});
