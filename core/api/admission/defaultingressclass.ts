/**
 * The DefaultIngressClass admission plugin
 * (plugin/pkg/admission/network/defaultingressclass/admission.go): an Ingress
 * created with neither `spec.ingressClassName` nor the legacy
 * `kubernetes.io/ingress.class` annotation gets the name of the IngressClass
 * annotated `ingressclass.kubernetes.io/is-default-class: "true"`. No default
 * class: left as is. More than one: the create is forbidden, as upstream.
 * Create only; updates are not defaulted.
 */
import { resourceByKind } from '../registry.ts';
import type { ResourceType } from '../registry.ts';
import type { Status } from '../types.ts';
import type { PolicyContext, PolicyRequest } from './context.ts';
import { forbidden, is } from './context.ts';

const INGRESSES = resourceByKind('networking.k8s.io/v1', 'Ingress') as ResourceType;
const INGRESS_CLASSES = resourceByKind('networking.k8s.io/v1', 'IngressClass') as ResourceType;
const DEFAULT_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_ANNOTATION = 'kubernetes.io/ingress.class';

export function admitDefaultIngressClass(ctx: PolicyContext, req: PolicyRequest): Status | undefined {
  if (!is(req.rt, INGRESSES) || req.operation !== 'create') return undefined;
  const spec = (req.object.spec ?? (req.object.spec = {})) as { ingressClassName?: string };
  if (spec.ingressClassName) return undefined;
  if (req.object.metadata.annotations?.[LEGACY_ANNOTATION] !== undefined) return undefined;
  const defaults = ctx.list(INGRESS_CLASSES).filter((c) => c.metadata.annotations?.[DEFAULT_ANNOTATION] === 'true');
  if (defaults.length === 0) return undefined;
  if (defaults.length > 1)
    return forbidden(
      req,
      `Internal error occurred: ${defaults.length} default IngressClasses were found, only 1 allowed`,
      true,
    );
  spec.ingressClassName = defaults[0]?.metadata.name;
  return undefined;
}
