// The process-wide Prisma client: SQLite through the better-sqlite3 driver adapter.
// Stored on globalThis so Next.js dev reloads and test files reuse one connection.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { BUSY_TIMEOUT_MS, databaseFile } from "./database-file";

export type { PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({
    url: `file:${databaseFile()}`,
    // better-sqlite3's `timeout` is SQLite's busy_timeout: a writer waits for another
    // process's write to finish instead of failing with SQLITE_BUSY.
    timeout: BUSY_TIMEOUT_MS,
  });
  return new PrismaClient({
    adapter,
    // Cross-process writers can make a transaction wait up to the busy timeout.
    transactionOptions: { maxWait: 4 * BUSY_TIMEOUT_MS, timeout: 6 * BUSY_TIMEOUT_MS },
  });
}

const globalForPrisma = globalThis as unknown as { __prisma?: PrismaClient };

export const prisma: PrismaClient = (globalForPrisma.__prisma ??= createClient());

/**
 * Puts the database in WAL mode (readers never block the writer; persists in the file) and
 * reports the connection's settings. Run once by scripts/db-setup.mjs after migrating.
 */
export async function prepareDatabase(client: PrismaClient = prisma): Promise<{ journalMode: string; busyTimeoutMs: number }> {
  const [mode] = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  const [timeout] = await client.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA busy_timeout");
  return { journalMode: mode.journal_mode, busyTimeoutMs: Number(Object.values(timeout)[0]) };
}
