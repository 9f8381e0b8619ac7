/**
 * The graph's glyphs as small SVGs: one per pod status (drawn white on the
 * status colour) and one per kind (its short name, kubectl's abbreviation).
 * Paths, not font glyphs, so they look the same on every machine. Used as
 * Cytoscape background images, by the legend and by the SVG export.
 */
import { KIND_GLYPH } from './adapters.ts';
import type { StatusClass } from './types.ts';

const stroke = (d: string) =>
  `<path d="${d}" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/>`;
const dot = (x: number, y: number, r = 1.7) => `<circle cx="${x}" cy="${y}" r="${r}" fill="currentColor"/>`;

/** Inner SVG (24×24 box, `currentColor`) of each status glyph. */
export const STATUS_ICON: Readonly<Record<StatusClass, string>> = {
  Ready: stroke('M6.5 12.5l3.8 3.8 7.2-8.3'),
  Running: '<path d="M9 7l8 5-8 5z" fill="currentColor"/>',
  NotReady: stroke('M12 6.5v6.5') + dot(12, 17),
  Pending: dot(7, 12) + dot(12, 12) + dot(17, 12),
  ContainerCreating: stroke('M12 6a6 6 0 1 1-6 6'),
  Terminating: stroke('M7 12h10'),
  Succeeded: stroke('M6.5 12.5l3.8 3.8 7.2-8.3'),
  Failed: stroke('M7.5 7.5l9 9M16.5 7.5l-9 9'),
  CrashLoopBackOff: stroke('M17 12a5 5 0 1 1-2-4') + stroke('M15.5 5v3.5H19'),
  ImagePullBackOff: stroke('M12 6v10M8 12.5l4 4 4-4'),
  Unknown: stroke('M9.6 9.4a2.5 2.5 0 1 1 3.4 2.3c-.7.3-1 .9-1 1.6v.4') + dot(12, 17),
};

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A status glyph as a standalone SVG document in `color`. */
export function statusSvg(status: StatusClass, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24" color="${escapeXml(color)}">${STATUS_ICON[status]}</svg>`;
}

/** A kind's short name as a standalone SVG document (drawn inside the kind's shape). */
export function kindSvg(kind: string, color: string, font: string): string {
  const text = escapeXml(KIND_GLYPH[kind] ?? kind.slice(0, 3).toLowerCase());
  const size = text.length > 4 ? 9 : 11;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 24" width="48" height="24">` +
    `<text x="24" y="16" text-anchor="middle" font-family="${escapeXml(font)}" font-size="${size}" font-weight="600" fill="${escapeXml(color)}">${text}</text></svg>`
  );
}

export function dataUri(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/**
 * SVG icons as short blob: URLs. Cytoscape hashes every style value of every
 * element; a 700-character data: URI per pod made that a third of styling a
 * large graph. Revoke them once a newer stylesheet replaced them.
 */
export class IconUrls {
  private urls = new Map<string, string>();

  readonly url = (svg: string): string => {
    let u = this.urls.get(svg);
    if (!u) {
      u =
        typeof URL.createObjectURL === 'function'
          ? URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
          : dataUri(svg);
      this.urls.set(svg, u);
    }
    return u;
  };

  revoke(): void {
    for (const u of this.urls.values()) if (u.startsWith('blob:')) URL.revokeObjectURL(u);
    this.urls.clear();
  }
}
