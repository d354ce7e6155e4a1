"use client";
// Edit or delete one assignment on the assignments page. Edit opens the assignment form filled
// in (PUT); Delete asks first (DELETE), since its extensions go with it. Learners' submissions
// are never touched: scores are computed from them on read.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "../ConfirmDialog";
import { callApi } from "@/lib/api-client";
import { AssignmentForm, type EditedAssignment } from "./AssignmentForm";
import { FieldError } from "../FieldError";

interface Props {
  classroomId: string;
  assignment: EditedAssignment;
  exercises: { slug: string; title: string; order: number }[];
}

export function AssignmentActions({ classroomId, assignment, exercises }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setConfirming(false);
    setError(null);
    const answer = await callApi(
      `/api/instructor/classrooms/${encodeURIComponent(classroomId)}/assignments/${encodeURIComponent(assignment.id)}`,
      { method: "DELETE", failure: "The assignment could not be deleted" },
    );
    if (answer.ok) router.refresh();
    else setError(answer.message);
  }

  return (
    <div className="assignment-actions">
      {editing ? (
        <AssignmentForm classroomId={classroomId} exercises={exercises} editing={assignment} onClose={() => setEditing(false)} />
      ) : (
        <div className="assignment-action-buttons">
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)} aria-label={`Edit ${assignment.title}`}>
            Edit
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirming(true)} aria-label={`Delete ${assignment.title}`}>
            Delete
          </button>
        </div>
      )}
      <FieldError error={error} />
      <ConfirmDialog
        open={confirming}
        title={`Delete “${assignment.title}”?`}
        confirmLabel="Delete assignment"
        onConfirm={remove}
        onCancel={() => setConfirming(false)}
      >
        <p>Learners stop seeing it and its column leaves the gradebook. Their submissions and progress stay.</p>
      </ConfirmDialog>
    </div>
  );
}
