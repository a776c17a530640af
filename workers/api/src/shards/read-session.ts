/**
 * D1 read replication through the Sessions API. A read request (GET, HEAD) starts its session anywhere
 * (`first-unconstrained`: the nearest replica) unless the client sends the bookmark of an earlier
 * answer, which makes every read see at least what that answer had written; any other request starts
 * on the primary. Each answer carries the session's latest bookmark in `x-d1-bookmark`. Without
 * replicas (locally, or with replication off) every session is the primary and answers are the same.
 *
 * The header is `<shard>:<bookmark>`: a bookmark is a position in one database, so one from the shard a
 * tenant has since moved away from is not handed to its new shard; that request starts on the primary.
 */
import { ApiError } from '../http/error-codes';

export const BOOKMARK_HEADER = 'x-d1-bookmark';

/** D1 bookmarks are four hex groups, e.g. `0000004a-00000003-00004f1e-0c3e…` (32 hex digits last). */
const BOOKMARK = /^([A-Za-z][A-Za-z0-9_]{0,63}):([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32})$/;

const READS = new Set(['GET', 'HEAD']);

export function isRead(method: string): boolean {
  return READS.has(method);
}

/** Where the request's session starts; a malformed bookmark is the client's bug and is refused (422). */
export function sessionStart(method: string, header: string | undefined, shard: string): string {
  let bookmark: string | null = null;
  if (header !== undefined) {
    const match = header.length <= 200 ? BOOKMARK.exec(header) : null;
    if (!match)
      throw new ApiError(
        'REQUEST.INVALID',
        `Send back the ${BOOKMARK_HEADER} value of an earlier answer, as is.`,
        {
          errors: [{ in: 'header', path: BOOKMARK_HEADER, message: 'not a bookmark this API gave out' }],
        },
      );
    if (match[1] === shard) bookmark = match[2] as string;
    // Another shard's bookmark: the tenant moved since; only the primary is sure to hold its writes.
    else return 'first-primary';
  }
  if (!isRead(method)) return 'first-primary';
  return bookmark ?? 'first-unconstrained';
}

export function bookmarkHeaderValue(shard: string, session: D1DatabaseSession): string | null {
  const bookmark = session.getBookmark();
  return bookmark ? `${shard}:${bookmark}` : null;
}

const notInSession = (what: string) => () => {
  throw new Error(`${what} is not available on a request's D1 session; use a statement or a batch`);
};

/**
 * The session where the code expects the database: every repository uses only `prepare` and `batch`,
 * which the session has; the rest of the binding's surface is refused rather than bypassing the session.
 */
export function sessionAsDatabase(session: D1DatabaseSession): D1Database {
  return {
    prepare: (query: string) => session.prepare(query),
    batch: <T>(statements: D1PreparedStatement[]) => session.batch<T>(statements),
    exec: notInSession('exec'),
    withSession: notInSession('withSession'),
    dump: notInSession('dump'),
  };
}
