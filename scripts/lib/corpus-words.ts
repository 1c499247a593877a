/**
 * The vocabulary of the benchmark corpus (scripts/lib/corpus.ts): common English and Hebrew words of
 * procedures, words of each department, and a long tail of made-up words (names, codes, jargon) so
 * that, as in real text, a few words are everywhere and most words are rare.
 */
import type { random } from './corpus.ts';

type Rng = ReturnType<typeof random>;

/** Frequent English words, roughly most common first (stop words included, as in real prose). */
export const englishCommon = (
  'the to and of a in for is be your must by with on or as this that are it an at from should each if all when not ' +
  'can may will have any before after within request form manager employee team approval system record process procedure policy step ' +
  'owner review date document requirement exception budget cost safety quality customer vendor access account device data report audit ' +
  'training schedule required optional annual monthly weekly daily urgent standard internal external staff days working time information ' +
  'contact email ticket number copy signed approved completed updated current new first last other same following above below ' +
  'responsible department office site company local central period month year week hours business support service services ' +
  'check confirm submit send keep store file update notify inform ensure make use include provide follow need needs apply ' +
  'case cases rule rules details list lists item items change changes issue issues problem risk control controls level levels ' +
  'approve approves approved reviewer reviewers signature deadline deadlines reference template templates register registers'
).split(' ');

/** Words of one department each, by section name (a section not listed uses operations'). */
export const sectionWords: Record<string, string[]> = {
  operations: 'shift handover roster line downtime maintenance spare parts inventory warehouse pallet forklift dispatch machine output yield'.split(' '),
  finance: 'invoice invoices reimbursement receipt receipts expense expenses ledger payment payments refund payroll accrual currency card per-diem tax vat'.split(' '),
  people: 'leave vacation holiday sick parental benefits salary bonus onboarding offboarding recruitment interview contract probation appraisal overtime'.split(' '),
  it: 'laptop computer password mfa vpn account software licence backup restore printer wifi helpdesk phishing encryption update'.split(' '),
  security: 'badge visitor incident breach classification confidential clearance camera alarm lock keys guard escort clearance'.split(' '),
  safety: 'fire evacuation extinguisher chemical spill goggles gloves ppe accident injury first-aid hazard ventilation drill alarm'.split(' '),
  quality: 'calibration nonconformance deviation capa inspection tolerance specification batch lot sample audit certificate iso traceability'.split(' '),
  sales: 'quote quotation discount pricing lead opportunity crm forecast territory commission distributor order tender'.split(' '),
  support: 'escalation rma return warranty replacement sla response resolution knowledge ticket queue callback outage'.split(' '),
  legal: 'contract nda clause liability compliance gdpr privacy consent retention litigation signature counsel trademark'.split(' '),
  facilities: 'parking canteen room booking cleaning heating lighting desk locker shuttle mailroom furniture elevator'.split(' '),
  engineering: 'design drawing prototype firmware release branch review test requirement schematic tolerance bom revision'.split(' '),
  procurement: 'supplier purchase tender quotation catalogue framework po delivery lead-time evaluation sourcing'.split(' '),
  logistics: 'shipment courier customs freight pallet tracking packing label export import incoterms carrier'.split(' '),
  research: 'experiment protocol lab notebook sample reagent dataset grant publication ethics microscope centrifuge'.split(' '),
  training: 'course module trainer certificate attendance quiz induction refresher curriculum mentor workshop'.split(' '),
};

/** Frequent Hebrew words, as they appear in text: with and without prefix letters, in several forms. */
export const hebrewCommon = (
  'של את על עם זה או גם כי אם לא כל יש אין לפני אחרי במהלך ' +
  'העובד העובדים העובדת לעובדים לעובד שהעובד המנהל המנהלת מנהלים למנהל וכשהמנהל הצוות צוותים הבקשה בקשה בקשות לבקשה ' +
  'הטופס טופס טפסים בטופס המערכת מערכת למערכת במערכת הרשומה רשומות האישור אישור אישורים לאישור המועד מועדים הנוהל נוהל נהלים בנוהל לנוהל ' +
  'הבעלים הסקירה התאריך תאריך המסמך מסמכים במסמך התהליך תהליכים הדרישה דרישות החריגה חריגות התקציב העלות עלויות הבטיחות בטיחות ' +
  'האיכות הלקוח לקוחות ללקוח הספק ספקים מהספק הגישה החשבון המכשיר מכשירים המידע מידע הדוח דוחות הביקורת ההדרכה הדרכות ' +
  'מהמעבדה מעבדה במעבדה שנתי שנתית חודשי שבועי יומי דחוף רגיל פנימי חיצוני ימים יום שעות שבוע חודש שנה ' +
  'לבדוק בדיקה בדיקות לאשר מאשר מאשרת לשלוח שולח לעדכן עדכון לרשום נרשם לצרף מצורף אחראי אחראית חייב חייבים צריך צריכה'
).split(' ');

const englishSyllables = 'ba be bi bo ca co da de di do fa fe fi ga go ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi za zo tor lin mar ven dex bor nal cor'.split(' ');
const hebrewLetters = 'אבגדהוזחטיכלמנסעפצקרשת';
const hebrewPrefixes = ['', '', '', 'ה', 'ב', 'ל', 'ו', 'ש', 'מ', 'וה', 'שה', 'לה'];
const hebrewSuffixes = ['', '', '', 'ים', 'ות', 'ה', 'ת'];

/** Made-up English words: product names, codes, jargon. */
export function englishTail(rng: Rng, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const n = 2 + rng.int(3);
    let word = '';
    for (let i = 0; i < n; i++) word += rng.pick(englishSyllables);
    seen.add(word);
  }
  return [...seen];
}

/** Made-up Hebrew stems, each to be written with a prefix and an ending now and then. */
export function hebrewTail(rng: Rng, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    let word = '';
    for (let i = 0; i < 3 + rng.int(2); i++) word += hebrewLetters[rng.int(hebrewLetters.length)];
    seen.add(word);
  }
  return [...seen];
}

/** A Hebrew tail word as it appears in a sentence: sometimes with a prefix letter and an ending. */
export function inflectHebrew(rng: Rng, stem: string): string {
  return `${rng.pick(hebrewPrefixes)}${stem}${rng.pick(hebrewSuffixes)}`;
}

/**
 * Draws ranks 0 … n-1 with Zipf's law (rank r has weight 1 / (r + 1)^s), by binary search over the
 * cumulative weights.
 */
export function zipf(rng: Rng, n: number, s = 1): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) cumulative[r] = total += 1 / (r + 1) ** s;
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
