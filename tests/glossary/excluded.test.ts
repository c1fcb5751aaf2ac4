import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExcluded } from '../../glossary/excluded.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'excluded-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadExcluded', () => {
  it('reads the reviewed exclusions, each with a reason', async () => {
    const list = await loadExcluded('glossary/excluded.yaml');
    expect(list.length).toBeGreaterThan(0);
    for (const x of list) expect(x.reason.length).toBeGreaterThan(0);
  });

  it('treats a missing file as an empty list and rejects a malformed one naming the file', async () => {
    expect(await loadExcluded(path.join(dir, 'none.yaml'))).toEqual([]);
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, '- term: 开展\n');
    await expect(loadExcluded(bad)).rejects.toThrow(/bad\.yaml.*reason/s);
  });
});
