// Hostile text, and the checks that it stayed text: no script ran, no element was injected.
import { expect, type Page } from "@playwright/test";

/** What every payload tries to run: it marks the page, so a test can tell. */
export const RUN = "document.documentElement.dataset.pwned=1";

/** Ends a `<title>` early and runs a script. */
export const TITLE_BREAK = `</title><script>${RUN}</script>`;
/** Ends a `<textarea>` early and runs a handler. */
export const TEXTAREA_BREAK = `</textarea><img src=x onerror=${RUN}>`;

/** Nothing ran and no `<img src=x>` (or any element of the payloads) exists. */
export async function expectInert(page: Page) {
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => document.documentElement.dataset.pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"], img[src="x:"], [onerror], [onload]:not(body)')).toHaveCount(0);
}

/** The address of `path` with a refused form sent back, as Leptos carries it when JavaScript is off: the
 * server function's path and its error, base64 JSON (what anyone can put in a link). */
export function formEcho(path: string, serverFn: string, values: [string, string][]) {
  const error = JSON.stringify({ Invalid: { values, problems: [] } });
  const encoded = Buffer.from(error).toString("base64").replaceAll("+", "-").replaceAll("/", "_");
  return `${path}?__path=${encodeURIComponent(serverFn)}&__err=${encodeURIComponent(encoded)}`;
}
