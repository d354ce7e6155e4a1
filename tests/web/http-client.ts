// A hostile HTTP client for the black-box web tests: raw node:http requests (any method, any
// bytes in the path, any body and content type, X-Forwarded-For of our choosing), with the
// session cookie of whoever signed in.
import http from "node:http";

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

export interface SendOptions {
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Cookie header of a signed-in user. */
  cookie?: string;
  timeoutMs?: number;
}

/** One request with exactly this method and request target (nothing is re-encoded). */
export function send(baseUrl: string, method: string, target: string, options: SendOptions = {}): Promise<Reply> {
  const url = new URL(baseUrl);
  const headers: Record<string, string | number> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers["content-length"] = Buffer.byteLength(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: target, headers, agent: false, timeout: options.timeoutMs ?? 60_000 },
      (res) => {
        // A server-sent-events stream never ends: its status and headers are the answer.
        if (String(res.headers["content-type"] ?? "").startsWith("text/event-stream")) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: "", json: {} });
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${method} ${target}: no answer in time`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

/** The Cookie header to send back, from a response's Set-Cookie lines. */
export function cookieFrom(reply: Reply): string {
  const lines = reply.headers["set-cookie"] ?? [];
  return lines.map((l) => l.split(";")[0]).join("; ");
}

/** What a browser on the app's own page sends with a JSON request. */
export function sameOrigin(baseUrl: string): Record<string, string> {
  return { origin: new URL(baseUrl).origin, "content-type": "application/json" };
}

export async function signIn(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send(baseUrl, "POST", "/api/auth/sign-in/email", {
    headers: { ...sameOrigin(baseUrl), ...headers },
    body: JSON.stringify({ email, password }),
  });
}

export async function signUp(baseUrl: string, body: { email: string; password: string; name: string }, headers: Record<string, string> = {}): Promise<Reply> {
  return send(baseUrl, "POST", "/api/auth/sign-up/email", { headers: { ...sameOrigin(baseUrl), ...headers }, body: JSON.stringify(body) });
}

let counter = 0;
/** A fresh made-up client address for X-Forwarded-For, as an attacker rotating it would send. */
export function spoofedAddress(): string {
  counter++;
  return `198.18.${Math.floor(counter / 250) % 250}.${(counter % 250) + 1}`;
}
