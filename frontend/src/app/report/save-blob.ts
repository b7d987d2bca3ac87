/**
 * Offers a fetched file for saving through a temporary object URL, revoked right after the click has started the download, so
 * the file's bytes do not stay reachable in the page (a shared phone, the next person).
 */
export function saveBlob(document: Document, blob: Blob, name: string): void {
  const view = document.defaultView;
  if (!view) return;
  const url = view.URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Next turn: the click has started the download by then (some browsers read the URL after the click's task).
    view.setTimeout(() => view.URL.revokeObjectURL(url), 0);
  }
}
