// A web server's grading side for bench/queue.ts, without Next.js: the same domain call the
// Submit route makes (lib/grading.ts gradeSubmission, through whichever grading backend the
// environment selects), behind a bare node:http server on 127.0.0.1. Requests carry the learner
// (the benchmark's accounts, made here in the app's database); answers carry what the route's
// would: the HTTP status, the verdict, and the stored submission's id.
//   POST /users {"count": n}                       → {"ids": [...]}
//   POST /grade {"userId", "slug", "mode", "code"} → {"status", "verdict"?, "passed"?, "submissionId"?, "code"?}
// Prints "front listening <port>" once it can grade.
import { randomUUID } from "node:crypto";
import http from "node:http";
import { z } from "zod";
import { prisma } from "../lib/db";
import { syncOnce } from "../lib/exercise-sync";
import { gradeSubmission } from "../lib/grading";
import { getGradingBackend } from "../lib/grading-backend";

const usersBody = z.object({ count: z.number().int().min(1).max(500) });
const gradeBody = z.object({ userId: z.string(), slug: z.string(), mode: z.enum(["run", "submit"]), code: z.string() });

async function read(req: http.IncomingMessage): Promise<unknown> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return JSON.parse(text);
}

async function handle(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
  if (req.method === "POST" && req.url === "/users") {
    const { count } = usersBody.parse(await read(req));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      await prisma.user.create({ data: { id, name: `bench learner ${i}`, email: `${id}@bench.example`, role: "learner" } });
      ids.push(id);
    }
    return { status: 200, body: { ids } };
  }
  if (req.method === "POST" && req.url === "/grade") {
    const { userId, slug, mode, code } = gradeBody.parse(await read(req));
    const outcome = await gradeSubmission({ slug, mode, body: { code }, learner: { key: `user:${userId}`, userId, actor: { id: userId, role: "learner" } } });
    if (!outcome.ok) return { status: outcome.status, body: { status: outcome.status, code: outcome.code, retryAfterSeconds: outcome.retryAfterSeconds } };
    return {
      status: 200,
      body: { status: 200, verdict: outcome.result.status, passed: outcome.result.passed, total: outcome.result.total, submissionId: outcome.submission?.id },
    };
  }
  return { status: 404, body: { error: "not found" } };
}

async function main(): Promise<void> {
  await syncOnce();
  await (await getGradingBackend()).start();
  const server = http.createServer((req, res) => {
    handle(req).then(
      ({ status, body }) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      },
      (e: Error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: e.message }));
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    console.log(`front listening ${port}`);
  });
  const stop = async () => {
    server.close();
    await (await getGradingBackend()).close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
