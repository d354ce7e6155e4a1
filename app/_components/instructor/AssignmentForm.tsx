"use client";
// The assignment form: title, exercises in the order learners will see them, release and due
// times (in the instructor's own time zone, sent as UTC), and the late policy. New: POST
// /api/instructor/classrooms/<id>/assignments (lib/assignments.ts createAssignment). Editing one:
// the same form filled in, PUT …/assignments/<assignmentId> (updateAssignment).
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ASSIGNMENT_TITLE_MAX_LENGTH, LATE_CUTOFF_MAX_DAYS } from "@/lib/limits";
import { callApi } from "@/lib/api-client";
import type { LatePolicy } from "@/lib/scores";
import { FieldError } from "../FieldError";

interface Option {
  slug: string;
  title: string;
  order: number;
}

/** A Date as the value of <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The value of a datetime-local input (local time) as ISO UTC, or "" when empty or invalid. */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : "";
}

/** An assignment being edited, as the form fills itself in. */
export interface EditedAssignment {
  id: string;
  title: string;
  exercises: string[];
  releaseAtIso: string;
  dueAtIso: string;
  latePolicy: LatePolicy;
}

interface Props {
  classroomId: string;
  exercises: Option[];
  /** Absent: a new assignment. */
  editing?: EditedAssignment;
  /** After a saved edit, or Cancel. */
  onClose?(): void;
}

export function AssignmentForm({ classroomId, exercises, editing, onClose }: Props) {
  const router = useRouter();
  const formId = useId();
  const [title, setTitle] = useState(editing?.title ?? "");
  const [chosen, setChosen] = useState<string[]>(editing?.exercises ?? []);
  const [releaseAt, setReleaseAt] = useState(() => toLocalInput(editing ? new Date(editing.releaseAtIso) : new Date()));
  const [dueAt, setDueAt] = useState(() => toLocalInput(editing ? new Date(editing.dueAtIso) : new Date(Date.now() + 7 * 24 * 3_600_000)));
  const [late, setLate] = useState<"none" | "penalty">(editing?.latePolicy.kind ?? "none");
  const [percentPerDay, setPercentPerDay] = useState(editing?.latePolicy.kind === "penalty" ? editing.latePolicy.percentPerDay : 10);
  const [cutoffDays, setCutoffDays] = useState(editing?.latePolicy.kind === "penalty" ? editing.latePolicy.cutoffDays : 3);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const bySlug = new Map(exercises.map((e) => [e.slug, e]));

  function toggle(slug: string, on: boolean) {
    setChosen((c) => (on ? [...c, slug] : c.filter((s) => s !== slug)));
  }
  function move(i: number, by: -1 | 1) {
    setChosen((c) => {
      const j = i + by;
      if (j < 0 || j >= c.length) return c;
      const next = [...c];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const collection = `/api/instructor/classrooms/${encodeURIComponent(classroomId)}/assignments`;
    const answer = await callApi(editing ? `${collection}/${encodeURIComponent(editing.id)}` : collection, {
      method: editing ? "PUT" : "POST",
      json: {
        title,
        exercises: chosen,
        releaseAt: fromLocalInput(releaseAt),
        dueAt: fromLocalInput(dueAt),
        latePolicy: late === "none" ? { kind: "none" } : { kind: "penalty", percentPerDay, cutoffDays },
      },
      failure: editing ? "The assignment could not be saved" : "The assignment could not be created",
    });
    setPending(false);
    if (!answer.ok) return setError(answer.message);
    if (editing) onClose?.();
    else {
      setTitle("");
      setChosen([]);
    }
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="assignment-form panel" aria-describedby={error ? `${formId}-error` : undefined}>
      <h3>{editing ? `Edit “${editing.title}”` : "New assignment"}</h3>
      <label>
        Title
        <input type="text" required maxLength={ASSIGNMENT_TITLE_MAX_LENGTH} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <fieldset>
        <legend>Exercises</legend>
        <ul className="assignment-pick">
          {exercises.map((e) => (
            <li key={e.slug}>
              <label>
                <input type="checkbox" checked={chosen.includes(e.slug)} onChange={(ev) => toggle(e.slug, ev.target.checked)} />{" "}
                {String(e.order).padStart(2, "0")} {e.title}
              </label>
            </li>
          ))}
        </ul>
        {chosen.length > 0 ? (
          <ol className="assignment-order" aria-label="Order learners will see">
            {chosen.map((slug, i) => (
              <li key={slug}>
                {bySlug.get(slug)?.title ?? slug}{" "}
                <button type="button" className="btn btn-compact" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${bySlug.get(slug)?.title ?? slug} up`}>
                  ↑
                </button>
                <button type="button" className="btn btn-compact" onClick={() => move(i, 1)} disabled={i === chosen.length - 1} aria-label={`Move ${bySlug.get(slug)?.title ?? slug} down`}>
                  ↓
                </button>
              </li>
            ))}
          </ol>
        ) : null}
      </fieldset>
      <div className="assignment-times">
        <label>
          Release
          <input type="datetime-local" required value={releaseAt} onChange={(e) => setReleaseAt(e.target.value)} />
        </label>
        <label>
          Due
          <input type="datetime-local" required value={dueAt} onChange={(e) => setDueAt(e.target.value)} />
        </label>
      </div>
      <fieldset>
        <legend>Late submits</legend>
        <label>
          <input type="radio" name={`${formId}-late`} checked={late === "none"} onChange={() => setLate("none")} /> earn nothing
        </label>{" "}
        <label>
          <input type="radio" name={`${formId}-late`} checked={late === "penalty"} onChange={() => setLate("penalty")} /> lose a share per day late
        </label>
        {late === "penalty" ? (
          <div className="assignment-times">
            <label>
              Penalty (% per day)
              <input type="number" min={1} max={100} required value={percentPerDay} onChange={(e) => setPercentPerDay(Number(e.target.value))} />
            </label>
            <label>
              Cut-off (days late)
              <input type="number" min={1} max={LATE_CUTOFF_MAX_DAYS} required value={cutoffDays} onChange={(e) => setCutoffDays(Number(e.target.value))} />
            </label>
          </div>
        ) : null}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={pending || chosen.length === 0}>
        {editing ? (pending ? "Saving…" : "Save changes") : pending ? "Creating…" : "Create assignment"}
      </button>
      {editing ? (
        <button type="button" className="btn" onClick={onClose} disabled={pending}>
          Cancel
        </button>
      ) : null}
      <FieldError error={error} id={`${formId}-error`} />
    </form>
  );
}
