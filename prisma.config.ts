// Prisma CLI configuration: JavaScript schema engine through a driver adapter (better-sqlite3
// for a SQLite file, pg for PostgreSQL), so migrations run offline without Prisma's native
// engine binaries. DATABASE_URL picks the provider, and with it the schema and the migrations
// folder (lib/database-file.ts PRISMA_PATHS): prisma/ for SQLite, prisma/postgresql/ for
// PostgreSQL. `--schema` on the command line still wins (postinstall generates both clients).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { BUSY_TIMEOUT_MS, PRISMA_PATHS, databaseFile, databaseProvider, databaseUrl } from "./lib/database-file";

// The CLI would otherwise try to download native engines it never uses (we are offline).
const placeholder = path.join(__dirname, "prisma", "engine-placeholder.txt");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= placeholder;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ||= placeholder;
// schema.prisma names env("DATABASE_URL"); keep it defined for every CLI command.
process.env.DATABASE_URL ||= databaseUrl();

const provider = databaseProvider();

export default defineConfig({
  schema: PRISMA_PATHS[provider].schema,
  migrations: { path: PRISMA_PATHS[provider].migrations },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    if (provider === "postgresql") return new PrismaPg({ connectionString: databaseUrl() });
    return new PrismaBetterSQLite3({ url: `file:${databaseFile()}`, timeout: BUSY_TIMEOUT_MS });
  },
});
