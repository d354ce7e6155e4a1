// The production server `npm start` runs (scripts/start.mjs compiles this file and starts it):
// Next.js behind a plain node:http server that looks at each request before Next.js does.
//   - The client's address is decided here, once, from the TCP connection (or X-Forwarded-For
//     through TRUSTED_PROXY_COUNT proxies) and put in CLIENT_ADDRESS_HEADER, replacing whatever
//     the client sent (lib/http/client-address.ts). Next.js alone cannot do this: it keeps a
//     client's own X-Forwarded-For and drops the connection's address.
//   - Requests Next.js would answer with a 500 are answered here with a 4xx (request-target.ts):
//     a method no route serves (TRACE, PROPFIND...), a request target that is not a path ("*",
//     "http://..."), a path whose %-encoding does not decode to UTF-8 or hides a "/" in a segment.
import http from "node:http";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress, trustClientAddressHeader, trustedProxyCount } from "./client-address";
import { refusalOf, type Refusal } from "./request-target";

function refuse(req: http.IncomingMessage, res: http.ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
  res.writeHead(refusal.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...refusal.headers,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

async function main(): Promise<void> {
  // What `next start` does: the server below is the production one.
  Object.assign(process.env, { NODE_ENV: "production" });
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOSTNAME_BIND || undefined;
  const proxies = trustedProxyCount();
  trustClientAddressHeader();

  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    const refusal = refusalOf(req.method, req.url);
    if (refusal) return refuse(req, res, refusal);
    const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], proxies);
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete req.headers[CLIENT_ADDRESS_HEADER];
    handle(req, res).catch((e: unknown) => {
      console.error(`${req.method} ${req.url}:`, e);
      if (!res.headersSent) refuse(req, res, { status: 500, code: "internal", message: "Something went wrong on the server. Please try again." });
      else res.destroy();
    });
  });
  server.listen(port, hostname, () => {
    console.log(`server: listening on http://${hostname ?? "localhost"}:${port} (trusted proxies: ${proxies})`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      process.exit(0);
    });
  }
}

main().catch((e: unknown) => {
  console.error("server: could not start:", e);
  process.exit(1);
});
