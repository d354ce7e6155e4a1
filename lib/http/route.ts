// The one HTTP layer of the app's JSON routes, in the spirit of t3's protectedProcedure: a route
// declares who may call it and what it takes, and `route()` does the rest the same way for all:
//   1. CSRF: a state-changing request must come from this site (lib/http/origin.ts) → 403
//   2. who: the session, checked before the body is read → 401 / 403
//   3. path parameters and query string, parsed with zod → 404 / 400
//   4. the body: JSON only (415), at most the route's limit (413), UTF-8 with no lone surrogates
//      and parsed with the route's zod schema (400)
//   5. the handler; what it returns is sent as JSON, never cached
//   6. errors: DomainError / HttpError as their 4xx in the {"error": {code, message}} shape,
//      anything else logged and answered 500 without details.
// Routes stay thin: they call one domain function in lib/ with what this hands them.
import { z } from "zod";
import { assertInstructor } from "../actor";
import { UnauthenticatedError } from "../domain-errors";
import { isWellFormed } from "../text";
import { getViewer, type Viewer } from "../viewer";
import { isJsonContentType, parseJsonBytes, readBytes, readJsonBody, type BodyRead } from "./body";
import { CLIENT_ADDRESS_HEADER, clientAddressHeaderTrusted, clientAddressOf } from "./client-address";
import { errorResponse, HttpError, internalError, json } from "./errors";
import { assertSameOrigin } from "./origin";

export type Access = "anyone" | "signed-in" | "instructor";

export interface JsonBodySpec<B> {
  schema: z.ZodType<B>;
  maxBytes: number;
  /** A valid body, quoted in the 400 message ('The request body must be JSON like ...'). */
  example: string;
  /** Said when the body is over maxBytes (413). */
  tooLarge?: string;
  /** An empty body is parsed as `{}` instead of being refused. */
  optional?: boolean;
}

/** The body as read, unparsed: for a domain function that validates and words it itself (grading). */
export interface RawBodySpec {
  raw: true;
  maxBytes: number;
}

export interface RouteSpec<A extends Access, P, Q, B> {
  access: A;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: JsonBodySpec<B> | RawBodySpec;
}

export interface RouteInput<A extends Access, P, Q, B> {
  request: Request;
  viewer: A extends "anyone" ? null : Viewer;
  params: P;
  query: Q;
  body: B;
  /** The client's address as the app's server saw it (lib/http/client-address.ts), or null. */
  clientAddress: string | null;
}

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type RouteHandler = (request: Request, ctx?: NextContext) => Promise<Response>;

/** Longest path parameter looked at: anything longer names nothing. */
const MAX_PARAM_LENGTH = 200;

async function viewerFor(access: Access, request: Request): Promise<Viewer | null> {
  if (access === "anyone") return null;
  const viewer = await getViewer(request.headers);
  if (access === "instructor") assertInstructor(viewer);
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

async function paramsOf<P>(ctx: NextContext | undefined, schema: z.ZodType<P> | undefined): Promise<P> {
  const raw = (await ctx?.params) ?? {};
  for (const value of Object.values(raw)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string" && (v.length > MAX_PARAM_LENGTH || !isWellFormed(v))) throw new HttpError(404, "not-found", "Not found.");
    }
  }
  if (!schema) return raw as P;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(404, "not-found", "Not found.");
  return parsed.data;
}

function queryOf<Q>(request: Request, schema: z.ZodType<Q> | undefined): Q {
  if (!schema) return undefined as Q;
  const first: Record<string, string> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in first)) first[k] = v;
  const parsed = schema.safeParse(first);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  const where = issues[0]?.path ? `${issues[0].path}: ` : "";
  throw new HttpError(400, "invalid-query", `Invalid query string: ${where}${issues[0]?.message ?? "malformed"}`, { issues });
}

/** Refuses a body that is not declared as JSON before reading it (415). */
function assertJsonBody(request: Request): void {
  const type = request.headers.get("content-type");
  const length = request.headers.get("content-length");
  const empty = length === "0" || (request.body === null && !type);
  if (!empty && !isJsonContentType(type)) {
    throw new HttpError(415, "unsupported-media-type", 'Send the request body as JSON, with "Content-Type: application/json".');
  }
}

async function bodyOf<B>(request: Request, spec: JsonBodySpec<B> | RawBodySpec | undefined): Promise<B> {
  if (!spec) return undefined as B;
  assertJsonBody(request);
  const read = await readJsonBody(request, spec.maxBytes);
  if ("raw" in spec) return read as B;
  return parseBody(read, spec);
}

function parseBody<B>(read: BodyRead, spec: JsonBodySpec<B>): B {
  const malformed = `The request body must be JSON like ${spec.example}.`;
  if (!read.ok) {
    if (read.reason === "too-large") throw new HttpError(413, "too-large", spec.tooLarge ?? `The request body is too large: the limit is ${Math.round(spec.maxBytes / 1024)} KB.`);
    throw new HttpError(400, "invalid-body", malformed);
  }
  const value = read.value === undefined && spec.optional ? {} : read.value;
  const parsed = spec.schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // A field's own message when one field is wrong; the expected shape when the body is not an object.
  throw new HttpError(400, "invalid-body", issue?.path.length ? issue.message : malformed);
}

/** A Next.js route handler for `handler`, with everything listed at the top of this file done first. */
export function route<A extends Access, P = Record<string, string>, Q = undefined, B = undefined>(
  spec: RouteSpec<A, P, Q, B>,
  handler: (input: RouteInput<A, P, Q, B>) => Promise<Response | object>,
): RouteHandler {
  return async (request, ctx) => {
    try {
      await assertSameOrigin(request);
      const viewer = await viewerFor(spec.access, request);
      const params = await paramsOf(ctx, spec.params);
      const query = queryOf(request, spec.query);
      const body = await bodyOf<B>(request, spec.body);
      const result = await handler({
        request,
        viewer: viewer as RouteInput<A, P, Q, B>["viewer"],
        params,
        query,
        body,
        clientAddress: clientAddressOf(request.headers),
      });
      return result instanceof Response ? result : json(result);
    } catch (e) {
      return errorResponse(e) ?? internalError(e, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}

/**
 * better-auth's own routes (app/api/auth/[...all]). It checks origins, sessions and its bodies
 * itself; this adds what it lacks: a size limit on the body (413), no body that is not UTF-8 or
 * holds lone surrogates (400: it would try to store them), and a plain 500 for anything
 * unexpected. The client-address header is dropped unless the app's server set it, so its
 * per-address limits never take a client's word for who it is.
 */
export function accountRoute(handler: (request: Request) => Promise<Response>, maxBytes: number): RouteHandler {
  return async (request) => {
    try {
      const headers = new Headers(request.headers);
      if (!clientAddressHeaderTrusted()) headers.delete(CLIENT_ADDRESS_HEADER);
      let body: Uint8Array | undefined;
      if (request.method !== "GET" && request.method !== "HEAD") {
        const bytes = await readBytes(request, maxBytes);
        if (bytes === null) throw new HttpError(413, "too-large", `The request body is too large: the limit is ${Math.round(maxBytes / 1024)} KB.`);
        if (bytes.byteLength > 0 && isJsonContentType(headers.get("content-type"))) parseJsonBytes(bytes);
        body = bytes;
      }
      return await handler(new Request(request.url, { method: request.method, headers, body: body && new Uint8Array(body) }));
    } catch (e) {
      return errorResponse(e) ?? internalError(e, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
}

export { json };
export type { BodyRead };
