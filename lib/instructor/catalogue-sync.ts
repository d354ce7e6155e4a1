// Keeps the Exercise table in step with the exercises/ folders while the server runs, so a
// folder added (or edited, or removed) during development becomes a dashboard column on the
// next page load without a restart. lib/exercise-catalogue.ts already notices changed files;
// this re-syncs the database whenever it hands back a different catalogue.
import type { Catalogue } from "../../grader/exercises";
import { databaseUrl } from "../database-file";
import { getCatalogue } from "../exercise-catalogue";
import { syncExercises, type SyncReport } from "../exercise-sync";

interface Synced {
  catalogue: Catalogue;
  database: string;
  done: Promise<SyncReport>;
}

const state = globalThis as typeof globalThis & { __instructorCatalogueSync?: Synced };

/** The current catalogue, after making sure the database has a row for each of its exercises. */
export async function syncCatalogueToDatabase(): Promise<Catalogue> {
  const catalogue = getCatalogue();
  const database = databaseUrl();
  const last = state.__instructorCatalogueSync;
  if (last && last.catalogue === catalogue && last.database === database) {
    await last.done;
    return catalogue;
  }
  const synced: Synced = { catalogue, database, done: syncExercises(catalogue) };
  state.__instructorCatalogueSync = synced;
  try {
    await synced.done;
  } catch (e) {
    if (state.__instructorCatalogueSync === synced) state.__instructorCatalogueSync = undefined;
    throw e;
  }
  return catalogue;
}
