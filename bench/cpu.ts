// CPU time of processes, read from Linux /proc: what the ratios of the benchmark divide. Wall
// time on a shared machine swings 2–3× with other work; CPU time spent on one job does not.
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time of one process, in ms, summed over its live threads (/proc/<pid>/task/<tid>/schedstat,
 * nanosecond precision; /proc/<pid>/stat counts in 10 ms ticks, too coarse for one Submit).
 * Threads that exited since the last read take their time with them: V8's and isolated-vm's
 * threads live as long as the process, so that loses nothing here. NaN when the process is gone.
 */
export function threadsCpuMs(pid: number): number {
  let ns = 0;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return NaN;
  }
  for (const tid of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8");
      ns += Number(text.slice(0, text.indexOf(" ")));
    } catch {
      // the thread ended while we looked
    }
  }
  return ns / 1e6;
}

/** Parent pid and command line of every process, one pass over /proc. */
function processTable(): { pid: number; ppid: number; cmd: string }[] {
  const out: { pid: number; ppid: number; cmd: string }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      out.push({ pid: Number(name), ppid, cmd: readFileSync(`/proc/${name}/cmdline`, "utf8") });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** Children of `parent` whose command line contains `match` (all children when omitted). */
export function childPids(parent: number, match?: string): number[] {
  return processTable()
    .filter((p) => p.ppid === parent && (match === undefined || p.cmd.includes(match)))
    .map((p) => p.pid);
}

/** `roots` and every process below them (an esbuild service under a grader worker, say). */
export function withDescendants(roots: number[]): number[] {
  const table = processTable();
  const all = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of table) {
      if (all.has(p.ppid) && !all.has(p.pid)) {
        all.add(p.pid);
        grew = true;
      }
    }
  }
  return [...all];
}

/**
 * CPU of a fixed set of processes, re-listed when one of them is gone or every `rescanEvery`
 * reads (a worker may start an esbuild service later). Each read returns the total in ms;
 * differences between reads are what the processes spent in between.
 */
export class TreeCpu {
  private pids: number[] = [];
  private reads = 0;
  /** Running total carried over from processes that disappeared, so totals never go backwards. */
  private last = new Map<number, number>();

  constructor(
    private readonly list: () => number[],
    private readonly rescanEvery = 50,
  ) {}

  read(): number {
    if (this.pids.length === 0 || this.reads++ % this.rescanEvery === 0) this.pids = this.list();
    let total = 0;
    let gone = false;
    for (const pid of this.pids) {
      const ms = threadsCpuMs(pid);
      if (Number.isNaN(ms)) gone = true;
      else this.last.set(pid, ms);
    }
    for (const ms of this.last.values()) total += ms;
    if (gone) this.pids = [];
    return total;
  }
}
