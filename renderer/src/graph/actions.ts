/**
 * The context menu's actions on a cluster object, through the protocol only:
 * load it into the editor (as the learner would write it) and delete it.
 * Failures become notices in the API server's words.
 */
import type { ObjectRef } from '../../../core/protocol/index.ts';
import type { Lab } from '../lib/lab.svelte.ts';
import { manifestTitle, manifestYaml } from './manifest.ts';
import type { Translate } from './types.ts';

const messageOf = (e: unknown) =>
  (e as { status?: { message?: string } }).status?.message ?? (e instanceof Error ? e.message : String(e));

export async function loadIntoEditor(lab: Lab, ref: ObjectRef, t: Translate): Promise<void> {
  try {
    const obj = await lab.client.request({ type: 'get', ref });
    if (!lab.editor) return lab.notify('warning', t('graph.noEditor'));
    lab.editor.open(manifestYaml(obj), manifestTitle(obj));
  } catch (e) {
    lab.notify('error', t('graph.loadFailed', { name: ref.name, message: messageOf(e) }));
  }
}

export async function deleteObject(lab: Lab, ref: ObjectRef, t: Translate): Promise<void> {
  try {
    await lab.client.request({ type: 'delete', ref });
    lab.notify('info', t('graph.deleted', { kind: ref.kind, name: ref.name }));
  } catch (e) {
    lab.notify('error', t('graph.deleteFailed', { name: ref.name, message: messageOf(e) }));
  }
}
