/**
 * The graph's small animations: a brief flash on nodes whose status just
 * changed, and the moving dashed ring of pods with something in progress
 * (image pull, container start). One timer each, whatever the number of nodes.
 */
import type { Core } from 'cytoscape';

const FLASH_MS = 700;
const TICK_MS = 260;
/** Above this many pods in progress the ring stops moving (its redraws would cost more than they tell). */
const MAX_TICKING = 300;

export class Motion {
  private flashing = new Set<string>();
  private flashTimer = 0;
  private tickTimer = 0;

  constructor(private readonly cy: Core) {}

  /** A brief highlight on nodes whose status just changed. */
  flash(ids: readonly string[]): void {
    if (!ids.length) return;
    this.cy.batch(() => {
      for (const id of ids) {
        this.cy.getElementById(id).addClass('flash');
        this.flashing.add(id);
      }
    });
    clearTimeout(this.flashTimer);
    this.flashTimer = window.setTimeout(() => {
      this.cy.batch(() => {
        for (const id of this.flashing) this.cy.getElementById(id).removeClass('flash');
      });
      this.flashing.clear();
    }, FLASH_MS);
  }

  /** Move the dashed ring of in-progress pods while there are any. */
  tickIfNeeded(): void {
    if (this.tickTimer) return;
    this.tickTimer = window.setInterval(() => {
      const busy = this.cy.nodes('.progress');
      if (busy.length === 0) {
        clearInterval(this.tickTimer);
        this.tickTimer = 0;
      } else if (busy.length <= MAX_TICKING) busy.toggleClass('tick');
    }, TICK_MS);
  }

  dispose(): void {
    clearTimeout(this.flashTimer);
    clearInterval(this.tickTimer);
  }
}
