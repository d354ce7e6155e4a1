// The process-wide Prisma client. DATABASE_URL picks the database (lib/database-file.ts): a
// SQLite file through the better-sqlite3 driver adapter (the default), or PostgreSQL through
// the pg driver adapter. Each provider has its own generated client (Prisma embeds one query
// compiler per provider); both are generated from the same data model (scripts/pg-schema.mjs),
// so the PostgreSQL client is used through the SQLite client's type.
// Stored on globalThis so Next.js dev reloads and test files reuse one connection.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgres/client";
import { BUSY_TIMEOUT_MS, databaseFile, databaseProvider, databaseUrl, type DatabaseProvider } from "./database-file";

export type { PrismaClient };

/** Connections one process keeps to PostgreSQL (pg's pool; each web server and worker has its own). */
export const POSTGRES_POOL_SIZE = 10;

function createClient(): PrismaClient {
  if (databaseProvider() === "postgresql") {
    const adapter = new PrismaPg({ connectionString: databaseUrl(), max: POSTGRES_POOL_SIZE });
    // Same models, same query API: only the provider differs (see above).
    return new PostgresPrismaClient({ adapter, transactionOptions: { maxWait: 4 * BUSY_TIMEOUT_MS, timeout: 6 * BUSY_TIMEOUT_MS } }) as unknown as PrismaClient;
  }
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

/** The provider of the process's database (DATABASE_URL), for the few places whose SQL differs. */
export function provider(): DatabaseProvider {
  return databaseProvider();
}

/**
 * SQLite: puts the database in WAL mode (readers never block the writer; persists in the file)
 * and reports the connection's settings. PostgreSQL has neither setting and reports its own
 * defaults (MVCC readers never block writers; a lock wait is bounded by the transaction
 * timeouts above). Run once by scripts/db-setup.mjs after migrating.
 */
export async function prepareDatabase(client: PrismaClient = prisma): Promise<{ journalMode: string; busyTimeoutMs: number }> {
  if (provider() === "postgresql") {
    await client.$queryRawUnsafe("SELECT 1");
    return { journalMode: "postgresql", busyTimeoutMs: BUSY_TIMEOUT_MS };
  }
  const [mode] = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode = WAL");
  const [timeout] = await client.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA busy_timeout");
  return { journalMode: mode.journal_mode, busyTimeoutMs: Number(Object.values(timeout)[0]) };
}
