// Takes a 360x640 screenshot of a page in Debian Chromium: node screenshot.mjs URL OUT.png [nojs]
import { chromium } from "@playwright/test";
const [url, out, js] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-quic","--no-first-run","--disable-background-networking","--disable-component-update","--disable-sync"] });
const page = await browser.newPage({ viewport: { width: 360, height: 640 }, javaScriptEnabled: js !== "nojs", locale: "id-ID" });
await page.goto(url);
await page.waitForTimeout(1500);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
