// A copy of an export where the user wants it: the backend wrote the file into the archive's export
// folder and answered with a download link (main/host/downloads.ts); following it with `download`
// makes the browser shell save it to the browser's downloads and Electron ask where (save dialog).
export function saveCopy(download: string | undefined): void {
  if (!download) return;
  const a = document.createElement('a');
  a.href = download;
  a.download = '';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
