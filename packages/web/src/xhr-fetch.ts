/**
 * A `fetch` over XMLHttpRequest, for the SDK's `fetch` option, that reports the bytes of the
 * request body as they go out: fetch has no upload progress, and browsers stream a request body
 * only over HTTP/2, so an upload's progress bar needs XHR's upload events. Used for uploads only.
 */
export function progressFetch(onSent: (sent: number, total: number) => void): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(init.method ?? 'GET', input instanceof Request ? input.url : String(input));
      xhr.responseType = 'blob';
      new Headers(init.headers).forEach((value, name) => {
        // Browsers refuse to set it (and log an error for trying).
        if (name !== 'user-agent') xhr.setRequestHeader(name, value);
      });
      xhr.upload.onprogress = (event) => onSent(event.loaded, event.lengthComputable ? event.total : 0);
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
        resolve(
          new Response(empty ? null : (xhr.response as Blob), {
            status: xhr.status,
            statusText: xhr.statusText,
            headers,
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError('The upload failed: the connection broke.'));
      xhr.ontimeout = xhr.onerror;
      xhr.onabort = () => reject(new DOMException('The upload was aborted.', 'AbortError'));
      const signal = init.signal;
      if (signal?.aborted) {
        reject(new DOMException('The upload was aborted.', 'AbortError'));
        return;
      }
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
    });
}
