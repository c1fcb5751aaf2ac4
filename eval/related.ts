// Scores related-clause links (indexer/related.ts) against the gold set eval/related.yaml, built by reading the
// documents: every national item against each local document, and local documents against each other.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

export const RELATED_GOLD = new URL('./related.yaml', import.meta.url);

const Pair = z.object({ a: z.string(), b: z.string(), relation: z.enum(['same', 'related']), why: z.string() });
const NotTakenUp = z.object({ national: z.string(), notTakenUpBy: z.array(z.string()) });
const Gold = z.array(z.union([Pair, NotTakenUp]));
export type GoldPair = z.infer<typeof Pair>;

export async function loadRelatedGold(file: URL | string = RELATED_GOLD): Promise<GoldPair[]> {
  return Gold.parse(parse(await readFile(file, 'utf8'))).filter((g): g is GoldPair => 'a' in g);
}

export interface RelatedScore {
  /** "same" pairs found within the top k of the first clause, counted in each direction. */
  directed: { found: number; total: number; recall: number };
  /** The best directed recall top k allows: a clause with more than k "same" partners cannot list them all. */
  ceiling: number;
  /** "same" pairs found within the top k of either clause. */
  pairs: { found: number; total: number; recall: number };
  /** Share of the top-k links of national clauses that the gold set judges same or related. */
  precision: { judged: number; links: number; value: number };
  /** Share of links labelled "same" (national clauses' top k) that the gold set calls same. */
  samePrecision: { correct: number; labelled: number; value: number };
  missed: string[];
}

/**
 * `links`: clause id → linked clause ids with their label, best first; `idOf`: "<doc-id> <path.zh>" → clause id.
 */
export function scoreRelated(
  gold: GoldPair[],
  links: (id: string) => Array<{ id: string; relation: 'same' | 'related' }>,
  idOf: (cite: string) => string | undefined,
  k = 5,
): RelatedScore {
  const key = (a: string, b: string) => `${a}|${b}`;
  const judged = new Set<string>();
  const same = new Set<string>();
  const partners = new Map<string, number>();
  let found = 0;
  let total = 0;
  let pairFound = 0;
  const missed: string[] = [];
  const top = (id: string) => links(id).slice(0, k);
  for (const g of gold) {
    const a = idOf(g.a);
    const b = idOf(g.b);
    if (!a || !b) throw new Error(`gold pair names no clause: ${!a ? g.a : g.b}`);
    judged.add(key(a, b)).add(key(b, a));
    if (g.relation !== 'same') continue;
    same.add(key(a, b)).add(key(b, a));
    partners.set(a, (partners.get(a) ?? 0) + 1).set(b, (partners.get(b) ?? 0) + 1);
    const ab = top(a).some((l) => l.id === b);
    const ba = top(b).some((l) => l.id === a);
    found += Number(ab) + Number(ba);
    total += 2;
    if (ab || ba) pairFound++;
    if (!ab) missed.push(`${g.a} → ${g.b}`);
    if (!ba) missed.push(`${g.b} → ${g.a}`);
  }
  const reachable = [...partners.values()].reduce((sum, n) => sum + Math.min(n, k), 0);
  let links_ = 0;
  let good = 0;
  let labelled = 0;
  let correct = 0;
  const nationals = new Set(gold.map((g) => idOf(g.a)!).filter((id) => id.startsWith('national-')));
  for (const a of nationals) {
    for (const l of top(a)) {
      links_++;
      if (judged.has(key(a, l.id))) good++;
      if (l.relation === 'same') {
        labelled++;
        if (same.has(key(a, l.id))) correct++;
      }
    }
  }
  const ratio = (x: number, y: number) => (y === 0 ? 0 : Math.round((x / y) * 1000) / 1000);
  return {
    directed: { found, total, recall: ratio(found, total) },
    ceiling: ratio(reachable, total),
    pairs: { found: pairFound, total: total / 2, recall: ratio(pairFound, total / 2) },
    precision: { judged: good, links: links_, value: ratio(good, links_) },
    samePrecision: { correct, labelled, value: ratio(correct, labelled) },
    missed,
  };
}
