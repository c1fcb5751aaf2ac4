import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateBinary } from '../../engine/binary.ts';
import { EngineUnavailableError } from '../../engine/errors.ts';
import { engineMissing } from './helpers.ts';
import { tempDataDirs } from '../helpers/process.ts';

const dataDir = tempDataDirs();

describe('locateBinary', () => {
  it.skipIf(engineMissing !== undefined)('finds the packaged binary, executable', () => {
    expect(fs.statSync(locateBinary()).mode & 0o111).not.toBe(0);
  });

  it('restores the execute bit npm strips, and explains how to use another engine when the binary is absent', () => {
    const binary = path.join(dataDir(), 'meilisearch');
    fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o644 });
    expect(locateBinary({ binaryPath: binary })).toBe(binary);
    expect(fs.statSync(binary).mode & 0o777).toBe(0o755);
    const missing = () => locateBinary({ binaryPath: `${binary}-absent` });
    expect(missing).toThrow(EngineUnavailableError);
    expect(missing).toThrow(new RegExp(`no Meilisearch binary for ${process.platform}-${process.arch}; set MEILI_URL .*docker compose up`));
  });
});
