import type { Problem } from './types.ts';

/** `file:line: severity: message`, the format editors and CI logs link to. */
export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.severity}: ${p.message}`;
}
