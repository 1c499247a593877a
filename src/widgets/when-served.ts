/**
 * Starts a reader widget only where it can work: the page has it, and the site has its service
 * (src/dom/service.ts). Its code is a chunk of its own, fetched only then, so that a page of a
 * static-only site — or any page before the service has answered — loads none of it: what every
 * page loads before the reader interacts stays a few hundred bytes.
 */
import { hasService } from '../dom/service.ts';

export function whenServed(selector: string, start: () => Promise<unknown>): void {
  if (!document.querySelector(selector)) return;
  void hasService(import.meta.env.BASE_URL).then((served) => (served ? start() : undefined));
}
