"use client";
// The classroom settings page's controls. Each one posts one change to
// /api/instructor/classrooms/<id>/settings (lib/classroom-settings.ts) and reloads the page's
// data; the server decides who may (a TA sees the page without these controls, and gets 403 if
// it asks anyway).
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ClassroomChange } from "@/lib/classroom-settings";
import { CLASSROOM_NAME_MAX_LENGTH } from "@/lib/limits";
import { callApi } from "@/lib/api-client";
import { FieldError } from "../FieldError";

function useChange(classroomId: string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function send(change: ClassroomChange): Promise<boolean> {
    setPending(true);
    setError(null);
    const answer = await callApi(`/api/instructor/classrooms/${encodeURIComponent(classroomId)}/settings`, {
      json: change,
      failure: "That did not work",
    });
    if (answer.ok) router.refresh();
    else setError(answer.message);
    setPending(false);
    return answer.ok;
  }
  return { send, error, pending };
}

export function RenameForm({ classroomId, name }: { classroomId: string; name: string }) {
  const [value, setValue] = useState(name);
  const { send, error, pending } = useChange(classroomId);
  return (
    <form
      className="create-classroom"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ action: "rename", name: value });
      }}
    >
      <label htmlFor="classroom-rename">Name</label>
      <div className="create-classroom-row">
        <input id="classroom-rename" value={value} maxLength={CLASSROOM_NAME_MAX_LENGTH} onChange={(e) => setValue(e.target.value)} required />
        <button type="submit" className="btn" disabled={pending}>
          Rename
        </button>
      </div>
      <FieldError error={error} />
    </form>
  );
}

/** A button that sends one change; `confirm` asks first (for what learners would notice). */
export function ChangeButton({ classroomId, change, label, confirm, primary }: { classroomId: string; change: ClassroomChange; label: string; confirm?: string; primary?: boolean }) {
  const { send, error, pending } = useChange(classroomId);
  return (
    <>
      <button
        type="button"
        className={primary ? "btn btn-primary btn-small" : "btn btn-small"}
        disabled={pending}
        onClick={() => {
          if (confirm && !window.confirm(confirm)) return;
          void send(change);
        }}
      >
        {label}
      </button>
      <FieldError error={error} />
    </>
  );
}

export function AddStaffForm({ classroomId }: { classroomId: string }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"co-instructor" | "ta">("ta");
  const { send, error, pending } = useChange(classroomId);
  return (
    <form
      className="create-classroom"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await send({ action: "add-staff", email, role })) setEmail("");
      }}
    >
      <div className="create-classroom-row">
        <label htmlFor="staff-email">Instructor account email</label>
        <input id="staff-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <label htmlFor="staff-role">Role</label>
        <select id="staff-role" value={role} onChange={(e) => setRole(e.target.value === "co-instructor" ? "co-instructor" : "ta")}>
          <option value="ta">Teaching assistant (sees everything, changes nothing)</option>
          <option value="co-instructor">Co-instructor (can do everything but remove the owner)</option>
        </select>
        <button type="submit" className="btn" disabled={pending}>
          Add to staff
        </button>
      </div>
      <FieldError error={error} />
    </form>
  );
}
