/**
 * The dock's requests to the host (clock and faults), shared by buttons and
 * keyboard shortcuts. The host answers and also broadcasts the new state as a
 * notification, which is what the controls display; failures become a notice.
 */
import type { Fault } from '../../../core/protocol/index.ts';
import type { Lab } from '../lib/lab.svelte.ts';
import { t } from '../lib/i18n/index.svelte.ts';
import type { ClockRequest } from './clock.ts';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function sendClock(lab: Lab, req: ClockRequest): void {
  lab.client.request(req).catch((e: unknown) => lab.notify('error', t('dock.clock.failed', { message: messageOf(e) })));
}

export function sendFault(lab: Lab, fault: Fault): void {
  lab.client.request({ type: 'fault', fault }).catch((e: unknown) => {
    lab.notify('error', t('dock.faults.failed', { message: messageOf(e) }));
  });
}
