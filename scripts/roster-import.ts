/**
 * npm run roster:import -- people.csv
 *
 * Imports a roster into the readers' signals store (the one the server uses: PINKAS_DATABASE_URL,
 * else PINKAS_DATA_DIR, else .pinkas-data/), so that required reading knows each audience's
 * members before they sign in. Columns: email, name, groups (separated by `;`); see
 * src/lib/signals/roster.ts. All rows or, on one bad row, none. People already known keep their
 * last sign-in; their name and groups become the roster's.
 */
import { readFile } from 'node:fs/promises';
import { parseRoster, RosterError } from '../src/lib/signals/roster.ts';
import { openStore } from '../src/lib/store/open.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run roster:import -- people.csv   (columns: email,name,groups)');
  process.exit(2);
}

try {
  const people = parseRoster(await readFile(file, 'utf8'));
  const store = await openStore(process.env);
  try {
    const { imported } = await store.importPeople(people);
    const groups = new Set(people.flatMap((p) => p.groups ?? []));
    console.log(`Imported ${imported} ${imported === 1 ? 'person' : 'people'} in ${groups.size} group${groups.size === 1 ? '' : 's'} into the ${store.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} store.`);
  } finally {
    await store.close();
  }
} catch (error) {
  console.error(error instanceof RosterError ? `${file}: ${error.message}` : `Could not import ${file}: ${(error as Error).message}`);
  process.exit(1);
}
