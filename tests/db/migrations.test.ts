// The committed migrations and prisma/schema.prisma describe the same database: a schema change
// without a migration (or a hand-edited migration) fails here, not in production.
import { root, testEnv, tmpDir } from "./helpers";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client";
import { prisma } from "./fixtures";

const require = createRequire(path.join(root, "package.json"));

type Entry = { type: string; name: string; sql: string };

async function schemaOf(client: PrismaClient): Promise<Entry[]> {
  const rows = await client.$queryRawUnsafe<Entry[]>(
    `SELECT type, name, sql FROM sqlite_master
     WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma_migrations%' ORDER BY type, name`,
  );
  // SQLite keeps each statement's text: a column added by ALTER TABLE is spliced in with other
  // spacing than CREATE TABLE writes, so spacing around punctuation does not count.
  return rows.map((r) => ({ ...r, sql: String(r.sql).replace(/\s+/g, " ").replace(/ ?([(),]) ?/g, "$1") }));
}

describe("migrations", () => {
  it("applying prisma/migrations gives exactly the database schema.prisma describes", async () => {
    const diff = spawnSync(
      process.execPath,
      [require.resolve("prisma/build/index.js"), "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { cwd: root, env: { ...process.env, ...testEnv }, encoding: "utf8" },
    );
    expect(diff.status, diff.stderr).toBe(0);
    const statements = diff.stdout
      .split(/;\s*\n/)
      .map((s) => s.replace(/^--.*$/gm, "").trim())
      .filter(Boolean);
    expect(statements.length).toBeGreaterThan(10);

    const scratch = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${path.join(tmpDir, "from-schema.db")}` }) });
    try {
      for (const sql of statements) await scratch.$executeRawUnsafe(sql);
      const fromMigrations = await schemaOf(prisma);
      expect(fromMigrations.map((e) => e.name)).toContain("Submission_userId_exerciseId_createdAt_idx");
      expect(fromMigrations).toEqual(await schemaOf(scratch));
    } finally {
      await scratch.$disconnect();
    }
  });
});
