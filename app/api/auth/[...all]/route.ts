// better-auth's endpoints (/api/auth/sign-up/email, /sign-in/email, /sign-out, /get-session...),
// behind the HTTP layer's account wrapper (body limit, UTF-8 only, the trusted client address).
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth";
import { accountRoute } from "@/lib/http/route";
import { AUTH_BODY_MAX_BYTES } from "@/lib/limits";

const handlers = toNextJsHandler(auth);

export const GET = accountRoute(handlers.GET, AUTH_BODY_MAX_BYTES);
export const POST = accountRoute(handlers.POST, AUTH_BODY_MAX_BYTES);
