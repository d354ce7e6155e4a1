// A classroom's settings page and the changes it makes (rename, archive and restore, rotate or
// turn off the join code, remove and restore learners, add and remove co-instructors and TAs).
// Who may do what is lib/classroom-access.ts; each change is one call here, checked on the server.
import { z } from "zod";
import type { Actor } from "./actor";
import { assertMayManage, classroomAccess, staffRoleSchema, type ClassroomRole, type StaffRole } from "./classroom-access";
import { classroomNameSchema, formatJoinCode, generateJoinCode } from "./classrooms";
import { prisma } from "./db";
import { ConflictError, NotFoundError, parseInput } from "./domain-errors";
import { EMAIL_MAX_LENGTH } from "./limits";

export interface ClassroomSettings {
  classroom: { id: string; name: string; joinCode: string; joinCodeEnabled: boolean; archivedAt: Date | null; owner: { id: string; name: string; email: string } };
  /** The viewer's role here: what the page offers (the server checks again on every change). */
  myRole: ClassroomRole;
  staff: { userId: string; name: string; email: string; role: StaffRole; addedAt: Date }[];
  learners: { userId: string; name: string; email: string; joinedAt: Date }[];
  removed: { userId: string; name: string; email: string; removedAt: Date }[];
}

export async function classroomSettings(actor: Actor, classroomId: string): Promise<ClassroomSettings> {
  const { classroom: c, role } = await classroomAccess(actor, classroomId);
  const row = await prisma.classroom.findUniqueOrThrow({
    where: { id: c.id },
    select: {
      id: true,
      name: true,
      joinCode: true,
      joinCodeEnabled: true,
      archivedAt: true,
      owner: { select: { id: true, name: true, email: true } },
      staff: { orderBy: { createdAt: "asc" }, select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } } },
      enrollments: { orderBy: { createdAt: "asc" }, select: { createdAt: true, removedAt: true, user: { select: { id: true, name: true, email: true } } } },
    },
  });
  return {
    classroom: { id: row.id, name: row.name, joinCode: formatJoinCode(row.joinCode), joinCodeEnabled: row.joinCodeEnabled, archivedAt: row.archivedAt, owner: row.owner },
    myRole: role,
    staff: row.staff.map((s) => ({ userId: s.user.id, name: s.user.name, email: s.user.email, role: staffRoleSchema.catch("ta").parse(s.role), addedAt: s.createdAt })),
    learners: row.enrollments.filter((e) => !e.removedAt).map((e) => ({ userId: e.user.id, name: e.user.name, email: e.user.email, joinedAt: e.createdAt })),
    removed: row.enrollments.flatMap((e) => (e.removedAt ? [{ userId: e.user.id, name: e.user.name, email: e.user.email, removedAt: e.removedAt }] : [])),
  };
}

const userIdSchema = z.string({ error: "a user id is required" }).min(1).max(64);

/** Every change the settings page can ask for, as the route's body. */
export const classroomChangeSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("rename"), name: z.string({ error: "name must be a string" }) }),
    z.object({ action: z.literal("archive") }),
    z.object({ action: z.literal("restore") }),
    z.object({ action: z.literal("rotate-join-code") }),
    z.object({ action: z.literal("set-join-code-enabled"), enabled: z.boolean({ error: "enabled must be true or false" }) }),
    z.object({ action: z.literal("remove-learner"), userId: userIdSchema }),
    z.object({ action: z.literal("restore-learner"), userId: userIdSchema }),
    z.object({ action: z.literal("add-staff"), email: z.string({ error: "email must be a string" }).max(EMAIL_MAX_LENGTH), role: staffRoleSchema }),
    z.object({ action: z.literal("remove-staff"), userId: userIdSchema }),
  ],
  { error: "action must be one of rename, archive, restore, rotate-join-code, set-join-code-enabled, remove-learner, restore-learner, add-staff, remove-staff" },
);
export type ClassroomChange = z.infer<typeof classroomChangeSchema>;

/** Applies one change for the acting owner or co-instructor; TAs get 403, an archived classroom 409. */
export async function changeClassroom(actor: Actor, classroomId: string, change: ClassroomChange): Promise<ClassroomSettings> {
  const parsed = parseInput(classroomChangeSchema, change, "change");
  const { classroom } = await assertMayManage(actor, classroomId, { evenArchived: parsed.action === "restore" });
  const id = classroom.id;
  switch (parsed.action) {
    case "rename":
      await prisma.classroom.update({ where: { id }, data: { name: parseInput(classroomNameSchema, parsed.name, "classroom name") } });
      break;
    case "archive":
      await prisma.classroom.update({ where: { id }, data: { archivedAt: new Date() } });
      break;
    case "restore":
      await prisma.classroom.update({ where: { id }, data: { archivedAt: null } });
      break;
    case "rotate-join-code":
      await rotateJoinCode(id);
      break;
    case "set-join-code-enabled":
      await prisma.classroom.update({ where: { id }, data: { joinCodeEnabled: parsed.enabled } });
      break;
    case "remove-learner":
    case "restore-learner": {
      const { count } = await prisma.enrollment.updateMany({
        where: { classroomId: id, userId: parsed.userId },
        data: { removedAt: parsed.action === "remove-learner" ? new Date() : null },
      });
      if (count === 0) throw new NotFoundError("That learner is not in this classroom.");
      break;
    }
    case "add-staff":
      await addStaff(id, classroom.ownerId, parsed.email, parsed.role);
      break;
    case "remove-staff": {
      const { count } = await prisma.classroomStaff.deleteMany({ where: { classroomId: id, userId: parsed.userId } });
      if (count === 0) throw new NotFoundError("That person is not on this classroom's staff.");
      break;
    }
  }
  return classroomSettings(actor, id);
}

/** A new random code; the old one stops working at once. */
async function rotateJoinCode(classroomId: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await prisma.classroom.update({ where: { id: classroomId }, data: { joinCode: generateJoinCode() } });
      return;
    } catch (e) {
      if ((e as { code?: unknown })?.code !== "P2002" || attempt >= 5) throw e;
    }
  }
}

const staffEmailSchema = z.string().trim().toLowerCase().pipe(z.email({ message: "not an email address" }));

/** Adds (or changes the role of) an instructor account on the staff. */
async function addStaff(classroomId: string, ownerId: string, email: string, role: StaffRole): Promise<void> {
  const address = parseInput(staffEmailSchema, email, "email");
  const user = await prisma.user.findUnique({ where: { email: address }, select: { id: true, role: true } });
  // Same answer for "no account" and "a learner's account": the form does not reveal who has one.
  if (!user || user.role !== "instructor") {
    throw new NotFoundError(`No instructor account has the email ${address}. Invite them as an instructor first (Instructor → Invite a colleague).`);
  }
  if (user.id === ownerId) throw new ConflictError("That is the classroom's owner, who can do everything already.");
  await prisma.classroomStaff.upsert({
    where: { classroomId_userId: { classroomId, userId: user.id } },
    create: { classroomId, userId: user.id, role },
    update: { role },
  });
}
