"use client";
// The "new classroom" form: POST /api/instructor/classrooms (lib/classrooms.ts createClassroom)
// and open its page; a bad name is answered next to the field.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { CLASSROOM_NAME_MAX_LENGTH } from "@/lib/limits";
import { callApi } from "@/lib/api-client";
import { FieldError } from "../FieldError";

export function CreateClassroomForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const answer = await callApi<{ classroom?: { id: string } } | null>("/api/instructor/classrooms", {
      json: { name },
      failure: "The classroom could not be created",
    });
    const classroom = answer.ok ? answer.data?.classroom : undefined;
    if (classroom) {
      router.push(`/instructor/classrooms/${classroom.id}`);
      return;
    }
    setError(answer.ok ? `The classroom could not be created (HTTP ${answer.status}). Please try again.` : answer.message);
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="create-classroom" aria-describedby={error ? "create-classroom-error" : undefined}>
      <label htmlFor="classroom-name">New classroom</label>
      <div className="create-classroom-row">
        <input
          id="classroom-name"
          name="name"
          type="text"
          required
          maxLength={CLASSROOM_NAME_MAX_LENGTH}
          placeholder="e.g. Deep learning, spring term"
          aria-invalid={error ? true : undefined}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create classroom"}
        </button>
      </div>
      <FieldError error={error} id="create-classroom-error" />
    </form>
  );
}
