/** The files the build writes for the security headers (src/integrations/security.ts). */

/** Beside the server entry (dist/server/): the policy's inputs, read by the server at start. */
export const policyFile = 'security-policy.json';
/** Beside it: each page's part of the policy, for the content rebuild (src/integrations/content-rebuild/). */
export const policyFactsFile = 'security-policy-pages.json';
/** In the static site (dist/client/): the headers for Netlify and Cloudflare Pages. */
export const staticHostFile = '_headers';
/** In the build's folder (dist/): the headers as nginx directives, for `include`. */
export const nginxFile = 'security-headers.nginx.conf';
