// Reading corpus files that may be hostile or broken: size-capped reads, paths that must stay inside their
// document folder (after symlinks), and YAML whose aliases are expanded within a bound. Each failure is an
// InputError with a message fit for a Problem; nothing here throws anything else for bad input.
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ToJSOptions } from 'yaml';
import { CORPUS_LIMITS } from './limits.ts';

/** Bad input, reported as a Problem of the file it names. */
export class InputError extends Error {
  override readonly name: string = 'InputError';
}

/** A path that leaves the folder it must stay in: a problem of the file that named it. */
export class OutsideFolderError extends InputError {
  override readonly name = 'OutsideFolderError';
}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return err instanceof Error ? err.message : String(err);
}

/** The file's bytes, refused (InputError) when larger than `maxBytes` or unreadable. Checked on the open file, not its name. */
export async function readBounded(file: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new InputError(reason(err));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new InputError('not a regular file');
    if (info.size > maxBytes) throw new InputError(`file is ${info.size} bytes, more than the ${maxBytes} allowed`);
    return await handle.readFile();
  } catch (err) {
    throw err instanceof InputError ? err : new InputError(reason(err));
  } finally {
    await handle.close();
  }
}

/** Whether `target` is `folder` itself or below it (both absolute and resolved). */
export function isInside(folder: string, target: string): boolean {
  const rel = path.relative(folder, target);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * The real path of `relative` inside `folder`, symlinks resolved on both sides; InputError when it leaves the
 * folder (`../x`, an absolute path, a symlink pointing elsewhere) or does not exist.
 */
export async function resolveInside(folder: string, relative: string): Promise<string> {
  if (path.isAbsolute(relative)) throw new OutsideFolderError(`"${relative}" is an absolute path; it must name a file inside the document folder`);
  let realFolder: string;
  let target: string;
  try {
    realFolder = await realpath(folder);
    target = await realpath(path.join(folder, relative));
  } catch (err) {
    throw new InputError(reason(err));
  }
  if (!isInside(realFolder, target) || target === realFolder) {
    throw new OutsideFolderError(`"${relative}" resolves outside the document folder`);
  }
  return target;
}

/**
 * Runs a yaml `toJS` with a cap on alias expansion: the `yaml` package throws once an alias reaches more
 * nodes than `maxAliasCount`, which an alias bomb (nested anchors) does. Returns the value or the reason.
 */
export function expandYaml(
  toJS: (options: ToJSOptions) => unknown,
  maxAliasCount: number = CORPUS_LIMITS.yamlAliasNodes,
): { value: unknown } | { error: string } {
  try {
    return { value: toJS({ maxAliasCount }) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
