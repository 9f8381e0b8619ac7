/** Files in the browser: read what the learner picked, and save a tab (or a graph export) as a download. */

/** The text of each picked file, or why it could not be read. */
export async function readFiles(
  files: Iterable<File>,
): Promise<({ name: string; text: string } | { name: string; error: string })[]> {
  const out: ({ name: string; text: string } | { name: string; error: string })[] = [];
  for (const file of files) {
    try {
      out.push({ name: file.name, text: await file.text() });
    } catch (e) {
      out.push({ name: file.name, error: (e as Error).message });
    }
  }
  return out;
}

/** Save a file the learner asked for (an editor tab, the graph's PNG/SVG export) through a temporary link. */
export function download(data: Blob | string, filename: string, type = 'image/svg+xml'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
