import { listAudit } from '$lib/api/admin';
import { describeError, isAbortError } from '$lib/api/client';
import type { AuditEntry, AuditOutcome, AuditQuery, KnownAuditAction } from '$lib/api/types';
import type { LocalizedText } from '$lib/i18n/translate';

const pageSize = 50;

/** What the filter form holds; empty strings mean "any". Dates are the form's own YYYY-MM-DD in local time. */
export interface AuditFilters {
  action: KnownAuditAction | '';
  username: string;
  outcome: AuditOutcome | '';
  fromDate: string;
  toDate: string;
}

export const noAuditFilters: AuditFilters = { action: '', username: '', outcome: '', fromDate: '', toDate: '' };

/** Local midnight at the start of the day, or the last millisecond of it, as an ISO timestamp. */
function dayBoundary(date: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const moment = end ? new Date(year, month - 1, day, 23, 59, 59, 999) : new Date(year, month - 1, day);
  return moment.toISOString();
}

/** The filters as API parameters; a whole "to" day is included, in the reader's time zone. */
export function auditQueryFor(filters: AuditFilters): AuditQuery {
  return {
    action: filters.action || undefined,
    username: filters.username.trim() || undefined,
    outcome: filters.outcome || undefined,
    from: dayBoundary(filters.fromDate, false),
    to: dayBoundary(filters.toDate, true),
    limit: pageSize,
  };
}

/** The audit trail, newest first, one page of 50 at a time. Only the newest search's answers are kept. */
export class AuditTrail {
  entries: AuditEntry[] = $state.raw([]);
  nextBefore: number | null = $state(null);
  status: 'loading' | 'loadingMore' | 'ready' | 'failed' = $state('loading');
  error: LocalizedText | null = $state(null);

  #query: AuditQuery = auditQueryFor(noAuditFilters);
  #controller: AbortController | null = null;

  /** Starts over with these filters. */
  search(filters: AuditFilters): Promise<void> {
    this.#query = auditQueryFor(filters);
    this.entries = [];
    this.nextBefore = null;
    return this.#fetch('loading');
  }

  loadMore(): Promise<void> {
    if (this.nextBefore === null || this.status === 'loading' || this.status === 'loadingMore') {
      return Promise.resolve();
    }
    return this.#fetch('loadingMore');
  }

  /** Stops whatever is in flight, e.g. when the page closes. */
  cancel(): void {
    this.#controller?.abort();
    this.#controller = null;
  }

  async #fetch(status: 'loading' | 'loadingMore'): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = status;
    this.error = null;
    const query = status === 'loadingMore' ? { ...this.#query, before: this.nextBefore ?? undefined } : this.#query;
    try {
      const page = await listAudit(query, controller.signal);
      if (controller.signal.aborted) return;
      this.entries = status === 'loadingMore' ? [...this.entries, ...page.entries] : page.entries;
      this.nextBefore = page.nextBefore;
      this.status = 'ready';
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this.error = describeError(error);
      this.status = 'failed';
    }
  }
}
