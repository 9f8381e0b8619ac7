/**
 * The pane's view options: defaults, remembered between sessions in
 * localStorage (a view preference, not part of the lab's saved workspace),
 * and the small helpers the toolbar and menu use.
 */
import { VIEW_KINDS } from './mapping.ts';
import { USER_NAMESPACES, VIEWS, type MapOptions, type View } from './types.ts';

const STORAGE_KEY = 'kubelab.graph';

export function defaultOptions(): MapOptions {
  return { view: 'all', namespace: USER_NAMESPACES, hiddenKinds: new Set(), collapsed: new Set() };
}

/** Saved options, or the defaults when there are none (or they do not parse). */
export function loadOptions(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): MapOptions {
  const d = defaultOptions();
  try {
    const raw = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Record<string, unknown> | null;
    if (!raw) return d;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return {
      view: VIEWS.includes(raw['view'] as View) ? (raw['view'] as View) : d.view,
      namespace: typeof raw['namespace'] === 'string' ? raw['namespace'] : d.namespace,
      hiddenKinds: new Set(strings(raw['hiddenKinds'])),
      collapsed: new Set(strings(raw['collapsed'])),
    };
  } catch {
    return d;
  }
}

export function saveOptions(
  o: MapOptions,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(
      STORAGE_KEY,
      JSON.stringify({
        view: o.view,
        namespace: o.namespace,
        hiddenKinds: [...o.hiddenKinds],
        collapsed: [...o.collapsed],
      }),
    );
  } catch {
    // Storage full or disabled: the options just are not remembered.
  }
}

/** The kinds the kind filter offers for a view. */
export function kindsOf(view: View): readonly string[] {
  return VIEW_KINDS[view];
}

/** An immutable-by-convention set (options are replaced whole, never changed in place). */
export function setOf<T>(items: Iterable<T>): ReadonlySet<T> {
  return new Set(items);
}

export function toggled<T>(set: ReadonlySet<T>, item: T, on = !set.has(item)): Set<T> {
  const next = new Set(set);
  if (on) next.add(item);
  else next.delete(item);
  return next;
}
