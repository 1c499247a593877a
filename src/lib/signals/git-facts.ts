/**
 * What the build learns from git for required reading, beside the history it already reads: which
 * commits are marked minor, and the content hash of each page as built.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The commit trailer that marks a change too small to ask readers to acknowledge it again. */
export const MINOR_TRAILER = 'Pinkas-Minor';

const US = '\x1f';
const RS = '\x1e';

/**
 * The commits under `dir` whose message carries `Pinkas-Minor: yes` (key and value in any case),
 * in one `git log`. Empty when the folder is not in a git repository.
 */
export async function minorCommits(dir: string): Promise<Set<string>> {
  const minor = new Set<string>();
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['log', `--format=${RS}%H${US}%(trailers:key=${MINOR_TRAILER},valueonly,separator=%x1f)`, '--', '.'], { cwd: dir, maxBuffer: 1024 * 1024 * 1024 }));
  } catch {
    return minor;
  }
  for (const record of stdout.split(RS)) {
    const [commit = '', ...values] = record.trim().split(US);
    if (commit && values.some((v) => v.trim().toLowerCase() === 'yes')) minor.add(commit);
  }
  return minor;
}

/** The id git gives a file's content (`git hash-object`, SHA-1): the hash an acknowledgement records. */
export function gitBlobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}
