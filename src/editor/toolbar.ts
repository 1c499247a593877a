/**
 * The formatting toolbar (ARIA toolbar pattern): one tab stop, arrow keys move between buttons
 * (mirrored right to left), Home and End jump to the ends. Each button runs a command by name.
 */

export function wireToolbar(toolbar: HTMLElement, run: (command: string) => void): void {
  const buttons = () => [...toolbar.querySelectorAll<HTMLButtonElement>('button[data-command]')];
  const setCurrent = (index: number) => {
    buttons().forEach((b, i) => (b.tabIndex = i === index ? 0 : -1));
    buttons()[index]?.focus();
  };
  buttons().forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
  toolbar.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-command]');
    if (!button || !toolbar.contains(button)) return;
    buttons().forEach((b) => (b.tabIndex = b === button ? 0 : -1));
    run(button.dataset.command!);
  });
  // Keep the editor's selection: a click on a button must not take the focus first.
  toolbar.addEventListener('mousedown', (event) => {
    if ((event.target as HTMLElement).closest('button[data-command]')) event.preventDefault();
  });
  toolbar.addEventListener('keydown', (event) => {
    const list = buttons();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    if (index === -1) return;
    const rtl = getComputedStyle(toolbar).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next = -1;
    if (event.key === forward) next = (index + 1) % list.length;
    else if (event.key === back) next = (index - 1 + list.length) % list.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = list.length - 1;
    if (next >= 0) {
      event.preventDefault();
      setCurrent(next);
    }
  });
}
