/**
 * vitest global setup of the build and browser projects: the builds of one run go to a folder of
 * their own under .test-output/ (PINKAS_TEST_OUTPUT, which the test processes inherit), removed
 * when the run ends; folders left by runs that were killed are removed a day later.
 */
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export default async function setup() {
  const root = path.resolve('.test-output');
  await mkdir(root, { recursive: true });
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of await readdir(root)) {
    if (!/^(run|build)-/.test(name)) continue;
    const info = await stat(path.join(root, name)).catch(() => undefined);
    if (info && info.mtimeMs < dayAgo) await rm(path.join(root, name), { recursive: true, force: true });
  }
  const run = await mkdtemp(path.join(root, 'run-'));
  process.env.PINKAS_TEST_OUTPUT = run;
  return async () => {
    await rm(run, { recursive: true, force: true });
  };
}
