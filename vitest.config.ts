import net from "node:net";
import path from "node:path";
import { defineConfig, type ViteUserConfig } from "vitest/config";

/**
 * Whether the PostgreSQL server for the tests (TEST_POSTGRES_URL, default 127.0.0.1:5432, as on
 * the machines and in CI) accepts connections. A TCP check: the db-postgres project's setup
 * fails clearly if the server then refuses us.
 */
function postgresListening(): Promise<boolean> {
  if (process.env.TEST_POSTGRES === "0") return Promise.resolve(false);
  const url = new URL(process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres");
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port || 5432), timeout: 1500 });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const postgres = await postgresListening();
  if (!postgres) console.warn("vitest: no PostgreSQL reachable (TEST_POSTGRES_URL or 127.0.0.1:5432): tests/db runs on SQLite only");
  return {
    resolve: { alias: { "@": path.resolve(__dirname) } },
    test: {
      environment: "node",
      // Grader tests start worker processes and run hostile code against real time limits.
      testTimeout: 30_000,
      hookTimeout: 60_000,
      projects: [
        {
          extends: true,
          test: {
            name: "default",
            include: ["tests/**/*.test.ts"],
            exclude: ["tests/e2e/**", "node_modules/**"],
          },
        },
        // The database tests again on PostgreSQL (tests/db/helpers.ts gives each file a
        // throwaway database): only tests/db, not the whole suite, to keep the run short.
        // tests/db/migrations.test.ts reads SQLite's catalogue; the drift test covers both.
        ...(postgres
          ? [
              {
                extends: true as const,
                test: {
                  name: "db-postgres",
                  // …and the live class view through its route (lib/live.ts uses LISTEN/NOTIFY there).
                  include: ["tests/db/**/*.test.ts", "tests/instructor/live.test.ts"],
                  exclude: ["tests/db/migrations.test.ts", "tests/db/migration-drift.test.ts"],
                  env: { TEST_DATABASE: "postgres" },
                  globalSetup: ["tests/db/postgres-setup.ts"],
                },
              },
            ]
          : []),
      ],
    },
  };
});
