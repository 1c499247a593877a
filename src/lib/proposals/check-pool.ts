/**
 * Page checks off the request thread. Merging, checking and diffing a contributor's page can take
 * very long on some inputs (micromark is quadratic on runs like `*a*a*a…`), and such work on the
 * thread that answers requests would stall every reader and contributor meanwhile. So the service
 * does it in a small pool of worker threads (node:worker_threads, running check-worker.ts), each
 * page with a time budget: work over budget has its worker terminated and replaced, and the page
 * is refused as too complex. The budget starts when a ready worker takes the page, so neither
 * waiting in the queue nor a worker's start-up counts against it.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PageChange, PageOutcome } from './page-change.ts';

/** Whatever prepares page changes for the service: the pool, or a stand-in in tests. */
export interface PageChecker {
  check(change: PageChange): Promise<PageOutcome>;
}

export type CheckFailureKind =
  /** The check of this page did not finish within the budget, or ran out of memory. */
  | 'too-complex'
  /** Too many pages are waiting to be checked. */
  | 'busy'
  /** The checker itself failed (it could not start, or it threw). */
  | 'broken';

export class CheckFailure extends Error {
  readonly kind: CheckFailureKind;
  readonly budgetMs: number;

  constructor(kind: CheckFailureKind, message: string, budgetMs: number) {
    super(message);
    this.name = 'CheckFailure';
    this.kind = kind;
    this.budgetMs = budgetMs;
  }
}

export interface CheckPoolOptions {
  /** The worker's module: check-worker.ts, or its build (the server build says where). */
  workerUrl: URL;
  /** Worker threads (default: the cores but one, at least 2 and at most 4). */
  size?: number;
  /** Milliseconds one page's check may take (default 10,000: a plain page of 500 KB takes a few seconds on a busy machine). */
  budgetMs?: number;
  /** Pages that may wait for a worker; more are refused as busy (default 64). */
  maxQueue?: number;
  /** A worker's heap, in MB (default 512): a page that needs more is too complex. */
  memoryMb?: number;
}

interface Task {
  change: PageChange;
  resolve(outcome: PageOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Terminated by the pool (over budget, or closed): its exit needs no further handling. */
  retired: boolean;
}

type WorkerMessage = { ready: true } | { outcome: PageOutcome } | { error: string };

export class CheckPool implements PageChecker {
  readonly budgetMs: number;
  readonly workerUrl: URL;
  readonly #size: number;
  readonly #maxQueue: number;
  readonly #memoryMb: number;
  readonly #slots = new Set<Slot>();
  readonly #queue: Task[] = [];
  /** Callers of `ready()` waiting for a worker. */
  readonly #waiting: { resolve(): void; reject(error: Error): void }[] = [];
  #closed = false;

  constructor(options: CheckPoolOptions) {
    this.workerUrl = options.workerUrl;
    this.#size = options.size ?? Math.min(4, Math.max(2, availableParallelism() - 1));
    this.budgetMs = options.budgetMs ?? 10_000;
    this.#maxQueue = options.maxQueue ?? 64;
    this.#memoryMb = options.memoryMb ?? 512;
  }

  /** Starts `count` workers (all of them by default) now, so that the first contributor does not wait for them. */
  warm(count = this.#size): this {
    while (!this.#closed && this.#slots.size < Math.min(count, this.#size)) this.#spawn();
    return this;
  }

  /** Resolves once a worker is ready to take a page (starting one if none is). */
  ready(): Promise<void> {
    if ([...this.#slots].some((slot) => slot.ready)) return Promise.resolve();
    this.warm(Math.max(1, this.#slots.size));
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  /** Starts a worker when the pages waiting outnumber the workers that are free or starting. */
  #grow(): void {
    const free = [...this.#slots].filter((slot) => !slot.task).length;
    if (free < this.#queue.length) this.warm(this.#slots.size + 1);
  }

  check(change: PageChange): Promise<PageOutcome> {
    if (this.#closed) return Promise.reject(new CheckFailure('broken', 'The page checker has been shut down.', this.budgetMs));
    if (this.#queue.length >= this.#maxQueue) {
      return Promise.reject(new CheckFailure('busy', `${this.#queue.length} pages are waiting to be checked.`, this.budgetMs));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ change, resolve, reject });
      this.#grow();
      this.#dispatch();
    });
  }

  /** Stops every worker; pages still waiting are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new CheckFailure('broken', 'The page checker has been shut down.', this.budgetMs));
    await Promise.all([...this.#slots].map((slot) => this.#retire(slot)));
  }

  #spawn(): void {
    const worker = new Worker(this.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.#memoryMb } });
    worker.unref();
    const slot: Slot = { worker, ready: false, retired: false };
    this.#slots.add(slot);
    let failure: Error | undefined;
    worker.on('message', (message: WorkerMessage) => this.#receive(slot, message));
    worker.on('error', (error) => (failure = error));
    worker.on('exit', () => this.#exited(slot, failure));
  }

  #receive(slot: Slot, message: WorkerMessage): void {
    if ('ready' in message) {
      slot.ready = true;
      for (const waiting of this.#waiting.splice(0)) waiting.resolve();
      this.#dispatch();
      return;
    }
    const task = this.#finish(slot);
    if (!task) return;
    if ('outcome' in message) task.resolve(message.outcome);
    else task.reject(new CheckFailure('broken', `The page checker failed: ${message.error}`, this.budgetMs));
    this.#dispatch();
  }

  /** Takes the slot's task off it (the worker is free again). */
  #finish(slot: Slot): Task | undefined {
    const task = slot.task;
    clearTimeout(slot.timer);
    slot.task = undefined;
    slot.timer = undefined;
    return task;
  }

  /**
   * An idle worker does not keep the process alive (a script that is done may end); one that is
   * checking a page, or starting while pages wait, does.
   */
  #settle(): void {
    for (const slot of this.#slots) {
      if (slot.task || (!slot.ready && this.#queue.length > 0)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (!slot.ready || slot.task || slot.retired) continue;
      const task = this.#queue.shift();
      if (!task) break;
      slot.task = task;
      slot.timer = setTimeout(() => this.#overBudget(slot), this.budgetMs);
      slot.worker.postMessage(task.change);
    }
    this.#settle();
  }

  #overBudget(slot: Slot): void {
    const task = this.#finish(slot);
    void this.#retire(slot);
    task?.reject(new CheckFailure('too-complex', `The check took longer than ${this.budgetMs / 1000} s.`, this.budgetMs));
    // Its replacement, so that the pool keeps its size.
    this.warm(this.#slots.size + 1);
    this.#grow();
    this.#dispatch();
  }

  async #retire(slot: Slot): Promise<void> {
    slot.retired = true;
    this.#slots.delete(slot);
    await slot.worker.terminate();
  }

  /** A worker that stopped by itself: out of memory on a page, or unable to start at all. */
  #exited(slot: Slot, failure: Error | undefined): void {
    if (slot.retired) return;
    this.#slots.delete(slot);
    const task = this.#finish(slot);
    const outOfMemory = (failure as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (task) {
      task.reject(outOfMemory ? new CheckFailure('too-complex', 'The check ran out of memory.', this.budgetMs) : new CheckFailure('broken', `The page checker stopped: ${failure?.message ?? 'it exited'}.`, this.budgetMs));
    }
    if (!slot.ready) {
      // It never started: the pages waiting would wait forever. Refuse them; the next page tries again.
      const cannot = new CheckFailure('broken', `The page checker could not start: ${failure?.message ?? 'it exited'}.`, this.budgetMs);
      for (const waiting of [...this.#queue.splice(0), ...this.#waiting.splice(0)]) waiting.reject(cannot);
      this.#settle();
      return;
    }
    this.warm(this.#slots.size + 1);
    this.#dispatch();
  }
}

/** The worker module beside this one (check-worker.ts), as the source tree has it. */
function sibling(file: string): URL {
  return new URL(file, import.meta.url);
}

let shared: CheckPool | undefined;

/** One pool for the process, over the source tree's worker (tests, scripts); its workers start as pages come. */
export function sharedCheckPool(): CheckPool {
  shared ??= new CheckPool({ workerUrl: sibling('./check-worker.ts') });
  return shared;
}
