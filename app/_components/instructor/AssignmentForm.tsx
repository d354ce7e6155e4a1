"use client";
// The "new assignment" form: title, exercises in the order learners will see them, release and
// due times (in the instructor's own time zone, sent as UTC), and the late policy. POSTs to
// /api/instructor/classrooms/<id>/assignments (lib/assignments.ts createAssignment).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ASSIGNMENT_TITLE_MAX_LENGTH, LATE_CUTOFF_MAX_DAYS } from "@/lib/limits";
import { callApi } from "@/lib/api-client";

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

export function AssignmentForm({ classroomId, exercises }: { classroomId: string; exercises: Option[] }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [releaseAt, setReleaseAt] = useState(() => toLocalInput(new Date()));
  const [dueAt, setDueAt] = useState(() => toLocalInput(new Date(Date.now() + 7 * 24 * 3_600_000)));
  const [late, setLate] = useState<"none" | "penalty">("none");
  const [percentPerDay, setPercentPerDay] = useState(10);
  const [cutoffDays, setCutoffDays] = useState(3);
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
    const answer = await callApi(`/api/instructor/classrooms/${encodeURIComponent(classroomId)}/assignments`, {
      json: {
        title,
        exercises: chosen,
        releaseAt: fromLocalInput(releaseAt),
        dueAt: fromLocalInput(dueAt),
        latePolicy: late === "none" ? { kind: "none" } : { kind: "penalty", percentPerDay, cutoffDays },
      },
      failure: "The assignment could not be created",
    });
    if (answer.ok) {
      setTitle("");
      setChosen([]);
      router.refresh();
    } else setError(answer.message);
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="assignment-form panel" aria-describedby={error ? "assignment-error" : undefined}>
      <h3>New assignment</h3>
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
          <input type="radio" name="late" checked={late === "none"} onChange={() => setLate("none")} /> earn nothing
        </label>{" "}
        <label>
          <input type="radio" name="late" checked={late === "penalty"} onChange={() => setLate("penalty")} /> lose a share per day late
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
        {pending ? "Creating…" : "Create assignment"}
      </button>
      {error ? (
        <p id="assignment-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
