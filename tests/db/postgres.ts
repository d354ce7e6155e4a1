// PostgreSQL for the tests: the server the suite may use (TEST_POSTGRES_URL, default the
// machines' and CI's 127.0.0.1:5432 with trust auth), and throwaway databases on it. Every
// database a run makes is named `rnn_t<run>_…` so a run cleans up after itself and never
// touches another's.
import net from "node:net";
import pg from "pg";

/** The maintenance database URL; databases are made and dropped through it. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** The URL of database `name` on the test server. */
export function postgresUrl(name: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Whether the test server accepts a connection and a query, within `timeoutMs`. */
export async function postgresReachable(timeoutMs = 2000): Promise<boolean> {
  const url = new URL(TEST_POSTGRES_URL);
  const port = Number(url.port || 5432);
  const open = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: url.hostname, port, timeout: timeoutMs });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
  if (!open) return false;
  try {
    await admin((c) => c.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
};

export async function createDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`CREATE DATABASE ${ident(name)}`));
}

/** A copy of `template` (which must have no open connections): migrations already applied. */
export async function createDatabaseFrom(name: string, template: string): Promise<void> {
  // Two files copying the same template at once: PostgreSQL refuses the second while the first
  // copies ("source database is being accessed"); wait and try again.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`));
      return;
    } catch (e) {
      if (attempt >= 50 || !/being accessed by other users/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

/** Databases whose names start with `prefix`. */
export async function databasesNamed(prefix: string): Promise<string[]> {
  return admin(async (c) => (await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix])).rows.map((r) => r.datname));
}
