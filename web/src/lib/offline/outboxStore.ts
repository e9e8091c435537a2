// Reports filed without a connection wait in the browser's IndexedDB until the server can be reached (issue #14).
// Each keeps the Idempotency-Key it was first sent with, so a report whose answer was lost, sent again from two tabs or
// after a reload, is still filed once.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { NewIncident } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

/**
 * - waiting: not yet accepted by the server;
 * - sent: the server filed it (or had filed it already, for a retry);
 * - refused: the server will not file it as it is (outside the area, out of coverage, invalid): kept until dismissed.
 */
export type OutboxStatus = 'waiting' | 'sent' | 'refused';

export interface OutboxEntry {
  /** The report's Idempotency-Key, sent with every try. */
  key: string;
  /** The account that filed it: only that account sends it. */
  owner: number;
  body: NewIncident;
  /** When it was saved on the device (ISO 8601). */
  savedAt: string;
  status: OutboxStatus;
  tries: number;
  /** Where it landed, once sent. */
  result?: { id: number; desa: string; office: string | null; sentAt: string };
  /** Why the server refused it. */
  refusal?: LocalizedText;
}

interface OutboxSchema extends DBSchema {
  reports: { key: string; value: OutboxEntry; indexes: { owner: number } };
}

/** Sent reports are shown for a week after they went through, then forgotten by the device. */
const KEEP_SENT_MS = 7 * 24 * 3600 * 1000;

let database: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function open(): Promise<IDBPDatabase<OutboxSchema>> {
  database ??= openDB<OutboxSchema>('pantau-outbox', 1, {
    upgrade(db) {
      db.createObjectStore('reports', { keyPath: 'key' }).createIndex('owner', 'owner');
    },
  });
  return database;
}

export async function saveEntry(entry: OutboxEntry): Promise<void> {
  await (await open()).put('reports', entry);
}

export async function deleteEntry(key: string): Promise<void> {
  await (await open()).delete('reports', key);
}

/** The owner's reports, oldest first; sent ones older than a week are dropped on the way. */
export async function entriesOf(owner: number, now = Date.now()): Promise<OutboxEntry[]> {
  const db = await open();
  const entries = await db.getAllFromIndex('reports', 'owner', owner);
  const kept: OutboxEntry[] = [];
  for (const entry of entries) {
    if (entry.status === 'sent' && entry.result && now - Date.parse(entry.result.sentAt) > KEEP_SENT_MS) {
      await db.delete('reports', entry.key);
    } else kept.push(entry);
  }
  return kept.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}
