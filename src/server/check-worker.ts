/**
 * Where the running server finds the page-check worker: the production entry names the file the
 * build wrote beside it (src/integrations/check-worker.ts); `astro dev` uses the source file.
 */
let built: URL | undefined;

/** Called by the production entry (src/server/entry.ts). */
export function useBuiltCheckWorker(url: URL): void {
  built = url;
}

export function checkWorkerUrl(): URL {
  return built ?? new URL('../lib/proposals/check-worker.ts', import.meta.url);
}
