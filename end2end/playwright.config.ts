import { defineConfig, devices } from "@playwright/test";
import { chromiumFlags, chromiumPath } from "../tools/chromium.mjs";

// The server is started by scripts/test (see README), against a fresh database seeded with the demo.
const baseURL = process.env.LUMBUNG_E2E_URL ?? "http://127.0.0.1:3100";

export default defineConfig({
  testDir: "./tests",
  // The abuse limits' tests need a server with the real limits (scripts/test starts one for them).
  testIgnore: process.env.LUMBUNG_E2E_LIMITS ? [] : ["limits.spec.ts"],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "id-ID",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 360, height: 640 },
        launchOptions: { executablePath: chromiumPath, args: chromiumFlags },
      },
    },
  ],
});
