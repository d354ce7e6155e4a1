// The leak scanner must be able to fail: it finds secrets planted in a fixture, in the forms a
// bundler would produce, and stays quiet on public content.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise, publicExercise, type Exercise } from "../../grader/exercises";
import { allSecretNeedles, findInFiles, findInText, listFiles, secretNeedles, type Needle } from "./leak-scan";

let ex: Exercise;
let needles: Needle[];
let dir: string;

beforeAll(async () => {
  ex = loadExercise("01-rnn-step")!;
  needles = await secretNeedles(ex);
  dir = mkdtempSync(path.join(os.tmpdir(), "leak-fixture-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("secret needles", () => {
  it("cover the reference, every mistake and every hidden case of every exercise", async () => {
    const all = await allSecretNeedles();
    const labels = all.map((n) => n.label).join("\n");
    for (const slug of ["01-rnn-step", "05-lstm-cell-update", "10-rnn-diagnostics"]) {
      expect(labels).toContain(`${slug} reference body`);
      expect(labels).toMatch(new RegExp(`${slug} hidden '.*' args`));
    }
    for (const m of ex.mistakes) expect(labels).toContain(`01-rnn-step mistake ${m.id}`);
    for (const c of ex.tests.hidden) expect(labels).toContain(`01-rnn-step hidden '${c.name}' args`);
  });

  it("exclude everything the browser is allowed to see", () => {
    const pub = JSON.stringify(publicExercise(ex));
    expect(findInText("public exercise", pub, needles)).toEqual([]);
  });
});

describe("scanner", () => {
  it("finds a hidden case planted in a minified chunk", () => {
    const hidden = ex.tests.hidden[0];
    const minified = JSON.stringify(hidden.args).replace(/(^|[^\d.])0\.(\d)/g, "$1.$2");
    writeFileSync(path.join(dir, "chunk-a.js"), `(()=>{const t=${minified};console.log(t)})();`);
    const leaks = findInFiles(listFiles(dir), needles);
    expect(leaks.map((l) => l.needle.label)).toContain(`01-rnn-step hidden '${hidden.name}' args (minified)`);
  });

  it("finds a reference implementation even when re-indented", () => {
    writeFileSync(path.join(dir, "chunk-b.js"), ex.reference.replace(/\n\s*/g, "\n\t\t"));
    const leaks = findInFiles([path.join(dir, "chunk-b.js")], needles);
    expect(leaks.some((l) => l.needle.label === "01-rnn-step reference body")).toBe(true);
  });

  it("finds every known mistake's source", () => {
    for (const m of ex.mistakes) {
      const file = path.join(dir, `chunk-${m.id}.js`);
      writeFileSync(file, `/* bundled as raw text */\n${m.source}`);
      const leaks = findInFiles([file], needles);
      expect(leaks.map((l) => l.needle.label)).toContain(`01-rnn-step mistake ${m.id} body`);
    }
  });

  it("stays quiet on a chunk holding only public content", () => {
    writeFileSync(path.join(dir, "chunk-d.js"), `var ex = ${JSON.stringify(publicExercise(ex))};`);
    expect(findInFiles([path.join(dir, "chunk-d.js")], needles)).toEqual([]);
  });
});
