import type { Queryable, Row } from './driver.ts';
import { toDate, toNumber } from './rows.ts';
import { join, list, sql, where, type Sql } from './sql.ts';
import type { Acknowledgement, Person } from './types.ts';

/** Required reading: who acknowledged which revision, and the people an audience is made of. */

interface AcknowledgementRow {
  path: string;
  revision: number;
  contentHash: string;
  email: string;
  name: string;
  at: Date;
}

function acknowledgementFrom(row: Row): Acknowledgement {
  return {
    id: toNumber(row.id),
    path: String(row.path),
    revision: toNumber(row.revision),
    contentHash: String(row.content_hash),
    email: String(row.email),
    name: String(row.name),
    at: toDate(row.at),
  };
}

const ACKNOWLEDGEMENT_COLUMNS = sql`id, path, revision, content_hash, email, name, at`;

export async function addAcknowledgement(db: Queryable, a: AcknowledgementRow): Promise<Acknowledgement> {
  const [row] = await db.all(sql`
    INSERT INTO acknowledgements (path, revision, content_hash, email, name, at)
    VALUES (${a.path}, ${a.revision}, ${a.contentHash}, ${a.email}, ${a.name}, ${a.at})
    RETURNING ${ACKNOWLEDGEMENT_COLUMNS}`);
  return acknowledgementFrom(row!);
}

export async function listAcknowledgements(db: Queryable, q: { path?: string | undefined; email?: string | undefined }): Promise<Acknowledgement[]> {
  const conditions: Sql[] = [];
  if (q.path !== undefined) conditions.push(sql`path = ${q.path}`);
  if (q.email !== undefined) conditions.push(sql`email = ${q.email}`);
  const rows = await db.all(sql`SELECT ${ACKNOWLEDGEMENT_COLUMNS} FROM acknowledgements ${where(conditions)} ORDER BY at, id`);
  return rows.map(acknowledgementFrom);
}

interface PersonRow {
  email: string;
  name: string;
  groups?: string[] | undefined;
  seenAt?: Date | undefined;
}

/** Writes one person; run it inside a transaction (the groups are replaced in two statements). */
export async function upsertPerson(tx: Queryable, p: PersonRow): Promise<void> {
  await tx.run(sql`
    INSERT INTO people (email, name, seen_at) VALUES (${p.email}, ${p.name}, ${p.seenAt ?? null})
    ON CONFLICT (email) DO UPDATE SET name = excluded.name, seen_at = COALESCE(excluded.seen_at, people.seen_at)`);
  if (p.groups === undefined) return;
  await tx.run(sql`DELETE FROM person_groups WHERE email = ${p.email}`);
  if (p.groups.length === 0) return;
  const rows = p.groups.map((group) => sql`(${p.email}, ${group})`);
  await tx.run(sql`INSERT INTO person_groups (email, group_name) VALUES ${join(rows, ', ')}`);
}

/** People with their groups, ordered by e-mail address, chosen by a condition on `p` (people). */
async function selectPeople(db: Queryable, condition: Sql | undefined): Promise<Person[]> {
  const rows = await db.all(sql`
    SELECT p.email, p.name, p.seen_at, g.group_name
    FROM people p LEFT JOIN person_groups g ON g.email = p.email
    ${where(condition ? [condition] : [])}
    ORDER BY p.email, g.group_name`);
  const people: Person[] = [];
  for (const row of rows) {
    const email = String(row.email);
    let person = people.at(-1);
    if (person?.email !== email) {
      person = { email, name: String(row.name), groups: [] };
      if (row.seen_at !== null && row.seen_at !== undefined) person.seenAt = toDate(row.seen_at);
      people.push(person);
    }
    if (row.group_name !== null && row.group_name !== undefined) person.groups.push(String(row.group_name));
  }
  return people;
}

export async function getPerson(db: Queryable, email: string): Promise<Person | undefined> {
  const [person] = await selectPeople(db, sql`p.email = ${email}`);
  return person;
}

export async function listPeople(db: Queryable, q: { groups?: string[] | undefined }): Promise<Person[]> {
  if (q.groups === undefined) return selectPeople(db, undefined);
  return selectPeople(db, sql`p.email IN (SELECT email FROM person_groups WHERE group_name IN (${list(q.groups)}))`);
}
