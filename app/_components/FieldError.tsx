// What went wrong with a form or button, next to it, announced to screen readers (role alert).
// `id` lets the form point at it with aria-describedby.
export function FieldError({ error, id }: { error: string | null; id?: string }) {
  return error ? (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}
