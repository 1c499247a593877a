/**
 * Imported first by src/server/entry.ts: stops @astrojs/node's server module from starting its
 * server as it loads, so that the entry can check where to listen and add the security headers
 * first. Remembers whether whoever loaded the entry wanted a server started (`astro preview`
 * loads it with ASTRO_NODE_AUTOSTART=disabled and serves the exported handler itself).
 */
export const autostart = process.env.ASTRO_NODE_AUTOSTART !== 'disabled';
const before = process.env.ASTRO_NODE_AUTOSTART;
process.env.ASTRO_NODE_AUTOSTART = 'disabled';

/** Puts ASTRO_NODE_AUTOSTART back as it was. */
export function restoreAutostart(): void {
  if (before === undefined) delete process.env.ASTRO_NODE_AUTOSTART;
  else process.env.ASTRO_NODE_AUTOSTART = before;
}
