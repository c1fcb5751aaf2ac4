// glossary/excluded.yaml: corpus terms reviewed and deliberately kept out of the glossary.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

export const ExcludedTerm = z.object({ term: z.string().trim().min(1), reason: z.string().trim().min(1) }).strict();
export type ExcludedTerm = z.infer<typeof ExcludedTerm>;

/** Reads the exclusion list; a missing file means nothing is excluded yet. */
export async function loadExcluded(file = 'glossary/excluded.yaml'): Promise<ExcludedTerm[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = z.array(ExcludedTerm).safeParse(parse(text) ?? []);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
