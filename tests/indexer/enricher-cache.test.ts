// loadEnricher's cache is keyed by the glossary's content: the same glossary anywhere is one enricher, an edited
// one is a new enricher (and the one activeEnricher reports), whose hash is the folder's content hash.
import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeEnricher, glossaryHash, loadEnricher, readGlossary } from '../../indexer/pipeline.ts';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'enricher-cache-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function copy(name: string): Promise<string> {
  const dir = path.join(work, name);
  await cp('tests/fixtures/glossary-sample', dir, { recursive: true });
  return dir;
}

describe('the enricher cache', () => {
  it('hashes exactly what it parsed', async () => {
    const dir = await copy('read');
    const { glossary, hash } = await readGlossary(dir);
    expect(hash).toBe(await glossaryHash(dir));
    expect(glossary.byId.has('withholding-income-tax')).toBe(true);
  });

  it('shares one enricher between copies of a glossary, builds a new one for an edited glossary', async () => {
    const a = await copy('a');
    const b = await copy('b');
    const first = (await loadEnricher(a)).enricher;
    expect(activeEnricher()).toEqual({ enricher: first, glossaryDir: a });
    const same = (await loadEnricher(b)).enricher;
    expect(same).toBe(first);
    expect(activeEnricher()?.glossaryDir).toBe(b);

    const tax = path.join(b, 'tax.yaml');
    await writeFile(tax, (await readFile(tax, 'utf8')).replace('  en: withholding income tax\n', '  en: tax withheld at source\n'));
    await appendFile(tax, '\n- id: tax-refund\n  zh: 出口退税\n  en: export tax refund\n  category: tax\n');
    const edited = (await loadEnricher(b)).enricher;
    expect(edited).not.toBe(first);
    expect(edited.glossaryHash).toBe(await glossaryHash(b));
    expect(edited.glossaryHash).not.toBe(first.glossaryHash);
    expect(edited.glossary.byId.get('withholding-income-tax')?.en).toBe('tax withheld at source');
    expect(activeEnricher()).toEqual({ enricher: edited, glossaryDir: b });
    // The new form is in jieba's dictionary and found by the aligner.
    expect(edited.cut('实行出口退税政策')).toContain('出口退税');
    expect(edited.align('实行出口退税政策').map((m) => m.entryId)).toContain('tax-refund');
    // The old enricher's segmenter was built for a dictionary that is no longer loaded: it says so.
    expect(() => first.cut('出口退税')).toThrow(/stale/);
  });
});
