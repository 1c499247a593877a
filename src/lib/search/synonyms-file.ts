/** Reads the synonyms of a content folder (synonyms.ts); none when the file is absent. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSynonyms, SYNONYMS_FILE, type Synonyms } from './synonyms.ts';

export async function readSynonymsFile(contentDir: string): Promise<Synonyms> {
  const file = path.join(contentDir, SYNONYMS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { groups: [], errors: [] };
    throw error;
  }
  const synonyms = parseSynonyms(text);
  return { ...synonyms, errors: synonyms.errors.map((e) => `${path.join(path.basename(contentDir), SYNONYMS_FILE)}: ${e}`) };
}
