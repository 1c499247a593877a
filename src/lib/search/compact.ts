/**
 * A compact transfer format for lunr indexes. lunr's own JSON repeats every document reference in
 * every posting and stores term ids that need not travel; here references are numbers (delta
 * encoded), term ids are positions, and scores are integers (lunr rounds them to 3 decimals
 * anyway). `expandIndex` rebuilds lunr's format for `lunr.Index.load`; nothing is lost.
 */
import type lunr from 'lunr';

type SerializedIndex = {
  version: string;
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, Record<string, unknown> & { _index: number }][];
  pipeline: string[];
};

export interface CompactIndex {
  /** lunr version */
  v: string;
  /** Field names. */
  f: string[];
  /** Terms, sorted; a term's id is its position. */
  t: string[];
  /** Postings: per term, per field, delta-encoded document references. */
  p: number[][][];
  /** Field vectors: per field, per document reference, [termId, score × 1000, …] or 0 when empty. */
  x: (number[] | 0)[][];
  /** Search pipeline labels. */
  s: string[];
}

export function compactIndex(index: lunr.Index): CompactIndex {
  const json = index.toJSON() as unknown as SerializedIndex;
  const terms = json.invertedIndex.map(([term]) => term);
  const position = new Map<number, number>();
  json.invertedIndex.forEach(([, posting], i) => position.set(posting._index, i));
  const postings = json.invertedIndex.map(([, posting]) =>
    json.fields.map((field) => {
      const refs = Object.keys((posting[field] as Record<string, unknown>) ?? {}).map(Number).sort((a, b) => a - b);
      return refs.map((ref, i) => (i === 0 ? ref : ref - refs[i - 1]!));
    }),
  );
  const vectors: (number[] | 0)[][] = json.fields.map(() => []);
  for (const [fieldRef, elements] of json.fieldVectors) {
    const slash = fieldRef.indexOf('/');
    const field = json.fields.indexOf(fieldRef.slice(0, slash));
    const ref = Number(fieldRef.slice(slash + 1));
    // lunr multiplies vectors by merging them in term order: keep each vector sorted by the new ids.
    const pairs: [number, number][] = [];
    for (let i = 0; i < elements.length; i += 2) pairs.push([position.get(elements[i]!)!, Math.round(elements[i + 1]! * 1000)]);
    vectors[field]![ref] = pairs.sort((a, b) => a[0] - b[0]).flat();
  }
  for (const list of vectors) for (let i = 0; i < list.length; i++) list[i] ??= 0;
  return { v: json.version, f: json.fields, t: terms, p: postings, x: vectors, s: json.pipeline };
}

export function expandIndex(compact: CompactIndex): SerializedIndex {
  const invertedIndex = compact.t.map((term, i): [string, Record<string, unknown> & { _index: number }] => {
    const posting: Record<string, unknown> & { _index: number } = { _index: i };
    compact.f.forEach((field, f) => {
      const refs: Record<string, object> = {};
      let ref = 0;
      compact.p[i]![f]!.forEach((delta, k) => {
        ref = k === 0 ? delta : ref + delta;
        refs[ref] = {};
      });
      posting[field] = refs;
    });
    return [term, posting];
  });
  const fieldVectors: [string, number[]][] = [];
  compact.f.forEach((field, f) => {
    compact.x[f]!.forEach((vector, ref) => {
      if (vector === 0) return;
      const elements: number[] = [];
      for (let i = 0; i < vector.length; i += 2) elements.push(vector[i]!, vector[i + 1]! / 1000);
      fieldVectors.push([`${field}/${ref}`, elements]);
    });
  });
  return { version: compact.v, fields: compact.f, fieldVectors, invertedIndex, pipeline: compact.s };
}
