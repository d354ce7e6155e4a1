// Which database DATABASE_URL names: a SQLite file (the default, data/app.db) or a PostgreSQL
// server (postgresql:// or postgres://). Shared by lib/db.ts, prisma.config.ts and the scripts
// so the app, the Prisma CLI and the tests always agree. No heavy imports here: the Prisma CLI
// loads this before the client is generated.
import { mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/app.db";

/** DATABASE_URL (a `file:` URL relative to the working directory, or a postgresql:// URL) or data/app.db. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export type DatabaseProvider = "sqlite" | "postgresql";

/** The provider a DATABASE_URL names; anything else is refused with the accepted forms. */
export function databaseProvider(url = databaseUrl()): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a SQLite file: URL or a postgresql:// URL (got "${url.replace(/\/\/[^@/]*@/, "//…@")}")`);
}

/** True when DATABASE_URL names a PostgreSQL server (several web servers may share it). */
export function usesPostgres(url = databaseUrl()): boolean {
  return databaseProvider(url) === "postgresql";
}

/** Schema and migrations folder of each provider (prisma/postgresql/ is derived: scripts/pg-schema.mjs). */
export const PRISMA_PATHS: Record<DatabaseProvider, { schema: string; migrations: string }> = {
  sqlite: { schema: path.join("prisma", "schema.prisma"), migrations: path.join("prisma", "migrations") },
  postgresql: { schema: path.join("prisma", "postgresql", "schema.prisma"), migrations: path.join("prisma", "postgresql", "migrations") },
};

/** Absolute path of the database file, with its folder created. */
export function databaseFile(url = databaseUrl()): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${url}")`);
  }
  const file = path.resolve(url.slice("file:".length).split("?")[0]);
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Milliseconds a connection waits for another writer before giving up (SQLite busy_timeout). */
export const BUSY_TIMEOUT_MS = 5000;
