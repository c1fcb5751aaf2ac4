// The embedded engine's master key: generated once, kept in the data folder, readable by its owner only.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../shared/logger.ts';
import { EngineConnectError } from './errors.ts';

const MIN_KEY_BYTES = 16; // Meilisearch refuses shorter master keys in production.

export function masterKeyPath(dataDir: string): string {
  return path.join(dataDir, 'master.key');
}

/** Creates the key file atomically (two starters agree on one key), so a reader never sees it half written. */
async function createIfMissing(file: string): Promise<void> {
  const temp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(temp, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Reads `<dataDir>/master.key`, creating it (mode 0600) when absent and tightening a looser mode. */
export async function loadMasterKey(dataDir: string, logger?: Logger): Promise<string> {
  const file = masterKeyPath(dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  await createIfMissing(file);
  const { mode } = await fs.stat(file);
  if ((mode & 0o077) !== 0) {
    await fs.chmod(file, 0o600);
    logger?.warn({ file, mode: (mode & 0o777).toString(8) }, 'master key file was readable by others; mode set to 600');
  }
  const key = (await fs.readFile(file, 'utf8')).trim();
  if (Buffer.byteLength(key) < MIN_KEY_BYTES) {
    throw new EngineConnectError(`${file} holds a key shorter than ${MIN_KEY_BYTES} bytes; delete it to generate a new one`);
  }
  return key;
}
