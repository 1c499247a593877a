/**
 * Prints a binder (/print/<section>/) to PDF with its contents numbered. Chromium lays out CSS
 * paged media (page size, running heads, "n / N" at the foot) but not `target-counter()`, so the
 * page each procedure starts on is read from the PDF itself — every contents entry links its
 * procedure, and Chromium records each link's target as a named destination — written into the
 * contents, and the binder printed again, until the numbers hold (two passes, as a rule).
 */
import { writeFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import type { Page } from 'playwright-core';

/** The page (from 1) each named destination of the PDF points at. */
export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const add = (name: string, dest: PDFObject | undefined) => {
    const target = dest instanceof PDFDict ? dest.lookup(PDFName.of('D')) : dest;
    const ref = target instanceof PDFArray ? target.get(0) : undefined;
    const page = ref instanceof PDFRef ? pageOf.get(ref.toString()) : undefined;
    if (page !== undefined) out.set(name, page);
  };
  // PDF 1.1 keeps named destinations in a dictionary (Chromium's way), PDF 1.2+ in a name tree.
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) for (const [key, value] of dests.entries()) add(key.decodeText(), doc.context.lookup(value));
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('Dests')) : undefined;
  if (tree instanceof PDFDict) walkNameTree(tree, (name, value) => add(name, value));
  return out;
}

function walkNameTree(node: PDFDict, visit: (name: string, value: PDFObject | undefined) => void): void {
  const names = node.lookup(PDFName.of('Names'));
  if (names instanceof PDFArray) {
    for (let i = 0; i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) visit(key.decodeText(), names.lookup(i + 1));
    }
  }
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) {
    const kid = kids.lookup(i);
    if (kid instanceof PDFDict) walkNameTree(kid, visit);
  }
}

/**
 * Prints the binder open in `page` to `out` and returns the page each procedure starts on, by
 * the id of its article (`doc-hr--annual-leave`). The contents entries carry the numbers.
 */
export async function printBinder(page: Page, out: string): Promise<Map<string, number>> {
  // The binder brings each procedure's text in from its page (src/records/binder.ts).
  await page.locator('body[data-binder-ready]').waitFor({ state: 'attached' });
  const ids = await page.locator('.toc-page[data-page-of]').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-page-of') ?? ''));
  let written = new Map<string, number>();
  for (let pass = 1; ; pass++) {
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const found = await destinationPages(pdf);
    const numbers = new Map(ids.flatMap((id) => (found.has(id) ? [[id, found.get(id)!] as const] : [])));
    if (pass > 1 && sameNumbers(numbers, written)) {
      await writeFile(out, pdf);
      return numbers;
    }
    if (pass === 3) throw new Error('The contents page numbers did not settle after three passes.');
    await page.evaluate((entries) => {
      for (const [id, n] of entries) {
        const span = document.querySelector(`.toc-page[data-page-of="${CSS.escape(id)}"]`);
        if (span) span.textContent = String(n);
      }
    }, [...numbers]);
    written = numbers;
  }
}

function sameNumbers(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([id, n]) => b.get(id) === n);
}
