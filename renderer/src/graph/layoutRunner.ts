/**
 * Runs the full layout in a Web Worker (layout.worker.ts) and hands back
 * positions; only the newest request's answer counts. Where no worker can be
 * started (or it fails to load), it lays out on this thread rather than not at all.
 * Small graphs (the lab's usual few dozen objects) are laid out here too: the
 * layered layout takes a few milliseconds for them, less than a worker's start.
 */
import { layered, type LayoutInput, type Positions } from './layered.ts';
import type { LayoutReply, LayoutRequest } from './layout.worker.ts';

interface Waiting {
  input: LayoutInput;
  resolve: (p: Positions | undefined) => void;
}

/** Below this many graph nodes the layout runs on this thread (measured here: 0.3 ms for 200). */
const INLINE_BELOW = 200;

export class LayoutRunner {
  private worker: Worker | undefined;
  private seq = 0;
  private waiting = new Map<number, Waiting>();

  constructor() {
    // The worker is started up front so it is ready when a big graph arrives.
    try {
      this.worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<LayoutReply>) => this.settle(e.data.id, e.data.positions);
      this.worker.onerror = () => this.fallBack();
    } catch {
      this.worker = undefined;
    }
  }

  /** Positions for `input`, or undefined when a newer request superseded this one. */
  run(input: LayoutInput): Promise<Positions | undefined> {
    const id = ++this.seq;
    for (const w of this.waiting.values()) w.resolve(undefined);
    this.waiting.clear();
    return new Promise((resolve) => {
      this.waiting.set(id, { input, resolve });
      if (this.worker && input.nodes.length >= INLINE_BELOW)
        this.worker.postMessage({ id, input } satisfies LayoutRequest);
      else queueMicrotask(() => this.settle(id, layered(input)));
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const w of this.waiting.values()) w.resolve(undefined);
    this.waiting.clear();
  }

  private settle(id: number, positions: Positions): void {
    const w = this.waiting.get(id);
    this.waiting.delete(id);
    w?.resolve(positions);
  }

  private fallBack(): void {
    this.worker?.terminate();
    this.worker = undefined;
    for (const [id, w] of this.waiting) this.settle(id, layered(w.input));
  }
}
