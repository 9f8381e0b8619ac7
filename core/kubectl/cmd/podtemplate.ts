/**
 * What `rollout history --revision=N` shows of a ReplicaSet's pod template
 * (kubectl DescribePodTemplate, printed without column alignment, as the
 * history viewer does), and the template comparison `rollout undo` uses.
 */
import { deepEqual } from '../../util/json.ts';

type J = Record<string, unknown>;
interface ContainerShape {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort?: number; hostPort?: number; protocol?: string }[];
  env?: { name?: string; value?: string }[];
  volumeMounts?: { name?: string; mountPath?: string; readOnly?: boolean }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

/** The `Pod Template:` block with raw tabs. */
export function describeTemplate(template: J): string {
  const meta = (template.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const spec = (template.spec ?? {}) as {
    containers?: ContainerShape[];
    volumes?: J[];
    nodeSelector?: Record<string, string>;
    tolerations?: J[];
  };
  let out = 'Pod Template:\n';
  out += multiline('  Labels', meta.labels, '=');
  if (meta.annotations && Object.keys(meta.annotations).length)
    out += multiline('  Annotations', meta.annotations, ': ');
  out += '  Containers:\n';
  for (const c of spec.containers ?? []) out += container(c);
  out += spec.volumes?.length
    ? `  Volumes:\n${spec.volumes.map((v) => `   ${String(v.name ?? '')}:\n`).join('')}`
    : '  Volumes:\t<none>\n';
  out += `  Node-Selectors:\t${pairs(spec.nodeSelector, '=') || '<none>'}\n`;
  out += `  Tolerations:\t${spec.tolerations?.length ? spec.tolerations.map((t) => `${String(t.key ?? '')}`).join(', ') : '<none>'}\n`;
  return out;
}

function multiline(title: string, map: Record<string, string> | undefined, sep: string): string {
  const keys = Object.keys(map ?? {}).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}${sep}${map?.[k] ?? ''}\n`).join('');
}

const pairs = (map: Record<string, string> | undefined, sep: string): string =>
  Object.keys(map ?? {})
    .sort()
    .map((k) => `${k}${sep}${map?.[k] ?? ''}`)
    .join(',');

function container(c: ContainerShape): string {
  const ports = c.ports ?? [];
  let out = `   ${c.name ?? ''}:\n    Image:\t${c.image ?? ''}\n`;
  const plural = ports.length > 1 ? 's' : '';
  out += `    Port${plural}:\t${ports.length ? ports.map((p) => `${p.containerPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
  out += `    Host Port${plural}:\t${ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}\n`;
  if (c.command?.length) out += `    Command:\n${c.command.map((a) => `      ${a}\n`).join('')}`;
  if (c.args?.length) out += `    Args:\n${c.args.map((a) => `      ${a}\n`).join('')}`;
  for (const kind of ['limits', 'requests'] as const) {
    const res = c.resources?.[kind];
    if (res && Object.keys(res).length)
      out += `    ${kind === 'limits' ? 'Limits' : 'Requests'}:\n${Object.keys(res)
        .sort()
        .map((k) => `      ${k}:\t${res[k] ?? ''}\n`)
        .join('')}`;
  }
  out += c.env?.length
    ? `    Environment:\n${c.env.map((e) => `      ${e.name ?? ''}:\t${e.value ?? ''}\n`).join('')}`
    : '    Environment:\t<none>\n';
  out += c.volumeMounts?.length
    ? `    Mounts:\n${c.volumeMounts.map((m) => `      ${m.mountPath ?? ''} from ${m.name ?? ''} (${m.readOnly ? 'ro' : 'rw'})\n`).join('')}`
    : '    Mounts:\t<none>\n';
  return out;
}

/** Templates equal when the pod-template-hash label and a null creationTimestamp are ignored. */
export function equalIgnoreHash(a: J, b: J): boolean {
  return deepEqual(normalized(a), normalized(b));
}

function normalized(t: J): J {
  const copy = JSON.parse(JSON.stringify(t)) as J;
  const meta = (copy.metadata ?? {}) as { labels?: Record<string, string>; creationTimestamp?: unknown };
  if (meta.labels) {
    delete meta.labels['pod-template-hash'];
    if (Object.keys(meta.labels).length === 0) delete meta.labels;
  }
  if (meta.creationTimestamp === null) delete meta.creationTimestamp;
  copy.metadata = meta;
  return copy;
}
