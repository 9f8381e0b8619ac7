/** The item ArrowRight/ArrowLeft moves to in a tab list (wrapping around), or undefined for other keys. */
export function arrowStep<T>(items: readonly T[], current: T, key: string): T | undefined {
  if (key !== 'ArrowRight' && key !== 'ArrowLeft') return undefined;
  const i = items.indexOf(current);
  return items[(i + (key === 'ArrowRight' ? 1 : items.length - 1)) % items.length];
}
