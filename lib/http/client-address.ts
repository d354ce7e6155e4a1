// Who is on the other end of a request, for rate limits and backoff. The app's server
// (lib/http/server.ts, what `npm start` runs) decides it once per request from the TCP
// connection, or from X-Forwarded-For only through TRUSTED_PROXY_COUNT reverse proxies, and hands
// it to the route code in one header that it always overwrites. Nothing else is believed: a client
// that rotates X-Forwarded-For is still the same connection.
import { isIP } from "node:net";

/** Set by the app's server on every request (any value the client sent is replaced). */
export const CLIENT_ADDRESS_HEADER = "x-client-address";

const TRUSTED = Symbol.for("rnn-grader.client-address-header-trusted");
type TrustGlobal = typeof globalThis & { [TRUSTED]?: boolean };

/**
 * Called by the app's server before it handles any request (and by tests that call route
 * handlers directly): from then on CLIENT_ADDRESS_HEADER is the server's own. Served any other
 * way (`next dev`, `next start`) the header could come from the client, so it is ignored and every
 * client shares the one "unknown" address: limits then hold for everyone together.
 */
export function trustClientAddressHeader(): void {
  (globalThis as TrustGlobal)[TRUSTED] = true;
}

export function clientAddressHeaderTrusted(): boolean {
  return (globalThis as TrustGlobal)[TRUSTED] === true;
}

/** TRUSTED_PROXY_COUNT: how many reverse proxies in front of the app append to X-Forwarded-For (default 0). */
export function trustedProxyCount(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TRUSTED_PROXY_COUNT ?? "0");
  return Number.isInteger(n) && n >= 0 && n <= 10 ? n : 0;
}

/** "::ffff:192.0.2.1" → "192.0.2.1"; anything that is not an IP address → null. */
export function normalizeAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  const value = raw.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped && isIP(mapped[1]) === 4) return mapped[1];
  return isIP(value) ? value.toLowerCase() : null;
}

/**
 * The client's address: the connection's peer when no proxy is trusted; behind `proxies` trusted
 * reverse proxies, the address the outermost of them saw, which is the `proxies`-th entry of
 * X-Forwarded-For counted from the right (each proxy appends the peer it saw). Entries left of
 * that are whatever the client wrote and are never used.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, proxies: number): string | null {
  const socket = normalizeAddress(peer);
  if (proxies === 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = [...header.split(",").map((s) => s.trim()).filter(Boolean), socket ?? ""];
  // Fewer hops than proxies: the request did not come through all of them; take the leftmost.
  const index = Math.max(0, hops.length - 1 - proxies);
  return normalizeAddress(hops[index]) ?? socket;
}

/** The address the app's server put on this request, or null when it is not known. */
export function clientAddressOf(headers: Headers): string | null {
  if (!clientAddressHeaderTrusted()) return null;
  return normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER));
}

/**
 * The key limits are counted under: an IPv4 address as it is, an IPv6 address by its /64 (one
 * household or server gets a whole /64 and could rotate through it), "unknown" when not known.
 */
export function addressKey(address: string | null): string {
  if (!address) return "unknown";
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
