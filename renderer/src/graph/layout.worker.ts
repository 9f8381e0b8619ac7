/**
 * The full layout, off the UI thread: receives the graph as plain data,
 * answers with positions (see layered.ts).
 */
import { layered, type LayoutInput, type Positions } from './layered.ts';

export interface LayoutRequest {
  id: number;
  input: LayoutInput;
}

export interface LayoutReply {
  id: number;
  positions: Positions;
  /** Time spent laying out inside the worker (for the benchmark's notes). */
  ms: number;
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(m: LayoutReply): void;
};

scope.onmessage = (e) => {
  const t0 = performance.now();
  const positions = layered(e.data.input);
  scope.postMessage({ id: e.data.id, positions, ms: performance.now() - t0 });
};
