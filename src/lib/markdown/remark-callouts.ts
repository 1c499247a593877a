import type { Blockquote, Paragraph, Root } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from './visit.ts';
import { translator, type Translate } from '../i18n/strings.ts';

export const calloutTypes = ['note', 'tip', 'important', 'warning', 'caution', 'danger'] as const;
export type CalloutType = (typeof calloutTypes)[number];

export function isCalloutType(value: unknown): value is CalloutType {
  return typeof value === 'string' && (calloutTypes as readonly string[]).includes(value);
}

/** The hast shape every callout takes, whether written as `> [!NOTE]` or `<Callout>`. */
export function calloutData(type: CalloutType, title: string | undefined, t: Translate) {
  const label = t(`callout.${type}`);
  return {
    hName: 'div',
    hProperties: { className: ['callout', `callout-${type}`], role: 'note', ariaLabel: title ? `${label}: ${title}` : label },
    titleText: title ?? label,
  };
}

const ALERT = /^\[!(note|tip|important|warning|caution|danger)\][ \t]*([^\n]*)(?:\n|$)/i;

/**
 * remark plugin: GitHub-style alerts. A blockquote whose first line is `[!NOTE]`, `[!TIP]`,
 * `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]` or `[!DANGER]` becomes a callout; text after the
 * marker on the same line is its title (`> [!WARNING] Before you start`).
 */
export const remarkCallouts: Plugin<[], Root> = () => (tree, file) => {
  const t = translator(file.data.lang ?? 'en');
  visit(tree, 'blockquote', (node: Blockquote) => {
    const first = node.children[0];
    if (first?.type !== 'paragraph') return;
    const lead = first.children[0];
    if (lead?.type !== 'text') return;
    const match = ALERT.exec(lead.value);
    if (!match) return;
    const type = match[1]!.toLowerCase() as CalloutType;
    const title = match[2]!.trim() || undefined;
    lead.value = lead.value.slice(match[0].length);
    if (!lead.value) first.children.shift();
    if (first.children.length === 0 || (first.children[0]?.type === 'break' && first.children.length === 1)) node.children.shift();
    else if (first.children[0]?.type === 'break') first.children.shift();
    const data = calloutData(type, title, t);
    const heading: Paragraph = {
      type: 'paragraph',
      data: { hProperties: { className: ['callout-title'] } },
      children: [{ type: 'text', value: data.titleText }],
    };
    node.children.unshift(heading);
    node.data = { hName: data.hName, hProperties: data.hProperties };
  });
};
