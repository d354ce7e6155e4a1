// Removes this run's scratch folder (its database) once the tests are done. The server may
// still have the file open; on Linux that is harmless.
import { rmSync } from "node:fs";

export default function globalTeardown() {
  const dir = process.env.E2E_RUN_DIR;
  if (dir && /[\\/]run-[^\\/]+$/.test(dir) && process.env.E2E_KEEP_DATA !== "1") rmSync(dir, { recursive: true, force: true });
}
