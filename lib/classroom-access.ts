// Who may do what in a classroom. The owner and co-instructors manage it (rename, archive, join
// code, roster, staff); teaching assistants see it, its learners and their submissions, and
// change nothing. Staff must hold instructor accounts (the instructor area is theirs); the role
// here is per classroom. Someone with no role in a classroom gets NotFound, as if it did not
// exist; a TA asking to change something gets 403. Archived classrooms are read-only: the only
// change they take is being restored.
import { z } from "zod";
import { assertInstructor, type Actor } from "./actor";
import { prisma } from "./db";
import { ConflictError, ForbiddenError, NotFoundError } from "./domain-errors";

export const STAFF_ROLES = ["co-instructor", "ta"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type ClassroomRole = "owner" | StaffRole;
export const staffRoleSchema = z.enum(STAFF_ROLES, { error: 'role must be "co-instructor" or "ta"' });

/** What each role may do: "view" the classroom, its learners and their work; "manage" it. */
const ALLOWED: Record<"view" | "manage", readonly ClassroomRole[]> = {
  view: ["owner", "co-instructor", "ta"],
  manage: ["owner", "co-instructor"],
};

export function roleMay(role: ClassroomRole, action: "view" | "manage"): boolean {
  return ALLOWED[action].includes(role);
}

/** Prisma filter: classrooms where `userId` is the owner or on the staff (any role). */
export function staffedBy(userId: string) {
  return { OR: [{ ownerId: userId }, { staff: { some: { userId } } }] };
}

const idSchema = z.string().min(1).max(64);

export interface ClassroomAccess {
  classroom: { id: string; name: string; ownerId: string; archivedAt: Date | null };
  role: ClassroomRole;
}

/** The actor's role in the classroom; NotFound when they have none (or it does not exist). */
export async function classroomAccess(actor: Actor, classroomId: string): Promise<ClassroomAccess> {
  assertInstructor(actor);
  const parsed = idSchema.safeParse(classroomId);
  const row = parsed.success
    ? await prisma.classroom.findFirst({
        where: { id: parsed.data, ...staffedBy(actor.id) },
        select: { id: true, name: true, ownerId: true, archivedAt: true, staff: { where: { userId: actor.id }, select: { role: true } } },
      })
    : null;
  if (!row) throw new NotFoundError("No such classroom.");
  const role: ClassroomRole = row.ownerId === actor.id ? "owner" : (staffRoleSchema.safeParse(row.staff[0]?.role).data ?? "ta");
  const { staff: _staff, ...classroom } = row;
  return { classroom, role };
}

/**
 * Like classroomAccess, but the actor must be allowed to change the classroom: 403 for a TA,
 * 409 when it is archived (unless `evenArchived`, for restoring it).
 */
export async function assertMayManage(actor: Actor, classroomId: string, options: { evenArchived?: boolean } = {}): Promise<ClassroomAccess> {
  const access = await classroomAccess(actor, classroomId);
  if (!roleMay(access.role, "manage")) {
    throw new ForbiddenError("Teaching assistants can see this classroom but not change it: ask its instructor.");
  }
  if (access.classroom.archivedAt && !options.evenArchived) {
    throw new ConflictError("This classroom is archived, so it is read-only. Restore it first to change it.");
  }
  return access;
}
