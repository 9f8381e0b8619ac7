/**
 * How the UI reaches the core host. The renderer cannot tell which one it got:
 * - Electron: the preload hands over a MessagePort (window message `kubelab:port`);
 * - browser: a WebSocket to the server that served this page.
 */
import type { HostMessage, Request } from '../../../../core/protocol/index.ts';

export interface Transport {
  send(message: Request): void;
  /** Messages from the host; returns an unsubscribe function. */
  onMessage(listener: (message: HostMessage) => void): () => void;
  onClose(listener: (reason: string) => void): () => void;
  close(): void;
}

/** The preload's bridge in Electron (a copy of electron/preload/api.ts's types, which are the source of truth). */
export type MenuEvent =
  | { type: 'open-manifest'; name: string; path: string; text: string }
  | { type: 'save-manifest' }
  | { type: 'open-lab'; name: string; text: string }
  | { type: 'save-lab' }
  | { type: 'toggle-theme' };
export type SaveFileResult = { saved: true; name: string; path: string } | { saved: false; error?: string };
export interface Bridge {
  readonly electron: true;
  onMenu(listener: (event: MenuEvent) => void): () => void;
  saveFile(name: string, text: string): Promise<SaveFileResult>;
}

declare global {
  interface Window {
    kubelab?: Bridge;
  }
}

class Listeners<T> {
  private set = new Set<(v: T) => void>();
  add(l: (v: T) => void): () => void {
    this.set.add(l);
    return () => this.set.delete(l);
  }
  emit(v: T): void {
    for (const l of this.set) l(v);
  }
}

function wrap(send: (data: string) => void, close: () => void) {
  const messages = new Listeners<HostMessage>();
  const closes = new Listeners<string>();
  const transport: Transport = {
    send: (m) => send(JSON.stringify(m)),
    onMessage: (l) => messages.add(l),
    onClose: (l) => closes.add(l),
    close,
  };
  return {
    transport,
    receive: (data: unknown) => {
      if (typeof data === 'string') messages.emit(JSON.parse(data) as HostMessage);
    },
    closed: (reason: string) => closes.emit(reason),
  };
}

function webSocketTransport(): Promise<Transport> {
  const url = new URL('ui/v1/protocol', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  const w = wrap(
    (d) => ws.send(d),
    () => ws.close(),
  );
  ws.onmessage = (e) => w.receive(e.data);
  ws.onclose = () => w.closed('the connection to the KubeLab host closed');
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve(w.transport);
    ws.onerror = () => reject(new Error(`cannot reach the KubeLab host at ${url.origin}`));
  });
}

function messagePortTransport(): Promise<Transport> {
  return new Promise((resolve) => {
    const onWindowMessage = (e: MessageEvent) => {
      if (e.source !== window || e.data !== 'kubelab:port' || !e.ports[0]) return;
      window.removeEventListener('message', onWindowMessage);
      const port = e.ports[0];
      const w = wrap(
        (d) => port.postMessage(d),
        () => port.close(),
      );
      port.onmessage = (m) => w.receive(m.data);
      port.start();
      resolve(w.transport);
    };
    window.addEventListener('message', onWindowMessage);
    window.postMessage('kubelab:ready', '*');
  });
}

export function connect(): Promise<Transport> {
  return window.kubelab?.electron ? messagePortTransport() : webSocketTransport();
}
