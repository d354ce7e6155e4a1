// Prisma CLI configuration: JavaScript schema engine through the better-sqlite3 driver adapter,
// so migrations run offline without Prisma's native engine binaries.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { BUSY_TIMEOUT_MS, databaseFile, databaseUrl } from "./lib/database-file";

// The CLI would otherwise try to download native engines it never uses (we are offline).
const placeholder = path.join(__dirname, "prisma", "engine-placeholder.txt");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= placeholder;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ||= placeholder;
// schema.prisma names env("DATABASE_URL"); keep it defined for every CLI command.
process.env.DATABASE_URL ||= databaseUrl();

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${databaseFile()}`, timeout: BUSY_TIMEOUT_MS });
  },
});
