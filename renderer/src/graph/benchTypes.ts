/**
 * What the graph benchmark page (benchPage.ts) reports back to
 * test/bench/graph.ts. DOM-free so the Node side can import it.
 */
/** Where one full rebuild spent its time: mapping, the layout worker's round trip, drawing (cy.add + fit). */
export interface LayoutPhases {
  mapMs: number;
  layoutMs: number;
  drawMs: number;
}

export interface BenchResult {
  layoutMs: number[];
  layoutPhases: LayoutPhases[];
  layoutNodes: number;
  patchMs: number[];
  patchPods: number;
  patchElements: number;
}

export interface BenchOptions {
  layoutRuns: number;
  batches: number;
  warmup: number;
}

/** The page's entry point, set on `globalThis.graphBench`. */
export type GraphBench = (o: BenchOptions) => Promise<BenchResult>;
