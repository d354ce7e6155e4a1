// Where the SQLite database lives. Shared by lib/db.ts, prisma.config.ts and the scripts so the
// app, the Prisma CLI and the tests always agree on the file. No heavy imports here: the Prisma
// CLI loads this before the client is generated.
import { mkdirSync } from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/app.db";

/** DATABASE_URL (a `file:` URL, relative to the working directory) or data/app.db. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

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
