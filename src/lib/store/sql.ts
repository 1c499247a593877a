/**
 * A very small query builder: SQL written as a tagged template, every `${value}` sent as a
 * parameter (never spliced into the text), rendered with each dialect's placeholders.
 *
 *   sql`SELECT * FROM feedback WHERE path = ${path} ${since ? sql`AND at >= ${since}` : empty}`
 */

export type SqlValue = string | number | boolean | Date | null;

export class Sql {
  /** Text parts; `values[i]` goes between `parts[i]` and `parts[i + 1]`. */
  readonly parts: readonly string[];
  readonly values: readonly SqlValue[];

  constructor(parts: readonly string[], values: readonly SqlValue[]) {
    this.parts = parts;
    this.values = values;
  }

  /** The text with placeholders made by `placeholder(1)`, `placeholder(2)`, …, and the values in order. */
  render(placeholder: (index: number) => string): { text: string; values: SqlValue[] } {
    let text = this.parts[0] ?? '';
    for (let i = 0; i < this.values.length; i += 1) text += placeholder(i + 1) + (this.parts[i + 1] ?? '');
    return { text, values: [...this.values] };
  }
}

/** A query, or a fragment of one; nested fragments are inlined with their values. */
export function sql(strings: TemplateStringsArray, ...values: (SqlValue | Sql)[]): Sql {
  const parts: string[] = [strings[0] ?? ''];
  const flat: SqlValue[] = [];
  values.forEach((value, i) => {
    const after = strings[i + 1] ?? '';
    if (value instanceof Sql) {
      parts[parts.length - 1] += value.parts[0] ?? '';
      for (let j = 0; j < value.values.length; j += 1) {
        flat.push(value.values[j]!);
        parts.push(value.parts[j + 1] ?? '');
      }
      parts[parts.length - 1] += after;
    } else {
      flat.push(value);
      parts.push(after);
    }
  });
  return new Sql(parts, flat);
}

/** Fragments joined by `separator` (e.g. `, ` for a list of values, ` AND ` for conditions). */
export function join(fragments: readonly Sql[], separator: string): Sql {
  if (fragments.length === 0) throw new Error('join needs at least one fragment');
  const strings = [''];
  for (let i = 1; i < fragments.length; i += 1) strings.push(separator);
  strings.push('');
  return sql(Object.assign(strings, { raw: strings }) as TemplateStringsArray, ...fragments);
}

/** A comma-separated list of parameters, for `IN (…)`. */
export function list(values: readonly SqlValue[]): Sql {
  return join(
    values.map((value) => sql`${value}`),
    ', ',
  );
}

/** Conditions joined by AND into a WHERE clause; nothing when there are none. */
export function where(conditions: readonly Sql[]): Sql {
  return conditions.length === 0 ? empty : sql`WHERE ${join(conditions, ' AND ')}`;
}

export const empty: Sql = new Sql([''], []);
