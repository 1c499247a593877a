/**
 * The images of a proposal: added by pasting, dropping or picking a file (each checked against
 * the service's limits, named so it overwrites nothing, and linked where the cursor is), listed
 * with a button to remove each, and shown in the preview before they exist on the site.
 */
import type { EditorView } from '@codemirror/view';
import type { Translate } from '../lib/i18n/strings.ts';
import { insertImage } from './commands.ts';
import type { StoredImage } from './image-store.ts';
import { imageFolder, imageName, imageProblem, type PendingImage } from './images.ts';
import type { EditorShell } from './shell.ts';
import type { EditorPage } from './types.ts';

export interface ImageTrayOptions {
  el: Pick<EditorShell, 'images' | 'imageList' | 'imageMessage' | 'imageInput'>;
  page: EditorPage;
  view: EditorView;
  /** The chrome's strings, and the page's (for the text put into the page). */
  t: Translate;
  tc: Translate;
  /** The content folder as seen from the repository root (`content/`). */
  contentPrefix: string;
  /** Images were added or removed. */
  onChange: () => void;
}

export class ImageTray {
  readonly #o: ImageTrayOptions;
  #images: PendingImage[] = [];
  /** Files the site has already (under the content folder): a new image takes another name. */
  #assets = new Set<string>();

  constructor(options: ImageTrayOptions) {
    this.#o = options;
    const input = options.el.imageInput;
    input.accept = options.page.limits.imageExtensions.join(',');
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      input.value = '';
      if (files.length) this.add(files);
    });
  }

  get images(): readonly PendingImage[] {
    return this.#images;
  }

  setAssets(assets: readonly string[]): void {
    this.#assets = new Set(assets);
  }

  /** Opens the browser's file picker. */
  pick(): void {
    this.#o.el.imageInput.click();
  }

  /** Adds the images among `files` that the service would take, and says why about the others. */
  add(files: File[]): void {
    const { page, view, t, tc, contentPrefix } = this.#o;
    const problems: string[] = [];
    const folder = imageFolder(page.contentPath);
    for (const file of files) {
      const problem = imageProblem(file, this.#images, page.limits, view.state.doc.length * 3);
      if (problem) {
        problems.push(t(problem.key, problem.vars));
        continue;
      }
      const name = imageName(file.name, file.type, (n) => this.#assets.has(`${folder}/${n}`) || this.#images.some((i) => i.name === n));
      const contentPath = `${folder}/${name}`;
      const image: PendingImage = { path: `${contentPrefix}${contentPath}`, contentPath, link: `./images/${name}`, name, type: file.type, blob: file, url: URL.createObjectURL(file) };
      this.#images.push(image);
      insertImage(view, page.format, image.link, tc('editor.text.imageAlt'));
    }
    this.#o.el.imageMessage.textContent = problems.join(' ');
    this.#changed();
  }

  /** Puts back the images of a restored draft. */
  restore(stored: readonly StoredImage[]): void {
    const prefix = this.#o.contentPrefix;
    this.#images = stored.map((s) => ({ ...s, contentPath: s.path.slice(prefix.length), name: s.path.split('/').at(-1)!, url: URL.createObjectURL(s.blob) }));
    this.#show();
  }

  /** The preview's address of an added image the page links as `src` on the site, if it is one. */
  previewUrl(src: string, mediaUrl: (contentPath: string) => string): string | undefined {
    return this.#images.find((i) => src === mediaUrl(i.contentPath))?.url;
  }

  #remove(image: PendingImage): void {
    URL.revokeObjectURL(image.url);
    this.#images = this.#images.filter((i) => i !== image);
    this.#changed();
  }

  #changed(): void {
    this.#show();
    this.#o.onChange();
  }

  #show(): void {
    const { el, t } = this.#o;
    el.images.hidden = this.#images.length === 0;
    el.imageList.replaceChildren(
      ...this.#images.map((image) => {
        const li = document.createElement('li');
        const img = document.createElement('img');
        img.src = image.url;
        img.alt = '';
        const name = document.createElement('code');
        name.textContent = image.link;
        const size = document.createElement('span');
        size.className = 'muted';
        size.textContent = ` ${Math.ceil(image.blob.size / 1024)} KB `;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'button';
        remove.textContent = t('editor.imageRemove', { name: image.name });
        remove.addEventListener('click', () => this.#remove(image));
        li.append(img, name, size, remove);
        return li;
      }),
    );
  }
}
