/**
 * The policy overlay's data in the graph pane: the netpolOverlay answer for
 * the lab's overlay pod, asked again when the pod or the namespace option
 * changes and (soon after) when a batch touches pods, policies or namespaces,
 * so applying a policy recolours the edges without a reload. Answers that
 * arrive after a newer question are dropped.
 */
import type { NetpolOverlayResult } from '../../../core/protocol/index.ts';
import { keyOfRef } from '../lib/cluster/reducer.ts';
import type { Lab } from '../lib/lab.svelte.ts';
import { RequestError } from '../lib/protocol/client.ts';
import { podId } from './overlay.ts';

export class OverlayState {
  result = $state.raw<NetpolOverlayResult | undefined>();
  error = $state('');
  loading = $state(false);
  allNamespaces = $state(false);
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly lab: Lab) {}

  refresh(): void {
    clearTimeout(this.timer);
    const pod = this.lab.overlayPod;
    const n = ++this.seq;
    if (!pod) {
      this.result = undefined;
      this.error = '';
      this.loading = false;
      return;
    }
    if (this.result && podId(this.result.pod) !== keyOfRef(pod)) this.result = undefined;
    this.loading = true;
    this.lab.client
      .request({ type: 'netpolOverlay', pod, allNamespaces: this.allNamespaces })
      .then((r) => {
        if (n !== this.seq) return;
        this.result = r;
        this.error = '';
        this.loading = false;
      })
      .catch((e: unknown) => {
        if (n !== this.seq) return;
        this.loading = false;
        // The pod is gone: the overlay has nothing left to show.
        if (e instanceof RequestError && e.status.reason === 'NotFound') this.lab.showOverlay(undefined);
        else this.error = e instanceof Error ? e.message : String(e);
      });
  }

  /** Ask again after a short quiet spell (a rollout changes many pods in a row). */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 120);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.seq++;
  }
}
