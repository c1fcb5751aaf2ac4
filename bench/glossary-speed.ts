// `npm run bench:glossary`: how fast (on the real glossary) the glossary's hot paths are on this machine, figures the tests do not bound
// (tests/glossary/align.test.ts counts the aligner's steps instead; tests/glossary/lookup.test.ts checks answers).
import { createAligner } from '../glossary/align.ts';
import { loadGlossary } from '../glossary/load.ts';
import { createLookup } from '../glossary/lookup.ts';

const { glossary } = await loadGlossary('glossary/data');

const aligner = createAligner(glossary);
const text = '支持外商投资企业在华设立研发中心，落实利润再投资政策。'.repeat(20_000);
aligner.align(text);
let t0 = performance.now();
const matches = aligner.align(text).length;
const alignMs = performance.now() - t0;
console.log(`align: ${text.length} chars, ${matches} matches in ${alignMs.toFixed(1)} ms (${((alignMs / text.length) * 1e6).toFixed(0)} ms per 1M chars)`);

const lookup = createLookup(glossary);
const queries = ['withholding tax on reinvested profits', 'negative list', '负面清单', 'fumian qingdan', 'negtive lsit'];
for (const q of queries) lookup.lookup(q);
const ROUNDS = 200;
t0 = performance.now();
for (let i = 0; i < ROUNDS; i++) for (const q of queries) lookup.lookup(q);
const perQueryUs = ((performance.now() - t0) * 1000) / (ROUNDS * queries.length);
console.log(`lookup: ${perQueryUs.toFixed(0)} µs per query (${ROUNDS * queries.length} queries)`);
