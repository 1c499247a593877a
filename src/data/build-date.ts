import { today } from '../lib/today.ts';

/** The day the site is built (see src/lib/today.ts): review badges are judged against it. */
export const buildDate: string = today();
