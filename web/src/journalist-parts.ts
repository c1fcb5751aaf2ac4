// The journalist's pieces as DOM, from the models of journalist-view.ts: the notice saying what a cited clause
// resolved to (search page), a clause's related clauses in other documents, loaded when opened (reader), and the
// national document's implementation table (reader). The compare page is compare-page.ts.
import { getImplementation, getRelated, listDocuments, type ClauseView, type DocumentView } from './api.ts';
import { en, errorBox, h, loading, replaceChildren, zh, type Child } from './dom.ts';
import { locale, pick, t } from './i18n.ts';
import {
  implementationModel,
  localDocuments,
  relatedModel,
  type ClauseRef,
  type ImplementationCell,
  type ImplementationModel,
  type LocatedModel,
  type RelatedLinkModel,
} from './journalist-view.ts';
import { enCitationPath } from './cite.ts';
import { levelLabel } from './view.ts';

/** A clause as journalists cite it: the Chinese path (`二、（十二）`), with the English (`Part II, Item 12`) beside it in the English interface. */
export function citedPath(clause: ClauseRef, opts: { gloss?: boolean } = {}): Child[] {
  const zhPath = clause.pathSegments.map((s) => s.zh).join('') || t(`kind.${clause.kind}`);
  const enPath = enCitationPath(clause.pathSegments);
  const gloss = opts.gloss !== false && locale() === 'en' && enPath ? [' ', en(enPath, 'gloss cited-en')] : [];
  return [zh(zhPath, 'cited-zh'), ...gloss];
}

// Disclosures opened on this page stay open when it is rebuilt (a language switch re-renders the view); their
// answers come from the client's cache then.
const opened = new Set<string>();

/** Loads a disclosure's content when it is opened, and reopens it on a rebuilt page if it was open. */
function loadOnOpen(details: HTMLDetailsElement, body: HTMLElement, key: string, content: () => Promise<HTMLElement>): void {
  // Fetched the first time it is opened; a failure shows its error with a retry and leaves it to fetch again.
  let state: 'idle' | 'loading' | 'done' = 'idle';
  const load = async (): Promise<void> => {
    if (state !== 'idle') return;
    state = 'loading';
    replaceChildren(body, loading());
    try {
      replaceChildren(body, await content());
      state = 'done';
    } catch (error) {
      state = 'idle';
      replaceChildren(
        body,
        errorBox(error, () => void load()),
      );
    }
  };
  details.addEventListener('toggle', () => {
    if (details.open) opened.add(key);
    else opened.delete(key);
    if (details.open) void load();
  });
  if (opened.has(key)) {
    details.open = true;
    void load();
  }
}

const sameBadge = (): HTMLElement => h('span', { class: 'badge badge-same' }, t('related.same'));

// ---------------------------------------------------------------------------------------------------------------

/** Above the results: "Cited clause: Jiangxi Province 二、（十二） (Part II, Item 12)", or that it does not exist and the nearest. */
export function locatedNotice(model: LocatedModel): HTMLElement {
  const region = pick(model.doc.region);
  if (model.kind === 'found') {
    return h(
      'p',
      { class: 'notice located located-found' },
      h('span', { class: 'interpretation-label' }, t('located.found')),
      ' ',
      h('a', { href: model.href, class: 'located-link' }, region, ' ', zh(model.path.zh), locale() === 'en' && [' ', en(model.path.en, 'gloss')]),
      ' ',
      h('span', { class: 'located-hint' }, t('located.firstHit')),
    );
  }
  return h(
    'p',
    { class: 'notice located located-missing' },
    t('located.missing', { doc: region, cited: locale() === 'en' ? `${model.cited.zh} ${model.cited.en}` : model.cited.zh }),
    model.nearest && [
      ' ',
      h('span', { class: 'interpretation-label' }, t('located.nearest')),
      ' ',
      h('a', { href: model.nearest.href, class: 'located-nearest' }, zh(model.nearest.path.zh), locale() === 'en' && [' ', en(model.nearest.path.en, 'gloss')]),
    ],
  );
}

// ---------------------------------------------------------------------------------------------------------------

function relatedItem(link: RelatedLinkModel): HTMLElement {
  return h(
    'li',
    { class: `related-item relation-${link.relation}` },
    h(
      'a',
      { href: link.href, class: 'related-link', title: t('related.compareLabel', { doc: link.doc.title.zh }) },
      pick(link.doc.region),
      ' ',
      citedPath(link.clause),
    ),
    link.relation === 'same' && [' ', sameBadge()],
    link.sharedTerms.length > 0 &&
      h(
        'span',
        { class: 'related-terms' },
        ' ',
        t('related.shared'),
        ' ',
        link.sharedTerms.flatMap((term, i) => [i > 0 && '、', zh(term.zh)]),
      ),
  );
}

export function relatedList(links: readonly RelatedLinkModel[]): HTMLElement {
  if (links.length === 0) return h('p', { class: 'related-none' }, t('related.none'));
  return h('ul', { class: 'related-list' }, links.map(relatedItem));
}

/**
 * "Related in other documents", folded under each clause; the clauses are fetched the first time it is opened
 * (a <details>: reachable and opened from the keyboard, announced as expanded or collapsed).
 */
export function relatedDisclosure(clause: ClauseView, pathLabel: string): HTMLDetailsElement {
  const body = h('div', { class: 'related-body' });
  const details = h(
    'details',
    { class: 'related', 'data-clause': clause.id },
    h('summary', {}, t('related.summary'), h('span', { class: 'visually-hidden' }, ` (${pathLabel})`)),
    body,
  );
  loadOnOpen(details, body, `related:${clause.id}`, async () => relatedList(relatedModel(await getRelated(clause.id))));
  return details;
}

// ---------------------------------------------------------------------------------------------------------------

function cellContent(cell: ImplementationCell): Child[] {
  if (cell.kind === 'none') return [h('span', { class: 'not-taken' }, t('implementation.notTaken'))];
  return [
    h(
      'ul',
      { class: 'impl-links' },
      cell.links.map((l) =>
        h(
          'li',
          { class: `relation-${l.relation}` },
          h('a', { href: l.href, class: 'impl-link', title: enCitationPath(l.clause.pathSegments) }, citedPath(l.clause, { gloss: false })),
          l.relation === 'same' && [' ', sameBadge()],
        ),
      ),
    ),
  ];
}

const columnName = (doc: DocumentView): string => pick(doc.region);

/**
 * One row per national measure, one column per local document. On a phone the table is laid out as a list
 * (styles.css): each row a block, each cell under the name of its document.
 */
export function implementationTable(model: ImplementationModel): HTMLElement {
  const label = (doc: DocumentView) => h('span', { class: 'cell-label', 'aria-hidden': 'true' }, columnName(doc));
  return h(
    'table',
    { class: 'impl-table' },
    h('caption', { class: 'visually-hidden' }, t('implementation.heading')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('implementation.measure')),
        model.columns.map((doc) =>
          h(
            'th',
            { scope: 'col', 'data-doc': doc.id },
            columnName(doc),
            h('span', { class: 'impl-level' }, levelLabel(doc.level)),
            zh(doc.title.zh, 'impl-doc-title'),
          ),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      model.rows.map((row) =>
        h(
          'tr',
          { 'data-measure': row.measure.id },
          h(
            'th',
            { scope: 'row' },
            h('a', { href: row.href }, citedPath(row.measure)),
            row.measure.heading && h('span', { class: 'impl-heading', lang: 'zh-CN' }, row.measure.heading),
            row.measure.translation?.heading && h('span', { class: 'impl-heading-en', lang: 'en' }, row.measure.translation.heading),
          ),
          row.cells.map((cell, i) => h('td', { 'data-doc': cell.docId, class: `impl-cell ${cell.kind}` }, label(model.columns[i]!), cellContent(cell))),
        ),
      ),
      h(
        'tr',
        { class: 'impl-new' },
        h('th', { scope: 'row' }, t('implementation.newClauses')),
        model.newClauses.map((col, i) =>
          h(
            'td',
            { 'data-doc': col.docId, class: 'impl-cell' },
            label(model.columns[i]!),
            col.links.length === 0
              ? h('span', { class: 'not-taken' }, t('implementation.noneNew'))
              : h(
                  'ul',
                  { class: 'impl-links' },
                  col.links.map((l) =>
                    h(
                      'li',
                      {},
                      h('a', { href: l.href, title: enCitationPath(l.clause.pathSegments) }, citedPath(l.clause, { gloss: false })),
                      l.heading && [' ', zh(l.heading, 'impl-new-heading')],
                    ),
                  ),
                ),
          ),
        ),
      ),
    ),
  );
}

/** "Implementation in local documents", folded; the table is fetched (one request per local document) when opened. */
export function implementationSection(reference: DocumentView): HTMLElement {
  const body = h('div', { class: 'impl-body' });
  const details = h(
    'details',
    { class: 'implementation', id: 'implementation' },
    h('summary', {}, h('h2', { class: 'impl-summary' }, t('implementation.heading'))),
    h('p', { class: 'hint' }, t('implementation.intro')),
    body,
  );
  loadOnOpen(details, body, `implementation:${reference.id}`, async () => {
    const { documents } = await listDocuments();
    const answers = await Promise.all(localDocuments(documents, reference).map((d) => getImplementation(d.id, reference.id)));
    return h('div', { class: 'impl-scroll' }, implementationTable(implementationModel(answers)));
  });
  return details;
}
