/**
 * The printed binder of a section (/print/<section>/): each procedure's text comes from its own
 * page, a few pages at a time, into the binder's place for it, its disclosures open. When all are
 * in, the binder says so and `<body data-binder-ready>` is set (the PDF export waits for it).
 */
const AT_ONCE = 6;

async function fill(target: HTMLElement, parser: DOMParser): Promise<void> {
  const response = await fetch(target.dataset.binderSrc!);
  if (!response.ok) return;
  const page = parser.parseFromString(await response.text(), 'text/html');
  const prose = page.querySelector('article.page .prose');
  if (!prose) return;
  target.replaceChildren(...[...prose.childNodes].map((n) => document.importNode(n, true)));
  // Disclosures print open: on paper nobody can unfold them.
  for (const details of target.querySelectorAll('details')) details.open = true;
}

export async function fillBinder(): Promise<void> {
  const targets = [...document.querySelectorAll<HTMLElement>('[data-binder-src]')];
  const status = document.querySelector<HTMLElement>('[data-binder-status]');
  const parser = new DOMParser();
  let done = 0;
  const say = () => {
    if (!status) return;
    status.textContent = done < targets.length
      ? (status.dataset.loading ?? '').replace('{done}', String(done)).replace('{count}', String(targets.length))
      : (status.dataset.ready ?? '');
  };
  say();
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++]!;
      await fill(target, parser).catch(() => undefined);
      done++;
      say();
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  document.body.dataset.binderReady = '';
}
