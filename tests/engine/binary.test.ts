import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateBinary } from '../../engine/binary.ts';
import { EngineUnavailableError } from '../../engine/errors.ts';
import { engineMissing, tempDataDirs } from './helpers.ts';

const dataDir = tempDataDirs();

describe('locateBinary', () => {
  it.skipIf(engineMissing !== undefined)('finds the packaged binary, executable', () => {
    const binary = locateBinary();
    expect(path.basename(binary)).toBe('meilisearch');
    expect(fs.statSync(binary).mode & 0o111).not.toBe(0);
  });

  it('explains how to use another engine when the binary is absent', () => {
    const missing = path.join(dataDir(), 'no-such-meilisearch');
    expect(() => locateBinary({ binaryPath: missing })).toThrow(EngineUnavailableError);
    expect(() => locateBinary({ binaryPath: missing })).toThrow(
      new RegExp(`no Meilisearch binary for ${process.platform}-${process.arch}; set MEILI_URL .*docker compose up`),
    );
  });

  it('restores the execute bit npm strips', () => {
    const dir = dataDir();
    const binary = path.join(dir, 'meilisearch');
    fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o644 });
    expect(locateBinary({ binaryPath: binary })).toBe(binary);
    expect(fs.statSync(binary).mode & 0o777).toBe(0o755);
  });
});
