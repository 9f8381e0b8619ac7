/**
 * Which Ingresses the lab's simulated ingress-nginx serves, shared by its
 * controller (status, events) and the router (core/network/ingress.ts).
 * Mirrors ingress-nginx internal/ingress/controller/store (GetIngressClass):
 * an Ingress is ours when `spec.ingressClassName` names an IngressClass whose
 * `spec.controller` is `k8s.io/ingress-nginx`, or when the legacy annotation
 * `kubernetes.io/ingress.class` says `nginx`. An Ingress with no class at all is
 * ignored, as ingress-nginx does without --watch-ingress-without-class (the API
 * server's DefaultIngressClass admission gives new Ingresses the default class).
 */
import type { KubeObject } from '../../api/types.ts';
import { R } from '../resources.ts';
import type { ClusterView } from '../runtime/types.ts';

/** The IngressClass every lab cluster starts with (core/cluster/defaults.ts). */
export const NGINX_CLASS = 'nginx';
export const NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
/**
 * The address the controller publishes in every Ingress it serves: one fixed
 * IP on the course's host-only network (192.168.56.0/24), below the
 * LoadBalancer pool (…240–250) and clear of the nodes (…10–19). Think of it as
 * the ingress-nginx controller's own LoadBalancer Service address.
 */
export const INGRESS_ADDRESS = '192.168.56.200';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** What the ingress code may read: a subset of the controllers' ClusterView. */
export type ReadView = Pick<ClusterView, 'get' | 'list'>;

/** True when the lab's ingress-nginx serves this Ingress (see the header). */
export function servedByNginx(view: ReadView, ing: KubeObject): boolean {
  if (ing.metadata.deletionTimestamp) return false;
  const name = (ing.spec as { ingressClassName?: string } | undefined)?.ingressClassName;
  if (name) {
    const ic = view.get(R.ingressClasses, undefined, name);
    return (ic?.spec as { controller?: string } | undefined)?.controller === NGINX_CONTROLLER;
  }
  return ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION] === NGINX_CLASS;
}
