"use client";
// Gives one learner a later due time on an assignment, or removes it (PUT …/extensions).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fromLocalInput, toLocalInput } from "./AssignmentForm";
import { callApi } from "@/lib/api-client";
import { FieldError } from "../FieldError";

interface Props {
  classroomId: string;
  assignmentId: string;
  assignmentTitle: string;
  dueAtIso: string;
  learners: { id: string; name: string; email: string }[];
  extensions: { learnerId: string; name: string; dueAtIso: string }[];
}

export function ExtensionForm({ classroomId, assignmentId, assignmentTitle, dueAtIso, learners, extensions }: Props) {
  const router = useRouter();
  const [learnerId, setLearnerId] = useState(learners[0]?.id ?? "");
  const [dueAt, setDueAt] = useState(() => toLocalInput(new Date(new Date(dueAtIso).getTime() + 2 * 24 * 3_600_000)));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const url = `/api/instructor/classrooms/${encodeURIComponent(classroomId)}/assignments/${encodeURIComponent(assignmentId)}/extensions`;

  async function save(body: { learnerId: string; dueAt: string | null }) {
    setPending(true);
    setError(null);
    const answer = await callApi(url, { method: "PUT", json: body, failure: "The extension could not be saved" });
    if (answer.ok) router.refresh();
    else setError(answer.message);
    setPending(false);
  }

  if (learners.length === 0) return null;
  return (
    <div className="extension-block">
      {extensions.length ? (
        <ul className="extension-list">
          {extensions.map((x) => (
            <li key={x.learnerId}>
              {x.name}: due <time dateTime={x.dueAtIso}>{x.dueAtIso.slice(0, 16).replace("T", " ")} UTC</time>{" "}
              <button type="button" className="btn btn-compact" disabled={pending} onClick={() => save({ learnerId: x.learnerId, dueAt: null })}>
                Remove extension for {x.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="extension-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ learnerId, dueAt: fromLocalInput(dueAt) });
        }}
      >
        <label>
          Extension for
          <select value={learnerId} onChange={(e) => setLearnerId(e.target.value)} aria-label={`Learner to extend ${assignmentTitle} for`}>
            {learners.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name} ({l.email})
              </option>
            ))}
          </select>
        </label>
        <label>
          New due time
          <input type="datetime-local" required value={dueAt} onChange={(e) => setDueAt(e.target.value)} aria-label={`New due time of ${assignmentTitle}`} />
        </label>
        <button type="submit" className="btn btn-compact" disabled={pending}>
          Give extension
        </button>
        <FieldError error={error} />
      </form>
    </div>
  );
}
