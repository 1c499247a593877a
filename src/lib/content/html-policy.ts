/**
 * rehype plugin: the HTML half of the safe-content policy (see policy.ts). Runs before the
 * sanitizer removes what is not allowed, on the tree after `rehype-raw`, so it sees raw HTML of
 * `.md` files as elements with positions; HTML written as JSX in `.mdx` and the links and images
 * of Markdown itself arrive here too, so each rule about HTML and addresses lives only here.
 *
 * Reports forbidden elements, event handlers, `javascript:`-like addresses (every candidate of a
 * `srcset` too), style attributes, addresses that cannot be read (a malformed %-escape), and —
 * unless the policy allows them — images from other sites, which are then left out of the page.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Plugin } from 'unified';
import { SKIP, visit } from '../markdown/visit.ts';
import type { VFile } from 'vfile';
import { report } from './diagnostics.ts';
import { contributionPolicy, forbiddenTags, unsafeUrl, urlAttributes, type ContentPolicy } from './policy.ts';
import { truncate } from './truncate.ts';

const external = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/**
 * What happens to what the policy finds: the renderer leaves it out of the page, and the source
 * should lose it too. Said the same to the build's log and to a contributor in the editor, where
 * it is still in the text they are writing (so not "was removed").
 */
const leftOut = (what: 'it' | 'them') => `delete ${what} (the page is published without ${what})`;

/** The addresses an attribute holds: one, or each candidate of a `srcset` ("a.png 1x, b.png 2x"). */
function addressesOf(prop: string, text: string): string[] {
  if (prop.toLowerCase() !== 'srcset') return [text];
  return text.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

function readable(address: string): boolean {
  try {
    decodeURIComponent(address);
    return true;
  } catch {
    return false;
  }
}

function checkAttributes(el: Element, file: VFile, policy: ContentPolicy) {
  const severity = policy.rawHtml;
  for (const [prop, value] of Object.entries(el.properties)) {
    const text = Array.isArray(value) ? value.join(prop.toLowerCase() === 'srcset' ? ', ' : ' ') : value === true ? '' : String(value ?? '');
    if (/^on/i.test(prop)) {
      report(file, `event-handler attribute ${prop.toLowerCase()} on <${el.tagName}> is not allowed: ${leftOut('it')}`, el, 'html', severity);
    } else if (prop === 'style') {
      report(file, `style attributes are removed from wiki pages (on <${el.tagName}>); the wiki's stylesheet handles presentation`, el, 'html', 'warning');
    } else if (urlAttributes.has(prop)) {
      for (const address of addressesOf(prop, text)) {
        if (unsafeUrl.test(address)) {
          report(file, `${address.trim().split(':')[0]!.toLowerCase()}: URLs are not allowed (${prop} on <${el.tagName}>): ${leftOut('them')}`, el, 'html', severity);
        } else if (!readable(address)) {
          report(file, `the address "${truncate(address)}" has a malformed %-escape (write a literal % as %25)`, el, 'link', policy.malformedLinks);
        }
      }
    }
  }
}

export const rehypeHtmlPolicy: Plugin<[], HastRoot> = () => (tree, file) => {
  const policy = file.data.policy ?? contributionPolicy();
  visit(tree, 'element', (el: Element, index, parent) => {
    if (forbiddenTags.has(el.tagName)) {
      report(file, `<${el.tagName}> is not allowed in wiki pages: ${leftOut('it')}`, el, 'html', policy.rawHtml);
    }
    checkAttributes(el, file, policy);
    const src = typeof el.properties.src === 'string' ? el.properties.src : '';
    if (el.tagName === 'img' && external.test(src) && policy.externalImages !== 'allow' && parent && index !== undefined) {
      report(
        file,
        `images from other sites are not allowed (${truncate(src)}): they tell that site who reads the page; add the image to the wiki with the page instead`,
        el,
        'image',
        policy.externalImages,
      );
      const alt = typeof el.properties.alt === 'string' ? el.properties.alt : '';
      parent.children.splice(index, 1, ...(alt ? [{ type: 'text', value: alt } as ElementContent] : []));
      return [SKIP, index];
    }
    return undefined;
  });
};
