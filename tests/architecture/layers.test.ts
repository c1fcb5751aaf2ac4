// The folder direction of .dependency-cruiser.cjs, checked by the same rules `npm run lint:deps` applies in CI:
// the repository has no violation, and a backwards import or a loop in a scratch tree is caught.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseOptions, type IFlattenedRuleSet, type IViolation } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as { forbidden: IFlattenedRuleSet['forbidden']; options: ICruiseOptions };

async function violations(folders: string[], baseDir: string): Promise<IViolation[]> {
  const result = await cruise(folders, {
    ...config.options,
    ruleSet: { forbidden: config.forbidden },
    baseDir,
    validate: true,
  });
  if (typeof result.output === 'string') throw new Error('expected a cruise result object');
  return result.output.summary.violations;
}

describe('folder direction', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-layers-'));
    const files: Record<string, string> = {
      'shared/limits.ts': "import { serve } from '../server/app.ts';\nexport const n = serve;\n",
      'server/app.ts': 'export const serve = 1;\n',
      'web/page.ts': "import { serve } from '../server/app.ts';\nexport const p = serve;\n",
      'indexer/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'indexer/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'server/ok.ts': "import { n } from '../shared/limits.ts';\nexport const ok = n;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.join(dir, path.dirname(file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds no violation in the repository', async () => {
    const found = await violations(['shared', 'engine', 'glossary', 'indexer', 'server', 'web', 'translator', 'eval', 'bench'], process.cwd());
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it('catches imports against the direction and loops, and allows imports down the flow', async () => {
    const found = await violations(['shared', 'server', 'web', 'indexer'], dir);
    const names = found.map((v) => `${v.rule.name} ${v.from}`);
    expect(names).toContain('shared-direction shared/limits.ts');
    expect(names).toContain('web-direction web/page.ts');
    expect(names.some((n) => n.startsWith('no-circular indexer/'))).toBe(true);
    expect(found.some((v) => v.from === 'server/ok.ts')).toBe(false);
  }, 60_000);
});
