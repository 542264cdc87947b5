// Abuse limits, against a server with the real limits (scripts/test starts one for this file alone):
// every request here comes from the same address, as a bot's would.
import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { fillRegistration } from "./seller";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const origin = () => process.env.LUMBUNG_E2E_URL ?? "http://127.0.0.1:3102";

/** The minute (since the epoch) of the server's clock an answer was given in: the limits count per minute,
 * so requests that straddle one count in two. */
function serverMinute(answer: APIResponse) {
  return Math.floor(Date.parse(answer.headers()["date"]) / 60_000);
}

/** Posts a server function's form as a browser without JavaScript does; the answer is not followed. */
function postForm(request: APIRequestContext, fn: string, page: string, form: Record<string, string>) {
  return request.post(`/api/${fn}`, {
    form,
    maxRedirects: 0,
    headers: { Accept: "text/html", Origin: origin(), Referer: `${origin()}${page}` },
  });
}

/** A checkout of one jar of honey, picked up at the BUMDes and paid by transfer. */
async function checkoutForm(request: APIRequestContext) {
  const product = await request.post("/api/product_by_slug", { form: { slug: "madu-hutan-sumbawa" }, headers: { Origin: origin() } });
  const { id, price_rupiah } = (await product.json()).product;
  return {
    key: randomBytes(16).toString("hex"),
    cart: `${id}:1:${price_rupiah}`,
    name: "Bot Pembeli",
    phone: "0813 5555 0000",
    province: "11",
    regency: "11.01",
    district: "11.01.02",
    village: "11.01.02.2001",
    street: "Jl. Uji 1",
    postal_code: "23773",
    note: "",
    delivery: "pickup",
    payment: "transfer",
  };
}

let orderLink = "";

test("one address places ten checkouts in ten minutes, then waits; the refusal says so and keeps the form", async ({ page }) => {
  // The browser's own requests: a refused form's echo is signed for the browser that sent it.
  const request = page.request;
  // The browser's guest cookie, which the refusal's echo is signed for.
  await page.goto("/p/madu-hutan-sumbawa");
  const placed: string[] = [];
  let refused;
  for (let n = 0; n < 12 && !refused; n++) {
    const answer = await postForm(request, "place_order", "/pesan", await checkoutForm(request));
    const location = answer.headers()["location"] ?? "";
    if (location.includes("__err")) refused = answer;
    else {
      expect(location, await answer.text()).toMatch(/\/pesanan\/[0-9a-f]{64}/);
      placed.push(location);
    }
  }
  expect(placed).toHaveLength(10);
  orderLink = new URL(placed[0], origin()).pathname;
  // Each order placed emptied the cart: it holds the honey again, so the checkout form shows.
  await postForm(request, "cart_add", "/p/madu-hutan-sumbawa", { slug: "madu-hutan-sumbawa", quantity: "1" });
  // Without JavaScript: back to the checkout page, which answers 429 and says how long to wait.
  const back = await page.goto(refused!.headers()["location"]);
  expect(back!.status()).toBe(429);
  expect(Number(back!.headers()["retry-after"])).toBeGreaterThan(0);
  await expect(page.getByTestId("form-error")).toContainText("Terlalu banyak percobaan dari sini dalam waktu singkat. Coba lagi dalam");
  await expect(page.getByLabel("Nama Anda")).toHaveValue("Bot Pembeli");
  // As a script calls it: 429 with Retry-After.
  const json = await request.post("/api/place_order", { form: await checkoutForm(request), headers: { Origin: origin() } });
  expect(json.status()).toBe(429);
  expect(Number(json.headers()["retry-after"])).toBeGreaterThan(0);
  expect(Object.keys(await json.json())).toEqual(["Throttled"]);
});

test("wrong phone numbers on an order's link wait after five, and the right one opens it once the wait is over", async ({ browser }) => {
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const page = await stranger.newPage();
  for (let n = 0; n < 5; n++) {
    await page.goto(orderLink);
    await page.getByLabel("Nomor HP").fill(`0813 9999 000${n}`);
    await page.getByRole("button", { name: "Buka pesanan" }).click();
    await expect(page.getByText("Nomor HP ini bukan nomor pemesan.")).toBeVisible();
  }
  await page.getByLabel("Nomor HP").fill("0813 5555 0000");
  const waiting = page.waitForResponse((r) => r.request().method() === "GET" && r.url().includes("__err"));
  await page.getByRole("button", { name: "Buka pesanan" }).click();
  expect((await waiting).status()).toBe(429);
  await expect(page.getByTestId("form-error")).toContainText("Coba lagi dalam");
  await expect(page.getByLabel("Nomor HP")).toHaveValue("0813 5555 0000");
  await page.waitForTimeout(2_500);
  await page.getByRole("button", { name: "Buka pesanan" }).click();
  await expect(page.getByTestId("order")).toBeVisible();
  await stranger.close();
});

test("twenty wrong passwords at once for one account: five are checked, the rest wait", async ({ request, page }) => {
  const tries = await Promise.all(
    Array.from({ length: 20 }, () =>
      request.post("/api/log_in", { form: { login: "0812 3450 0100", password: "salah-sekali" }, headers: { Origin: origin() } }),
    ),
  );
  const statuses = tries.map((t) => t.status()).sort();
  expect(statuses.filter((s) => s === 400)).toHaveLength(5);
  expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  // The seller is not locked out: once the short wait is over, the right password works.
  await page.waitForTimeout(2_500);
  await page.goto("/masuk");
  await page.getByLabel("Nomor WhatsApp atau email").fill("0812 3450 0100");
  await page.getByLabel("Kata sandi").fill("lumbung-demo");
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page).toHaveURL(/\/dasbor$/);
});

test("five registrations an hour from one address; the sixth waits and keeps what was typed", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  for (let n = 0; n < 6; n++) {
    await page.goto(`/daftar/desa/11.01.03.200${n + 1}`);
    await fillRegistration(page, `08127100000${n}`, "rahasia-desa", `BUMDes Batas ${n}`);
    await page.getByRole("button", { name: "Daftar" }).click();
    if (n < 5) await expect(page).toHaveURL(/\/dasbor$/);
  }
  await expect(page.getByTestId("form-error")).toContainText("Coba lagi dalam");
  await expect(page.getByLabel("Nama BUMDes")).toHaveValue("BUMDes Batas 5");
});

test("server functions answer at most 120 requests a minute from one address", async ({ request }) => {
  const answered: number[] = [];
  let refused;
  // The count starts again each minute, so the 121st of one minute comes within 241 requests.
  for (let n = 0; n < 241 && !refused; n++) {
    const answer = await request.get(`/api/saran?q=kop${n}`);
    if (answer.status() === 429) refused = answer;
    else {
      expect(answer.status()).toBe(200);
      answered.push(serverMinute(answer));
    }
  }
  expect(refused).toBeDefined();
  expect(answered.filter((minute) => minute === serverMinute(refused!)).length).toBeLessThanOrEqual(120);
  const wait = Number(refused!.headers()["retry-after"]);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(60);
});

test("the open data API answers at most 60 requests a minute from one address, in JSON", async ({ request }) => {
  const answered: number[] = [];
  let refused;
  for (let n = 0; n < 121 && !refused; n++) {
    const answer = await request.get(`/api/v1/regions?period=${["30d", "90d", "365d"][n % 3]}`);
    if (answer.status() === 429) refused = answer;
    else {
      expect(answer.status()).toBe(200);
      answered.push(serverMinute(answer));
    }
  }
  expect(refused).toBeDefined();
  expect(answered.filter((minute) => minute === serverMinute(refused!)).length).toBeLessThanOrEqual(60);
  const wait = Number(refused!.headers()["retry-after"]);
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(60);
  // Readable by another site's page, and worded for people and programs.
  expect(refused!.headers()["access-control-allow-origin"]).toBe("*");
  expect(await refused!.json()).toEqual({ error: "rate_limited", parameter: null, message: expect.stringContaining("Coba lagi dalam") });
});
