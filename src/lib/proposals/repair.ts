/**
 * The local backend's start-up repair: what a crash (a kill, a power cut) of an earlier process
 * may have left half-done in the repository, put right before the first proposal is written.
 *
 * Only Pinkas' own state is touched: its temporary files (atomic-fs.ts) whose process is gone,
 * empty loose object files (never a valid object; isomorphic-git would never rewrite them), and,
 * under `refs/heads/pinkas/` and `.git/pinkas/proposals/`, refs and records that cannot be read.
 * A torn ref is restored from its record when the record names a complete commit, and removed
 * otherwise, so that the retried submit writes it again; the loose objects of a branch without a
 * record (the window a crash can hit) are checked, and the unreadable ones removed so that they
 * are rewritten. Other branches, packed refs, HEAD, the index and the working tree are left alone.
 */
import * as fs from 'node:fs';
import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import git, { type TreeEntry } from 'isomorphic-git';
import { atomicWriteFile, temporaryFileOwner, tempOwner } from './atomic-fs.ts';
import type { ProposalRecords, StoredProposal } from './records.ts';

export type RepairKind = 'temporary-file' | 'empty-object' | 'broken-object' | 'torn-record' | 'torn-ref-restored' | 'torn-ref-removed';

/** One thing the repair changed: what, where (relative to the git folder) and why. */
export interface Repair {
  kind: RepairKind;
  path: string;
  reason: string;
}

/** The branches Pinkas names (`pinkas/<slug>-<id>`, ids.ts): the only refs the repair may change. */
const pinkasBranch = /^pinkas\/[a-z0-9-]+-[0-9a-f]{12}$/;
const objectName = /^[0-9a-f]{38}$/;
const fullOid = /^[0-9a-f]{40}$/;
const recordName = /^[0-9a-f]{6,64}\.json$/;

/** Left by a process that is gone: another pid that no longer runs, or an earlier process with our pid. */
function isStale(name: string): boolean {
  const owner = temporaryFileOwner(name);
  if (!owner) return false;
  if (owner.pid === tempOwner.pid) return owner.nonce !== tempOwner.nonce;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}

/** A folder's entries with their kind (asked of the file itself where the folder listing does not say). */
async function entries(folder: string): Promise<{ name: string; kind: 'file' | 'folder' | 'other' }[]> {
  let listing: fs.Dirent[];
  try {
    listing = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    listing.map(async (entry) => {
      const known = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? entry : await lstat(path.join(folder, entry.name));
      return { name: entry.name, kind: known.isFile() ? 'file' : known.isDirectory() ? 'folder' : 'other' } as const;
    }),
  );
}

class Repairer {
  readonly repairs: Repair[] = [];
  readonly #gitdir: string;

  constructor(gitdir: string) {
    this.#gitdir = gitdir;
  }

  async remove(kind: RepairKind, file: string, reason: string): Promise<void> {
    await rm(file, { force: true });
    this.repairs.push({ kind, path: path.relative(this.#gitdir, file).split(path.sep).join('/'), reason });
  }

  /** Stale temporary files and empty loose objects, in every `objects/xx/` folder. */
  async sweepObjects(): Promise<void> {
    const objects = path.join(this.#gitdir, 'objects');
    for (const folder of await entries(objects)) {
      if (folder.kind !== 'folder' || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
      const dir = path.join(objects, folder.name);
      await Promise.all(
        (await entries(dir)).map(async (file) => {
          const full = path.join(dir, file.name);
          if (isStale(file.name)) await this.remove('temporary-file', full, 'left by a process that was stopped mid-write');
          else if (objectName.test(file.name) && file.kind === 'file' && (await lstat(full)).size === 0) await this.remove('empty-object', full, 'an empty object file (a write cut short)');
        }),
      );
    }
  }

  /** The records that can be read, by branch; unreadable ones are removed (the retry writes them again). */
  async sweepRecords(records: ProposalRecords): Promise<Map<string, StoredProposal>> {
    const byBranch = new Map<string, StoredProposal>();
    for (const file of await entries(records.folder)) {
      const full = path.join(records.folder, file.name);
      if (isStale(file.name)) {
        await this.remove('temporary-file', full, 'left by a process that was stopped mid-write');
        continue;
      }
      if (!recordName.test(file.name)) continue;
      const stored = await records.read(file.name.slice(0, -5));
      if (stored && typeof stored.branch === 'string' && typeof stored.commit === 'string') byBranch.set(stored.branch, stored);
      else await this.remove('torn-record', full, 'the record cannot be read');
    }
    return byBranch;
  }

  /** Every loose ref under `refs/heads/pinkas/`: stale temporary files removed, torn refs restored or removed. */
  async sweepRefs(byBranch: Map<string, StoredProposal>, folder = path.join(this.#gitdir, 'refs', 'heads', 'pinkas')): Promise<void> {
    for (const entry of await entries(folder)) {
      const full = path.join(folder, entry.name);
      if (entry.kind === 'folder') await this.sweepRefs(byBranch, full);
      else if (isStale(entry.name)) await this.remove('temporary-file', full, 'left by a process that was stopped mid-write');
      else if (entry.kind === 'file' && !entry.name.startsWith('.')) await this.#checkRef(full, byBranch);
    }
  }

  async #checkRef(file: string, byBranch: Map<string, StoredProposal>): Promise<void> {
    const branch = path.relative(path.join(this.#gitdir, 'refs', 'heads'), file).split(path.sep).join('/');
    if (!pinkasBranch.test(branch)) return;
    const value = (await readFile(file, 'utf8')).trim();
    const record = byBranch.get(branch);
    let problem: string | undefined;
    if (!fullOid.test(value)) problem = value === '' ? 'the ref is empty' : 'the ref does not hold a commit id';
    else if (record) problem = (await this.#unreadable(value, false)) ? `its commit ${value.slice(0, 7)} cannot be read` : undefined;
    else {
      // A branch without its record: the process may have stopped while writing its objects.
      const broken = await this.#unreadable(value, true);
      if (broken) {
        for (const oid of broken) await this.#removeLooseObject(oid);
        problem = `its commit ${value.slice(0, 7)} or the files it changes cannot be read`;
      }
    }
    if (!problem) return;
    if (record && !(await this.#unreadable(record.commit, false))) {
      await atomicWriteFile(file, `${record.commit}\n`);
      this.repairs.push({ kind: 'torn-ref-restored', path: `refs/heads/${branch}`, reason: `${problem}; set back to ${record.commit.slice(0, 7)}, the commit its record names` });
    } else {
      await this.remove('torn-ref-removed', file, `${problem}; a retried submit writes it again`);
    }
  }

  /**
   * The objects of `commit` that cannot be read (undefined when all can): the commit itself and,
   * with `changes`, the trees and files it changed from its parent — the objects Pinkas wrote.
   */
  async #unreadable(commit: string, changes: boolean): Promise<string[] | undefined> {
    const gitdir = this.#gitdir;
    let read;
    try {
      read = await git.readCommit({ fs, gitdir, oid: commit });
    } catch {
      return [commit];
    }
    if (!changes) return undefined;
    const parent = read.commit.parent[0];
    const parentTree = parent ? await git.readCommit({ fs, gitdir, oid: parent }).then((c) => c.commit.tree, () => undefined) : undefined;
    const broken: string[] = [];
    await this.#walkChanged(read.commit.tree, parentTree, broken);
    return broken.length ? broken : undefined;
  }

  async #walkChanged(tree: string, before: string | undefined, broken: string[]): Promise<void> {
    const gitdir = this.#gitdir;
    let mine: TreeEntry[];
    try {
      mine = (await git.readTree({ fs, gitdir, oid: tree })).tree;
    } catch {
      broken.push(tree);
      return;
    }
    const theirs = before ? await git.readTree({ fs, gitdir, oid: before }).then((t) => t.tree, () => []) : [];
    const previous = new Map(theirs.map((e) => [e.path, e]));
    for (const entry of mine) {
      const old = previous.get(entry.path);
      if (old?.oid === entry.oid) continue;
      if (entry.type === 'tree') await this.#walkChanged(entry.oid, old?.type === 'tree' ? old.oid : undefined, broken);
      else if (entry.type === 'blob') await git.readBlob({ fs, gitdir, oid: entry.oid }).catch(() => broken.push(entry.oid));
    }
  }

  async #removeLooseObject(oid: string): Promise<void> {
    const file = path.join(this.#gitdir, 'objects', oid.slice(0, 2), oid.slice(2));
    const exists = await lstat(file).then(() => true, () => false);
    if (exists) await this.remove('broken-object', file, 'the object cannot be read (a write cut short)');
  }
}

/** Puts right what a crash left half-done in Pinkas' part of the repository; returns what it changed. */
export async function repairProposalState(gitdir: string, records: ProposalRecords): Promise<Repair[]> {
  const repairer = new Repairer(gitdir);
  await repairer.sweepObjects();
  const byBranch = await repairer.sweepRecords(records);
  await repairer.sweepRefs(byBranch);
  return repairer.repairs;
}
