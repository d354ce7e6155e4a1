// The HTTP layer's rules one by one, without a server: which client address is believed, which
// request targets never reach Next.js, and what every JSON route refuses before its handler runs
// (foreign origins, bodies that are not JSON, too large, not UTF-8 or with lone surrogates,
// junk in path parameters and query strings). The black-box versions are in attacks.test.ts.
import { SLUG_A as SLUG } from "../db/helpers"; // first: fresh database and exercise copies
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as authRoute from "../../app/api/auth/[...all]/route";
import * as draftRoute from "../../app/api/drafts/[slug]/route";
import * as submissionsRoute from "../../app/api/submissions/route";
import { safeNextPath } from "../../app/_lib/next-path";
import { addressKey, CLIENT_ADDRESS_HEADER, clientAddressOf, resolveClientAddress, trustClientAddressHeader } from "../../lib/http/client-address";
import { refusalOf } from "../../lib/http/request-target";
import { pageWindow } from "../../lib/pagination";
import { syncFixtureExercises } from "../db/fixtures";

const ORIGIN = "http://localhost:43129";
let cookie: string;

beforeAll(async () => {
  await syncFixtureExercises();
  const res = await authRoute.POST(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: `layer-${randomUUID().slice(0, 8)}@test.example`, password: "quiet-harbor-lantern", name: "Layer" }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
});

describe("the client's address", () => {
  it("is the connection's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.5", "1.2.3.4", 0)).toBe("203.0.113.5");
    expect(resolveClientAddress("::ffff:203.0.113.5", "1.2.3.4, 5.6.7.8", 0)).toBe("203.0.113.5");
  });

  it("behind N trusted proxies, is the entry the outermost one appended; what the client wrote is never used", () => {
    // client → proxy A (appends the client's address) → app (peer: proxy A)
    expect(resolveClientAddress("10.0.0.1", "198.51.100.7", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    // client → proxy A → proxy B → app
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1", 2)).toBe("198.51.100.7");
    // Not an address where one should be: the peer, not the junk.
    expect(resolveClientAddress("10.0.0.1", "not-an-ip", 1)).toBe("10.0.0.1");
    expect(resolveClientAddress(undefined, undefined, 0)).toBeNull();
  });

  it("counts an IPv6 client by its /64, an IPv4 client by its address", () => {
    expect(addressKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:db8:aa:bb::9")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("192.0.2.4")).toBe("192.0.2.4");
    expect(addressKey(null)).toBe("unknown");
  });

  it("is read from the app server's header only once that server said it sets it", () => {
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.9" });
    trustClientAddressHeader();
    expect(clientAddressOf(headers)).toBe("192.0.2.9");
    expect(clientAddressOf(new Headers({ [CLIENT_ADDRESS_HEADER]: "<script>" }))).toBeNull();
  });
});

describe("requests the app's server answers itself", () => {
  it.each([
    ["TRACE", "/", 405],
    ["PROPFIND", "/api/progress", 405],
    ["TRACE", "/api/progress", 405],
    ["POST", "/instructor", 405],
    ["PUT", "/exercises/01-rnn-step", 405],
    ["GET", "*", 400],
    ["GET", "http://evil.example/", 400],
    ["GET", "//evil.example/", 400],
    ["GET", "/exercises/%", 400],
    ["GET", "/exercises/%E0%A4%A", 400],
    ["GET", "/exercises/%ED%A0%80", 400],
    ["GET", "/exercises/..%2F..%2Fpackage.json", 400],
    ["GET", "/a%5Cb", 400],
  ])("%s %s → %i", (method, url, status) => {
    expect(refusalOf(method, url)?.status).toBe(status);
  });

  it("lets ordinary requests through, odd query strings included (pages parse those)", () => {
    for (const url of ["/", "/exercises/01-rnn-step", "/api/drafts/01-rnn-step", "/signin?next=%", "/submissions?page=%ff", "/caf%C3%A9"]) {
      expect(refusalOf("GET", url), url).toBeNull();
    }
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) expect(refusalOf(method, "/api/drafts/01-rnn-step"), method).toBeNull();
  });
});

describe("every JSON route, before its handler", () => {
  function put(init: { headers?: Record<string, string>; body?: BodyInit; slug?: string }) {
    const slug = init.slug ?? SLUG;
    return draftRoute.PUT(
      new Request(`${ORIGIN}/api/drafts/${slug}`, { method: "PUT", headers: { cookie, origin: ORIGIN, "content-type": "application/json", ...init.headers }, body: init.body ?? '{"code":"x"}' }),
      { params: Promise.resolve({ slug }) },
    );
  }
  async function code(res: Response) {
    return ((await res.json()) as { error?: { code: string } }).error?.code;
  }

  it("accepts this site's JSON", async () => {
    expect((await put({})).status).toBe(200);
  });

  it("refuses another site (403), and a cookie with no Origin (403)", async () => {
    const foreign = await put({ headers: { origin: "http://evil.example" } });
    expect([foreign.status, await code(foreign)]).toEqual([403, "cross-site"]);
    const crossSite = await put({ headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.status).toBe(403);
    const noOrigin = await draftRoute.PUT(
      new Request(`${ORIGIN}/api/drafts/${SLUG}`, { method: "PUT", headers: { cookie, "content-type": "application/json" }, body: '{"code":"x"}' }),
      { params: Promise.resolve({ slug: SLUG }) },
    );
    expect([noOrigin.status, await code(noOrigin)]).toEqual([403, "missing-origin"]);
  });

  it("refuses a body that is not JSON (415)", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-16"]) {
      const res = await put({ headers: { "content-type": type } });
      expect([res.status, await code(res)], type).toEqual([415, "unsupported-media-type"]);
    }
  });

  it("refuses bytes that are not UTF-8 and strings with lone surrogates (400), keys included", async () => {
    const notUtf8 = await put({ body: new Uint8Array([0x7b, 0x22, 0x63, 0x6f, 0x64, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) });
    expect([notUtf8.status, await code(notUtf8)]).toEqual([400, "invalid-encoding"]);
    for (const body of ['{"code":"a\\ud800b"}', '{"code":"\\udfff"}', '{"\\ud800":1,"code":"x"}']) {
      const res = await put({ body });
      expect([res.status, await code(res)], body).toEqual([400, "invalid-unicode"]);
    }
    // A real astral character (a surrogate pair) is fine.
    expect((await put({ body: '{"code":"// \\ud83d\\ude00 ok"}' })).status).toBe(200);
  });

  it("refuses a body over the route's limit (413) without reading it whole", async () => {
    const res = await put({ headers: { "content-length": String(50 * 1024 * 1024) } });
    expect(res.status).toBe(413);
  });

  it("answers junk in a path parameter with 404 and a bad query string with 400", async () => {
    expect((await put({ slug: "\ud800" })).status).toBe(404);
    expect((await put({ slug: "x".repeat(500) })).status).toBe(404);
    for (const q of ["limit=abc", "limit=0", "limit=100000", "kind=hack"]) {
      const res = await submissionsRoute.GET(new Request(`${ORIGIN}/api/submissions?${q}`, { headers: { cookie } }));
      expect([res.status, await code(res)], q).toEqual([400, "invalid-query"]);
    }
    const ok = await submissionsRoute.GET(new Request(`${ORIGIN}/api/submissions?limit=5&limit=abc`, { headers: { cookie } }));
    expect(ok.status).toBe(200);
  });
});

describe("account routes", () => {
  it("refuse a body over the limit and lone surrogates before better-auth sees them", async () => {
    const big = await authRoute.POST(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email: "big@test.example", password: "quiet-harbor-lantern", name: "N".repeat(100_000) }),
      }),
    );
    expect(big.status).toBe(413);
    const lone = await authRoute.POST(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: '{"email":"lone@test.example","password":"quiet-harbor-lantern","name":"\\ud800"}',
      }),
    );
    expect(lone.status).toBe(400);
  });
});

describe("after signing in, ?next=", () => {
  it("stays a path on this site in ASCII, whatever it holds", () => {
    expect(safeNextPath("/submissions")).toBe("/submissions");
    expect(safeNextPath("/caf\u00e9")).toBe("/caf%C3%A9");
    expect(safeNextPath("/\u2028x")).toBe("/%E2%80%A8x");
    expect(safeNextPath("/\ufffd")).toBe("/%EF%BF%BD");
    expect(safeNextPath("/\ud800")).toBe("/");
    expect(safeNextPath("//evil.example")).toBe("/");
    expect(safeNextPath("/\r\nSet-Cookie: x=y")).toBe("/");
    expect(safeNextPath("https://evil.example")).toBe("/");
  });
});

describe("page arithmetic", () => {
  it("turns whatever the URL holds into a page that exists", () => {
    expect(pageWindow(130, 50, "2")).toMatchObject({ page: 2, pageCount: 3, skip: 50 });
    expect(pageWindow(130, 50, "99")).toMatchObject({ page: 3, skip: 100 });
    for (const junk of [undefined, "", "0", "-1", "1e9", "abc", "2.5", ["2"]]) expect(pageWindow(130, 50, junk).page).toBe(1);
    expect(pageWindow(130, 50, undefined, "last").page).toBe(3);
    expect(pageWindow(0, 50, "7")).toMatchObject({ page: 1, pageCount: 1, skip: 0 });
  });
});

describe("one HTTP layer", () => {
  const root = path.resolve(__dirname, "..", "..");
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
    });
  }

  it("has no server actions: every state change goes through a route of lib/http", () => {
    const actions = files(path.join(root, "app")).filter((f) => /^\s*["']use server["']/m.test(readFileSync(f, "utf8")));
    expect(actions).toEqual([]);
  });

  it("every API route is built with lib/http's route() or accountRoute()", () => {
    const routes = files(path.join(root, "app", "api")).filter((f) => f.endsWith("route.ts"));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const file of routes) expect(readFileSync(file, "utf8"), path.relative(root, file)).toMatch(/from "@\/lib\/http\/route"/);
  });
});
