/**
 * Reading and changing single frontmatter keys in a page's source, for the editor's properties
 * form. The YAML is read with the `yaml` package's Document API, which knows where each key and
 * value is; a change replaces only that key's text (a new key gets a line of its own, after the
 * keys that come before it in `keyOrder`), so comments, order, quoting and every other line stay
 * exactly as the author wrote them.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Pair } from 'yaml';

/** A property as the form shows it: a text, a list of texts, or absent. */
export type PropertyValue = string | string[] | undefined;

/** A text change to a page's source (CodeMirror's `ChangeSpec` has this shape). */
export interface SourceChange {
  from: number;
  to: number;
  insert: string;
}

export type ReadResult =
  /** `unreadable`: keys whose value the form cannot show (a mapping, a list of lists): edit them in the source. */
  | { ok: true; values: Record<string, PropertyValue>; unreadable: string[] }
  | { ok: false };

const FRONTMATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)?((?:---|\.\.\.)[ \t]*(?:\r?\n|$))/;

interface Block {
  /** Where the YAML starts in the source, and its text (with its last line break). */
  start: number;
  yaml: string;
  eol: string;
}

function blockOf(source: string): Block | undefined {
  const match = FRONTMATTER.exec(source);
  if (!match) return undefined;
  return { start: match[1]!.length, yaml: match[2] ?? '', eol: match[1]!.endsWith('\r\n') ? '\r\n' : '\n' };
}

/** The offset in the source where the frontmatter ends (after its closing line), or 0 without one. */
export function frontmatterEnd(source: string): number {
  return FRONTMATTER.exec(source)?.[0].length ?? 0;
}

function parse(yaml: string): Document | undefined {
  const doc = parseDocument(yaml, { uniqueKeys: true });
  if (doc.errors.length) return undefined;
  if (doc.contents !== null && !isMap(doc.contents)) return undefined;
  return doc;
}

function pairOf(doc: Document, key: string): Pair | undefined {
  if (!isMap(doc.contents)) return undefined;
  return doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

function shown(value: unknown): PropertyValue | null {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => ['string', 'number'].includes(typeof v))) return value.map(String);
  return null;
}

/** The values of `keys` in the page's frontmatter; not ok when its YAML cannot be read. */
export function readProperties(source: string, keys: readonly string[]): ReadResult {
  const block = blockOf(source);
  if (!block) return { ok: true, values: {}, unreadable: [] };
  const doc = parse(block.yaml);
  if (!doc) return { ok: false };
  const data = (doc.toJS({ maxAliasCount: 20 }) ?? {}) as Record<string, unknown>;
  const values: Record<string, PropertyValue> = {};
  const unreadable: string[] = [];
  for (const key of keys) {
    const value = shown(Object.hasOwn(data, key) ? data[key] : undefined);
    if (value === null) unreadable.push(key);
    else values[key] = value;
  }
  return { ok: true, values, unreadable };
}

const isEmpty = (value: PropertyValue) => value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');

/** A value as YAML: plain where it can be, quoted where it must; lists in flow style (`[a, b]`) unless `block`. */
function yamlValue(value: string | string[], block: boolean, eol: string): string {
  const options = { lineWidth: 0, flowCollectionPadding: false } as const;
  if (!Array.isArray(value)) return stringify(value, options).replace(/\n$/, '');
  if (block) return value.map((v) => `${eol}  - ${stringify(v, options).replace(/\n$/, '')}`).join('');
  return stringify(value, { ...options, collectionStyle: 'flow' }).replace(/\n$/, '');
}

export interface SetOptions {
  /** The form's keys in the order a new one is placed among them. */
  keyOrder?: readonly string[];
}

/**
 * The change that sets `key` to `value` in the page's frontmatter (an empty value removes the key),
 * or undefined when nothing changes or the YAML cannot be read (then the source is left alone).
 */
export function setProperty(source: string, key: string, value: PropertyValue, options: SetOptions = {}): SourceChange | undefined {
  const block = blockOf(source);
  if (!block) {
    if (isEmpty(value)) return undefined;
    const eol = source.includes('\r\n') ? '\r\n' : '\n';
    return { from: 0, to: 0, insert: `---${eol}${key}: ${yamlValue(value!, false, eol)}${eol}---${eol}${source.startsWith('\n') || source === '' ? '' : eol}` };
  }
  const doc = parse(block.yaml);
  if (!doc) return undefined;
  const { yaml, eol, start } = block;
  const pair = pairOf(doc, key);
  if (pair && isScalar(pair.key) && pair.key.range) {
    const from = pair.key.range[0];
    const valueEnd = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? pair.key.range[1];
    let to = Math.max(valueEnd, pair.key.range[1]);
    while (to > from && /\s/.test(yaml[to - 1]!)) to--;
    if (isEmpty(value)) {
      // The whole lines of the key go (with a comment at their end).
      const lineEnd = yaml.indexOf('\n', to);
      return { from: start + from, to: start + (lineEnd === -1 ? yaml.length : lineEnd + 1), insert: '' };
    }
    // A list of one where the page has a single value stays a single value (`owner: "@dana"`).
    const written = Array.isArray(value) && value.length === 1 && isScalar(pair.value) ? value[0]! : value!;
    const text = yamlValue(written, isSeq(pair.value) && !pair.value.flow, eol);
    const insert = `${key}:${text.startsWith(eol) ? '' : ' '}${text}`;
    return yaml.slice(from, to) === insert ? undefined : { from: start + from, to: start + to, insert };
  }
  if (isEmpty(value)) return undefined;
  const at = start + insertionPoint(doc, yaml, key, options.keyOrder ?? []);
  return { from: at, to: at, insert: `${key}: ${yamlValue(value!, false, eol)}${eol}` };
}

/** Where a new key's line goes: after the last key that comes before it in `order`, else at the end. */
function insertionPoint(doc: Document, yaml: string, key: string, order: readonly string[]): number {
  const before = order.slice(0, Math.max(0, order.indexOf(key)));
  let at = yaml.length;
  for (const k of [...before].reverse()) {
    const pair = pairOf(doc, k);
    const end = (pair?.value as { range?: [number, number, number] } | null)?.range?.[1] ?? (isScalar(pair?.key) ? pair.key.range?.[1] : undefined);
    if (end === undefined) continue;
    const lineEnd = yaml.indexOf('\n', Math.max(0, end - 1));
    at = lineEnd === -1 ? yaml.length : lineEnd + 1;
    break;
  }
  return at;
}
