// Malformed requests to every route of the production build, as nobody, a learner and an
// instructor: bad %-encoding and junk in path segments, odd query strings, methods a route does
// not serve, bodies that are not JSON, not UTF-8, too large or of the wrong type, server-action
// shaped requests, and raw request lines no browser sends. Nothing may answer 5xx.
// The routes come from the build's own manifest, so a new route is fuzzed without editing this.
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFrom, send, signIn, type SendOptions } from "./http-client";
import { ensureProductionBuild, projectRoot, startProductionServer, type RunningServer } from "./server";

const DEMO = JSON.parse(readFileSync(path.join(projectRoot, "prisma", "demo.json"), "utf8")) as {
  instructor: { email: string; password: string };
  learner: { email: string; password: string };
};

let server: RunningServer;
let who: { name: string; cookie?: string }[];
let routes: string[];
/** A real value for each kind of path parameter, so that the route behind the junk is reached. */
const realParams: Record<string, string> = { slug: "01-rnn-step", mode: "run", all: "get-session" };

const SEGMENT_JUNK = ["%", "%E0%A4%A", "%ED%A0%80", "%00", "..%2F..%2Fpackage.json", "a%20b%0A", "x".repeat(3000), "%F0%9F%92%A9"];
const QUERY_JUNK = ["?%", "?next=%ED%A0%80", "?next=//evil.example", "?page=-1", "?page=1e309", "?limit=abc&limit=2", "?kind=hack", "?exercise=%00&from=%ff", `?${"a=1&".repeat(1500)}`, "?code=%E2%80%A8"];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"];
const BODIES: { type?: string; body: string | Buffer }[] = [
  { type: "application/json", body: "garbage{" },
  { type: "application/json", body: "null" },
  { type: "application/json", body: "[1,2,3]" },
  { type: "application/json", body: '"just a string"' },
  { type: "application/json", body: '{"code": 12, "drafts": [], "only": {"x": 1}, "email": 5}' },
  { type: "application/json", body: '{"code":"\\ud800","drafts":{"01-rnn-step":{"code":"\\udfff"}},"name":"\\ud83d","email":"a\\ud800@x.y","password":"\\udc00\\udc00\\udc00\\udc00"}' },
  { type: "application/json", body: Buffer.from([0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0xff, 0x22, 0x7d]) },
  { type: "application/json", body: `{"code":"${"x".repeat(1024 * 1024)}"}` },
  { type: "application/json; charset=utf-16", body: '{"code":""}' },
  { type: "text/plain", body: '{"code":"export const x = 1;"}' },
  { type: "multipart/form-data; boundary=x", body: "--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nA\r\n--x--\r\n" },
  { type: "multipart/form-data; boundary=x", body: "not multipart" },
  { type: "application/x-www-form-urlencoded", body: "name=%&code=%ff" },
  { body: "" },
];

/**
 * Bodies over this are over the limit of every route they are sent to here (only the drafts
 * import takes more, and it reads what it takes in full).
 */
const HUGE_BODY_BYTES = 1024 * 1024;
/** Requests with such a body that the server refused by closing the connection. */
const refusedByClosing: string[] = [];

/** Sends every request, a few at a time, and returns those answered with a 5xx. */
async function fuzz(requests: { method: string; target: string; options: SendOptions }[]): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  async function worker() {
    while (next < requests.length) {
      const { method, target, options } = requests[next++];
      try {
        const r = await send(server.url, method, target, options);
        if (r.status >= 500) failures.push(`${method} ${target.slice(0, 120)} [${options.headers?.["content-type"] ?? "-"}] → ${r.status}`);
      } catch (e) {
        // A server may refuse a body far over every limit by closing the connection before the
        // client has finished sending it (Next.js does when a handler answers without reading
        // the body); the client then sees EPIPE or a reset instead of the answer. That is a
        // refusal, not a 5xx, and only for such a body; the server must still answer afterwards.
        const message = (e as Error).message;
        const oversized = Buffer.byteLength(options.body ?? "") > HUGE_BODY_BYTES;
        if (oversized && /EPIPE|ECONNRESET/.test(message)) {
          refusedByClosing.push(`${method} ${target}`);
          continue;
        }
        failures.push(`${method} ${target.slice(0, 120)} → no answer (${message})`);
      }
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
  return failures;
}

/** The signed-in user a route is meant for: junk is sent past the sign-in check. */
function ownerOf(route: string): string | undefined {
  return (route.startsWith("/instructor") || route.startsWith("/api/instructor") ? who[2] : who[1]).cookie;
}

function fill(route: string, param = (name: string) => realParams[name] ?? "made-up-id"): string {
  return route.replace(/\[\.\.\.([^\]]+)\]/g, (_m, name: string) => param(name)).replace(/\[([^\]]+)\]/g, (_m, name: string) => param(name));
}

beforeAll(async () => {
  ensureProductionBuild();
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, ".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  routes = [...new Set(Object.values(manifest))].filter((r) => !r.startsWith("/_"));
  server = await startProductionServer({ RATE_LIMIT_PER_MINUTE: "1000000", RATE_LIMIT_BURST: "100000" });
  const learner = cookieFrom(await signIn(server.url, DEMO.learner.email, DEMO.learner.password));
  const instructor = cookieFrom(await signIn(server.url, DEMO.instructor.email, DEMO.instructor.password));
  who = [{ name: "nobody" }, { name: "learner", cookie: learner }, { name: "instructor", cookie: instructor }];
  // Ids the instructor's pages link to, so that those routes are reached with real ids too.
  const dashboard = await send(server.url, "GET", "/instructor", { cookie: instructor });
  realParams.id = /\/instructor\/classrooms\/([\w-]+)/.exec(dashboard.text)?.[1] ?? "made-up-id";
  const classroom = await send(server.url, "GET", `/instructor/classrooms/${realParams.id}`, { cookie: instructor });
  realParams.learnerId = /\/instructor\/learners\/([\w-]+)/.exec(classroom.text)?.[1] ?? "made-up-id";
}, 600_000);

afterAll(async () => {
  await server?.stop();
}, 60_000);

describe("fuzzing every route", () => {
  it("finds the routes to fuzz in the build", () => {
    expect(routes).toContain("/api/exercises/[slug]/[mode]");
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it("junk in path segments and query strings, with every method, is never a 5xx", async () => {
    const requests: { method: string; target: string; options: SendOptions }[] = [];
    const origin = new URL(server.url).origin;
    for (const route of routes) {
      const dynamic = [...route.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
      const targets = [`${fill(route)}/extra/%`];
      for (const name of dynamic) for (const junk of SEGMENT_JUNK) targets.push(fill(route, (n) => (n === name ? junk : (realParams[n] ?? "made-up-id"))));
      for (const target of targets) {
        requests.push({ method: "GET", target, options: { cookie: ownerOf(route) } });
        requests.push({ method: "POST", target, options: { cookie: ownerOf(route), headers: { origin, "content-type": "application/json" }, body: "{}" } });
      }
      for (const query of QUERY_JUNK) requests.push({ method: "GET", target: fill(route) + query, options: { cookie: ownerOf(route) } });
      for (const method of METHODS) for (const cookie of [undefined, ownerOf(route)]) requests.push({ method, target: fill(route), options: { cookie, headers: { origin } } });
    }
    expect(await fuzz(requests)).toEqual([]);
  }, 600_000);

  it("malformed bodies of every kind, to every API route and method that takes one, are never a 5xx", async () => {
    const requests: { method: string; target: string; options: SendOptions }[] = [];
    const origin = new URL(server.url).origin;
    for (const route of routes.filter((r) => r.startsWith("/api/"))) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        for (const { type, body } of BODIES) {
          const headers: Record<string, string> = { origin };
          if (type) headers["content-type"] = type;
          requests.push({ method, target: fill(route), options: { cookie: ownerOf(route), headers, body } });
        }
      }
    }
    expect(await fuzz(requests)).toEqual([]);
  }, 600_000);

  it("server-action shaped requests to every page are never a 5xx", async () => {
    const requests: { method: string; target: string; options: SendOptions }[] = [];
    const origin = new URL(server.url).origin;
    const pages = routes.filter((r) => !r.startsWith("/api/") && !r.includes("."));
    for (const route of pages) {
      for (const action of ["7f".padEnd(42, "a"), "deadbeef"]) {
        for (const { type, body } of BODIES.slice(0, 4).concat(BODIES.slice(9, 12))) {
          for (const o of [origin, "http://evil.example"]) {
            const headers: Record<string, string> = { "next-action": action, ...(o ? { origin: o } : {}) };
            if (type) headers["content-type"] = type;
            requests.push({ method: "POST", target: fill(route), options: { cookie: who[2].cookie, headers, body } });
          }
        }
      }
    }
    expect(await fuzz(requests)).toEqual([]);
  }, 600_000);

  it("raw request lines no browser sends are never a 5xx", async () => {
    const { port, hostname } = new URL(server.url);
    const lines = [
      "GET * HTTP/1.1",
      "GET http://evil.example/ HTTP/1.1",
      "GET //evil.example/%2e%2e HTTP/1.1",
      "GET /exercises/..%2f..%2fpackage.json HTTP/1.1",
      "GET /a\\b HTTP/1.1",
      "GET /%%30%30 HTTP/1.1",
      "OPTIONS * HTTP/1.1",
      "GET /api/drafts/%C0%AE HTTP/1.0",
    ];
    const bad: string[] = [];
    for (const line of lines) {
      const head = await new Promise<string>((resolve) => {
        const socket = net.connect(Number(port), hostname, () => socket.end(`${line}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`));
        let text = "";
        socket.on("data", (d) => (text += d.toString("latin1")));
        socket.on("close", () => resolve(text.split("\r\n")[0] ?? ""));
        socket.on("error", () => resolve(""));
        socket.setTimeout(30_000, () => socket.destroy());
      });
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      if (status === 0 || status >= 500) bad.push(`${line} → ${head || "no answer"}`);
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it("a server that refused huge bodies by closing the connection still answers", async () => {
    const r = await send(server.url, "GET", "/api/auth/ok");
    expect(r.status, `after ${refusedByClosing.length} refusals by closing`).toBe(200);
  });

  it("and the server logged no unexpected error while answering all that", () => {
    const unexpected = server
      .output()
      .split("\n")
      .filter((line) => /⨯|TypeError|SyntaxError|RangeError|URIError|PrismaClient|Unhandled|Something went wrong/.test(line));
    expect(unexpected).toEqual([]);
  });
});
