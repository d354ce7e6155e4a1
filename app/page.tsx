// The catalogue: every exercise in order with the learner's state and overall progress (from
// their account when signed in, else from this browser).
import { CatalogueList } from "@/app/_components/CatalogueList";
import { EditorPrefetch } from "@/app/_components/EditorPrefetch";
import { monacoAssets } from "@/app/_lib/monaco-assets";
import { listExerciseSummaries } from "@/lib/exercise-catalogue";
import { progressFor, progressTotals } from "@/lib/progress";
import { getViewer } from "@/lib/viewer";

// Exercises are read from disk at request time, so an edited folder shows up without a rebuild.
export const dynamic = "force-dynamic";

export default async function CataloguePage() {
  const exercises = listExerciseSummaries();
  const viewer = await getViewer();
  const progress = viewer ? await progressFor(viewer) : null;
  const totals = progress ? progressTotals(progress, exercises.map((e) => e.slug)) : null;
  const serverProgress = progress
    ? Object.fromEntries(
        Object.values(progress)
          .filter((p) => p.state !== "not-started")
          .map((p) => [p.slug, p.state as "attempted" | "solved"]),
      )
    : undefined;
  return (
    <div className="page-narrow">
      <section className="intro">
        <h1>Recurrent networks, by hand</h1>
        <p>
          {exercises.length} short exercises that turn the maths of RNNs, LSTMs and attention into TypeScript. Each one
          explains the idea, lets you try your function on worked examples with <strong>Run</strong>, and checks it
          against hidden and random cases with <strong>Submit</strong>.
        </p>
        {viewer && totals ? (
          <p className="welcome" data-testid="welcome">
            Hello, {viewer.name}.{" "}
            {totals.solved === totals.total && totals.total > 0
              ? "You have solved every exercise."
              : totals.solved + totals.attempted === 0
                ? "Pick the first exercise to begin."
                : `${totals.total - totals.solved} to go.`}
          </p>
        ) : null}
      </section>
      {exercises.length === 0 ? (
        <p className="banner banner-error">No exercises were found in the exercises/ folder.</p>
      ) : (
        <CatalogueList exercises={exercises} serverProgress={serverProgress} />
      )}
      <EditorPrefetch hrefs={[...monacoAssets().scripts, ...monacoAssets().styles]} />
    </div>
  );
}
