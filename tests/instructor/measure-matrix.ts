// Measures the classroom dashboard with a large class in Chromium: server response, page load,
// and re-sorting the progress matrix (click → rows reordered and painted). Not a test: run it by
// hand against a running server after seed-large-classroom.ts, e.g.
//   BASE_URL=http://127.0.0.1:3000 npx tsx tests/instructor/measure-matrix.ts
import { chromium } from "@playwright/test";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const EMAIL = process.env.INSTRUCTOR_EMAIL ?? "perf-instructor@example.com";
const PASSWORD = process.env.INSTRUCTOR_PASSWORD ?? "perf-instructor-demo";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const signIn = await context.request.post(`${BASE}/api/auth/sign-in/email`, { data: { email: EMAIL, password: PASSWORD }, headers: { Origin: BASE } });
    if (!signIn.ok()) throw new Error(`sign-in failed: HTTP ${signIn.status()}`);
    const page = await context.newPage();
    await page.goto(`${BASE}/instructor`);
    const href = await page.getByRole("link", { name: /Large class/ }).getAttribute("href");
    if (!href) throw new Error("no large classroom: run seed-large-classroom.ts first");

    const loads: { ttfb: number; dcl: number; cells: number }[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(BASE + href);
      await page.waitForSelector("[data-testid=progress-matrix]");
      loads.push(
        await page.evaluate(() => {
          const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
          return { ttfb: n.responseStart - n.startTime, dcl: n.domContentLoadedEventEnd - n.startTime, cells: document.querySelectorAll("td.cell").length };
        }),
      );
    }
    console.log(
      `${loads[0].cells} cells; server response ${median(loads.map((l) => l.ttfb)).toFixed(0)} ms, ` +
        `DOMContentLoaded ${median(loads.map((l) => l.dcl)).toFixed(0)} ms (medians of 5)`,
    );

    const view = await page.evaluate(() => {
      const box = document.querySelector(".matrix-scroll")!.getBoundingClientRect();
      const rows = [...document.querySelectorAll("[data-testid=progress-matrix] tbody tr")].filter((tr) => {
        const r = tr.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom && r.bottom <= window.innerHeight;
      }).length;
      return { rows, sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    console.log(`${view.rows} learner rows fully visible at once in a 1440×900 window; page wider than the window by ${view.sideways} px`);

    const sorts: Record<string, number[]> = { Solved: [], Learner: [], Stuck: [], Active: [] };
    for (let i = 0; i < 8; i++) {
      for (const label of Object.keys(sorts)) {
        sorts[label].push(
          await page.evaluate(async (label) => {
            const button = [...document.querySelectorAll<HTMLButtonElement>(".sort-button")].find((b) => b.textContent?.startsWith(label))!;
            const table = document.querySelector("[data-testid=progress-matrix]")!;
            const before = table.getAttribute("data-sort");
            const t = performance.now();
            button.click();
            // (No named inner functions: tsx would wrap them in a helper the page does not have.)
            while (table.getAttribute("data-sort") === before) await new Promise((r) => requestAnimationFrame(r));
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            return performance.now() - t;
          }, label),
        );
      }
    }
    console.log(
      `sort by progress ${median(sorts.Solved).toFixed(0)} ms, by name ${median(sorts.Learner).toFixed(0)} ms, ` +
        `by stuck ${median(sorts.Stuck).toFixed(0)} ms, by last activity ${median(sorts.Active).toFixed(0)} ms (medians of 8)`,
    );
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
