// A second "web server" for multi-server.test.ts: its own process, Prisma client and in-process
// caches, on the same database (the environment tests/db/helpers.ts made). Does one thing named
// by argv[2] and prints the outcome as JSON.
import { auth } from "../../lib/auth";
import { prisma } from "../../lib/db";
import { publishChange } from "../../lib/live";
import { gradingLimiter } from "../../lib/rate-limit";

const ORIGIN = "http://localhost:43127";

async function main(): Promise<unknown> {
  const [what, arg] = process.argv.slice(2);
  switch (what) {
    case "publish":
      await publishChange(JSON.parse(arg));
      return { published: true };
    case "sign-out": {
      const res = await auth.handler(
        new Request(`${ORIGIN}/api/auth/sign-out`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN, cookie: arg }, body: "{}" }),
      );
      return { status: res.status };
    }
    case "take": {
      // Waits for the start line so both processes take at the same moment.
      const [key, count, startAt] = JSON.parse(arg) as [string, number, number];
      await prisma.user.count(); // connect first
      await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
      const decisions = await Promise.all(Array.from({ length: count }, () => gradingLimiter().take(key)));
      return { allowed: decisions.filter((d) => d.allowed).length };
    }
    default:
      throw new Error(`unknown command ${what}`);
  }
}

main().then(
  async (out) => {
    process.stdout.write(JSON.stringify(out));
    await prisma.$disconnect();
  },
  async (e) => {
    console.error(e);
    await prisma.$disconnect();
    process.exit(1);
  },
);
