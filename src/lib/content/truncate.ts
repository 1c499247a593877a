/** One line of at most `max` characters, for quoting a page's text in a message. */
export function truncate(text: string, max = 40): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
