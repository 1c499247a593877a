/** Other addresses of a page (`redirect_from`, `aliases`, `permalink` of imported handbooks), for the link index. */
export function aliasesOf(extra: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['redirect_from', 'aliases', 'permalink']) {
    const value = extra[key];
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string'));
  }
  return out;
}
