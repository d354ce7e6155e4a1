// globalSetup of the "db-postgres" vitest project: migrates one template database for the run
// with the real committed PostgreSQL migrations (`prisma migrate deploy`, as `npm run db:setup`
// does); each test file then starts from a copy of it (tests/db/helpers.ts), which takes
// milliseconds instead of a CLI run per file. Drops every database of the run at the end.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase, databasesNamed, dropDatabase, postgresUrl } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

const root = path.resolve(__dirname, "..", "..");
const require = createRequire(path.join(root, "package.json"));

export default async function setup(project: TestProject) {
  const template = `rnn_t${randomBytes(4).toString("hex")}`;
  await createDatabase(template);
  const placeholder = path.join(root, "prisma", "engine-placeholder.txt");
  const r = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: postgresUrl(template),
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholder,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (r.status !== 0) {
    await dropDatabase(template);
    throw new Error(`prisma migrate deploy (PostgreSQL template) failed:\n${r.stdout}\n${r.stderr}`);
  }
  project.provide("pgTemplate", template);
  return async () => {
    for (const name of await databasesNamed(template)) await dropDatabase(name);
  };
}
