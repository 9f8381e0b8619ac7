/**
 * Where the project's shared test data lives: `../shared` beside the checkout (as on the
 * developers' machines and in CI), or KUBELAB_SHARED. A user's clone has none; tests that
 * need it skip with a message. The app never reads it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const SHARED_DIR =
  [process.env.KUBELAB_SHARED, join(repoRoot, '..', 'shared'), '/work/shared'].find(
    (d): d is string => !!d && existsSync(d),
  ) ?? join(repoRoot, '..', 'shared');

export const K8S_EXAMPLES = join(SHARED_DIR, 'k8s-examples');
