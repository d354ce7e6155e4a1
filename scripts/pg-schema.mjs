#!/usr/bin/env node
// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (`npm run db:pg-schema`).
//
// Why a derived file: Prisma allows one provider per schema, and its generated client embeds the
// query compiler of that provider, so PostgreSQL needs its own schema, client
// (generated/prisma-postgres) and migrations folder (prisma/postgresql/migrations). The data
// model is written once, in prisma/schema.prisma (SQLite, the embedded default); this script
// derives the PostgreSQL copy by changing only the datasource provider and the generator's
// output. No model uses a provider-specific type or attribute, so the two describe the same
// tables. tests/db/postgres-schema.test.ts fails when the committed copy is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma", "postgresql", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/pg-schema.mjs (npm run db:pg-schema).
// Do not edit: change prisma/schema.prisma and run the script. PostgreSQL twin of the SQLite
// schema, used when DATABASE_URL is a postgresql:// URL (README "Running on PostgreSQL").

`;

/** The PostgreSQL schema text for a SQLite schema text. Throws when the input has changed shape. */
export function postgresSchema(sqlite) {
  let out = sqlite;
  const swap = (from, to, what) => {
    if (!from.test(out)) throw new Error(`scripts/pg-schema.mjs: ${what} not found in prisma/schema.prisma`);
    out = out.replace(from, to);
  };
  swap(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource provider = "sqlite"');
  // One level deeper than prisma/schema.prisma, and its own client.
  swap(/(generator client \{[^}]*output\s*=\s*)"\.\.\/generated\/prisma"/, '$1"../../generated/prisma-postgres"', 'generator output = "../generated/prisma"');
  return HEADER + out;
}

export function expectedPostgresSchema() {
  return postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const want = expectedPostgresSchema();
  let have = "";
  try {
    have = readFileSync(POSTGRES_SCHEMA, "utf8");
  } catch {}
  if (process.argv.includes("--check")) {
    if (have !== want) {
      console.error("prisma/postgresql/schema.prisma is out of date: run `npm run db:pg-schema`");
      process.exit(1);
    }
  } else if (have !== want) {
    writeFileSync(POSTGRES_SCHEMA, want);
    console.log("wrote prisma/postgresql/schema.prisma");
  }
}
