/**
 * The policy overlay as data: one pod's netpolOverlay answer turned into the
 * edges the graph draws on top of the cluster (every other pod → the pod for
 * ingress, the pod → every other pod for egress), coloured by the verdict,
 * each with the words its tooltip shows. Pure: the view adds them as a layer
 * of `overlay` edges and dims what is not involved.
 */
import type { NetpolOverlayResult, OverlayEdge, PortSource } from '../../../core/protocol/index.ts';
import { keyOfRef } from '../lib/cluster/reducer.ts';
import type { Translate } from '../graph/types.ts';

export interface OverlayEdgeDef {
  id: string;
  source: string;
  target: string;
  allowed: boolean;
  /** The tooltip: its title, then its lines. */
  title: string;
  lines: string[];
}

export interface OverlayLayer {
  /** The graph id of the pod the overlay is about. */
  focus: string;
  edges: OverlayEdgeDef[];
}

export const podId = (p: { namespace: string; name: string }): string =>
  keyOfRef({ apiVersion: 'v1', kind: 'Pod', namespace: p.namespace, name: p.name });

export function portNote(from: PortSource, t: Translate): string {
  return t(`netpol.port.${from}`);
}

function edgeOf(e: OverlayEdge, dir: 'in' | 'out', self: { namespace: string; name: string }, t: Translate) {
  const other = { namespace: e.namespace, name: e.name };
  const [src, dst] = dir === 'in' ? [other, self] : [self, other];
  const path = t('netpol.edge.path', { from: src.name, to: dst.name, port: e.port, protocol: e.protocol });
  return {
    id: `overlay/${dir}/${podId(other)}`,
    source: podId(src),
    target: podId(dst),
    allowed: e.allowed,
    title: t(e.allowed ? 'netpol.edge.netpolAllowed' : 'netpol.edge.netpolDenied'),
    lines: [
      `${path} (${portNote(e.portFrom, t)})`,
      e.reason,
      e.policies.length ? t('netpol.policies', { names: e.policies.join(', ') }) : t('netpol.noPolicies'),
    ],
  } satisfies OverlayEdgeDef;
}

/** The edges of one overlay answer. */
export function overlayLayer(r: NetpolOverlayResult, t: Translate): OverlayLayer {
  return {
    focus: podId(r.pod),
    edges: [...r.ingress.map((e) => edgeOf(e, 'in', r.pod, t)), ...r.egress.map((e) => edgeOf(e, 'out', r.pod, t))],
  };
}

export type OverlayCounts = {
  in: number;
  inTotal: number;
  out: number;
  outTotal: number;
};

export function overlayCounts(r: NetpolOverlayResult): OverlayCounts {
  return {
    in: r.ingress.filter((e) => e.allowed).length,
    inTotal: r.ingress.length,
    out: r.egress.filter((e) => e.allowed).length,
    outTotal: r.egress.length,
  };
}

/** Whether a batch of changed object keys can change any verdict (pods, policies, namespaces). */
export function touchesPolicies(keys: Iterable<string>): boolean {
  for (const k of keys)
    if (k.startsWith('/Pod/') || k.startsWith('networking.k8s.io/NetworkPolicy/') || k.startsWith('/Namespace/'))
      return true;
  return false;
}

export interface NetworkSummary {
  isolated: boolean;
  ingressPolicies: string[];
  egressPolicies: string[];
  /** Other pods (in the overlay's scope) that may connect to the pod, and on which port. */
  reach: { count: number; total: number; port: number | undefined; from: string[] };
}

/** The inspector's Network card: which policies select the pod, and who may reach it. */
export function networkSummary(r: NetpolOverlayResult): NetworkSummary {
  const allowed = r.ingress.filter((e) => e.allowed);
  return {
    isolated: r.ingressPolicies.length > 0 || r.egressPolicies.length > 0,
    ingressPolicies: r.ingressPolicies,
    egressPolicies: r.egressPolicies,
    reach: {
      count: allowed.length,
      total: r.ingress.length,
      port: r.ingress[0]?.port,
      from: allowed.map((e) => e.name),
    },
  };
}
