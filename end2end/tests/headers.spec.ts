// The Content-Security-Policy behind escaping, and the headers every response carries.
import { expect, test, type Page } from "@playwright/test";
import { RUN } from "./hostile";

/** Records the page's CSP violations as they happen, from before its first script. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

test("every page sends a policy with a fresh nonce, which Lumbung's own scripts carry, and nothing it needs is blocked", async ({ page }) => {
  await watchViolations(page);
  const errors: string[] = [];
  // The missing page's own 404 is the one error a browser reports.
  page.on("console", (m) => m.type() === "error" && !m.text().includes("404") && errors.push(m.text()));
  const nonces = new Set<string>();
  for (const path of ["/", "/cari?q=kopi", "/p/madu-hutan-sumbawa", "/keranjang", "/masuk", "/halaman-tidak-ada"]) {
    const response = (await page.goto(path))!;
    const policy = response.headers()["content-security-policy"];
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{20,}' 'wasm-unsafe-eval'/);
    for (const part of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "style-src 'self'"]) {
      expect(policy, path).toContain(part);
    }
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("'unsafe-eval'");
    const nonce = policy.match(/'nonce-([^']+)'/)![1];
    nonces.add(nonce);
    // Every inline script of the page carries this response's nonce.
    // (leptos_i18n writes an empty <script>: with nothing in it, it runs nothing.)
    const scripts = await page.locator("script:not([src]):not([type='application/ld+json'])").evaluateAll((all) =>
      all.filter((s) => s.textContent !== "").map((s) => (s as HTMLScriptElement).nonce),
    );
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce), path).toBe(true);
  }
  expect(nonces.size).toBe(6);
  // The islands still hydrate, and the service worker still registers.
  await page.goto("/p/madu-hutan-sumbawa");
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  await page.evaluate(() => navigator.serviceWorker.ready);
  expect(await violations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test("a script smuggled into a page past escaping is blocked by the policy", async ({ page }) => {
  await watchViolations(page);
  // The page as the server sent it, headers and all, with markup added as if some text had not been escaped.
  await page.route("**/p/madu-hutan-sumbawa", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "<main>",
      `<main><script>${RUN}</script><img src="/favicon.svg" onload="${RUN}"><a id="js" href="javascript:${RUN}">x</a>`,
    );
    const headers = { ...response.headers() };
    delete headers["content-encoding"];
    delete headers["content-length"];
    await route.fulfill({ response, headers, body: html });
  });
  await page.goto("/p/madu-hutan-sumbawa");
  await page.locator("#js").click();
  await expect(page.locator(".add-to-cart")).toHaveAttribute("data-hydrated", "true");
  expect(await page.evaluate(() => document.documentElement.dataset.pwned)).toBeUndefined();
  const blocked = await violations(page);
  expect(blocked.filter((v) => v.startsWith("script-src")).length).toBeGreaterThanOrEqual(3);
});

test("every response carries the other headers; media and other files run nothing", async ({ request }) => {
  const page = await request.get("/");
  const media = await request.get("/media/products/demo/madu-hutan-sumbawa-320.webp");
  const wasmPath = (await page.text()).match(/\/pkg\/[^"]+\.wasm/)![0];
  for (const response of [page, media, await request.get(wasmPath), await request.get("/sitemap.xml"), await request.get("/tidak-ada")]) {
    const headers = response.headers();
    expect(headers["x-content-type-options"], response.url()).toBe("nosniff");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["content-security-policy"]).toBeTruthy();
    // Served over http here: no HSTS (the header is sent when the public address is https).
    expect(headers["strict-transport-security"]).toBeUndefined();
  }
  expect(media.headers()["content-type"]).toBe("image/webp");
  expect(media.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  // Pages whose address holds a secret keep it from other sites.
  const order = await request.get("/pesanan/0000000000000000000000000000000000000000000000000000000000000000");
  expect(order.headers()["referrer-policy"]).toBe("same-origin");
  // Only what the photo pipeline stored, under the names it gives.
  for (const path of [
    "/media/products/demo/madu-hutan-sumbawa-321.webp",
    "/media/products/../../etc/passwd-320.webp",
    "/media/products/%2e%2e/x-320.webp",
    "/media/products/demo/madu-hutan-sumbawa-320.svg",
    "/media/x.html-320.webp",
  ]) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
});
