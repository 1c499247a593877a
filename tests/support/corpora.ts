import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The 18F handbook from the team's shared corpora (250 plain `.md` pages written for Eleventy),
 * beside the checkout (`../shared/corpora`) or where PINKAS_CORPORA_DIR points; undefined when
 * absent (tests that need it are skipped and say so).
 */
export const handbook18F: string | undefined = [process.env.PINKAS_CORPORA_DIR, '../shared/corpora', '/work/shared/corpora']
  .filter((dir): dir is string => Boolean(dir))
  .map((dir) => path.resolve(dir, '18f-handbook/pages'))
  .find((dir) => existsSync(dir));
