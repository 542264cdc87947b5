// Debian's Chromium, as the Playwright tests and scripts/budget run it: headless, without the sandbox
// (root in CI), and without the background traffic that would blur what a page costs.
export const chromiumPath = process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
