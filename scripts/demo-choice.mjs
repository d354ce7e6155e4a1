// Whether the database setup creates the demo accounts, whose passwords are published in the
// README. Only when asked for (`--demo`, SEED_DEMO=1), or on the first start of a local
// install (a new database and no BETTER_AUTH_URL, i.e. nobody configured a public address):
// `npm install && npm start` then has someone to sign in as, while a deployment, which sets
// BETTER_AUTH_URL, never gets a published instructor password as its only way in.
// SEED_DEMO=0 (or the older SKIP_DEMO_SEED=1) refuses them even on a first start.

/**
 * @param {{ env: Record<string, string | undefined>, args: Iterable<string>, firstStart: boolean }} input
 * @returns {{ seed: boolean, reason: "asked" | "first-local-start" | "refused" | "not-asked" }}
 */
export function demoChoice({ env, args, firstStart }) {
  const flags = new Set(args);
  if (flags.has("--demo") || env.SEED_DEMO === "1") return { seed: true, reason: "asked" };
  if (flags.has("--no-demo") || env.SEED_DEMO === "0" || env.SKIP_DEMO_SEED === "1") return { seed: false, reason: "refused" };
  if (firstStart && !env.BETTER_AUTH_URL?.trim()) return { seed: true, reason: "first-local-start" };
  return { seed: false, reason: "not-asked" };
}

/** The lines printed when demo accounts were made or are there (one notice, hard to miss). */
export function demoNotice(demo, reason) {
  const lines = [
    "db: ======================================================================",
    reason === "first-local-start"
      ? "db: DEMO ACCOUNTS: this is the first start of a local install, so demo accounts were made"
      : "db: DEMO ACCOUNTS are in this database",
    `db:   instructor ${demo.instructor.email} / ${demo.instructor.password}`,
    `db:   learner    ${demo.learner.email} / ${demo.learner.password}; classroom "${demo.classroom.name}", join code ${demo.classroom.joinCode}`,
    "db:   These passwords are published in the README: anyone can sign in with them.",
    "db:   For a real deployment: a new database with SEED_DEMO=0 (or BETTER_AUTH_URL set), then",
    'db:   npm run account:create-instructor -- --email you@example.org --name "Your Name"',
    "db: ======================================================================",
  ];
  return lines.join("\n");
}
