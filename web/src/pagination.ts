// Page arithmetic for result lists (pure).

import { REQUEST_BUDGET } from '../../shared/limits.ts';

/** The deepest offset the search API pages to. */
export const MAX_OFFSET: number = REQUEST_BUDGET.maxOffset;

/** Pages needed for `total` results, no more than the API lets us reach. */
export function pageCount(total: number, pageSize: number, maxOffset = MAX_OFFSET): number {
  if (total <= 0) return 0;
  return Math.min(Math.ceil(total / pageSize), Math.floor(maxOffset / pageSize) + 1);
}

/**
 * Page numbers to show as links: the first, the last, and `span` pages either side of the current one,
 * with `null` where pages are left out. pageWindow(7, 20) → [1, null, 5, 6, 7, 8, 9, null, 20].
 */
export function pageWindow(current: number, count: number, span = 2): (number | null)[] {
  const pages: (number | null)[] = [];
  for (let p = 1; p <= count; p++) {
    if (p === 1 || p === count || Math.abs(p - current) <= span) pages.push(p);
    // A gap of exactly one page shows that page instead of an ellipsis.
    else if (Math.abs(p - current) === span + 1 && (p === 2 || p === count - 1)) pages.push(p);
    else if (pages.at(-1) !== null) pages.push(null);
  }
  return pages;
}
