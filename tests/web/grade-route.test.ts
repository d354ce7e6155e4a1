// POST /api/exercises/<slug>/<run|submit>, called as Next.js calls the route handler: every bad
// request gets a clear 4xx JSON message (never a stack trace), and good ones are graded.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "../../app/api/exercises/[slug]/[mode]/route";
import { closeGraderPool } from "../../grader/pool";
import { identifyLearner, MAX_CODE_BYTES, redactHidden } from "../../lib/grading";
import { CLIENT_ADDRESS_HEADER, trustClientAddressHeader } from "../../lib/http/client-address";
import type { GradeResult } from "../../grader/types";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import { QUEUE_BOUNDS } from "../../grader/limits";

const SLUG = "01-rnn-step";
const exerciseFile = (f: string) => readFileSync(path.join(process.cwd(), "exercises", SLUG, f), "utf8");

// As the app's server does before any request (lib/http/server.ts).
trustClientAddressHeader();

let ipCounter = 0;
/** Each request comes from its own address unless told otherwise, so buckets never collide. */
function call(slug: string, mode: string, body: BodyInit | null, init: { ip?: string; headers?: Record<string, string> } = {}) {
  const ip = init.ip ?? `10.0.0.${++ipCounter}`;
  const request = new Request(`http://localhost/api/exercises/${slug}/${mode}`, {
    method: "POST",
    headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: ip, ...init.headers },
    body,
    // Needed by Node for a streamed body.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return POST(request, { params: Promise.resolve({ slug, mode }) });
}

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.message).not.toMatch(/\n\s+at |Error:/); // no stack trace, no raw exception
  return body.error;
}

afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await closeGraderPool();
});

describe("validation", () => {
  it("unknown exercise → 404 JSON", async () => {
    const res = await call("99-no-such-thing", "run", JSON.stringify({ code: "" }));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await errorOf(res)).toMatchObject({ code: "unknown-exercise" });
  });

  it("a slug that is not a slug (path tricks) → 404", async () => {
    const res = await call("../package.json", "run", JSON.stringify({ code: "" }));
    expect(res.status).toBe(404);
  });

  it("unknown action → 404", async () => {
    const res = await call(SLUG, "grade-everything", JSON.stringify({ code: "" }));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toContain("run or submit");
  });

  it("malformed JSON → 400 with a message", async () => {
    const res = await call(SLUG, "run", '{"code": "export function');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/JSON/);
  });

  it("empty body → 400", async () => {
    const res = await call(SLUG, "run", null);
    expect(res.status).toBe(400);
  });

  it.each([
    ["no code", {}],
    ["code is a number", { code: 42 }],
    ["code is null", { code: null }],
    ["an array", [1, 2]],
    ["a string", "export function rnnStep() {}"],
  ])("wrong shape (%s) → 400", async (_name, body) => {
    const res = await call(SLUG, "submit", JSON.stringify(body));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid-body");
  });

  it("code over 64 KB → 413 saying what the limit is", async () => {
    const code = `export const x = 1;\n// ${"a".repeat(MAX_CODE_BYTES)}`;
    const res = await call(SLUG, "run", JSON.stringify({ code }));
    expect(res.status).toBe(413);
    const err = await errorOf(res);
    expect(err.code).toBe("too-large");
    expect(err.message).toContain("64 KB");
  });

  it("the limit counts bytes, not characters", async () => {
    const code = "é".repeat(MAX_CODE_BYTES / 2 + 10); // fewer than 64 K characters, more than 64 KB
    expect(code.length).toBeLessThan(MAX_CODE_BYTES);
    const res = await call(SLUG, "run", JSON.stringify({ code }));
    expect(res.status).toBe(413);
  });

  it("a huge streamed body is cut off with 413 without being read whole", async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 50 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await call(SLUG, "run", stream);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it("a declared Content-Length over the limit → 413 at once", async () => {
    const res = await call(SLUG, "run", JSON.stringify({ code: "x" }), { headers: { "content-length": String(10 * 1024 * 1024) } });
    expect(res.status).toBe(413);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After and a message saying when to retry, per client", async () => {
    vi.stubEnv("RATE_LIMIT_PER_MINUTE", "6");
    vi.stubEnv("RATE_LIMIT_BURST", "2");
    const ip = "192.0.2.77";
    // Invalid bodies are cheap to send and still count against the limit.
    expect((await call(SLUG, "run", "{}", { ip })).status).toBe(400);
    expect((await call(SLUG, "run", "{}", { ip })).status).toBe(400);
    const limited = await call(SLUG, "run", "{}", { ip });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10); // 6 per minute: one every 10 s
    const err = await errorOf(limited);
    expect(err.code).toBe("rate-limited");
    expect(err.message).toContain(`${retryAfter} second`);
    // Another client is not affected.
    expect((await call(SLUG, "run", "{}", { ip: "192.0.2.78" })).status).toBe(400);
  });

  it("queues a learner's Submits behind their running one, and answers 429 already-grading past the bound", async () => {
    const ip = "192.0.2.90";
    const slow = exerciseFile("reference.ts").replace(/\{/, "{ let waste = 0; for (let i = 0; i < 2e6; i++) waste += Math.sqrt(i); if (waste < 0) throw 0;");
    // One running, QUEUE_BOUNDS.waitingPerLearner waiting, and one more.
    const n = QUEUE_BOUNDS.waitingPerLearner + 2;
    const replies = await Promise.all(Array.from({ length: n }, () => call(SLUG, "submit", JSON.stringify({ code: slow }), { ip })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(n - 1).fill(200), 429]);
    const refused = replies.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(refused)).toMatchObject({ code: "already-grading", message: expect.stringMatching(/still being graded/) });
  }, 120_000);

  it("keys on the address the app's server saw, never on what the client says", async () => {
    const h = new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" });
    expect((await identifyLearner(h)).key).toBe("ip:203.0.113.9");
    expect((await identifyLearner(new Headers({ "x-forwarded-for": "6.6.6.6" }))).key).toBe("ip:unknown");
    // One IPv6 client is one /64.
    expect((await identifyLearner(new Headers({ [CLIENT_ADDRESS_HEADER]: "2001:db8:1:2:3:4:5:6" }))).key).toBe("ip:2001:db8:1:2::/64");
  });
});

describe("grading through the pool", () => {
  it("Run grades the visible examples and shows their inputs", async () => {
    const res = await call(SLUG, "run", JSON.stringify({ code: exerciseFile("starter.ts") }));
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: GradeResult };
    expect(result.mode).toBe("run");
    expect(result.status).toBe("fail");
    expect(result.tests.length).toBeGreaterThan(0);
    for (const t of result.tests) {
      expect(t.kind).toBe("visible");
      expect(t.input).toBeDefined();
    }
  }, 60_000);

  it("Submit of the reference passes every test; hidden ones carry no inputs or values", async () => {
    const res = await call(SLUG, "submit", JSON.stringify({ code: exerciseFile("reference.ts") }));
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: GradeResult };
    expect(result.status).toBe("pass");
    expect(result.passed).toBe(result.total);
    const hidden = result.tests.filter((t) => t.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    for (const t of hidden) {
      expect(t).not.toHaveProperty("input");
      expect(t).not.toHaveProperty("expected");
      expect(t).not.toHaveProperty("actual");
    }
    expect(result.tests.some((t) => t.kind === "random")).toBe(true);
    expect(Number.isInteger(result.seed)).toBe(true);
  }, 60_000);

  it("the client cannot choose the seed", async () => {
    const code = exerciseFile("reference.ts");
    const res = await call(SLUG, "submit", JSON.stringify({ code, seed: 1 }));
    const { result } = (await res.json()) as { result: GradeResult };
    const again = await call(SLUG, "submit", JSON.stringify({ code, seed: 1 }));
    const second = ((await again.json()) as { result: GradeResult }).result;
    expect(result.seed === 1 && second.seed === 1).toBe(false);
  }, 60_000);
});

describe("redactHidden", () => {
  it("strips inputs and values from hidden tests, whatever the grader sent", () => {
    const result = {
      tests: [
        { name: "h", kind: "hidden", hidden: true, status: "fail", input: [[1, 2]], expected: [3], actual: [4], message: "off", durationMs: 1 },
        { name: "v", kind: "visible", hidden: false, status: "fail", input: [[5]], expected: [6], actual: [7], durationMs: 1 },
      ],
    } as unknown as GradeResult;
    const out = redactHidden(result);
    // Only the policy's fields, and the category's fixed sentence instead of the grader's words.
    expect(out.tests[0]).toEqual({ name: "h", kind: "hidden", hidden: true, status: "fail", category: "wrong-value", message: HIDDEN_CATEGORIES["wrong-value"], durationMs: 0 });
    expect(out.tests[1]).toMatchObject({ input: [[5]], expected: [6], actual: [7] });
  });
});
