// A classroom's settings: name, archive, join code, roster (remove and restore learners) and
// staff (co-instructors and TAs). Everyone on the staff sees it; only the owner and
// co-instructors get the controls (the server checks again: lib/classroom-access.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddStaffForm, ChangeButton, RenameForm } from "@/app/_components/instructor/ClassroomSettingsPanel";
import { roleMay } from "@/lib/classroom-access";
import { classroomSettings } from "@/lib/classroom-settings";
import { NotFoundError } from "@/lib/domain-errors";
import { requireInstructorPage } from "../../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Classroom settings" };

const ROLE_WORDS = { owner: "owner", "co-instructor": "co-instructor", ta: "teaching assistant" } as const;

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export default async function ClassroomSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireInstructorPage(`/instructor/classrooms/${id}/settings`);
  let settings;
  try {
    settings = await classroomSettings(viewer, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { classroom, myRole, staff, learners, removed } = settings;
  const archived = classroom.archivedAt !== null;
  const canManage = roleMay(myRole, "manage");
  const canEdit = canManage && !archived;

  return (
    <div className="instructor-page classroom-settings">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/instructor">Instructor</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/instructor/classrooms/${classroom.id}`}>{classroom.name}</Link> <span aria-hidden="true">/</span> <span>Settings</span>
      </nav>
      <h1>Settings of {classroom.name}</h1>
      <p className="muted" data-testid="my-role">
        Your role here: {ROLE_WORDS[myRole]}.
        {canManage ? "" : " Teaching assistants see the classroom, its learners and their submissions, and change nothing."}
      </p>
      {archived ? (
        <p className="banner banner-info" data-testid="archived-banner">
          Archived on {day(classroom.archivedAt!)}: read-only, and nobody can join.{" "}
          {canManage ? <ChangeButton classroomId={classroom.id} change={{ action: "restore" }} label="Restore classroom" primary /> : null}
        </p>
      ) : null}

      <section aria-labelledby="general-heading">
        <h2 id="general-heading">Name and archive</h2>
        {canEdit ? (
          <>
            <RenameForm classroomId={classroom.id} name={classroom.name} />
            <p>
              <ChangeButton
                classroomId={classroom.id}
                change={{ action: "archive" }}
                label="Archive classroom"
                confirm="Archive this classroom? It becomes read-only and nobody can join; you can restore it later."
              />
            </p>
          </>
        ) : (
          <p>{classroom.name}</p>
        )}
      </section>

      <section aria-labelledby="code-heading">
        <h2 id="code-heading">Join code</h2>
        <p>
          <code className="join-code" data-testid="settings-join-code">{classroom.joinCode}</code>{" "}
          <span data-testid="join-code-state">{classroom.joinCodeEnabled && !archived ? "accepting new learners" : "turned off: nobody new can join"}</span>
        </p>
        {canEdit ? (
          <p>
            <ChangeButton
              classroomId={classroom.id}
              change={{ action: "rotate-join-code" }}
              label="Make a new join code"
              confirm="Make a new join code? The current one stops working at once (learners already in stay)."
            />{" "}
            <ChangeButton
              classroomId={classroom.id}
              change={{ action: "set-join-code-enabled", enabled: !classroom.joinCodeEnabled }}
              label={classroom.joinCodeEnabled ? "Turn the join code off" : "Turn the join code on"}
            />
          </p>
        ) : null}
      </section>

      <section aria-labelledby="learners-heading">
        <h2 id="learners-heading">Learners ({learners.length})</h2>
        {learners.length === 0 ? (
          <p className="empty-note">No learners.</p>
        ) : (
          <table className="stats-table" data-testid="settings-learners">
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Joined</th>
                {canEdit ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {learners.map((l) => (
                <tr key={l.userId}>
                  <th scope="row">
                    <Link href={`/instructor/learners/${l.userId}`}>{l.name}</Link> <span className="muted">{l.email}</span>
                  </th>
                  <td>{day(l.joinedAt)}</td>
                  {canEdit ? (
                    <td>
                      <ChangeButton
                        classroomId={classroom.id}
                        change={{ action: "remove-learner", userId: l.userId }}
                        label={`Remove ${l.name}`}
                        confirm={`Remove ${l.name} from this classroom? Their submissions and progress are kept; they leave the class views and the gradebook, and cannot rejoin with the code.`}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {removed.length > 0 ? (
          <>
            <h3>Removed learners</h3>
            <p className="muted">Their history is kept; they are not in the class views or the gradebook.</p>
            <ul data-testid="removed-learners">
              {removed.map((l) => (
                <li key={l.userId}>
                  <Link href={`/instructor/learners/${l.userId}`}>{l.name}</Link> ({l.email}), removed {day(l.removedAt)}{" "}
                  {canEdit ? <ChangeButton classroomId={classroom.id} change={{ action: "restore-learner", userId: l.userId }} label={`Restore ${l.name}`} /> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">Staff</h2>
        <ul data-testid="staff">
          <li>
            {classroom.owner.name} ({classroom.owner.email}): owner
          </li>
          {staff.map((s) => (
            <li key={s.userId}>
              {s.name} ({s.email}): {ROLE_WORDS[s.role]}{" "}
              {canEdit ? <ChangeButton classroomId={classroom.id} change={{ action: "remove-staff", userId: s.userId }} label={`Remove ${s.name} from staff`} /> : null}
            </li>
          ))}
        </ul>
        {canEdit ? <AddStaffForm classroomId={classroom.id} /> : null}
        <p className="muted">
          Staff need an instructor account: <Link href="/instructor/invitations">invite a colleague</Link> first if they have none.
        </p>
      </section>
    </div>
  );
}
