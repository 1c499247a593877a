/** Removes the stand-in `document` of worker-dom-shim.ts once the pipeline's modules have loaded. */
const scope = globalThis as { document?: { pinkasShim?: boolean } };
if (scope.document?.pinkasShim) delete scope.document;
export {};
