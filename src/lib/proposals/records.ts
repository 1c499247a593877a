/**
 * The local backend's record of each proposal, `.git/pinkas/proposals/<id>.json`: what
 * `GET /api/proposals` lists and what a retried submit returns. A record is written (atomically)
 * only after its branch, so a record always names a complete commit.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { atomicWriteFile } from './atomic-fs.ts';
import type { Proposal } from './types.ts';

/** The record of a proposal. */
export interface StoredProposal extends Omit<Proposal, 'status'> {
  author: { name: string; email: string };
  commit: string;
  /** The author's email, lowercased: whose proposals `list` returns. */
  submitter: string;
}

const validId = /^[0-9a-f]{6,64}$/;

export class ProposalRecords {
  readonly folder: string;

  constructor(gitdir: string) {
    this.folder = path.join(gitdir, 'pinkas', 'proposals');
  }

  /** The record, or undefined when there is none (or it cannot be read: the start-up repair removes such). */
  async read(id: string): Promise<StoredProposal | undefined> {
    if (!validId.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(this.#file(id), 'utf8')) as StoredProposal;
    } catch {
      return undefined;
    }
  }

  async write(stored: StoredProposal): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await atomicWriteFile(this.#file(stored.id), JSON.stringify(stored, null, 2));
  }

  async remove(id: string): Promise<void> {
    await rm(this.#file(id), { force: true });
  }

  /** The ids of every record. */
  async ids(): Promise<string[]> {
    let files: string[];
    try {
      files = await readdir(this.folder);
    } catch {
      return [];
    }
    return files.filter((f) => f.endsWith('.json') && validId.test(f.slice(0, -5))).map((f) => f.slice(0, -5));
  }

  #file(id: string): string {
    return path.join(this.folder, `${id}.json`);
  }
}
