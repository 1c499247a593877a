/** The file the build writes for the readers' signals service (src/integrations/reading.ts). */

/** Where the build's page writes it, under the static site (dist/client/). */
export const builtManifest = 'reading/pages.json';
/** Where the server reads it: beside the server entry (dist/server/). */
export const serverManifest = 'pages.json';
