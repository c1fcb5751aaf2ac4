// Child of the gloss benchmark: what loading the whole CC-CEDICT (indexer/dictionary.ts loadCedict) costs a fresh
// process — the server pays it at every start, in runIndex's staleness check. Prints one JSON line.
import { loadCedict } from '../indexer/dictionary.ts';

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage();
const started = performance.now();
const dictionary = loadCedict();
const ms = performance.now() - started;
// Garbage of the parse (the 10 MB file text, split lines) collected: what stays is what a server keeps.
gc?.();
const after = process.memoryUsage();
console.log(JSON.stringify({ ms, entries: dictionary.size, rssMb: (after.rss - before.rss) / MB, heapMb: (after.heapUsed - before.heapUsed) / MB }));
