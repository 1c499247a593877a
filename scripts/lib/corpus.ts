/**
 * Deterministic synthetic wikis for benchmarks: a procedures binder of any size, 90% English and
 * 10% Hebrew by default, with sections and subfolders, frontmatter, and pages of about 800 words
 * like real procedures: purpose, scope list, numbered steps, a responsibilities table, a callout,
 * a disclosure (details), sometimes a code block, topical sections and wikilinks between pages.
 * Words follow Zipf's law over common, departmental and rare (made-up) words, so a few words are on
 * every page and most on a few. The same seed always gives the same files.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapBounded } from '../../src/lib/content/read-content.ts';
import { englishCommon, englishTail, hebrewCommon, hebrewTail, inflectHebrew, sectionWords, zipf } from './corpus-words.ts';

export interface CorpusOptions {
  dir: string;
  pages: number;
  seed?: number;
  /** Share of pages written in Hebrew (`lang: he`). */
  hebrewShare?: number;
  sections?: number;
  foldersPerSection?: number;
}

export interface CorpusPage {
  path: string;
  slug: string;
  title: string;
  lang: 'en' | 'he';
}

/** A query planted in the corpus, with the page that answers it. */
export interface PlantedQuery {
  q: string;
  expect: string;
  lang: 'en' | 'he';
}

export interface Corpus {
  pages: CorpusPage[];
  planted: PlantedQuery[];
}

const products = ['Zephyr', 'Quasar', 'Halcyon', 'Borealis', 'Meridian', 'Solstice', 'Cobalt', 'Tundra', 'Obsidian', 'Nimbus', 'Vortex', 'Sapphire', 'Juniper', 'Marlin', 'Pegasus', 'Sierra', 'Tempest', 'Kestrel', 'Lumen', 'Quartz'];
/** English facts: the sentence planted in a page, and how a reader would ask for it. */
const englishFacts: ((p: string, n: number) => [string, string])[] = [
  (p, n) => [`Calibrate the ${p} spectrometer every ${n} days and log the drift in the calibration register.`, `${p.toLowerCase()} spectrometer calibration`],
  (p, n) => [`Returns of a faulty ${p} controller need an RMA number and must reach the warehouse within ${n} days.`, `return faulty ${p.toLowerCase()} controller`],
  (p) => [`The ${p} firmware update is installed by the lab technician on duty, never by the customer.`, `who installs ${p.toLowerCase()} firmware`],
  (p, n) => [`Travellers to the ${p} conference may claim a per-diem of ${n} dollars for meals.`, `${p.toLowerCase()} conference per diem`],
];
/** Hebrew facts: every query word appears in the page only with a prefix letter attached. */
const hebrewNames = ['זפיר', 'אורקל', 'קוואזר', 'הליקון', 'בוריאל', 'מרידיאן', 'סולסטיס', 'טונדרה', 'נימבוס', 'מרתון'];
const hebrewFacts: ((p: string) => [string, string])[] = [
  (p) => [`בנוהל הכיול של מכשיר ה${p} יש לבדוק את הסטייה מדי שבוע ולרשום אותה ביומן.`, `נוהל כיול ${p}`],
  (p) => [`כשמחזירים את ה${p} למחסן, יש לצרף לטופס ההחזרה את מספר ההזמנה.`, `החזרה ${p} מחסן`],
];

const PLANTED_EN = 20;
const PLANTED_HE = 10;

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

const sectionNames = ['operations', 'finance', 'people', 'it', 'security', 'safety', 'quality', 'sales', 'support', 'legal', 'facilities', 'engineering', 'procurement', 'logistics', 'research', 'training'];
const folderNames = ['policies', 'procedures', 'how-to', 'forms', 'checklists', 'guidelines', 'reference', 'onboarding'];
const topics = ['expense report', 'purchase order', 'laptop return', 'visitor access', 'incident report', 'vendor onboarding', 'contract review', 'data retention', 'password reset', 'travel booking', 'shift handover', 'equipment calibration', 'customer refund', 'quality audit', 'fire drill', 'badge request', 'software licence', 'backup restore', 'sample shipment', 'lab waste disposal', 'overtime approval', 'meeting room booking', 'remote access', 'change request', 'risk assessment', 'supplier evaluation', 'stock count', 'invoice approval', 'parental leave', 'performance review'];
const verbs = ['submit', 'review', 'approve', 'record', 'check', 'update', 'notify', 'archive', 'verify', 'escalate', 'schedule', 'confirm'];
const nouns = ['the form', 'your manager', 'the ticket', 'the owner', 'the finance team', 'the request', 'the register', 'the checklist', 'the system', 'the supplier', 'the report', 'the log'];
const heTopics = ['דוח הוצאות', 'הזמנת רכש', 'החזרת מחשב נייד', 'כניסת מבקרים', 'דיווח על אירוע', 'קליטת ספק', 'בדיקת חוזה', 'שמירת מידע', 'איפוס סיסמה', 'הזמנת נסיעה', 'העברת משמרת', 'כיול ציוד', 'החזר כספי ללקוח', 'ביקורת איכות', 'תרגיל כיבוי אש', 'בקשת תג', 'רישיון תוכנה', 'שחזור גיבוי', 'משלוח דגימות', 'פינוי פסולת מעבדה'];
const heRoles = ['העובד', 'המנהל', 'צוות הכספים', 'הבעלים', 'הספק', 'מחלקת משאבי אנוש'];

type Rng = ReturnType<typeof random>;

/**
 * Words of a page's language: mostly common words, some of the page's department, and now and then
 * a rare word of the long tail — so that, as in real procedures, a few words are on every page and
 * most words on a few.
 */
interface WordSource {
  word: (section: string) => string;
}

function wordSource(rng: Rng, lang: 'en' | 'he'): WordSource {
  const common = lang === 'he' ? hebrewCommon : englishCommon;
  const commonRank = zipf(rng, common.length, 0.9);
  const tail = lang === 'he' ? hebrewTail(rng, 6000) : englishTail(rng, 20000);
  const tailRank = zipf(rng, tail.length, 1.05);
  const sectionRanks = new Map<string, () => number>();
  return {
    word: (section) => {
      const x = rng.next();
      if (x < (lang === 'he' ? 0.82 : 0.74)) return common[commonRank()]!;
      if (lang === 'he') return inflectHebrew(rng, tail[tailRank()]!);
      if (x < 0.9) {
        const own = sectionWords[section] ?? sectionWords.operations!;
        if (!sectionRanks.has(section)) sectionRanks.set(section, zipf(rng, own.length, 0.8));
        return own[sectionRanks.get(section)!()]!;
      }
      return tail[tailRank()]!;
    },
  };
}

function sentence(rng: Rng, words: WordSource, section: string, min = 8, max = 18): string {
  const n = min + rng.int(max - min);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words.word(section));
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rng: Rng, words: WordSource, section: string, sentences = 3): string {
  return Array.from({ length: sentences + rng.int(2) }, () => sentence(rng, words, section)).join(' ');
}

function heading(rng: Rng, words: WordSource, section: string): string {
  return sentence(rng, words, section, 2, 5).replace(/\.$/, '');
}

/** The body of one page (~800 words): intro, purpose, scope, steps, a table, details, topics, links. */
function pageBody(rng: Rng, words: WordSource, page: CorpusPage, section: string, planted: string | undefined, others: CorpusPage[]): string[] {
  const he = page.lang === 'he';
  const p = (n = 3) => paragraph(rng, words, section, n);
  const s = (min?: number, max?: number) => sentence(rng, words, section, min, max);
  const link = (other: CorpusPage) => (rng.next() < 0.5 ? `[[${other.title}]]` : `[[${other.slug}|${s(2, 4).replace(/\.$/, '').toLowerCase()}]]`);
  const body = [p(4), '', ...(planted ? [planted, ''] : [])];
  body.push(`## ${he ? 'מטרה' : 'Purpose'}`, '', `${p()} ${he ? 'ראו' : 'See'} ${link(others[0]!)} ${he ? 'וגם' : 'and'} ${link(others[1]!)}.`, '');
  body.push(`## ${he ? 'תחולה' : 'Scope'}`, '', ...Array.from({ length: 4 + rng.int(3) }, () => `- ${s(5, 10)}`), '');
  body.push(`## ${he ? 'שלבים' : 'Steps'}`, '', '<Steps>', '');
  for (let k = 0; k < 6 + rng.int(5); k++) {
    body.push(`${k + 1}. ${he ? s(6, 14) : `${rng.pick(verbs).replace(/^./, (c) => c.toUpperCase())} ${rng.pick(nouns)} ${s(5, 12).toLowerCase()}`}`);
  }
  body.push('', '</Steps>', '');
  body.push(`<Callout type="${rng.pick(['note', 'tip', 'warning'])}">`, '', p(1), '', '</Callout>', '');
  body.push(
    `## ${he ? 'אחריות' : 'Responsibilities'}`,
    '',
    he ? '| תפקיד | אחריות | מועד |' : '| Role | Responsibility | Deadline |',
    '| --- | --- | --- |',
    ...Array.from({ length: 3 + rng.int(4) }, () => `| ${he ? rng.pick(heRoles) : rng.pick(nouns)} | ${s(5, 10)} | ${1 + rng.int(10)} ${he ? 'ימים' : 'days'} |`),
    '',
  );
  body.push(`<Details summary="${s(3, 6).replace(/\.$/, '')}">`, '', p(3), '', '</Details>', '');
  if (rng.next() < 0.3) body.push('```text', `${rng.pick(['ssh', 'curl', 'git', 'make'])} --${rng.pick(verbs)} ${rng.int(9999)}`, '```', '');
  for (let k = 0; k < 3 + rng.int(2); k++) {
    body.push(`## ${heading(rng, words, section)}`, '', p(), '', `${p()} ${rng.next() < 0.5 ? `${he ? 'ראו' : 'See'} ${link(others[2 + (k % 2)]!)}.` : ''}`.trim(), '');
    if (rng.next() < 0.5) body.push(`### ${heading(rng, words, section)}`, '', p(), '');
  }
  body.push(`## ${he ? 'דפים קשורים' : 'Related pages'}`, '', ...others.slice(2).map((o) => `- [[${o.title}]]`), '');
  return body;
}

/** Writes the corpus and returns its pages and planted queries. Deletes `dir` first. */
export async function generateCorpus(options: CorpusOptions): Promise<Corpus> {
  const rng = random(options.seed ?? 42);
  const sections = sectionNames.slice(0, options.sections ?? 12);
  const folders = folderNames.slice(0, options.foldersPerSection ?? 6);
  const hebrewShare = options.hebrewShare ?? 0.1;
  await rm(options.dir, { recursive: true, force: true });

  const pages: CorpusPage[] = [];
  const titleCount = new Map<string, number>();
  for (let i = 0; i < options.pages; i++) {
    const section = sections[i % sections.length]!;
    const folder = folders[Math.floor(i / sections.length) % folders.length]!;
    const lang = rng.next() < hebrewShare ? 'he' : 'en';
    const base = lang === 'he' ? `נוהל ${rng.pick(heTopics)}` : `${rng.pick(['How to handle', 'Procedure for', 'Policy on', 'Checklist for'])} ${rng.pick(topics)}`;
    const n = (titleCount.get(base) ?? 0) + 1;
    titleCount.set(base, n);
    const title = n === 1 ? base : `${base} ${n}`;
    const slug = `${section}/${folder}/page-${String(i).padStart(5, '0')}`;
    pages.push({ path: `${slug}.mdx`, slug, title, lang });
  }

  // Plant facts in distinct pages of the right language, spread over the corpus.
  const planted: PlantedQuery[] = [];
  const extra = new Map<string, string>();
  const english = pages.filter((p) => p.lang === 'en');
  const hebrew = pages.filter((p) => p.lang === 'he');
  for (let i = 0; i < Math.min(PLANTED_EN, english.length); i++) {
    const page = english[Math.floor((i * english.length) / PLANTED_EN)]!;
    const [sentence, q] = englishFacts[i % englishFacts.length]!(products[i % products.length]!, 5 + rng.int(40));
    extra.set(page.path, sentence);
    planted.push({ q, expect: page.slug, lang: 'en' });
  }
  for (let i = 0; i < Math.min(PLANTED_HE, hebrew.length); i++) {
    const page = hebrew[Math.floor((i * hebrew.length) / PLANTED_HE)]!;
    // The last query ends with a name typed without its final letter, as in mid-word (מרתון → מרתו).
    const midWord = i === PLANTED_HE - 1;
    const [sentence, q] = hebrewFacts[midWord ? 0 : i % hebrewFacts.length]!(hebrewNames[i % hebrewNames.length]!);
    extra.set(page.path, sentence);
    planted.push({ q: midWord ? q.slice(0, -1) : q, expect: page.slug, lang: 'he' });
  }

  const files = new Map<string, string>();
  for (const section of sections) {
    files.set(`${section}/index.mdx`, `---\ntitle: ${section.charAt(0).toUpperCase()}${section.slice(1)}\ndescription: Procedures and policies of the ${section} department.\norder: ${sections.indexOf(section) + 1}\n---\n\nProcedures and policies of the ${section} department.\n`);
  }
  const englishWords = wordSource(random((options.seed ?? 42) + 1), 'en');
  const hebrewWords = wordSource(random((options.seed ?? 42) + 2), 'he');
  for (const page of pages) {
    const words = page.lang === 'he' ? hebrewWords : englishWords;
    const section = page.slug.split('/')[0]!;
    const others = Array.from({ length: 5 }, () => pages[rng.int(pages.length)]!);
    const year = 2026 + rng.int(2);
    const month = String(1 + rng.int(12)).padStart(2, '0');
    const head: string[] = [
      '---',
      `title: "${page.title}"`,
      `description: "${sentence(rng, words, section, 6, 10)}"`,
      `owner: "@${rng.pick(['dana', 'yossi', 'maya', 'omer', 'noa', 'alex', 'sam', 'priya'])}"`,
      `tags: [${rng.pick(['finance', 'hr', 'it', 'safety', 'quality'])}, ${rng.pick(['forms', 'approval', 'audit', 'training'])}]`,
      ...(page.lang === 'he' ? ['lang: he'] : []),
      `effective: 2025-${month}-01`,
      `review_by: ${year}-${month}-15`,
      '---',
      '',
    ];
    files.set(page.path, [...head, ...pageBody(rng, words, page, section, extra.get(page.path), others)].join('\n'));
  }

  const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(options.dir, f))));
  await mapBounded([...dirs], (d) => mkdir(d, { recursive: true }));
  await mapBounded([...files], ([file, text]) => writeFile(path.join(options.dir, file), text));
  return { pages, planted };
}
