// The catalogue: every exercise in order with the learner's state and overall progress.
import { CatalogueList } from "@/app/_components/CatalogueList";
import { listExerciseSummaries } from "@/lib/exercise-catalogue";

// Exercises are read from disk at request time, so an edited folder shows up without a rebuild.
export const dynamic = "force-dynamic";

export default function CataloguePage() {
  const exercises = listExerciseSummaries();
  return (
    <div className="page-narrow">
      <section className="intro">
        <h1>Recurrent networks, by hand</h1>
        <p>
          {exercises.length} short exercises that turn the maths of RNNs, LSTMs and attention into TypeScript. Each one
          explains the idea, lets you try your function on worked examples with <strong>Run</strong>, and checks it
          against hidden and random cases with <strong>Submit</strong>.
        </p>
      </section>
      {exercises.length === 0 ? (
        <p className="banner banner-error">No exercises were found in the exercises/ folder.</p>
      ) : (
        <CatalogueList exercises={exercises} />
      )}
    </div>
  );
}
