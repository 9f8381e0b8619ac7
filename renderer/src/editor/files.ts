/** Manifest files in the browser: read what the learner picked, and save a tab as a download. */

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

/** Offer `text` as a file named `name` (a download in the browser; Electron's menu saves natively). */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
