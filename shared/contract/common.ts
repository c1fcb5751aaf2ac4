// Shapes several API objects share: bilingual text, the corpus enums, translations.
import { z } from 'zod';
import { CATEGORIES, CLAUSE_KINDS, DOC_STATUSES, LEVELS, PROVENANCES, STATUSES, Bilingual as BilingualShape } from '../types.ts';
import { MatchRange as MatchRangeShape, PathSegment as PathSegmentShape, TextExcerpt as TextExcerptShape } from '../structure.ts';
import { component } from './registry.ts';

const d = (description: string) => ({ description });

export const Bilingual = component('Bilingual', BilingualShape, 'The same text in Chinese and English.');
export const Level = component('Level', z.enum(LEVELS), 'Administrative level of the issuing authority.');
export const Status = component('Status', z.enum(STATUSES), '`draft` for texts published for comment (征求意见稿).');
export const DocStatus = component(
  'DocStatus',
  z.enum(DOC_STATUSES),
  "A document's status today (China time), derived at request time from its validity period and supersession: `draft` (published for comment, 征求意见稿), `pending` (its period has not begun), `in_force`, `expired` (its stated period has ended, e.g. a 2022–2024 plan in 2025), `superseded` (replaced by another document).",
);
export const ClauseKind = component(
  'ClauseKind',
  z.enum(CLAUSE_KINDS),
  'What a clause is: `note` (editorial text around the policy, e.g. a news lead), `title`, `notice` (transmittal notice, signature and date), `preamble`, `part` (一、), `item` (（一）), `subitem` (1．), `point` (一是), `chapter` (第一章), `section` (第一节), `article` (第一条), `closing`, `attachment` (附件).',
);
export const Category = component('Category', z.enum(CATEGORIES), 'Glossary category.');
export const Provenance = z.enum(PROVENANCES);

export const MatchRange = component(
  'MatchRange',
  MatchRangeShape,
  'A run of a text the query matched: UTF-16 code units from `start` (as JavaScript `slice` counts them).',
);
export const TextExcerpt = component(
  'TextExcerpt',
  TextExcerptShape,
  'The part of a text its `highlight` shows (the whole text unless it was cropped around its best matches), in the same units; the highlight marks the matches wholly inside it and adds `…` where text was cut.',
);
export const PathSegment = component(
  'PathSegment',
  PathSegmentShape,
  'One level of a clause path: `二、（十）` / `Part II, Item 10` is a part (2) and an item (10). Joined, the segments\' `zh` give the path\'s Chinese and their `en` (with ", ") its English.',
);
export const pathSegments = () => z.array(PathSegment).meta(d('`path` read into its levels: what citations are built from.'));

export const ClauseTranslationView = component(
  'ClauseTranslation',
  z.object({
    heading: z.string().nullable().meta(d("English of the clause's heading.")),
    text: z.string().meta(d('English of the whole clause (plain text).')),
    highlight: z
      .string()
      .meta(
        d(
          '`text` as HTML: escaped, with the English words the query matched (by stem, and the renderings of the glossary concepts it searched) in `<mark>`; cropped around the matches in search hits.',
        ),
      ),
    matches: z.array(MatchRange).meta(d("Every run of `text` the query's English words matched; [] when nothing was searched.")),
    excerpt: TextExcerpt,
    provenance: Provenance,
  }),
  "A clause's English: ours (`curated`, unofficial — the Chinese text prevails) or an imported official translation (`official`). `null` where the clause has no translation.",
);
export type ClauseTranslationView = z.infer<typeof ClauseTranslationView>;

export const DocumentTranslationView = component(
  'DocumentTranslation',
  z.object({
    title: z.string(),
    summary: z.string(),
    provenance: Provenance,
    source: z.string().nullable().meta(d('Where an official translation was published.')),
  }),
  "The document's English title and one-paragraph summary, and where its English comes from.",
);
export type DocumentTranslationView = z.infer<typeof DocumentTranslationView>;

// Issue dates at the precision the text establishes.
export const IssueDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
  .nullable()
  .meta(d('Issue date at the precision the text establishes: `2023`, `2023-06` or `2023-06-21`.'));

export const count = () => z.number().int().min(0);
