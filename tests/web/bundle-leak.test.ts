// Hidden tests, reference implementations and known mistakes never leave the server: not in
// any file the browser can download (.next/static, public/, prerendered pages), not in the
// HTML or RSC payload of any page, and not in any Run or Submit response.
// Builds the production app first when .next is missing or stale (a minute or two).
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, type Exercise } from "../../grader/exercises";
import { allSecretNeedles, findInFiles, findInText, listFiles, type Leak, type Needle } from "./leak-scan";
import { ensureProductionBuild, projectRoot, startProductionServer, type RunningServer } from "./server";

let needles: Needle[];
let exercises: Exercise[];
let server: RunningServer;

function describeLeaks(leaks: Leak[]): string[] {
  return leaks.map((l) => `${l.needle.label} in ${path.relative(projectRoot, l.where) || l.where}`);
}

beforeAll(async () => {
  ensureProductionBuild();
  exercises = loadCatalogue().exercises;
  needles = await allSecretNeedles();
  server = await startProductionServer();
}, 600_000);

afterAll(async () => {
  await server?.stop();
}, 30_000);

describe("production bundle", () => {
  it("has secrets to look for (the scan is not vacuous)", () => {
    expect(exercises.length).toBeGreaterThanOrEqual(10);
    expect(needles.length).toBeGreaterThan(exercises.length * 5);
  });

  it("no file the browser can download contains a secret", () => {
    const files = [
      ...listFiles(path.join(projectRoot, ".next", "static")),
      // Monaco's own files are third-party and huge; everything else in public/ is checked.
      ...(existsSync(path.join(projectRoot, "public"))
        ? listFiles(path.join(projectRoot, "public"), (p) => p.includes(`${path.sep}monaco${path.sep}`) || p.endsWith(`${path.sep}monaco`))
        : []),
      ...listFiles(path.join(projectRoot, ".next", "server", "app")).filter((f) => /\.(html|rsc|body|meta)$/.test(f)),
    ];
    expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(5);
    expect(describeLeaks(findInFiles(files, needles))).toEqual([]);
  });
});

describe("served pages and API responses", () => {
  it("no page's HTML or RSC payload contains a secret", async () => {
    const leaks: Leak[] = [];
    const paths = ["/", ...exercises.map((e) => `/exercises/${e.slug}`)];
    for (const p of paths) {
      const html = await fetch(server.url + p);
      expect(html.status, p).toBe(200);
      const htmlText = await html.text();
      leaks.push(...findInText(`${p} (HTML)`, htmlText, needles));
      const rsc = await fetch(server.url + p, { headers: { RSC: "1" } });
      leaks.push(...findInText(`${p} (RSC)`, await rsc.text(), needles));
    }
    // The page really carries the public parts: the scan looked at the right text.
    const page1 = await (await fetch(`${server.url}/exercises/${exercises[0].slug}`)).text();
    expect(page1).toContain(exercises[0].meta.title);
    expect(page1).toContain(exercises[0].meta.export);
    expect(describeLeaks(leaks)).toEqual([]);
  }, 60_000);

  it("no Run or Submit response contains a hidden input, expected value or reference code", async () => {
    const leaks: Leak[] = [];
    const post = async (slug: string, mode: string, code: string) => {
      const res = await fetch(`${server.url}/api/exercises/${slug}/${mode}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
      });
      const text = await res.text();
      expect(res.status, `${slug}/${mode}: ${text.slice(0, 300)}`).toBe(200);
      // A response can only leak its own exercise's secrets (other exercises' values may
      // coincide with this one's random cases by chance).
      leaks.push(...findInText(`${slug}/${mode}`, text, needles.filter((n) => n.slug === slug)));
      return JSON.parse(text) as { result: { status: string; tests: { hidden: boolean; status: string }[] } };
    };
    let hiddenFailures = 0;
    for (const ex of exercises) {
      await post(ex.slug, "run", ex.starter);
      const starter = await post(ex.slug, "submit", ex.starter);
      expect(starter.result.status, `${ex.slug} starter`).not.toBe("pass");
      hiddenFailures += starter.result.tests.filter((t) => t.hidden && t.status !== "pass").length;
      const reference = await post(ex.slug, "submit", ex.reference);
      expect(reference.result.status, `${ex.slug} reference`).toBe("pass");
      for (const m of ex.mistakes) await post(ex.slug, "submit", m.source);
    }
    // Failing hidden tests were reported (with messages), so there was something to leak.
    expect(hiddenFailures).toBeGreaterThan(exercises.length);
    expect(describeLeaks(leaks)).toEqual([]);
  }, 180_000);

  it("a submission that prints or throws its own arguments learns nothing about hidden cases", async () => {
    const leaks: Leak[] = [];
    for (const ex of exercises) {
      const params = ex.meta.params.join(", ");
      const spy = (body: string) => `export function ${ex.meta.export}(...args: any[]): any {\n  ${body}\n}\n`;
      for (const code of [
        spy("console.log(JSON.stringify(args)); return null;"),
        spy("throw new Error(JSON.stringify(args));"),
        spy('throw new RangeError("x=" + String(args[0]));'),
      ]) {
        const res = await fetch(`${server.url}/api/exercises/${ex.slug}/submit`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ code }),
        });
        expect(res.status).toBe(200);
        const text = await res.text();
        // Hidden args in the plain JSON form the spy prints them in, so any copy is caught.
        const hiddenArgs: Needle[] = ex.tests.hidden
          .map((c) => ({ slug: ex.slug, label: `${ex.slug} hidden '${c.name}' args (${params})`, text: JSON.stringify(c.args) }))
          .filter((n) => n.text.length >= 12 && !ex.tests.visible.some((v) => JSON.stringify(v.args) === n.text));
        leaks.push(...findInText(`${ex.slug}/submit`, text, [...hiddenArgs, ...needles.filter((n) => n.slug === ex.slug)]));
      }
    }
    expect([...new Set(describeLeaks(leaks))]).toEqual([]);
  }, 180_000);
});

