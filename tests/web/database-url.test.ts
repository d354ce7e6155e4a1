// DATABASE_URL picks the database for the app, the Prisma CLI and the scripts alike
// (lib/database-file.ts): a SQLite file, or PostgreSQL; anything else is a clear refusal at start.
import { describe, expect, it } from "vitest";
import { PRISMA_PATHS, databaseProvider, usesPostgres } from "../../lib/database-file";

describe("DATABASE_URL", () => {
  it("a file: URL is SQLite with prisma/schema.prisma; postgresql:// and postgres:// are PostgreSQL with prisma/postgresql/", () => {
    expect(databaseProvider("file:./data/app.db")).toBe("sqlite");
    expect(databaseProvider("postgresql://user:pw@db.example:5432/rnn")).toBe("postgresql");
    expect(databaseProvider("postgres://db.example/rnn?sslmode=require")).toBe("postgresql");
    expect(usesPostgres("file:/tmp/x.db")).toBe(false);
    expect(PRISMA_PATHS.sqlite).toEqual({ schema: "prisma/schema.prisma", migrations: "prisma/migrations" });
    expect(PRISMA_PATHS.postgresql).toEqual({ schema: "prisma/postgresql/schema.prisma", migrations: "prisma/postgresql/migrations" });
  });

  it("refuses another database with the accepted forms, without echoing a password", () => {
    expect(() => databaseProvider("mysql://root:hunter2@db.example/rnn")).toThrow(/file: URL or a postgresql:\/\/ URL/);
    expect(() => databaseProvider("mysql://root:hunter2@db.example/rnn")).not.toThrow(/hunter2/);
    expect(() => databaseProvider("./data/app.db")).toThrow(/DATABASE_URL must be/);
  });
});
