/**
 * Deterministic synthetic wikis for benchmarks: a procedures binder of any size, 90% English and
 * 10% Hebrew by default, with sections and subfolders, frontmatter, headings, steps, tables,
 * callouts and wikilinks between pages. The same seed always gives the same files.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapBounded } from '../../src/lib/content/read-content.ts';

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
const words = 'the a each every all staff employee manager team request form system record approval deadline policy procedure step owner review date document process requirement exception budget cost safety quality customer vendor access account device data report audit training schedule within before after during must should may required optional annual monthly weekly daily urgent standard internal external'.split(' ');
const heTopics = ['דוח הוצאות', 'הזמנת רכש', 'החזרת מחשב נייד', 'כניסת מבקרים', 'דיווח על אירוע', 'קליטת ספק', 'בדיקת חוזה', 'שמירת מידע', 'איפוס סיסמה', 'הזמנת נסיעה', 'העברת משמרת', 'כיול ציוד', 'החזר כספי ללקוח', 'ביקורת איכות', 'תרגיל כיבוי אש', 'בקשת תג', 'רישיון תוכנה', 'שחזור גיבוי', 'משלוח דגימות', 'פינוי פסולת מעבדה'];
const heWords = 'העובד המנהל הצוות הבקשה הטופס המערכת הרשומה האישור המועד הנוהל הבעלים הסקירה התאריך המסמך התהליך הדרישה החריגה התקציב העלות הבטיחות האיכות הלקוח הספק הגישה החשבון המכשיר המידע הדוח הביקורת ההדרכה בנוהל לעובדים שהעובד וכשהמנהל מהמעבדה בטופס למערכת יש חייב לפני אחרי במהלך שנתי חודשי שבועי יומי דחוף רגיל פנימי חיצוני'.split(' ');

function sentence(rng: ReturnType<typeof random>, pool: readonly string[], min = 8, max = 18): string {
  const n = min + rng.int(max - min);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(pool));
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(rng: ReturnType<typeof random>, pool: readonly string[], sentences = 3): string {
  return Array.from({ length: sentences + rng.int(2) }, () => sentence(rng, pool)).join(' ');
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
    files.set(`${section}/index.mdx`, `---\ntitle: ${section.charAt(0).toUpperCase()}${section.slice(1)}\ndescription: Procedures and policies of the ${section} department.\norder: ${sections.indexOf(section) + 1}\n---\n\n${paragraph(rng, words)}\n`);
  }
  for (const page of pages) {
    const pool = page.lang === 'he' ? heWords : words;
    const others = Array.from({ length: 3 }, () => pages[rng.int(pages.length)]!);
    const year = 2026 + rng.int(2);
    const month = String(1 + rng.int(12)).padStart(2, '0');
    const body: string[] = [
      '---',
      `title: "${page.title}"`,
      `description: "${sentence(rng, pool, 6, 10)}"`,
      `owner: "@${rng.pick(['dana', 'yossi', 'maya', 'omer', 'noa', 'alex', 'sam', 'priya'])}"`,
      `tags: [${rng.pick(['finance', 'hr', 'it', 'safety', 'quality'])}, ${rng.pick(['forms', 'approval', 'audit', 'training'])}]`,
      ...(page.lang === 'he' ? ['lang: he'] : []),
      `effective: 2025-${month}-01`,
      `review_by: ${year}-${month}-15`,
      '---',
      '',
      paragraph(rng, pool),
      '',
      ...(extra.has(page.path) ? [extra.get(page.path)!, ''] : []),
      `## ${page.lang === 'he' ? 'מטרה' : 'Purpose'}`,
      '',
      `${paragraph(rng, pool)} See [[${others[0]!.title}]] and [[${others[1]!.slug}|the related procedure]].`,
      '',
      `## ${page.lang === 'he' ? 'שלבים' : 'Steps'}`,
      '',
      '<Steps>',
      '',
      ...Array.from({ length: 4 + rng.int(4) }, (_, k) => `${k + 1}. ${page.lang === 'he' ? sentence(rng, pool, 5, 10) : `${rng.pick(verbs).replace(/^./, (c) => c.toUpperCase())} ${rng.pick(nouns)} ${sentence(rng, pool, 3, 8).toLowerCase()}`}`),
      '',
      '</Steps>',
      '',
    ];
    if (rng.next() < 0.5) {
      body.push(`<Callout type="${rng.pick(['note', 'tip', 'warning'])}">`, '', paragraph(rng, pool, 1), '', '</Callout>', '');
    }
    if (rng.next() < 0.4) {
      body.push(
        `## ${page.lang === 'he' ? 'אחריות' : 'Responsibilities'}`,
        '',
        '| Role | Responsibility | Deadline |',
        '| --- | --- | --- |',
        ...Array.from({ length: 3 + rng.int(3) }, () => `| ${rng.pick(nouns)} | ${sentence(rng, pool, 4, 8)} | ${1 + rng.int(10)} days |`),
        '',
      );
    }
    for (let s = 0; s < 1 + rng.int(3); s++) {
      body.push(`## ${sentence(rng, pool, 2, 4).replace(/\.$/, '')}`, '', paragraph(rng, pool), '', paragraph(rng, pool), '');
      if (rng.next() < 0.5) body.push(`### ${sentence(rng, pool, 2, 4).replace(/\.$/, '')}`, '', paragraph(rng, pool), '');
    }
    body.push(`## ${page.lang === 'he' ? 'דפים קשורים' : 'Related pages'}`, '', `- [[${others[2]!.title}]]`, '');
    files.set(page.path, body.join('\n'));
  }

  const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(options.dir, f))));
  await mapBounded([...dirs], (d) => mkdir(d, { recursive: true }));
  await mapBounded([...files], ([file, text]) => writeFile(path.join(options.dir, file), text));
  return { pages, planted };
}
