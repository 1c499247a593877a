import type { Queryable, Row } from './driver.ts';
import { toBoolean, toDate, toNumber, utcDay } from './rows.ts';
import { sql, where, type Sql } from './sql.ts';
import type { Feedback, FeedbackTotal, SearchQueryCount } from './types.ts';

/** Readers' signals: daily search counts and page feedback. Inputs are already validated. */

export async function recordSearch(db: Queryable, s: { q: string; lang: string; results: number; opened: boolean; at: Date }): Promise<void> {
  const zero = s.results === 0 ? 1 : 0;
  const noClick = s.opened ? 0 : 1;
  await db.run(sql`
    INSERT INTO search_queries (day, query, lang, searches, zero_results, no_clicks)
    VALUES (${utcDay(s.at)}, ${s.q}, ${s.lang}, 1, ${zero}, ${noClick})
    ON CONFLICT (day, query, lang) DO UPDATE SET
      searches = search_queries.searches + 1,
      zero_results = search_queries.zero_results + excluded.zero_results,
      no_clicks = search_queries.no_clicks + excluded.no_clicks`);
}

export async function searchCounts(db: Queryable, q: { since: Date; minCount: number; limit: number }): Promise<SearchQueryCount[]> {
  const rows = await db.all(sql`
    SELECT query, lang, SUM(searches) AS total, SUM(zero_results) AS total_zero, SUM(no_clicks) AS total_no_click
    FROM search_queries
    WHERE day >= ${utcDay(q.since)}
    GROUP BY query, lang
    HAVING SUM(searches) >= ${q.minCount}
    ORDER BY total_zero DESC, total_no_click DESC, total DESC, query, lang
    LIMIT ${q.limit}`);
  return rows.map((row) => ({
    q: String(row.query),
    lang: String(row.lang),
    count: toNumber(row.total),
    zeroResults: toNumber(row.total_zero),
    noClick: toNumber(row.total_no_click),
  }));
}

function feedbackFrom(row: Row): Feedback {
  const feedback: Feedback = { id: toNumber(row.id), path: String(row.path), helpful: toBoolean(row.helpful), at: toDate(row.at) };
  if (row.comment !== null && row.comment !== undefined) feedback.comment = String(row.comment);
  return feedback;
}

export async function addFeedback(db: Queryable, f: { path: string; helpful: boolean; comment?: string | undefined; at: Date }): Promise<Feedback> {
  const [row] = await db.all(sql`
    INSERT INTO feedback (path, helpful, comment, at) VALUES (${f.path}, ${f.helpful}, ${f.comment ?? null}, ${f.at})
    RETURNING id, path, helpful, comment, at`);
  return feedbackFrom(row!);
}

function feedbackConditions(q: { path?: string | undefined; since?: Date | undefined }): Sql[] {
  const conditions: Sql[] = [];
  if (q.path !== undefined) conditions.push(sql`path = ${q.path}`);
  if (q.since !== undefined) conditions.push(sql`at >= ${q.since}`);
  return conditions;
}

export async function listFeedback(db: Queryable, q: { path?: string | undefined; since?: Date | undefined; limit: number }): Promise<Feedback[]> {
  const rows = await db.all(sql`
    SELECT id, path, helpful, comment, at FROM feedback ${where(feedbackConditions(q))}
    ORDER BY at DESC, id DESC LIMIT ${q.limit}`);
  return rows.map(feedbackFrom);
}

export async function feedbackTotals(db: Queryable, q: { since?: Date | undefined }): Promise<FeedbackTotal[]> {
  const rows = await db.all(sql`
    SELECT path,
      SUM(CASE WHEN helpful THEN 1 ELSE 0 END) AS yes_count,
      SUM(CASE WHEN helpful THEN 0 ELSE 1 END) AS no_count,
      COUNT(comment) AS comment_count
    FROM feedback ${where(feedbackConditions(q))}
    GROUP BY path ORDER BY path`);
  return rows.map((row) => ({
    path: String(row.path),
    helpful: toNumber(row.yes_count),
    notHelpful: toNumber(row.no_count),
    comments: toNumber(row.comment_count),
  }));
}

/** Retention: signal rows older than `cutoff` (search counts by their day) are deleted. */
export async function deleteSignalsBefore(db: Queryable, cutoff: Date): Promise<{ searchCounts: number; feedback: number }> {
  const searchCounts = await db.run(sql`DELETE FROM search_queries WHERE day < ${utcDay(cutoff)}`);
  const feedback = await db.run(sql`DELETE FROM feedback WHERE at < ${cutoff}`);
  return { searchCounts, feedback };
}
