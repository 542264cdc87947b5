// Issue 6's budget, measured against a running release server with the demo data (scripts/budget
// starts one): the bytes of a product page's first load in headless Chromium, then Lighthouse's mobile
// scores on the home, search, product and village pages. Prints them all; exits 1 when one misses.
import { chromium } from "playwright-core";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { chromiumFlags as flags, chromiumPath as chromePath } from "./chromium.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3200";
const KiB = 1024;
const budget = { firstLoad: 100 * KiB, html: 14 * KiB };
const targets = { performance: 98, accessibility: 100, "best-practices": 100, seo: 100 };
const missed = [];

/** What a first visit to `path` downloads, by kind, as the network carried it (compressed, headers included). */
async function firstLoad(path) {
  const browser = await chromium.launch({ executablePath: chromePath, args: flags });
  const page = await (await browser.newContext({ viewport: { width: 360, height: 640 } })).newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const kinds = new Map();
  const bytes = new Map();
  cdp.on("Network.responseReceived", ({ requestId, type, response }) => {
    const kind = response.url.endsWith(".wasm") ? "WASM" : type;
    kinds.set(requestId, kind);
  });
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => bytes.set(requestId, encodedDataLength));
  await page.goto(base + path, { waitUntil: "networkidle" });
  // Islands hydrate when the browser is idle: give them time to fetch what they fetch.
  await page.waitForTimeout(2000);
  const byKind = {};
  for (const [id, size] of bytes) {
    const kind = kinds.get(id) ?? "Other";
    byKind[kind] = (byKind[kind] ?? 0) + size;
  }
  const village = await page.locator('a[href^="/desa/"]').first().getAttribute("href");
  await browser.close();
  return { byKind, village };
}

async function scores(url) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: flags });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: Object.keys(targets),
    });
    const categories = result.lhr.categories;
    const failing = Object.values(result.lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
      .map((a) => a.id);
    const metrics = result.lhr.audits;
    return {
      scores: Object.fromEntries(Object.keys(targets).map((id) => [id, Math.round(categories[id].score * 100)])),
      lcp: metrics["largest-contentful-paint"].displayValue,
      tbt: metrics["total-blocking-time"].displayValue,
      cls: metrics["cumulative-layout-shift"].displayValue,
      failing,
    };
  } finally {
    await chrome.kill();
  }
}

const product = "/p/madu-hutan-sumbawa";
const { byKind, village } = await firstLoad(product);
const withoutImages = Object.entries(byKind)
  .filter(([kind]) => kind !== "Image")
  .reduce((sum, [, size]) => sum + size, 0);
console.log(`First load of ${product} (compressed, as transferred, headers included):`);
for (const [kind, size] of Object.entries(byKind).sort()) {
  console.log(`  ${kind.padEnd(12)} ${(size / KiB).toFixed(1).padStart(7)} KiB`);
}
console.log(`  ${"all but images".padEnd(12)} ${(withoutImages / KiB).toFixed(1).padStart(7)} KiB (budget ${budget.firstLoad / KiB} KiB)`);
console.log(`  ${"HTML".padEnd(12)} ${((byKind.Document ?? 0) / KiB).toFixed(1).padStart(7)} KiB (budget ${budget.html / KiB} KiB)`);
if (withoutImages > budget.firstLoad) missed.push(`product page first load ${withoutImages} B`);
if ((byKind.Document ?? 0) > budget.html) missed.push(`product page HTML ${byKind.Document} B`);

// One Lighthouse run swings by several points with Total Blocking Time on this 2-core machine, so each
// page is measured five times and judged by its median run: Lighthouse's guidance on variability finds
// the median of five about halves the spread of a single run. The range is printed beside it.
const RUNS = 5;
console.log(`\nLighthouse (mobile, simulated throttling; median of ${RUNS} runs, range in brackets):`);
console.log(`  ${"page".padEnd(28)} ${Object.keys(targets).map((id) => id.padStart(15)).join("")}   LCP / TBT / CLS`);
for (const path of ["/", "/cari?q=kopi", product, village]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await scores(base + path));
  runs.sort((a, b) => a.scores.performance - b.scores.performance);
  const result = runs[Math.floor(RUNS / 2)];
  const cells = Object.keys(targets)
    .map((id) => {
      const all = runs.map((r) => r.scores[id]);
      const range = Math.min(...all) === Math.max(...all) ? "" : ` (${Math.min(...all)}–${Math.max(...all)})`;
      return `${result.scores[id]}${range}`.padStart(15);
    })
    .join("");
  console.log(`  ${path.padEnd(28)} ${cells}   ${result.lcp} / ${result.tbt} / ${result.cls}`);
  for (const [id, score] of Object.entries(result.scores)) {
    if (score < targets[id]) missed.push(`${path} ${id} ${score} < ${targets[id]} (failing audits: ${result.failing.join(", ")})`);
  }
}

if (missed.length) {
  console.log(`\nMissed:\n  ${missed.join("\n  ")}`);
  process.exit(1);
}
console.log("\nEvery figure is within its budget.");
