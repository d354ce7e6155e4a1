// better-auth's endpoints (/api/auth/sign-up/email, /sign-in/email, /sign-out, /get-session...).
import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth";

export const { GET, POST } = toNextJsHandler(auth);
