/**
 * Hebrew forms the stemmer's rules do not reach, written by hand for the vocabulary of procedures:
 * irregular plurals and construct forms, verbs in their tenses and patterns (binyanim), and words
 * the rules would wrongly conflate with others. Each line is a common form followed by its other
 * forms (without prefix letters: the analysis takes those off first).
 */
const GROUPS = `
יום ימים ימי יומיים
שנה שנים שנות שנת שנתיים
שעה שעות שעת
איש אנשים אנשי
אישה אשה נשים נשות
בית בתים בתי
עיר ערים ערי
שם שמות שמות
כלי כלים כלי
מילה מילים מילות מלים
יד ידיים ידי
דלת דלתות דלתות
אב אבות
דמים דמי
לילה לילות ליל
מקום מקומות מקומו
דווח דיווח דיווחים דיווחי דווח מדווח מדווחת מדווחים מדווחות ידווח תדווח דיווחתי דיווחנו דיווחו דווחו
שלח שולח שולחת שולחים שולחות נשלח נשלחה נשלחים ישלח תשלח שלחתי שלחנו שלחו שליחה שליחת שלוח
הגיש מגיש מגישה מגישים מגישות הגישה הגשתי הגשנו הגישו יגיש תגיש הגשה הגשת הוגש הוגשה הוגשו
אישר מאשר מאשרת מאשרים מאשרות אישרה אישרו אישרתי יאשר תאשר אשר אושר אושרה אושרו אישור אישורים אישורי
בדק בודק בודקת בודקים בודקות בדקה בדקו בדקתי יבדוק יבדקו בדוק נבדק נבדקה בדיקה בדיקות בדיקת
מילא ממלא ממלאת ממלאים מילאה מילאו ימלא מלא מולא מילוי
קיבל מקבל מקבלת מקבלים מקבלות קיבלה קיבלתי קיבלו יקבל קבל התקבל התקבלה
החזיר מחזיר מחזירה מחזירים החזירה החזירו יחזיר הוחזר החזר החזרה החזרים החזרי החזרת
צירף מצרף מצרפת מצרפים צירפה צירפו יצרף צרף מצורף מצורפת מצורפים צירוף
עדכן מעדכן מעדכנת מעדכנים עדכנה עדכנו יעדכן עודכן עודכנה עדכון עדכונים
רשם רושם רושמת רושמים רשמה רשמו ירשום רשום נרשם נרשמה נרשמו רישום רישומים
הודיע מודיע מודיעה מודיעים הודיעה הודיעו יודיע הודעה הודעות הודעת
ביטל מבטל מבטלת מבטלים ביטלה ביטלו יבטל בטל בוטל בוטלה ביטול ביטולים
הזמין מזמין מזמינה מזמינים הזמינה הזמינו יזמין הוזמן הזמנה הזמנות הזמנת
נכנס נכנסת נכנסים יכנס היכנס כניסה כניסות כניסת
יצא יוצא יוצאת יוצאים יצאה יצאו יציאה יציאות יציאת
פינה מפנה מפנים פינו יפנה פנות פונה פונו פינוי
משמרת משמרות משמרתו
ביקורת ביקורות
אחריות
חשבונית חשבוניות
כתובת כתובות
תוכנה תוכנות
מחברת מחברות
ספקות
`;

const FINALS: Record<string, string> = { 'ך': 'כ', 'ם': 'מ', 'ן': 'נ', 'ף': 'פ', 'ץ': 'צ' };
const normal = (word: string) => word.replace(/[ךםןףץ]/g, (c) => FINALS[c]!);

/** Form → common form, normalized (final letters mapped). */
export const hebrewLexicon = new Map<string, string>();
for (const line of GROUPS.trim().split('\n')) {
  const [lemma, ...forms] = line.trim().split(/\s+/).map(normal);
  for (const form of [lemma!, ...forms]) hebrewLexicon.set(form, lemma!);
}

/** Words left as they are: the rules would merge them with unrelated words. */
export const protectedWords = new Set(['עלות', 'חיפוש', 'שבת', 'מות'].map(normal));
