// Quoted phrases in a query: "…", “…”, 「…」, 『…』 must match exactly.
const QUOTED = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』/gu;

export function splitPhrases(q: string): { phrases: string[]; rest: string } {
  const phrases: string[] = [];
  const rest = q.replace(QUOTED, (_m, a?: string, b?: string, c?: string, d?: string) => {
    const phrase = (a ?? b ?? c ?? d ?? '').trim();
    if (phrase) phrases.push(phrase);
    return ' ';
  });
  return { phrases, rest: rest.replace(/\s+/g, ' ').trim() };
}

/** Phrase containment ignoring whitespace, which PDF extraction scatters through Chinese text. */
export function containsPhrase(text: string, phrase: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  return squash(text).includes(squash(phrase));
}
