/**
 * The images of drafts, in IndexedDB (they can be megabytes; localStorage holds the text). One
 * record per page: `{ repoPath, images: [{ path, link, type, blob }] }`. Every function fails
 * quietly: a browser without IndexedDB still has the text of its drafts.
 */

export interface StoredImage {
  path: string;
  link: string;
  type: string;
  blob: Blob;
}

const DB = 'pinkas-editor';
const STORE = 'draft-images';
let opened: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'repoPath' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  opened.catch(() => (opened = undefined));
  return opened;
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const request = action(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function saveImages(repoPath: string, images: StoredImage[]): Promise<boolean> {
  try {
    if (images.length === 0) await run('readwrite', (s) => s.delete(repoPath));
    else await run('readwrite', (s) => s.put({ repoPath, images }));
    return true;
  } catch {
    return false;
  }
}

export async function loadImages(repoPath: string): Promise<StoredImage[]> {
  try {
    const record = (await run('readonly', (s) => s.get(repoPath))) as { images?: StoredImage[] } | undefined;
    return record?.images ?? [];
  } catch {
    return [];
  }
}

export async function clearImages(repoPath: string): Promise<void> {
  await saveImages(repoPath, []);
}
