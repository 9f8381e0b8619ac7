/**
 * Scroll the lesson panel (its `.scroll` box) to show an element. Not
 * `scrollIntoView`: that also scrolls every ancestor, the window included,
 * and would push the whole workbench off screen.
 */
export function revealInPanel(el: HTMLElement, block: 'start' | 'nearest' = 'start'): void {
  const box = el.closest<HTMLElement>('.scroll');
  if (!box) return;
  const boxRect = box.getBoundingClientRect();
  const rect = el.getBoundingClientRect();
  if (block === 'nearest' && rect.top >= boxRect.top && rect.bottom <= boxRect.bottom) return;
  const top = box.scrollTop + rect.top - boxRect.top - 8;
  box.scrollTo({ top, behavior: 'smooth' });
}
