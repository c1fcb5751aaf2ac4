// The document reader: metadata, a table of contents from the clause tree, every clause with an anchor
// (/documents/:id#<clauseId>) and a cite button.
import { getDocument, type ClauseView, type DocumentView } from './api.ts';
import { citation } from './cite.ts';
import { copyText } from './clipboard.ts';
import { en, errorBox, h, isAbort, loading, replaceChildren, setTitle, zh, type Child } from './dom.ts';
import { t } from './i18n.ts';
import { hashId } from './routes.ts';
import { spanRuns } from './segments.ts';
import { clauseLabel, dateLabel, levelLabel, type ViewContext } from './view.ts';

const HIGHLIGHT = 'is-target';
// Sub-items and points would make the contents as long as the document itself.
const TOC_SKIP = new Set<ClauseView['kind']>(['subitem', 'point', 'note']);

function clauseText(clause: ClauseView): HTMLElement {
  const runs = spanRuns(clause.text, clause.terms);
  return h(
    'p',
    { class: 'clause-text', lang: 'zh-CN' },
    runs.map((r) => (r.mark ? h('span', { class: 'term', title: r.mark.en, 'data-entry': r.mark.entryId }, r.text) : r.text)),
  );
}

function metaRow(label: string, ...value: Child[]): Child[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function documentHeader(doc: DocumentView, clauseCount: number): HTMLElement {
  return h(
    'header',
    { class: 'doc-head' },
    h('h1', { class: 'doc-title', tabindex: '-1' }, zh(doc.title.zh)),
    h('p', { class: 'doc-title-en' }, en(doc.title.en)),
    h(
      'dl',
      { class: 'doc-meta' },
      metaRow(t('reader.issuer'), h('ul', { class: 'issuers' }, doc.issuer.map((i) => h('li', {}, zh(i.zh), ' ', en(i.en, 'gloss'))))),
      doc.docNumber && metaRow(t('reader.docNumber'), zh(doc.docNumber)),
      doc.date && metaRow(t('reader.date'), dateLabel(doc.date)),
      metaRow(t('reader.region'), zh(doc.region.zh), ' ', en(doc.region.en, 'gloss')),
      metaRow(t('reader.level'), levelLabel(doc.level)),
      metaRow(t('reader.status'), doc.status === 'draft' ? t('common.draft') : t('reader.statusFinal'), ' · ', t('reader.clauses', { count: clauseCount })),
      doc.source && metaRow(t('reader.source'), h('a', { href: doc.source, rel: 'noopener noreferrer external', target: '_blank', class: 'source-link' }, new URL(doc.source).hostname)),
    ),
  );
}

function toc(clauses: ClauseView[]): HTMLElement {
  const entries = clauses.filter((c) => !TOC_SKIP.has(c.kind));
  return h(
    'nav',
    { class: 'toc', 'aria-labelledby': 'toc-heading' },
    h(
      'details',
      { open: matchMedia('(min-width: 56rem)').matches },
      h('summary', {}, h('h2', { id: 'toc-heading' }, t('reader.contents'))),
      h(
        'ol',
        {},
        entries.map((c) =>
          h(
            'li',
            { class: `toc-entry depth-${Math.min(c.depth, 4)}` },
            h('a', { href: `#${encodeURIComponent(c.id)}` }, h('span', { class: 'toc-path' }, clauseLabel(c)), c.heading && [' ', zh(c.heading, 'toc-heading-text')]),
          ),
        ),
      ),
    ),
  );
}

function clauseSection(doc: DocumentView, clause: ClauseView): HTMLElement {
  const label = clauseLabel(clause);
  const labelId = `${clause.id}--label`;
  return h(
    'section',
    { id: clause.id, class: `clause kind-${clause.kind} depth-${Math.min(clause.depth, 4)}`, tabindex: '-1', 'aria-labelledby': labelId },
    h(
      'div',
      { class: 'clause-head' },
      h('a', { id: labelId, class: 'clause-path', href: `#${encodeURIComponent(clause.id)}`, title: t('reader.clauseLink', { path: label }) }, label),
      clause.inferred && h('span', { class: 'inferred' }, t('reader.inferred')),
      h(
        'button',
        {
          type: 'button',
          class: 'button cite',
          'aria-label': t('reader.citeLabel', { path: label }),
          onclick: () => void copyText(citation(doc, clause, location.origin)),
        },
        t('reader.cite'),
      ),
    ),
    clauseText(clause),
  );
}

/** Marks the clause named by the URL fragment; scrolls it into view and focuses it unless `quiet`. */
export function revealHash(opts: { quiet?: boolean } = {}): boolean {
  for (const el of document.querySelectorAll(`.${HIGHLIGHT}`)) el.classList.remove(HIGHLIGHT);
  const id = hashId(location.hash);
  const target = id ? document.getElementById(id) : null;
  if (!target?.classList.contains('clause')) return false;
  target.classList.add(HIGHLIGHT);
  if (!opts.quiet) {
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }
  return true;
}

export async function showDocument(ctx: ViewContext, id: string): Promise<void> {
  replaceChildren(ctx.main, loading());
  try {
    const { document: doc, clauses } = await getDocument(id, ctx.signal);
    if (ctx.signal.aborted) return;
    setTitle(doc.title.zh);
    const wanted = hashId(location.hash);
    const missing = wanted !== '' && !clauses.some((c) => c.id === wanted);
    replaceChildren(
      ctx.main,
      h(
        'article',
        { class: 'reader' },
        documentHeader(doc, clauses.length),
        missing && h('p', { class: 'notice', role: 'status' }, t('reader.clauseMissing', { id: wanted })),
        h('div', { class: 'reader-body' }, toc(clauses), h('div', { class: 'clauses' }, clauses.map((c) => clauseSection(doc, c)))),
      ),
    );
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    replaceChildren(ctx.main, errorBox(error, () => void showDocument(ctx, id)));
  }
}
