"use client";
// The "new classroom" form: a server action creates it (lib/classrooms.ts createClassroom) and
// opens its page; a bad name is answered next to the field.
import { useActionState } from "react";
import { createClassroomAction, type CreateClassroomState } from "@/app/instructor/actions";

const initial: CreateClassroomState = { error: null };

export function CreateClassroomForm() {
  const [state, action, pending] = useActionState(createClassroomAction, initial);
  return (
    <form action={action} className="create-classroom" aria-describedby={state.error ? "create-classroom-error" : undefined}>
      <label htmlFor="classroom-name">New classroom</label>
      <div className="create-classroom-row">
        <input
          id="classroom-name"
          name="name"
          type="text"
          required
          maxLength={100}
          placeholder="e.g. Deep learning, spring term"
          aria-invalid={state.error ? true : undefined}
          defaultValue={state.name}
        />
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Creating…" : "Create classroom"}
        </button>
      </div>
      {state.error ? (
        <p id="create-classroom-error" className="field-error" role="alert">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
