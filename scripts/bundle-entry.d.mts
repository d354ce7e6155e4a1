// Types for bundle-entry.mjs (imported by the grader pool, the instructor preview and the benchmark).
export declare function bundleForNode(
  root: string,
  entry: string,
  cacheDir: string,
  name: string,
  options?: { format?: "cjs" | "esm"; packages?: "bundle" | "external" },
): Promise<string>;
