/** The site's base path, with a trailing slash (`/`, `/handbook/`): where the search files and pages are. */
export const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
