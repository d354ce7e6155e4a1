// The folder format's identity rules: a permanent id per exercise (a copied folder with the
// same id is refused), and ids on test cases.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ExerciseFormatError, loadCatalogue, loadExerciseFrom, publicExercise } from "../../grader/exercises";
import { ROOT, SLUG } from "./helpers";

const dir = mkdtempSync(path.join(os.tmpdir(), "exercise-format-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function copy(slug: string, edit: (meta: Record<string, unknown>, tests: { visible: Record<string, unknown>[]; hidden: Record<string, unknown>[] }) => void = () => {}) {
  const d = path.join(dir, slug);
  cpSync(path.join(ROOT, "exercises", SLUG), d, { recursive: true });
  const meta = JSON.parse(readFileSync(path.join(d, "exercise.json"), "utf8"));
  const tests = JSON.parse(readFileSync(path.join(d, "tests.json"), "utf8"));
  edit(meta, tests);
  writeFileSync(path.join(d, "exercise.json"), JSON.stringify(meta));
  writeFileSync(path.join(d, "tests.json"), JSON.stringify(tests));
  return d;
}

describe("exercise identity", () => {
  it("a copied folder that keeps the id is refused by the catalogue, naming the other folder", () => {
    copy("01-original");
    copy("02-copy", (m) => (m.order = 2));
    const { exercises, errors } = loadCatalogue(dir);
    expect(exercises.map((e) => e.slug)).toEqual(["01-original"]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^02-copy\/exercise\.json: id: [0-9a-f-]{36} is also the id of 01-original/)]);
  });

  it("requires a UUID id, kebab-case test ids that are unique, and the worked example's value", () => {
    const bad = copy("03-bad", (m, t) => {
      m.id = "rnn-step";
      t.hidden[1].id = t.hidden[0].id;
    });
    expect(() => loadExerciseFrom(bad)).toThrow(/exercise\.json: id: must be a UUID/);
    const dupe = copy("04-dupe", (_m, t) => (t.hidden[1].id = t.hidden[0].id));
    expect(() => loadExerciseFrom(dupe)).toThrow(ExerciseFormatError);
    expect(() => loadExerciseFrom(dupe)).toThrow(/test id "non-square-wxh-d-h-2-d-x-3" is used twice/);
    const noExpected = copy("05-no-expected", (_m, t) => delete t.visible[0].expected);
    expect(() => loadExerciseFrom(noExpected)).toThrow(/visible\.0\.expected: the first example is the statement's worked example/);
  });

  it("the browser's copy of the examples carries ids and arguments, not the statement's expected values", () => {
    const ex = loadExerciseFrom(path.join(ROOT, "exercises", SLUG));
    expect(publicExercise(ex).examples[0]).toEqual({ id: "notebook-example", name: "notebook example", args: ex.tests.visible[0].args });
  });
});
