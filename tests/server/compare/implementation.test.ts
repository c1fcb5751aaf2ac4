// The implementation table (national items × a local document) on the real corpus, judged against the gold set's
// "not taken up" entries of eval/related.yaml.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { implementation } from '../../../server/compare/implementation.ts';
import { relatedCorpus, type RelatedCorpus } from '../../helpers/related-corpus.ts';

const NotTakenUp = z.object({ national: z.string(), notTakenUpBy: z.array(z.string()) });
const LOCALS = [
  'jiangxi-2023-fdi-manufacturing',
  'jilin-2023-fdi-environment-draft',
  'changshou-2022-fdi-action-plan-draft',
  'fangchenggang-2021-fdi-work-plan',
];

let corpus: RelatedCorpus;
let judgements: Array<z.infer<typeof NotTakenUp>>;

beforeAll(async () => {
  corpus = await relatedCorpus();
  const raw = parse(await readFile('eval/related.yaml', 'utf8')) as unknown[];
  judgements = raw.filter((g) => typeof g === 'object' && g !== null && 'national' in g).map((g) => NotTakenUp.parse(g));
}, 60_000);

describe('implementation', () => {
  it('says which national items each local document takes up, as the gold set judges (accuracy ≥ 0.9)', () => {
    expect(judgements.length).toBe(15);
    let right = 0;
    let total = 0;
    for (const local of LOCALS) {
      const reference = judgements.map((j) => corpus.idByCite.get(j.national)!);
      const table = implementation(reference, corpus.clausesOf.get(local)!, (id) => corpus.related.get(id) ?? []);
      for (const j of judgements) {
        const row = table.rows.find((r) => r.clauseId === corpus.idByCite.get(j.national))!;
        for (const l of row.implementedBy) expect(corpus.docOf.get(l.id)).toBe(local);
        right += Number((row.implementedBy.length === 0) === j.notTakenUpBy.includes(local));
        total++;
      }
    }
    expect(total).toBe(60);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });

  it('lists the local clauses that take up nothing of the reference, and never a clause that implements one', () => {
    const national = corpus.clausesOf.get('national-2022-fdi-manufacturing')!;
    const jiangxi = corpus.clausesOf.get('jiangxi-2023-fdi-manufacturing')!;
    const table = implementation(national, jiangxi, (id) => corpus.related.get(id) ?? []);
    const implementing = new Set(table.rows.flatMap((r) => r.implementedBy.map((l) => l.id)));
    expect(table.newClauses.length).toBeGreaterThan(0);
    for (const id of table.newClauses) expect(implementing.has(id)).toBe(false);
    // Jiangxi 二、（十二） restates national 二、（十） (reinvested profits): taken up, so not new.
    expect(table.rows.find((r) => r.clauseId === 'national-2022-fdi-manufacturing--p2-i10')!.implementedBy[0]!.id).toBe(
      'jiangxi-2023-fdi-manufacturing--p2-i12',
    );
    expect(table.newClauses).not.toContain('jiangxi-2023-fdi-manufacturing--p2-i12');
  });
});
