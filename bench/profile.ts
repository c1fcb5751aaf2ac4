// Reads a V8 .cpuprofile (node --cpu-prof) into the functions that used the most self time.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const CpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
export type CpuProfile = z.infer<typeof CpuProfile>;

export interface ProfileEntry {
  /** `name (file:line)`, or V8's pseudo-frames such as `(garbage collector)`, `(idle)`, `(program)`. */
  fn: string;
  selfMs: number;
  /** Share of all sampled time. */
  share: number;
}

function label(frame: CpuProfile['nodes'][number]['callFrame'], root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.startsWith('file://') ? path.relative(root, new URL(frame.url).pathname) : frame.url;
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

/** Pure: self time per function (summed over call sites), the `limit` largest. `root` shortens file paths. */
export function topFunctions(profile: CpuProfile, limit: number, root = ''): ProfileEntry[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, i) => {
    const node = byNode.get(nodeId);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node || dt < 0) return;
    total += dt;
    const key = label(node.callFrame, root);
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
  });
  return [...selfUs]
    .map(([fn, us]) => ({ fn, selfMs: us / 1000, share: total > 0 ? us / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, limit);
}

/** The largest .cpuprofile in `dir` (the indexing child's main thread), parsed. */
export async function readProfile(dir: string): Promise<CpuProfile> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  const texts = await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')));
  const largest = texts.reduce((a, b) => (b.length > a.length ? b : a));
  return CpuProfile.parse(JSON.parse(largest));
}
