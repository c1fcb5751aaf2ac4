// The candidate terms page, /glossary/candidates: frequent corpus terms the glossary lacks, domain terms first,
// each with how often and where it occurs, one context and the dictionary's English as a suggestion; the whole
// list as CSV. For translators deciding what the glossary should take in next.
import { listCandidates, type CandidatesResponse } from './api.ts';
import { errorBox, h, isAbort, loading, replaceChildren, setTitle } from './dom.ts';
import { t } from './i18n.ts';
import { documentPath } from './routes.ts';
import type { ViewContext } from './view.ts';

/** Candidates listed on the page (the API's page limit is 200; the CSV has all of them). */
const SHOWN = 100;

type Candidate = CandidatesResponse['candidates'][number];

function row(c: Candidate): HTMLElement {
  const example = c.examples[0];
  return h(
    'tr',
    {},
    h('th', { scope: 'row', lang: 'zh-CN' }, c.term),
    h('td', { class: 'num' }, String(c.frequency)),
    h('td', { class: 'num' }, String(c.documentCount)),
    h(
      'td',
      { lang: 'zh-CN', class: 'kwic' },
      example ? h('a', { href: documentPath(example.docId, example.clauseId) }, example.left, h('mark', {}, example.match), example.right) : '',
    ),
    h('td', { lang: 'en' }, c.english.length > 0 ? c.english.slice(0, 3).join('; ') : h('span', { class: 'hint' }, t('candidates.noDictionary'))),
  );
}

export async function showCandidates(ctx: ViewContext): Promise<void> {
  const title = h('h1', { tabindex: '-1' }, t('candidates.pageTitle'));
  setTitle(t('candidates.pageTitle'));
  const intro = [
    h('p', {}, t('candidates.intro')),
    h(
      'p',
      {},
      h('a', { href: '/api/glossary/candidates?format=csv', class: 'button', download: '' }, t('candidates.exportCsv')),
      ' ',
      h('a', { href: '/glossary' }, t('candidates.backToGlossary')),
    ),
  ];
  replaceChildren(ctx.main, title, ...intro, loading());
  try {
    const res = await listCandidates(SHOWN, ctx.signal);
    if (ctx.signal.aborted) return;
    const table = h(
      'table',
      { class: 'candidates' },
      h('caption', {}, t('candidates.caption', { shown: res.candidates.length, total: res.total })),
      h(
        'thead',
        {},
        h('tr', {}, ...(['term', 'frequency', 'documents', 'context', 'english'] as const).map((k) => h('th', { scope: 'col' }, t(`candidates.col.${k}`)))),
      ),
      h('tbody', {}, ...res.candidates.map(row)),
    );
    replaceChildren(ctx.main, title, ...intro, res.truncated ? h('p', { class: 'notice' }, t('candidates.truncated')) : null, table);
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    replaceChildren(
      ctx.main,
      title,
      ...intro,
      errorBox(error, () => void showCandidates(ctx)),
    );
  }
}
