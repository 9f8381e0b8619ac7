/**
 * A lesson's start state on a fresh cluster: its manifests applied (or
 * created, as `kubectl create` does: no last-applied annotation), any extra
 * preparation, then time enough for every Deployment to finish rolling out,
 * so the lesson opens on a steady cluster.
 */
import { isRolledOut } from '../core/check/index.ts';
import { resourceByKind, storageKey } from '../core/api/registry.ts';
import type { Cluster } from '../core/cluster/cluster.ts';
import { R } from '../core/controllers/resources.ts';
import { applyManifest } from '../core/manifest/apply.ts';
import { parseManifest } from '../core/manifest/parse.ts';
import { lessonFile } from './files.ts';
import type { Lesson } from './types.ts';

/** Upper bound on the virtual time a start state may take to settle. */
const SETTLE_LIMIT_S = 60;

export function folderOf(lesson: Pick<Lesson, 'id' | 'number'>): string {
  return `${String(lesson.number).padStart(2, '0')}-${lesson.id}`;
}

export function buildStartState(lesson: Lesson, cluster: Cluster): void {
  const folder = folderOf(lesson);
  for (const file of lesson.start.create ?? []) createManifest(cluster, `${folder}/${file}`);
  for (const file of lesson.start.apply ?? []) {
    const report = applyManifest(cluster.api, lessonFile(`${folder}/${file}`), {
      actor: { component: 'kubectl apply', reason: `lesson ${lesson.number} start state` },
    });
    if (!report.ok) throw new Error(`lesson ${lesson.id}: start manifest ${file} does not apply`);
  }
  lesson.start.prepare?.(cluster);
  settle(cluster);
}

function createManifest(cluster: Cluster, path: string): void {
  const parsed = parseManifest(lessonFile(path));
  if (parsed.errors.length) throw new Error(`${path}: ${parsed.errors[0]?.message ?? 'bad YAML'}`);
  for (const doc of parsed.docs) {
    const rt = resourceByKind(doc.object.apiVersion, doc.object.kind);
    if (!rt) throw new Error(`${path}: unknown kind ${doc.object.kind}`);
    const r = cluster.api.create(rt, doc.object, {
      actor: { component: 'kubectl create', reason: 'lesson start state' },
    });
    if (!r.ok) throw new Error(`${path}: ${r.status.message}`);
  }
}

function settle(cluster: Cluster): void {
  for (let s = 0; s < SETTLE_LIMIT_S; s++) {
    if (cluster.api.store.list(storageKey(R.deployments)).every(isRolledOut)) return;
    cluster.advance(1);
  }
  // Still not steady (a lesson may stop a component on purpose): the learner meets it as it is.
}
