// Data flows one way: corpus → indexer → index → server → page. Each folder may import only the folders below
// it; `npm run lint` fails on any import against that direction and on any import cycle.
/** folder → the folders of ours it may import (besides itself). */
const layers = {
  shared: [], // leaf: shapes, labels, limits, logger, safe file reading
  engine: ['shared'], // the Meilisearch connection and the embedded engine process
  glossary: ['shared'], // glossary data and lookup
  indexer: ['shared', 'engine', 'glossary'],
  // The translators' pure modules (sentence alignment, bilingual concordance, exports) serve the API too.
  server: ['shared', 'engine', 'glossary', 'indexer', 'translator'],
  web: ['shared'], // the page talks to the server over HTTP only
  translator: ['shared', 'glossary', 'indexer'], // translators' tools: command line and the pure modules the API uses
  mcp: ['shared', 'engine', 'glossary', 'indexer', 'translator', 'server'],
  eval: ['shared', 'engine', 'glossary', 'indexer', 'translator', 'server'],
  bench: ['shared', 'engine', 'glossary', 'indexer', 'server', 'eval', 'translator'],
};
const all = [...Object.keys(layers), 'tests'];

module.exports = {
  forbidden: [
    ...Object.entries(layers).map(([from, allowed]) => ({
      name: `${from}-direction`,
      comment: `${from}/ may import only ${allowed.length ? allowed.join(', ') : 'packages'} (data flows one way)`,
      severity: 'error',
      from: { path: `^${from}/` },
      to: { path: `^(${all.filter((f) => f !== from && !allowed.includes(f)).join('|')})/` },
    })),
    {
      name: 'no-circular',
      comment: 'modules import each other in a loop (a loop of type-only imports is erased at compile time)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages such as meilisearch and p-queue publish ESM `exports` only.
    enhancedResolveOptions: { conditionNames: ['import', 'node', 'default'], exportsFields: ['exports'] },
    exclude: { path: '^(node_modules|dist|corpus)/' },
  },
};
