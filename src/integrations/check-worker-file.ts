/** Where the build puts the proposal service's page-check worker: beside the server entry (dist/server/). */
export const checkWorkerFile = 'check-worker.mjs';
