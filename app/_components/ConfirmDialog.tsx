"use client";
// A modal confirmation built on <dialog>: focus is trapped and Escape cancels, for free.
import { useEffect, useId, useRef } from "react";

interface Props {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  /**
   * After the dialog has closed. Closing gives the focus back to the element that opened it;
   * focus something else here (Reset focuses the editor).
   */
  onClosed?(): void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onCancel, onClosed }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  // Several dialogs may share a page (one per assignment): each needs its own title id.
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={() => onClosed?.()}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onCancel(); // click on the backdrop
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
