// Validity over time: a document's status on a given day (draft / not yet in force / in force / expired /
// superseded), derived from its meta.yaml. Periods are stored in the index as day numbers (YYYYMMDD) and the
// status is derived at query time from them and today's date, so no stored status can go stale.
import type { DocStatus, Status } from '../shared/types.ts';

/** What the status is derived from: the editorial status, the period (day numbers, inclusive) and supersession. */
export interface ValidityFacts {
  status: Status;
  validFrom: number | null;
  validUntil: number | null;
  superseded: boolean;
}

function parts(date: string): [number, number | undefined, number | undefined] {
  const [y, m, d] = date.split('-').map(Number);
  return [y!, m, d];
}

/** First day of a YYYY / YYYY-MM / YYYY-MM-DD period, as YYYYMMDD: `2022` → 20220101. */
export function periodStart(date: string): number {
  const [y, m, d] = parts(date);
  return y * 10000 + (m ?? 1) * 100 + (d ?? 1);
}

/** Last day of such a period: `2024` → 20241231, `2024-02` → 20240229. */
export function periodEnd(date: string): number {
  const [y, m, d] = parts(date);
  if (d !== undefined) return y * 10000 + m! * 100 + d;
  const month = m ?? 12;
  const last = new Date(0);
  last.setUTCFullYear(y, month, 0);
  return y * 10000 + month * 100 + last.getUTCDate();
}

/** The day of `now` in China (UTC+8, no DST), where the documents take effect, as YYYYMMDD. */
export function dayNumber(now: Date): number {
  const china = new Date(now.getTime() + 8 * 3600_000);
  return china.getUTCFullYear() * 10000 + (china.getUTCMonth() + 1) * 100 + china.getUTCDate();
}

/** The status on `today` (YYYYMMDD). A draft stays a draft; supersession outranks the period. */
export function documentStatus(facts: ValidityFacts, today: number): DocStatus {
  if (facts.status === 'draft') return 'draft';
  if (facts.superseded) return 'superseded';
  if (facts.validFrom !== null && today < facts.validFrom) return 'pending';
  if (facts.validUntil !== null && today > facts.validUntil) return 'expired';
  return 'in_force';
}

/** The facts from meta.yaml's fields. */
export function validityFacts(meta: { status: Status; validFrom?: string; validUntil?: string; supersededBy?: string }): ValidityFacts {
  return {
    status: meta.status,
    validFrom: meta.validFrom ? periodStart(meta.validFrom) : null,
    validUntil: meta.validUntil ? periodEnd(meta.validUntil) : null,
    superseded: meta.supersededBy !== undefined,
  };
}

/**
 * One string per combination of facts, stored on every clause and counted as a facet: the server turns each
 * key's count into a status count for today (validityOfKey). Drafts and superseded documents need no dates.
 */
export function validityKey(facts: ValidityFacts): string {
  if (facts.status === 'draft') return 'draft';
  if (facts.superseded) return 'superseded';
  return `final:${facts.validFrom ?? ''}:${facts.validUntil ?? ''}`;
}

export function validityOfKey(key: string): ValidityFacts | null {
  if (key === 'draft') return { status: 'draft', validFrom: null, validUntil: null, superseded: false };
  if (key === 'superseded') return { status: 'final', validFrom: null, validUntil: null, superseded: true };
  const m = /^final:(\d{8})?:(\d{8})?$/.exec(key);
  if (!m) return null;
  return { status: 'final', validFrom: m[1] ? Number(m[1]) : null, validUntil: m[2] ? Number(m[2]) : null, superseded: false };
}

/**
 * An engine filter (over the clause fields `status`, `superseded`, `validFrom`, `validUntil`) matching the clauses
 * whose document has `status` on `today`: the filter is expressed with dates, so it is right on any day.
 */
export function statusFilter(status: DocStatus, today: number): string {
  const current = 'status = "final" AND superseded = false';
  switch (status) {
    case 'draft':
      return 'status = "draft"';
    case 'superseded':
      return 'status = "final" AND superseded = true';
    case 'pending':
      return `${current} AND validFrom > ${today}`;
    case 'expired':
      return `${current} AND (validFrom IS NULL OR validFrom <= ${today}) AND validUntil < ${today}`;
    case 'in_force':
      return `${current} AND (validFrom IS NULL OR validFrom <= ${today}) AND (validUntil IS NULL OR validUntil >= ${today})`;
  }
}
