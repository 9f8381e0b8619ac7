/**
 * The UI's side of the protocol: typed requests that resolve with their
 * result (or reject with the host's Status), and notifications to listeners.
 */
import type { HostMessage, Notification, RequestBody, RequestType, ResultOf } from '../../../../core/protocol/index.ts';
import type { Status } from '../../../../core/api/types.ts';
import type { Transport } from './transport.ts';

export class RequestError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

export class LabClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private listeners = new Set<(n: Notification) => void>();

  constructor(private readonly transport: Transport) {
    transport.onMessage((m) => this.receive(m));
    transport.onClose((reason) => {
      for (const p of this.pending.values()) p.reject(new Error(reason));
      this.pending.clear();
    });
  }

  request<T extends RequestType>(body: Extract<RequestBody, { type: T }>): Promise<ResultOf[T]> {
    const id = this.nextId++;
    return new Promise<ResultOf[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.transport.send({ ...body, id });
    });
  }

  /** Be told of every notification; returns a disposer. */
  onNotification(listener: (n: Notification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onClose(listener: (reason: string) => void): () => void {
    return this.transport.onClose(listener);
  }

  private receive(m: HostMessage): void {
    if (m.kind === 'notification') {
      for (const l of this.listeners) l(m.notification);
      return;
    }
    const p = this.pending.get(m.response.id);
    if (!p) return;
    this.pending.delete(m.response.id);
    if (m.response.ok) p.resolve(m.response.result);
    else p.reject(new RequestError(m.response.status));
  }
}
