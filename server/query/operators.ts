// Search operators people bring from web search engines: `-word` and `-"phrase"` exclude, `A OR B` takes either.
// Quoted phrases stay for phrases.ts. A hyphen inside a word (`low-risk`, `2022-2024`) is no operator: the minus
// must start the query or follow a space.

const EXCLUDED = /(^|\s)[-－](?:"([^"]+)"|“([^”]+)”|([^\s"“]+))/gu;
// Upper case only, as Google reads it: "or" in "R&D or innovation centres" is an ordinary word.
const OR = /\s+OR\s+/u;

export interface Operators {
  /** The query's `OR`-separated parts, without exclusions; one part when there is no `OR`, none when nothing is left. */
  parts: string[];
  /** Excluded words and phrases as typed, without the minus. */
  excluded: string[];
}

export function parseOperators(query: string): Operators {
  const excluded: string[] = [];
  const positive = query.replace(EXCLUDED, (_m, lead: string, a?: string, b?: string, c?: string) => {
    const value = (a ?? b ?? c ?? '').trim();
    if (value !== '') excluded.push(value);
    return lead;
  });
  const parts = positive
    .split(OR)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '' && p !== 'OR');
  return { parts, excluded: [...new Set(excluded)] };
}
