"use server";
// Server actions of the instructor pages. Each checks the session itself: an action is a public
// endpoint whatever page its form sits on.
import { redirect } from "next/navigation";
import { assertInstructor } from "@/lib/actor";
import { createClassroom } from "@/lib/classrooms";
import { DomainError } from "@/lib/domain-errors";
import { getViewer } from "@/lib/viewer";

export interface CreateClassroomState {
  error: string | null;
  /** What was typed, kept in the field after an error. */
  name?: string;
}

export async function createClassroomAction(_prev: CreateClassroomState, form: FormData): Promise<CreateClassroomState> {
  const name = form.get("name");
  let id: string;
  try {
    const viewer = await getViewer();
    assertInstructor(viewer);
    const room = await createClassroom(viewer, typeof name === "string" ? name : "");
    id = room.id;
  } catch (e) {
    if (e instanceof DomainError) return { error: e.message, name: typeof name === "string" ? name : "" };
    throw e;
  }
  redirect(`/instructor/classrooms/${id}`);
}
