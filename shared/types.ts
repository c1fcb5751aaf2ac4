// Shapes every part of the project shares: the corpus, the indexer, the server and the page.
// Nothing here imports anything of ours, so any folder may import it.
import { z } from 'zod';

export const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();
export type Bilingual = z.infer<typeof Bilingual>;

export const LEVELS = ['national', 'provincial', 'municipal', 'district'] as const;
export type Level = (typeof LEVELS)[number];

/** Editorial status in `meta.yaml`: `draft` for texts published for comment (征求意见稿). */
export const STATUSES = ['final', 'draft'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * A document's status on a given day, derived from its editorial status, validity period and supersession
 * (indexer/validity.ts): never stored, so it cannot go stale.
 */
export const DOC_STATUSES = ['in_force', 'pending', 'expired', 'superseded', 'draft'] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];

export const CLAUSE_KINDS = [
  'note', // editorial text around the policy (e.g. a news site's lead paragraph)
  'title',
  'notice', // transmittal notice, signature block and its date
  'preamble',
  'part', // 一、
  'item', // （一）
  'subitem', // 1． / 1.
  'point', // 一是 / 二是
  'chapter', // 第一章 (laws)
  'section', // 第一节 (laws)
  'article', // 第一条 (laws)
  'closing',
  'attachment', // 附件：...
] as const;
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

export interface ClausePath {
  /** As a Chinese reader cites it: `二、（十）`, `三、（二）4．`, `第二章第十条`. */
  zh: string;
  /** As an English reader cites it: `Part II, Item 10`. */
  en: string;
}

export interface Problem {
  file: string;
  line?: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Where a translation comes from: ours (unofficial), an official English version, or dictionary glosses only. */
export const PROVENANCES = ['curated', 'official'] as const;
export type Provenance = (typeof PROVENANCES)[number] | 'dictionary';

export const CATEGORIES = [
  'market-access',
  'investment-promotion',
  'tax',
  'finance',
  'land-and-factors',
  'talent-and-immigration',
  'trade-and-customs',
  'ip',
  'innovation',
  'industries',
  'green-development',
  'institutions',
  'programmes',
  'regions-and-platforms',
  'governance',
] as const;
export type Category = (typeof CATEGORIES)[number];
