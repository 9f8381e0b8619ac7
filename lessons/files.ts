/**
 * The lessons' Markdown and YAML files, bundled as strings so lessons load
 * without a file system (Node host, Web Worker, tests alike). The bundle,
 * files.generated.ts, is written by test/lessons/files.test.ts from the
 * lesson folders; that test fails when it is stale
 * (`npx vitest run test/lessons/files.test.ts -u` rewrites it).
 */
import { FILES } from './files.generated.ts';

/** A file of the lessons folder by its path inside it: `01-first-app/nginx-deployment.yaml`. */
export function lessonFile(path: string): string {
  const text = Object.hasOwn(FILES, path) ? FILES[path] : undefined;
  if (text === undefined) throw new Error(`no lesson file ${path} (is files.generated.ts up to date?)`);
  return text;
}

export function lessonFilePaths(): string[] {
  return Object.keys(FILES);
}
