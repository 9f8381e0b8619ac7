/**
 * All catalogues, merged. Each area owns one file exporting
 * `{ en: {...}, 'zh-CN': {...} }` with keys prefixed by the area.
 * catalogues.test.ts checks every key exists in both languages.
 */
import type { Locale } from '../../../../../core/protocol/index.ts';
import app from './app.ts';
import shell from './shell.ts';
import graph from './graph.ts';
import editor from './editor.ts';
import lessons from './lessons.ts';
import dock from './dock.ts';
import inspector from './inspector.ts';
import netpol from './netpol.ts';

export type Catalogue = Record<Locale, Record<string, string>>;

const areas: Catalogue[] = [app, shell, graph, editor, lessons, dock, inspector, netpol];

export const catalogues: Catalogue = {
  en: Object.assign({}, ...areas.map((a) => a.en)) as Record<string, string>,
  'zh-CN': Object.assign({}, ...areas.map((a) => a['zh-CN'])) as Record<string, string>,
};

export const areaCatalogues = areas;
