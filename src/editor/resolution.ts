/**
 * Resolving a conflict, without the DOM: the page merged three-way as the proposal service merges
 * it (node-diff3, line by line, src/lib/proposals/merge.ts), every part that merges cleanly taken
 * as it is, and the parts where both sides changed the same lines left for the contributor to
 * decide. The resolved text is exactly the merged parts with each decision in its place; while one
 * part is undecided there is no resolved text at all, so nothing unresolved can be sent.
 */
import { diff3Merge } from 'node-diff3';

/** Lines both sides agree on (changed on one side only, or the same on both). */
export interface MergedChunk {
  kind: 'merged';
  lines: string[];
}

/** Lines changed two ways: what they were, the contributor's version and the page's current one. */
export interface ConflictChunk {
  kind: 'conflict';
  /** 0-based, among the conflicts of the page. */
  index: number;
  base: string[];
  yours: string[];
  theirs: string[];
  /** The 1-based line in the current version (`theirs`) where the part starts. */
  line: number;
}

export type Chunk = MergedChunk | ConflictChunk;

/** What the contributor decided for one conflict. */
export type Choice = { kind: 'yours' } | { kind: 'theirs' } | { kind: 'both' } | { kind: 'edit'; text: string };

/** The page in parts: `base` is the version the contributor started from, `theirs` the current one. */
export function mergeChunks(base: string, yours: string, theirs: string): Chunk[] {
  const regions = diff3Merge(yours.split('\n'), base.split('\n'), theirs.split('\n'), { excludeFalseConflicts: true });
  const chunks: Chunk[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) {
      const last = chunks.at(-1);
      if (last?.kind === 'merged') last.lines.push(...region.ok);
      else chunks.push({ kind: 'merged', lines: [...region.ok] });
    } else if (region.conflict) {
      const { a, o, b, bIndex } = region.conflict;
      chunks.push({ kind: 'conflict', index: conflicts++, base: o, yours: a, theirs: b, line: bIndex + 1 });
    }
  }
  return chunks;
}

export function conflictsOf(chunks: readonly Chunk[]): ConflictChunk[] {
  return chunks.filter((c): c is ConflictChunk => c.kind === 'conflict');
}

/** The lines a choice puts in the place of a conflict ("both": the current version's, then the contributor's). */
export function chosenLines(chunk: ConflictChunk, choice: Choice): string[] {
  switch (choice.kind) {
    case 'yours':
      return chunk.yours;
    case 'theirs':
      return chunk.theirs;
    case 'both':
      return [...chunk.theirs, ...chunk.yours];
    case 'edit':
      return choice.text === '' ? [] : choice.text.replace(/\r\n?/g, '\n').split('\n');
  }
}

/**
 * The resolved page: the merged parts and each conflict's choice (`choices[i]` for conflict `i`),
 * or undefined while a conflict has none.
 */
export function resolvedText(chunks: readonly Chunk[], choices: readonly (Choice | undefined)[], eol = '\n'): string | undefined {
  const lines: string[] = [];
  for (const chunk of chunks) {
    if (chunk.kind === 'merged') {
      lines.push(...chunk.lines);
      continue;
    }
    const choice = choices[chunk.index];
    if (!choice) return undefined;
    lines.push(...chosenLines(chunk, choice).map((l) => (eol === '\r\n' && !l.endsWith('\r') ? `${l}\r` : l)));
  }
  return lines.join('\n');
}
