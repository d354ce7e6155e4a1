// Instructor invitations: an instructor makes a link for a colleague; whoever signs up (or signs
// in) through it becomes an instructor. Single use (the first acceptance claims it atomically),
// expiring after INVITATION_TTL_MS, withdrawable. Only the token's SHA-256 is stored, so the
// database alone does not hand out links; the token is shown once, to the instructor who made it.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { assertInstructor, assertSignedIn, type Actor } from "./actor";
import { prisma } from "./db";
import { ConflictError, NotFoundError, parseInput } from "./domain-errors";
import { INVITATION_TTL_MS, INVITATIONS_OPEN_MAX } from "./limits";

/** 32 base64url characters: 192 random bits. */
export const invitationTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { message: "not an invitation token" });

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type InvitationState = "open" | "used" | "expired" | "withdrawn";

export interface InvitationSummary {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  state: InvitationState;
  usedBy: { name: string; email: string } | null;
}

const INVALID = "This invitation link cannot be used: it was used already, it expired, or it was withdrawn. Ask for a new one.";

function stateOf(row: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }, now: Date): InvitationState {
  if (row.usedAt) return "used";
  if (row.revokedAt) return "withdrawn";
  return row.expiresAt <= now ? "expired" : "open";
}

/** A new invitation by the acting instructor: its token (shown once) and when it expires. */
export async function createInvitation(instructor: Actor, now = new Date()): Promise<{ id: string; token: string; expiresAt: Date }> {
  assertInstructor(instructor);
  const open = await prisma.instructorInvitation.count({
    where: { createdById: instructor.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
  });
  if (open >= INVITATIONS_OPEN_MAX) {
    throw new ConflictError(`You have ${open} unused invitations: withdraw some before making more (at most ${INVITATIONS_OPEN_MAX} open at once).`);
  }
  const token = randomBytes(24).toString("base64url");
  const row = await prisma.instructorInvitation.create({
    data: { tokenHash: hashToken(token), createdById: instructor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    select: { id: true, expiresAt: true },
  });
  return { id: row.id, token, expiresAt: row.expiresAt };
}

/** The acting instructor's invitations, newest first. */
export async function listInvitations(instructor: Actor, now = new Date()): Promise<InvitationSummary[]> {
  assertInstructor(instructor);
  const rows = await prisma.instructorInvitation.findMany({
    where: { createdById: instructor.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, expiresAt: true, usedAt: true, revokedAt: true, usedBy: { select: { name: true, email: true } } },
  });
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, expiresAt: r.expiresAt, state: stateOf(r, now), usedBy: r.usedBy }));
}

/** Withdraws one of the acting instructor's unused invitations; someone else's is NotFound. */
export async function withdrawInvitation(instructor: Actor, invitationId: string, now = new Date()): Promise<void> {
  assertInstructor(instructor);
  const { count } = await prisma.instructorInvitation.updateMany({
    where: { id: invitationId, createdById: instructor.id, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) throw new NotFoundError("No such open invitation.");
}

/** What the invitation page shows before anyone acts: who invited, until when; NotFound when unusable. */
export async function describeInvitation(token: string, now = new Date()): Promise<{ invitedBy: string; expiresAt: Date }> {
  const parsed = invitationTokenSchema.safeParse(token);
  const row = parsed.success
    ? await prisma.instructorInvitation.findUnique({
        where: { tokenHash: hashToken(parsed.data) },
        select: { expiresAt: true, usedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
      })
    : null;
  if (!row || stateOf(row, now) !== "open") throw new NotFoundError(INVALID);
  return { invitedBy: row.createdBy.name, expiresAt: row.expiresAt };
}

/**
 * The signed-in user accepts: the invitation is claimed (only one acceptance can succeed, however
 * many race) and the account becomes an instructor, in one transaction. An instructor already is
 * one and leaves the invitation for someone else.
 */
export async function acceptInvitation(user: Actor, token: string, now = new Date()): Promise<{ role: "instructor" }> {
  assertSignedIn(user);
  const parsedToken = parseInput(invitationTokenSchema, token, "invitation");
  if (user.role === "instructor") throw new ConflictError("You are an instructor already: this invitation is left for someone else.");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.instructorInvitation.updateMany({
      where: { tokenHash: hashToken(parsedToken), usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, usedById: user.id },
    });
    if (count !== 1) throw new NotFoundError(INVALID);
    await tx.user.update({ where: { id: user.id }, data: { role: "instructor" } });
  });
  return { role: "instructor" };
}
