// The pool's waiting line: at most one job in flight per learner, learners served round-robin,
// and bounds on how many jobs may wait (per learner and in all). One learner pressing Submit nine
// times delays another learner's Submit by at most the one job of theirs already running.
// Jobs without a learner (the CLI, exercises:check, benchmarks) each count as a learner of their
// own and are not bounded: their callers are trusted and wait by design.
// Low-priority keys (background regrades) are served only when no other waiting key can run, so a
// regrade (one job in flight at a time) delays a learner's Submit by at most the job it is running.

export class QueueRefusal extends Error {
  constructor(
    readonly reason: "learner-busy" | "queue-full",
    message: string,
  ) {
    super(message);
    this.name = "QueueRefusal";
  }
}

export interface FairQueueBounds {
  /** Jobs of one learner waiting behind their running one; more are refused ("learner-busy"). */
  waitingPerLearner: number;
  /** Learners' jobs waiting in all; more are refused ("queue-full"). */
  waiting: number;
}

export class FairQueue<T> {
  private readonly waiting = new Map<string, T[]>();
  /** Learners with waiting jobs, in the order they started waiting. */
  private readonly ring: string[] = [];
  private readonly running = new Set<string>();
  /** Waiting jobs that belong to learners (the bounded kind). */
  private learnerJobs = 0;
  private total = 0;

  constructor(readonly bounds: FairQueueBounds) {}

  get size(): number {
    return this.total;
  }

  /** Keys whose jobs run only when nobody else's can. */
  private readonly lowPriority = new Set<string>();

  /** Adds a job of `key`; `bounded` for learners' jobs; `low` priority for background work. Throws QueueRefusal when a bound is reached. */
  push(key: string, item: T, bounded: boolean, low = false): void {
    const list = this.waiting.get(key) ?? [];
    if (bounded) {
      if (list.length >= this.bounds.waitingPerLearner) {
        throw new QueueRefusal("learner-busy", "learner already has the most jobs allowed waiting");
      }
      if (this.learnerJobs >= this.bounds.waiting) throw new QueueRefusal("queue-full", "the grading queue is full");
      this.learnerJobs++;
    }
    list.push(item);
    this.total++;
    this.waiting.set(key, list);
    if (!this.ring.includes(key)) this.ring.push(key);
    if (low) this.lowPriority.add(key);
    else this.lowPriority.delete(key);
    this.boundedFlags.set(item, bounded);
  }

  private readonly boundedFlags = new Map<T, boolean>();

  /** When each learner with waiting or running jobs was last served (a counter, not a clock). */
  private readonly lastServed = new Map<string, number>();
  private served = 0;

  /**
   * The next job to run: of the learners with nothing running, the one served longest ago (never
   * served first; ties in the order they started waiting). Marks them running.
   */
  take(): { key: string; item: T } | undefined {
    let best = -1;
    for (const low of [false, true]) {
      for (let i = 0; i < this.ring.length; i++) {
        const key = this.ring[i];
        if (this.running.has(key) || this.lowPriority.has(key) !== low) continue;
        if (best < 0 || (this.lastServed.get(key) ?? -1) < (this.lastServed.get(this.ring[best]) ?? -1)) best = i;
      }
      if (best >= 0) break;
    }
    if (best < 0) return undefined;
    const key = this.ring[best];
    const list = this.waiting.get(key)!;
    const item = list.shift()!;
    this.total--;
    if (this.boundedFlags.get(item)) this.learnerJobs--;
    this.boundedFlags.delete(item);
    this.ring.splice(best, 1);
    if (list.length > 0) this.ring.push(key);
    else this.waiting.delete(key);
    this.running.add(key);
    this.lastServed.set(key, ++this.served);
    return { key, item };
  }

  /** The learner's running job ended: their next one may run. */
  done(key: string): void {
    this.running.delete(key);
    // Forgotten once they have nothing left here: the map holds only learners in line.
    if (!this.waiting.has(key)) {
      this.lastServed.delete(key);
      this.lowPriority.delete(key);
    }
  }

  /** Removes and returns every waiting job. */
  drain(): T[] {
    const all = this.ring.flatMap((key) => this.waiting.get(key) ?? []);
    this.waiting.clear();
    this.ring.length = 0;
    this.boundedFlags.clear();
    this.lowPriority.clear();
    this.total = 0;
    this.learnerJobs = 0;
    for (const key of [...this.lastServed.keys()]) if (!this.running.has(key)) this.lastServed.delete(key);
    return all;
  }
}
