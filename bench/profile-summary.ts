// Summarises a V8 .cpuprofile (node --cpu-prof): where the CPU time went, by package or
// project folder and by function (self time).
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** "next", "@prisma/client", "app", "lib", "grader", "(gc)", "(node)"… */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("wasm://")) return "(wasm)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    if (rest[0] === ".cache") return `${rest[1]} (bundled)`;
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "(node)";
  const m = url.match(/\/(app|lib|grader|bench|prisma|generated|\.next)\//);
  return m ? m[1] : url.replace(/^file:\/\//, "");
}

export interface ProfileBreakdown {
  file: string;
  sampledMs: number;
  /** Self time by package or project folder, largest first, in ms. */
  areas: [string, number][];
  /** Self time by function, largest first, in ms. */
  functions: [string, number][];
}

export function breakdown(file: string): ProfileBreakdown {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  // Self time per node from samples and time deltas (microseconds).
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
  let total = 0;
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    total += us;
    const area = areaOf(n.callFrame.url, n.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = n.callFrame.url
      ? `${n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(\.next|app|lib|grader)\//, "$1/")}:${n.callFrame.lineNumber + 1}`
      : "";
    const key = `${n.callFrame.functionName || "(anonymous)"} ${where}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, us]): [string, number] => [k, us / 1000]);
  return { file, sampledMs: total / 1000, areas: sorted(areas), functions: sorted(fns) };
}

export function summarise(file: string, top = 25): string {
  const b = breakdown(file);
  const fmt = (entries: [string, number][], n: number) =>
    entries
      .slice(0, n)
      .map(([k, ms]) => `${((100 * ms) / (b.sampledMs || 1)).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms  ${k}`)
      .join("\n");
  return [
    `${file}: ${b.sampledMs.toFixed(0)} ms sampled`,
    "",
    "by package / folder (self time):",
    fmt(b.areas, 20),
    "",
    `top ${top} functions (self time):`,
    fmt(b.functions, top),
  ].join("\n");
}

if (process.argv[1]?.endsWith("profile-summary.ts")) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]\n");
    process.exit(2);
  }
  console.log(summarise(file, Number(top ?? 25)));
}
