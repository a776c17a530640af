import type { Clock } from '@doorstep/core';
import { type EventFieldError, MAX_EVENTS_PER_REQUEST, parseBatchLine } from '@doorstep/intake';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client';
import { intakeBatchChunks, intakeBatches } from '../db/schema';
import type { JobMessage } from '../jobs/messages';

/** A chunk is applied as one reduction and one D1 batch, like one full webhook request. */
const LINES_PER_CHUNK = MAX_EVENTS_PER_REQUEST;
/** Keeps a chunk row far below D1's 2 MB value limit whatever the lines look like. */
const BYTES_PER_CHUNK = 512 * 1024;
/** Per-line errors kept on the batch; the counts stay exact beyond it. */
export const MAX_STORED_LINE_ERRORS = 1000;
/** A queue `sendBatch` takes at most 100 messages. */
const MESSAGES_PER_SEND = 100;

export interface LineError {
  line: number;
  errors: EventFieldError[];
}

export interface SplitFile {
  totalLines: number;
  /** `[lineNumber, rawLine]` of valid lines, grouped into chunks. */
  chunks: [number, string][][];
  accepted: number;
  rejected: number;
  errors: LineError[];
}

/**
 * Validates every line of an NDJSON file (its instants bounded by `clock`) and groups the valid ones
 * into chunks. Blank lines are skipped but keep their number, so an error's line number is the one the
 * bank's editor shows.
 */
export function splitFile(text: string, clock: Clock): SplitFile {
  const result: SplitFile = { totalLines: 0, chunks: [], accepted: 0, rejected: 0, errors: [] };
  let chunk: [number, string][] = [];
  let chunkBytes = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    result.totalLines++;
    const parsed = parseBatchLine(line, clock);
    if (!parsed.ok) {
      result.rejected++;
      if (result.errors.length < MAX_STORED_LINE_ERRORS)
        result.errors.push({ line: i + 1, errors: parsed.errors });
      continue;
    }
    if (chunk.length === LINES_PER_CHUNK || chunkBytes + line.length > BYTES_PER_CHUNK) {
      result.chunks.push(chunk);
      chunk = [];
      chunkBytes = 0;
    }
    chunk.push([i + 1, line]);
    chunkBytes += line.length;
    result.accepted++;
  }
  if (chunk.length > 0) result.chunks.push(chunk);
  return result;
}

export type BatchRow = typeof intakeBatches.$inferSelect;

/** The batch as first stored: a file without a valid line is complete at once. */
export function batchRow(tenantId: string, id: string, file: SplitFile, now: number): BatchRow {
  const done = file.accepted === 0;
  return {
    id,
    tenantId,
    status: done ? 'completed' : 'queued',
    totalLines: file.totalLines,
    accepted: file.accepted,
    applied: 0,
    rejected: file.rejected,
    errors: file.errors,
    createdAt: now,
    completedAt: done ? now : null,
    progressedAt: null,
    nudgedAt: null,
  };
}

/** The batch row and one row per chunk, for the same D1 batch as the inbox row. */
export function batchInserts(
  d1: D1Database,
  row: BatchRow,
  chunks: SplitFile['chunks'],
): D1PreparedStatement[] {
  return [
    d1
      .prepare(
        `INSERT INTO intake_batches (id, tenant_id, status, total_lines, accepted, applied, rejected, errors, created_at, completed_at)
         VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
      )
      .bind(
        row.id,
        row.tenantId,
        row.status,
        row.totalLines,
        row.accepted,
        row.rejected,
        JSON.stringify(row.errors),
        row.createdAt,
        row.completedAt,
      ),
    ...chunks.map((lines, chunk) =>
      d1
        .prepare('INSERT INTO intake_batch_chunks (tenant_id, batch_id, chunk, lines) VALUES (?, ?, ?, ?)')
        .bind(row.tenantId, row.id, chunk, JSON.stringify(lines)),
    ),
  ];
}

/** Queues one message per chunk not applied yet; a redelivered POST calls it again, so no chunk is stranded. */
export async function enqueuePendingChunks(db: Database, queue: Queue, tenantId: string, batchId: string) {
  const pending = await db
    .select({ chunk: intakeBatchChunks.chunk })
    .from(intakeBatchChunks)
    .where(
      and(
        eq(intakeBatchChunks.tenantId, tenantId),
        eq(intakeBatchChunks.batchId, batchId),
        isNull(intakeBatchChunks.appliedAt),
      ),
    );
  for (let i = 0; i < pending.length; i += MESSAGES_PER_SEND)
    await queue.sendBatch(
      pending.slice(i, i + MESSAGES_PER_SEND).map(({ chunk }) => ({
        body: { type: 'intake.batch-chunk', v: 1, tenantId, batchId, chunk } satisfies JobMessage,
        contentType: 'json' as const,
      })),
    );
}

export function findBatch(db: Database, tenantId: string, batchId: string) {
  return db
    .select()
    .from(intakeBatches)
    .where(and(eq(intakeBatches.tenantId, tenantId), eq(intakeBatches.id, batchId)))
    .get();
}

export function batchBody(row: BatchRow) {
  const errors = row.errors as LineError[];
  return {
    id: row.id,
    status: row.status,
    totalLines: row.totalLines,
    accepted: row.accepted,
    applied: row.applied,
    rejected: row.rejected,
    errors,
    errorsTruncated: errors.length < row.rejected,
    createdAt: new Date(row.createdAt).toISOString(),
    completedAt: row.completedAt === null ? null : new Date(row.completedAt).toISOString(),
  };
}
