/** Saves an API ExportFile in the browser: its base64 decoded into a Blob, offered under the API's file name. */
export function saveFile(file: { fileName: string; mediaType: string; contentBase64: string }) {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: file.fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download by now; the URL is not needed again.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
