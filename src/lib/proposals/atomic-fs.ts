/**
 * Writes that a crash cannot tear: the bytes go to a temporary file in the target's own folder,
 * are flushed to disk, and the file is renamed over the target (then the folder is flushed, so the
 * rename itself survives a power cut). Whoever reads the target sees the old file or the whole new
 * one, never an empty or half-written file — even when the process is killed mid-write.
 *
 * `atomicFs` is the file system the local backend hands to isomorphic-git. isomorphic-git writes
 * every loose object (`objects/xx/…`) and every ref (`refs/heads/…`) through its fs client's
 * `writeFile` (and, when the folder is missing, `mkdir` then `writeFile` again), so making that one
 * method atomic covers all of them without patching the library.
 *
 * The temporary files are named so that git ignores them and the start-up repair (repair.ts) can
 * tell which are stale: `tmp_obj_pinkas-<pid>-<nonce>-<random>` among objects (git skips `tmp_obj_`
 * files and `git prune` removes old ones), `.pinkas-tmp-<pid>-<nonce>-<random>` elsewhere (git
 * skips dot-files among refs).
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import path from 'node:path';

/** This process's part of a temporary file's name: its pid and a nonce (a pid can be reused). */
const nonce = randomBytes(4).toString('hex');
export const tempOwner = { pid: process.pid, nonce };

const objectFolder = /[\\/]objects[\\/][0-9a-f]{2}$/;
const tempName = /^(?:tmp_obj_pinkas|\.pinkas-tmp)-(\d+)-([0-9a-f]+)-[0-9a-f]+$/;

function temporaryPath(target: string): string {
  const folder = path.dirname(target);
  const unique = `${process.pid}-${nonce}-${randomBytes(6).toString('hex')}`;
  return path.join(folder, objectFolder.test(folder) ? `tmp_obj_pinkas-${unique}` : `.pinkas-tmp-${unique}`);
}

/** Who left a temporary file of ours, or undefined when `name` is not one. */
export function temporaryFileOwner(name: string): { pid: number; nonce: string } | undefined {
  const m = tempName.exec(name);
  return m ? { pid: Number(m[1]), nonce: m[2]! } : undefined;
}

/** Flushes a folder's entries (a rename in it) to disk; not possible, and not needed, on Windows. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsp.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

type WriteOptions = Parameters<typeof fsp.writeFile>[2];

/**
 * `fs.promises.writeFile`, atomic: temporary file, fsync, rename, fsync of the folder. Fails with
 * ENOENT, as writeFile does, when the folder does not exist.
 */
export async function atomicWriteFile(target: string, data: string | Uint8Array, options?: WriteOptions): Promise<void> {
  const temp = temporaryPath(target);
  const mode = typeof options === 'object' && options?.mode !== undefined ? options.mode : 0o666;
  const handle = await fsp.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data, typeof options === 'string' ? options : { encoding: options?.encoding ?? null });
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, target);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(target));
}

/** A promise-based fs client for isomorphic-git whose writes are atomic; everything else is node:fs. */
export const atomicFs = {
  promises: {
    readFile: fsp.readFile,
    writeFile: atomicWriteFile,
    unlink: fsp.unlink,
    readdir: fsp.readdir,
    mkdir: fsp.mkdir,
    rmdir: fsp.rmdir,
    rm: fsp.rm,
    stat: fsp.stat,
    lstat: fsp.lstat,
    readlink: fsp.readlink,
    symlink: fsp.symlink,
    chmod: fsp.chmod,
  },
};
