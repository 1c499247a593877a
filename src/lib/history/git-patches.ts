import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PatchStore } from './patch-store.ts';

const run = promisify(execFile);

export interface DiffLine {
  type: 'context' | 'add' | 'remove';
  text: string;
  /** Line number in the old file (context, remove) and the new file (context, add). */
  old?: number;
  new?: number;
}

export interface Hunk {
  header: string;
  lines: DiffLine[];
}

export interface FilePatch {
  hunks: Hunk[];
  binary: boolean;
  /** The path the file had before this commit, when the commit moved it. */
  renamedFrom?: string;
}

const RS = '\x1e';

/**
 * The change each commit made to each file under `dir`, from one `git log -p` for the whole wiki:
 * `patches.get(path).get(commit)`. Paths are relative to `dir` and, across renames, the file's
 * newest path. Used for the readable diffs on the history pages.
 */
export async function readGitPatches(dir: string): Promise<PatchStore> {
  return PatchStore.fromMap((await readPatchLog(dir, [], false)).patches);
}

/**
 * `readGitPatches` at `head`, from what it was at an earlier commit `since`: only the commits
 * since are read, and the earlier patches are filed under the paths their files have now.
 */
export async function readGitPatchesSince(dir: string, since: string, head: string, earlier: PatchStore): Promise<PatchStore> {
  const { patches, renamedTo } = await readPatchLog(dir, [`${since}..${head}`], true);
  const store = PatchStore.fromMap(patches);
  store.addEarlier(earlier, renamedTo);
  return store;
}

/** The patches of `git log <range>`; when git fails, none (or, `strict`, the error: patches since a commit must not be missing any). */
async function readPatchLog(dir: string, range: string[], strict: boolean): Promise<{ patches: Map<string, Map<string, FilePatch>>; renamedTo: Map<string, string> }> {
  const patches = new Map<string, Map<string, FilePatch>>();
  const renamedTo = new Map<string, string>();
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['-c', 'core.quotePath=off', 'log', ...range, '--relative', '-M', '-p', '--no-color', '--no-ext-diff', '--unified=3', `--format=${RS}%H`, '--', '.'], {
      cwd: dir,
      maxBuffer: 2 * 1024 * 1024 * 1024,
    }));
  } catch (error) {
    if (strict) throw error;
    return { patches, renamedTo };
  }
  for (const record of stdout.split(RS)) {
    if (!record.trim()) continue;
    const newline = record.indexOf('\n');
    const commit = record.slice(0, newline).trim();
    for (const section of record.slice(newline + 1).split(/^diff --git /m).slice(1)) {
      const lines = section.split('\n');
      let from: string | undefined;
      let to: string | undefined;
      let binary = false;
      const hunks: Hunk[] = [];
      let hunk: Hunk | undefined;
      let oldLine = 0;
      let newLine = 0;
      for (const line of lines.slice(1)) {
        if (!hunk) {
          if (line.startsWith('rename from ')) from = line.slice(12);
          else if (line.startsWith('rename to ')) to = line.slice(10);
          else if (line.startsWith('--- ')) from ??= line === '--- /dev/null' ? undefined : line.slice(6);
          else if (line.startsWith('+++ ')) to = line === '+++ /dev/null' ? (to ?? from) : line.slice(6);
          else if (line.startsWith('Binary files')) binary = true;
        }
        const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/.exec(line);
        if (header) {
          hunk = { header: header[3]!.trim(), lines: [] };
          hunks.push(hunk);
          oldLine = Number(header[1]);
          newLine = Number(header[2]);
          continue;
        }
        if (!hunk || line.startsWith('\\')) continue;
        if (line.startsWith('+')) hunk.lines.push({ type: 'add', text: line.slice(1), new: newLine++ });
        else if (line.startsWith('-')) hunk.lines.push({ type: 'remove', text: line.slice(1), old: oldLine++ });
        else if (line.startsWith(' ')) hunk.lines.push({ type: 'context', text: line.slice(1), old: oldLine++, new: newLine++ });
      }
      // Paths in the header are "a/<path> b/<path>"; prefer the explicit ones found above.
      const headerPaths = /^a\/(.*) b\/(.*)$/.exec(lines[0] ?? '');
      const path = to ?? headerPaths?.[2] ?? from;
      if (!path) continue;
      const newest = renamedTo.get(path) ?? path;
      if (from && to && from !== to) renamedTo.set(from, newest);
      let perFile = patches.get(newest);
      if (!perFile) patches.set(newest, (perFile = new Map()));
      perFile.set(commit, { hunks, binary, ...(from && to && from !== to ? { renamedFrom: from } : {}) });
    }
  }
  return { patches, renamedTo };
}
