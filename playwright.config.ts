// End-to-end tests in Debian's Chromium against the production build (`next build` +
// the app's server, through scripts/start.mjs exactly as `npm start` runs it: migrations, WAL,
// exercise sync and the demo seed included).
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
/** Where each run's scratch folder goes (the server's database lives there, never in data/). */
const E2E_DATA_ROOT = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), "rnn-grader-e2e");
// A fresh database per run: the runner makes the folder once and its workers (which load this
// file again) inherit the variable. tests/e2e/global-teardown.ts removes it afterwards.
if (!process.env.E2E_RUN_DIR) {
  mkdirSync(E2E_DATA_ROOT, { recursive: true });
  process.env.E2E_RUN_DIR = mkdtempSync(path.join(E2E_DATA_ROOT, "run-"));
}
/** This run's scratch folder. */
export const E2E_DATA_DIR = process.env.E2E_RUN_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalTeardown: "./tests/e2e/global-teardown.ts",
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node scripts/start.mjs",
    url: baseURL,
    // Never another run's server: every run starts on its own fresh database.
    reuseExistingServer: false,
    // The first run builds the app.
    timeout: 300_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      // Tests grade much faster than a person: keep the limiter out of their way.
      RATE_LIMIT_PER_MINUTE: "6000",
      RATE_LIMIT_BURST: "1000",
      // The specs sign in as the demo accounts: asked for explicitly (scripts/demo-choice.mjs).
      SEED_DEMO: "1",
      E2E_DATA_DIR,
      DATABASE_URL: `file:${path.join(E2E_DATA_DIR, "e2e.db")}`,
      AUTH_SECRET_FILE: path.join(E2E_DATA_DIR, "auth-secret"),
    },
  },
});
