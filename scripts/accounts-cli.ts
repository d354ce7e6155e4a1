// Operator commands on accounts, run against DATABASE_URL (default data/app.db):
//   npm run --silent account:create-instructor -- --email <email> --name <name> [--password-stdin]
//   npm run --silent account:reset-password -- --email <email> [--password-stdin]
// The new password is read from the first line of stdin with --password-stdin; otherwise a
// strong one is generated and printed once. Exit codes: 0 done, 1 refused (weak password,
// email taken or unknown, database not set up), 2 usage error.
import { parseArgs } from "node:util";
import { createInstructor, generatePassword, resetPassword } from "../lib/accounts";
import { prisma } from "../lib/db";
import { DomainError } from "../lib/domain-errors";

const USAGE = `usage:
  npm run --silent account:create-instructor -- --email <email> --name "<name>" [--password-stdin]
  npm run --silent account:reset-password -- --email <email> [--password-stdin]

  --password-stdin  read the new password from the first line of stdin
                    (without it a strong password is generated and printed once)`;

class UsageError extends Error {}

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("--password-stdin reads a pipe (echo … | npm run …), not a terminal");
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  const line = text.split(/\r?\n/)[0] ?? "";
  if (!line) throw new UsageError("--password-stdin: stdin was empty");
  return line;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { email: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean" }, help: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (command !== "create-instructor" && command !== "reset-password") throw new UsageError(command ? `unknown command ${command}` : "no command given");
  if (!values.email) throw new UsageError("--email is required");
  if (command === "create-instructor" && !values.name) throw new UsageError("--name is required");
  if (command === "reset-password" && values.name) throw new UsageError("--name is only for create-instructor");

  const given = values["password-stdin"] ? await readPasswordFromStdin() : null;
  const password = given ?? generatePassword();
  await assertDatabaseReady();
  if (command === "create-instructor") {
    const user = await createInstructor({ email: values.email, name: values.name!, password });
    console.log(`created instructor ${user.email} (${user.name})`);
  } else {
    const result = await resetPassword({ email: values.email, password });
    console.log(`new password set for ${result.email}; signed out of ${result.sessionsEnded} session${result.sessionsEnded === 1 ? "" : "s"}`);
  }
  if (!given) console.log(`password (shown once; change it at /account/password after signing in): ${password}`);
  return 0;
}

/** A database without the tables (never set up) gets a sentence, not Prisma's stack trace. */
async function assertDatabaseReady(): Promise<void> {
  try {
    await prisma.user.count();
  } catch {
    throw new DatabaseNotReadyError();
  }
}

class DatabaseNotReadyError extends Error {
  constructor() {
    super("the database is not set up: run `npm run db:setup` (or `npm start`) first, with the same DATABASE_URL");
  }
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (e instanceof DomainError || e instanceof DatabaseNotReadyError) {
      console.error(`error: ${e.message}`);
      process.exitCode = 1;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  })
  .finally(() => prisma.$disconnect());
