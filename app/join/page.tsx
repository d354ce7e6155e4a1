// /join and /join?code=ABCD-EFGH (a link an instructor can share): the classrooms page with the
// code filled in.
import { redirect } from "next/navigation";

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const code = (await searchParams).code;
  redirect(typeof code === "string" && code ? `/classrooms?code=${encodeURIComponent(code.slice(0, 32))}` : "/classrooms");
}
