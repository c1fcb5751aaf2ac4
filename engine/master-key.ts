// The embedded engine's master key: generated once, kept in the data folder, readable by its owner only.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EngineConnectError } from './errors.ts';

const MIN_KEY_BYTES = 16; // Meilisearch refuses shorter master keys in production.

export const masterKeyPath = (dataDir: string) => path.join(dataDir, 'master.key');

/** Reads `<dataDir>/master.key`, creating it when absent; its mode is kept at 0600. */
export async function loadMasterKey(dataDir: string): Promise<string> {
  const file = masterKeyPath(dataDir);
  await fs.mkdir(dataDir, { recursive: true });
  // Written aside and linked into place: concurrent starters agree on one key and never read half of it.
  const temp = `${file}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(temp, `${crypto.randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  await fs.link(temp, file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await fs.rm(temp, { force: true });
  await fs.chmod(file, 0o600);
  const key = (await fs.readFile(file, 'utf8')).trim();
  if (Buffer.byteLength(key) < MIN_KEY_BYTES) {
    throw new EngineConnectError(`${file} holds a key shorter than ${MIN_KEY_BYTES} bytes; delete it to generate a new one`);
  }
  return key;
}
