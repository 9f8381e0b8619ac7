/**
 * The virtual clock and its event queue: the only source of time in core.
 * Work is scheduled at a virtual instant; `advance` plays due work in
 * (time, insertion) order, so a given input always yields the same
 * timeline. Real time and fast-forward are driven from outside (the host
 * calls `advance` on a wall-clock tick scaled by the speed).
 */

export type Task = () => void;

/** A scheduled task; it is its own Timer handle (no closure per timer: fast-forwarding schedules thousands). */
class Entry implements Timer {
  cancelled = false;

  constructor(
    readonly at: number,
    readonly seq: number,
    readonly task: Task,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

/** A binary min-heap on (at, seq). */
class Heap {
  private items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Entry | undefined {
    return this.items[0];
  }

  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): Entry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

const less = (x: Entry, y: Entry) => x.at < y.at || (x.at === y.at && x.seq < y.seq);

export interface Timer {
  cancel(): void;
}

/** The default start of virtual time: 2026-11-22T09:00:00Z, a Sunday morning in class. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 10, 22, 9, 0, 0);

export class VirtualClock {
  private nowMs: number;
  private seq = 0;
  private queue = new Heap();
  /** Called after each batch of due tasks, so the cluster can settle its work queues. */
  onIdle: () => void = () => {};

  constructor(startMs = DEFAULT_EPOCH_MS) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 with second precision, as Kubernetes timestamps are. */
  nowIso(): string {
    return isoSeconds(this.nowMs);
  }

  /** Run `task` after `delayMs` of virtual time (0 = at the current instant, after settling). */
  after(delayMs: number, task: Task): Timer {
    const entry = new Entry(this.nowMs + Math.max(0, delayMs), this.seq++, task);
    this.queue.push(entry);
    return entry;
  }

  /** The virtual instant of the next pending task, or undefined when nothing is scheduled. */
  nextAt(): number | undefined {
    this.dropCancelled();
    return this.queue.peek()?.at;
  }

  /** Play every task due up to now + ms, moving time forward task by task. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    this.runDue(target);
    this.nowMs = target;
    this.onIdle();
  }

  /** Jump to the next scheduled task and run everything due then. Returns false when nothing is pending. */
  step(): boolean {
    const at = this.nextAt();
    if (at === undefined) return false;
    this.advance(Math.max(0, at - this.nowMs));
    return true;
  }

  private runDue(target: number): void {
    this.onIdle();
    for (;;) {
      this.dropCancelled();
      const top = this.queue.peek();
      if (!top || top.at > target) return;
      this.nowMs = Math.max(this.nowMs, top.at);
      // Run every task due at this instant, then let the cluster settle before time moves on.
      while (this.queue.peek() && this.queue.peek()!.at <= this.nowMs) {
        const e = this.queue.pop()!;
        if (!e.cancelled) e.task();
      }
      this.onIdle();
    }
  }

  private dropCancelled(): void {
    while (this.queue.peek()?.cancelled) this.queue.pop();
  }
}

let lastSecond = NaN;
let lastIso = '';

/** RFC 3339 at second precision; the last result is reused (many writes share a virtual second). */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastIso = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastIso;
}
