import { type ResourceLimits, Worker } from "node:worker_threads";

/** The job did not finish in its time: its worker was stopped. */
export class WorkerTimeoutError extends Error {}
/** The worker died under the job (out of memory, crash). */
export class WorkerCrashError extends Error {
  constructor(readonly cause: Error) {
    super(`worker failed: ${cause.message}`);
  }
}
/** Too many jobs already wait: refuse rather than pile up. */
export class WorkerPoolBusyError extends Error {}

type Job = { input: unknown; timeoutMs: number; resolve: (value: unknown) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null };

/**
 * A few worker threads for CPU-heavy work on user input (parsing a file), so that the event loop
 * keeps serving every other request. One job per worker at a time; a job that overruns its time is
 * ended by terminating its worker (the only way to stop synchronous JavaScript), and a new worker
 * replaces it on demand. Idle workers do not keep the process alive.
 *
 * The script receives the input as a message and answers with one message per job.
 */
export class WorkerPool<In, Out> {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];

  constructor(
    private readonly script: URL,
    private readonly opts: { size: number; maxQueue: number; resourceLimits?: ResourceLimits },
  ) {}

  run(input: In, timeoutMs: number): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.queue.length >= this.opts.maxQueue) {
        reject(new WorkerPoolBusyError("too many jobs waiting"));
        return;
      }
      this.queue.push({ input, timeoutMs, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Stops every worker (tests, shutdown); waiting jobs are refused. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new WorkerPoolBusyError("pool closed"));
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) this.finish(slot, (job) => job.reject(new WorkerPoolBusyError("pool closed")));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = [...this.slots].find((s) => !s.job) ?? (this.slots.size < this.opts.size ? this.spawn() : null);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        this.discard(slot);
        this.finish(slot, (late) => late.reject(new WorkerTimeoutError(`job took more than ${late.timeoutMs} ms`)));
        void slot.worker.terminate();
        this.pump();
      }, job.timeoutMs);
      slot.worker.postMessage(job.input);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { resourceLimits: this.opts.resourceLimits });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on("message", (output: Out) => {
      if (!this.slots.has(slot)) return;
      this.finish(slot, (job) => job.resolve(output));
      this.pump();
    });
    const fail = (error: Error) => {
      if (!this.slots.has(slot)) return;
      this.discard(slot);
      this.finish(slot, (job) => job.reject(new WorkerCrashError(error)));
      this.pump();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`worker exited with code ${code}`)));
    worker.unref();
    this.slots.add(slot);
    return slot;
  }

  /** Settles the slot's job, if any, and makes the slot idle. */
  private finish(slot: Slot, settle: (job: Job) => void): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref();
    if (job) settle(job);
  }

  private discard(slot: Slot): void {
    this.slots.delete(slot);
  }
}
