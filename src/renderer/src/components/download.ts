/** What an export answers about where its file went (export.*, audit.export). */
export interface FileDelivery {
  fileName: string;
  path: string | null;
  download: { url: string; expiresAt: string } | null;
}

/**
 * Browser mode: the host keeps the file for one GET at a one-time address on our own origin; an
 * `<a download>` click hands it to the browser's download manager. Desktop: the file is already
 * where the user chose. Returns a sentence saying where the file is.
 */
export function deliverFile(result: FileDelivery, doc: Document = document): string {
  if (result.download) {
    const a = doc.createElement('a');
    a.href = result.download.url;
    a.download = result.fileName;
    a.rel = 'noopener';
    a.style.display = 'none';
    doc.body.appendChild(a);
    a.click();
    a.remove();
    return `${result.fileName} is downloading.`;
  }
  return result.path ? `Saved to ${result.path}.` : `${result.fileName} is ready.`;
}
