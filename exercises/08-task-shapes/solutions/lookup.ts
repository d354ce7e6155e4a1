// A table of shapes, one function per task.
type Dims = { B: number; T: number; V: number; H: number };
type Task = "many-to-many" | "many-to-one" | "bidirectional";

const SHAPES: Record<Task, (d: Dims) => number[]> = {
  "many-to-many": ({ B, T, V }) => [B, T, V],
  "many-to-one": ({ B, V }) => [B, V],
  bidirectional: ({ B, T, H }) => [B, T, H + H],
};

export function outputShape(task: Task, dims: Dims): number[] {
  return SHAPES[task](dims);
}
