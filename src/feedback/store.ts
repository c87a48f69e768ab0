import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import lockfile from 'proper-lockfile';
import { z } from 'zod';

/**
 * Feedback on answers (👍 / 👎 and an optional comment), kept in one append-only JSONL file.
 *
 * Why a JSONL file under a lock rather than SQLite: it needs no native module (better-sqlite3 13
 * does not run on Node 20; 12 would add a node-gyp build for what is one append per click), a
 * record is one line appended whole under `proper-lockfile` (already the index folder's lock), so
 * several bot processes can share the file, a crash can at worst leave a torn last line (skipped on
 * read), and the file can be read, grepped and exported without tools.
 */

const citation = z.object({ passage: z.string(), source: z.string(), paragraph: z.number(), quote: z.string() });
const rating = z.object({
  type: z.literal('rating'),
  id: z.string(),
  at: z.string(),
  rating: z.enum(['up', 'down']),
  question: z.string(),
  standalone: z.string().optional(),
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(citation),
  index: z.string(),
  /** Salted SHA-256 of the Discord user id: the same person's ratings group, the id cannot be read back. */
  user: z.string(),
  /** Which answer was rated (two clicks by one person on one answer: the last one counts). */
  answerKey: z.string(),
});
const comment = z.object({ type: z.literal('comment'), id: z.string(), at: z.string(), ref: z.string(), comment: z.string(), user: z.string() });
const record = z.discriminatedUnion('type', [rating, comment]);

export type RatingRecord = z.infer<typeof rating>;
export type CommentRecord = z.infer<typeof comment>;
export type FeedbackRecord = z.infer<typeof record>;

/** A rating with its comments, as `readFeedback` returns it. */
export interface RatedAnswer extends RatingRecord {
  comments: string[];
}

export const MAX_COMMENT_LENGTH = 300;

export class FeedbackStore {
  private salt: Promise<string> | undefined;

  /** `file`: the JSONL file (FEEDBACK_FILE); `salt`: FEEDBACK_SALT, else kept in `<file>.salt` (created once, mode 600). */
  constructor(
    readonly file: string,
    private readonly fixedSalt?: string,
  ) {}

  /** The salted hash of a user id. */
  async hashUser(userId: string): Promise<string> {
    const salt = await (this.salt ??= this.loadSalt());
    return createHash('sha256').update(`${salt}:${userId}`).digest('hex').slice(0, 32);
  }

  private async loadSalt(): Promise<string> {
    if (this.fixedSalt) return this.fixedSalt;
    const saltFile = `${this.file}.salt`;
    try {
      return (await fs.readFile(saltFile, 'utf8')).trim();
    } catch {
      const salt = randomBytes(32).toString('hex');
      try {
        await fs.writeFile(saltFile, `${salt}\n`, { mode: 0o600, flag: 'wx' });
        return salt;
      } catch {
        return (await fs.readFile(saltFile, 'utf8')).trim(); // another process wrote it first
      }
    }
  }

  /** Append a rating; returns its id (a comment refers to it). */
  async rate(input: Omit<RatingRecord, 'type' | 'id' | 'at' | 'user'> & { userId: string; id?: string }): Promise<string> {
    const { userId, id = randomUUID(), ...rest } = input;
    await this.append({ type: 'rating', id, at: new Date().toISOString(), ...rest, user: await this.hashUser(userId) });
    return id;
  }

  /** Append a comment on an earlier rating. */
  async comment(ref: string, text: string, userId: string): Promise<void> {
    const clean = text.replace(/\s+/g, ' ').trim().slice(0, MAX_COMMENT_LENGTH);
    if (!clean) return;
    await this.append({ type: 'comment', id: randomUUID(), at: new Date().toISOString(), ref, comment: clean, user: await this.hashUser(userId) });
  }

  /** One line, appended whole under the file's lock (several processes may write). */
  private async append(r: FeedbackRecord): Promise<void> {
    const line = `${JSON.stringify(r)}\n`;
    await fs.appendFile(this.file, '', { mode: 0o600 }); // the lock needs the file to exist
    const release = await lockfile.lock(this.file, { retries: { retries: 100, minTimeout: 20, maxTimeout: 500 }, stale: 10_000 });
    try {
      await fs.appendFile(this.file, line);
    } finally {
      await release();
    }
  }
}

/** Every rating of a feedback file with its comments; for one person and one answer only the last rating. Unreadable lines are reported, not fatal. */
export async function readFeedback(file: string): Promise<{ ratings: RatedAnswer[]; skipped: number }> {
  const text = await fs.readFile(file, 'utf8');
  const ratings = new Map<string, RatedAnswer>();
  const byId = new Map<string, RatedAnswer>();
  const comments: CommentRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed;
    try {
      parsed = record.safeParse(JSON.parse(line));
    } catch {
      skipped++;
      continue;
    }
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const r = parsed.data;
    if (r.type === 'comment') comments.push(r);
    else {
      const rated: RatedAnswer = { ...r, comments: [] };
      const key = `${r.answerKey}/${r.user}`;
      ratings.delete(key); // the last click counts, in the order of the last click
      ratings.set(key, rated);
      byId.set(r.id, rated);
    }
  }
  for (const c of comments) byId.get(c.ref)?.comments.push(c.comment);
  return { ratings: [...ratings.values()], skipped };
}
