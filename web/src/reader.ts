// The document reader: metadata and English summary, a table of contents from the clause tree, every clause
// with an anchor (/documents/:id#<clauseId>) and a cite button, its Chinese and English side by side (or
// one of them alone: ?view=zh|en), and glossary terms whose English shows on focus, tap or hover.
import { getDocument, listDocuments, type ClauseView, type DocumentResponse, type DocumentView } from './api.ts';
import { anyUnofficial } from './bilingual.ts';
import { citation } from './cite.ts';
import { copyText } from './clipboard.ts';
import { append, en, errorBox, externalLink, h, isAbort, loading, replaceChildren, setTitle, zh, type Child } from './dom.ts';
import { t } from './i18n.ts';
import { implementationSection, relatedDisclosure } from './journalist-parts.ts';
import { offersImplementation } from './journalist-view.ts';
import { parseReaderView, withReaderView, type ReaderView } from './reader-view.ts';
import { setUrl } from './router.ts';
import { documentPath, hashId } from './routes.ts';
import { spanRuns } from './segments.ts';
import { enableTermTips, termButton } from './term-tips.ts';
import { clauseLabel, dateLabel, isInactive, levelLabel, noTranslation, provenanceLabel, statusBadge, translationNotice, type ViewContext } from './view.ts';

const HIGHLIGHT = 'is-target';
// Sub-items and points would make the contents as long as the document itself.
const TOC_SKIP = new Set<ClauseView['kind']>(['subitem', 'point', 'note']);
// A document's title and editor's notes restate no measure: no related clauses offered.
const NO_RELATED = new Set<ClauseView['kind']>(['title', 'note']);

function clauseText(clause: ClauseView): HTMLElement {
  const runs = spanRuns(clause.text, clause.terms);
  return h(
    'p',
    { class: 'clause-text', lang: 'zh-CN' },
    runs.map((r, i) => (r.mark ? termButton(r.text, r.mark, `${clause.id}--term-${i}`) : r.text)),
  );
}

/** The clause's English beside its Chinese, or the note that it has none. */
function clauseEnglish(clause: ClauseView): HTMLElement {
  const tr = clause.translation;
  return h('div', { class: 'clause-en' }, tr ? h('p', { class: 'clause-text-en', lang: 'en' }, tr.text) : noTranslation());
}

function metaRow(label: string, ...value: Child[]): Child[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

/**
 * The document's English summary under its title, with who wrote the English. Open on wide screens; on a
 * phone a paragraph that long would push the document a few screens down, so it starts folded there.
 */
function documentSummary(doc: DocumentView): HTMLElement | null {
  const tr = doc.translation;
  if (!tr) return null;
  return h(
    'details',
    { class: 'doc-summary', open: matchMedia('(min-width: 56rem)').matches },
    h('summary', {}, h('h2', { class: 'summary-heading' }, t('reader.summary'), ' ', provenanceLabel(tr, tr.source))),
    h('p', { lang: 'en' }, tr.summary),
  );
}

/** Clauses of other documents citing this one by its number, each a link into that document. */
function citedByRow(citedBy: DocumentResponse['citedBy']): Child[] {
  if (citedBy.length === 0) return [];
  return metaRow(
    t('reader.citedBy'),
    h(
      'ul',
      { class: 'cited-by' },
      citedBy.map((c) => h('li', {}, h('a', { href: documentPath(c.docId, c.clauseId) }, zh(c.region.zh), ' ', zh(c.path.zh)), ' ', en(c.title.en, 'gloss'))),
    ),
  );
}

/** The corpus documents a clause cites by number, as links (titles from the document list). */
function citesLine(clause: ClauseView, titles: ReadonlyMap<string, DocumentView>): HTMLElement | false {
  const cited = clause.cites.map((id) => titles.get(id)).filter((d): d is DocumentView => d !== undefined);
  if (cited.length === 0) return false;
  return h(
    'p',
    { class: 'clause-cites' },
    `${t('reader.cites')}: `,
    cited.flatMap((d, i): Child[] => [i > 0 && ' · ', h('a', { href: documentPath(d.id) }, zh(d.title.zh), ' ', en(d.title.en, 'gloss'))]),
  );
}

// supersededBy names a corpus document by id (a link) or another by number or title (text).
const supersededByLink = (ref: string): Child => (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(ref) ? h('a', { href: documentPath(ref) }, ref) : zh(ref));

function documentHeader(doc: DocumentView, clauseCount: number, citedBy: DocumentResponse['citedBy'] = []): HTMLElement {
  return h(
    'header',
    { class: isInactive(doc.status) ? 'doc-head doc-inactive' : 'doc-head' },
    h('h1', { class: 'doc-title', tabindex: '-1' }, zh(doc.title.zh)),
    h('p', { class: 'doc-title-en' }, en(doc.title.en)),
    documentSummary(doc),
    h(
      'dl',
      { class: 'doc-meta' },
      metaRow(
        t('reader.issuer'),
        h(
          'ul',
          { class: 'issuers' },
          doc.issuer.map((i) => h('li', {}, zh(i.zh), ' ', en(i.en, 'gloss'))),
        ),
      ),
      doc.docNumber && metaRow(t('reader.docNumber'), zh(doc.docNumber)),
      doc.date && metaRow(t('reader.date'), dateLabel(doc.date)),
      metaRow(t('reader.region'), zh(doc.region.zh), ' ', en(doc.region.en, 'gloss')),
      metaRow(t('reader.level'), levelLabel(doc.level)),
      metaRow(t('reader.status'), statusBadge(doc.status), ' · ', t('reader.clauses', { count: clauseCount })),
      (doc.validity.from || doc.validity.until) &&
        metaRow(t('reader.validity'), doc.validity.from ? dateLabel(doc.validity.from) : '', '–', doc.validity.until ? dateLabel(doc.validity.until) : ''),
      doc.validity.supersededBy && metaRow(t('reader.supersededBy'), supersededByLink(doc.validity.supersededBy)),
      doc.source && metaRow(t('reader.source'), externalLink(doc.source, new URL(doc.source).hostname, 'source-link')),
      citedByRow(citedBy),
    ),
  );
}

// The choices name the languages in themselves, like the interface-language button; only "both" is translated.
const VIEW_CHOICES: ReadonlyArray<{ view: ReaderView; label: () => string; lang?: string }> = [
  { view: 'both', label: () => t('reader.viewBoth') },
  { view: 'zh', label: () => '中文', lang: 'zh-CN' },
  { view: 'en', label: () => 'English', lang: 'en' },
];

/**
 * Both / 中文 / English: radio buttons (arrow keys move between them) drawn as a segmented control. The
 * choice goes into the URL, so a shared link opens the same columns; the page is not re-rendered for it.
 */
function viewSwitch(reader: HTMLElement, current: ReaderView): HTMLElement {
  const choose = (view: ReaderView) => {
    reader.dataset.view = view;
    setUrl(`${location.pathname}${withReaderView(location.search, view)}${location.hash}`, { replace: true });
  };
  return h(
    'fieldset',
    { class: 'view-switch' },
    h('legend', {}, t('reader.view')),
    h(
      'span',
      { class: 'view-choices' },
      VIEW_CHOICES.map(({ view, label, lang }) => {
        const id = `view-${view}`;
        const radio = h('input', { type: 'radio', name: 'reader-view', id, value: view, checked: view === current });
        radio.addEventListener('change', () => radio.checked && choose(view));
        return h('span', { class: 'view-choice' }, radio, h('label', { for: id, lang }, label()));
      }),
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
            h(
              'a',
              { href: `#${encodeURIComponent(c.id)}` },
              h('span', { class: 'toc-path' }, clauseLabel(c)),
              c.heading && [' ', zh(c.heading, 'toc-heading-text toc-zh')],
              c.translation?.heading && [' ', en(c.translation.heading, 'toc-heading-text toc-en')],
            ),
          ),
        ),
      ),
    ),
  );
}

function clauseSection(doc: DocumentView, clause: ClauseView, titles: ReadonlyMap<string, DocumentView>): HTMLElement {
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
    h('div', { class: 'clause-body' }, h('div', { class: 'clause-zh' }, clauseText(clause)), clauseEnglish(clause)),
    citesLine(clause, titles),
    !NO_RELATED.has(clause.kind) && relatedDisclosure(clause, label),
  );
}

/** Names the columns above the first row (shown only while they stand side by side). */
function columnHeads(): HTMLElement {
  return h(
    'div',
    { class: 'column-heads', 'aria-hidden': 'true' },
    h('p', { class: 'column-head col-zh' }, t('translation.chinese')),
    h('p', { class: 'column-head col-en' }, t('translation.english')),
  );
}

/** Above the clauses: the column switch and, where the English is ours, the notice saying so. */
function readerTools(reader: HTMLElement, view: ReaderView, doc: DocumentView, clauses: ClauseView[]): HTMLElement {
  const ours = anyUnofficial(clauses) || anyUnofficial([doc]);
  return h('div', { class: 'reader-tools' }, viewSwitch(reader, view), ours && translationNotice());
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
    const { document: doc, clauses, citedBy } = await getDocument(id, ctx.signal);
    // Titles of the documents its clauses cite: one (cached) request, only when some clause cites one.
    const titles = new Map(clauses.some((c) => c.cites.length > 0) ? (await listDocuments(ctx.signal)).documents.map((d) => [d.id, d] as const) : []);
    if (ctx.signal.aborted) return;
    setTitle(doc.title.zh);
    const wanted = hashId(location.hash);
    const missing = wanted !== '' && !clauses.some((c) => c.id === wanted);
    const view = parseReaderView(new URLSearchParams(location.search));
    const clauseList = h(
      'div',
      { class: 'clauses' },
      columnHeads(),
      clauses.map((c) => clauseSection(doc, c, titles)),
    );
    // The article exists before its content: the column switch changes its data-view.
    const reader = h('article', { class: 'reader', 'data-view': view });
    append(reader, [
      documentHeader(doc, clauses.length, citedBy),
      missing && h('p', { class: 'notice', role: 'status' }, t('reader.clauseMissing', { id: wanted })),
      offersImplementation(doc) && implementationSection(doc),
      h('div', { class: 'reader-body' }, toc(clauses), h('div', { class: 'reader-text' }, readerTools(reader, view, doc, clauses), clauseList)),
    ]);
    enableTermTips(clauseList);
    replaceChildren(ctx.main, reader);
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    replaceChildren(
      ctx.main,
      errorBox(error, () => void showDocument(ctx, id)),
    );
  }
}
