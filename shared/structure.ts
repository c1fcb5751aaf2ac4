// Structured parts of API responses that clients would otherwise parse out of strings: where the query matched
// in a text (instead of `<mark>` HTML) and what a clause path is made of (instead of re-reading its numerals).
// zod schemas (the contract's source) with their types; a leaf: imports nothing of ours.
import { z } from 'zod';

const offset = z.number().int().min(0);

/** A run of a text the query matched: UTF-16 code units from `start` (as JavaScript's `slice` counts them). */
export const MatchRange = z.object({ start: offset, length: z.number().int().min(1) }).strict();
export type MatchRange = z.infer<typeof MatchRange>;

/**
 * The part of a text its `highlight` shows (the whole text unless it was cropped around its best matches), in
 * the same units; the highlight marks the matches that lie wholly inside it and adds `…` where text was cut.
 */
export const TextExcerpt = z.object({ start: offset, length: offset }).strict();
export type TextExcerpt = z.infer<typeof TextExcerpt>;

/** Numbering marker kinds in the order they nest: a marker closes every open clause of the same or a lower rank. */
export const MARKER_KINDS = [
  'book', // 第一编
  'subbook', // 第一分编
  'chapter', // 第一章
  'section', // 第一节
  'article', // 第一条, 第一百二十条之一
  'part', // 一、
  'item', // （一）
  'subitem', // 1． 1. 1、
  'point', // 一是
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** What a segment of a clause path is: a numbering marker (book … point), an unnumbered part, or a law's heading. */
export const PATH_SEGMENT_KINDS = [
  ...MARKER_KINDS,
  'note', // 编者按
  'notice', // 通知
  'title', // 标题
  'preamble', // 序言, 序言 2
  'closing', // 结语
  'attachment', // 附件, 附件1
  'heading', // a law's unnumbered heading, named as written
  'other', // a path that could not be read into segments, whole
] as const;
export type PathSegmentKind = (typeof PATH_SEGMENT_KINDS)[number];

/**
 * One level of a clause path: `二、（十）` / `Part II, Item 10` is a part (2) and an item (10). Joined, the
 * segments' `zh` give the path's Chinese and their `en` (with ", ") its English.
 */
export const PathSegment = z
  .object({
    kind: z.enum(PATH_SEGMENT_KINDS),
    /** The number as an integer (二 → 2, II → 2), null for what is not numbered. */
    number: z.number().int().min(1).nullable(),
    /** An inserted article's `之一` (第一百二十条之一 → 1), else null. */
    sub: z.number().int().min(1).nullable(),
    /** As the path writes it: `二、`, `（十）`, `第十条`, `序言 2`. */
    zh: z.string().min(1),
    /** As an English citation writes it: `Part II`, `Item 10`, `Article 10`, `Preamble ¶2`. */
    en: z.string().min(1),
    /** As a Chinese citation writes it: `第二部分`, `第（十）项`, `第4目`, `第一点`, `第十条`. */
    citeZh: z.string().min(1),
  })
  .strict();
export type PathSegment = z.infer<typeof PathSegment>;
