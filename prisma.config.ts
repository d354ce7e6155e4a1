// Prisma CLI configuration: JavaScript schema engine through a driver adapter (better-sqlite3
// for a SQLite file, pg for PostgreSQL), so migrations run offline without Prisma's native
// engine binaries. DATABASE_URL picks the provider, and with it the schema and the migrations
// folder (lib/database-file.ts PRISMA_PATHS): prisma/ for SQLite, prisma/postgresql/ for
// PostgreSQL. `--schema` on the command line still wins (postinstall generates both clients).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { BUSY_TIMEOUT_MS, PRISMA_PATHS, databaseFile, databaseProvider, databaseUrl } from "./lib/database-file";

// The CLI would otherwise try to download native engines it never uses (we are offline).
const placeholder = path.join(__dirname, "prisma", "engine-placeholder.txt");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ||= placeholder;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ||= placeholder;
// schema.prisma names env("DATABASE_URL"); keep it defined for every CLI command.
process.env.DATABASE_URL ||= databaseUrl();

const provider = databaseProvider();

/** PostgreSQL's `name` type (the catalogue's identifiers) and `text`. */
const NAME_OID = 19;
const TEXT_OID = 25;

/**
 * A pg client that reports catalogue columns of type `name` as `text` (their values are strings
 * either way). Prisma 6.19's pg adapter refuses `name` ("Column type 'name' could not be
 * deserialized", prisma/orm#27403), and the schema engine reads the catalogue with it, so every
 * migrate command would fail. Only the CLI uses this; the app's queries never select `name`.
 */
class NameAsTextClient extends pg.Client {
  // pg's query() has many overloads: a promise, or a callback (pg.Pool's query uses that one).
  // Results pass through unchanged but for the field types.
  query(...args: unknown[]): never {
    const fix = (r: unknown) => {
      for (const one of Array.isArray(r) ? r : [r]) {
        for (const field of (one as { fields?: { dataTypeID: number }[] })?.fields ?? []) {
          if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
        }
      }
      return r;
    };
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (err: unknown, res: unknown) => void;
      args[last] = (err: unknown, res: unknown) => callback(err, err ? res : fix(res));
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    return (result instanceof Promise ? result.then(fix) : result) as never;
  }
}

export default defineConfig({
  schema: PRISMA_PATHS[provider].schema,
  migrations: { path: PRISMA_PATHS[provider].migrations },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    if (provider === "postgresql") return new PrismaPg({ connectionString: databaseUrl(), Client: NameAsTextClient });
    return new PrismaBetterSQLite3({ url: `file:${databaseFile()}`, timeout: BUSY_TIMEOUT_MS });
  },
});
