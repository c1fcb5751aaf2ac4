// The document reader: metadata and English summary, a table of contents from the clause tree, every clause
// with an anchor (/documents/:id#<clauseId>) and a cite button, its Chinese and English side by side (or
// one of them alone: ?view=zh|en), and glossary terms whose English shows on focus, tap or hover. Opened from a
// search (/documents/:id?q=…), it marks that search's matches, steps through them and leads back to the results;
// find-in-document marks any typed text.
import { getDocument, listDocuments, RequestError, type ClauseView, type DocumentResponse, type DocumentView } from './api.ts';
import { anyUnofficial } from './bilingual.ts';
import { citeChinese, citeEnglish, clauseUrl } from './cite.ts';
import { copyText } from './clipboard.ts';
import { append, en, errorBox, externalLink, h, isAbort, loading, replaceChildren, setTitle, zh, type Child } from './dom.ts';
import { t } from './i18n.ts';
import { implementationSection, relatedDisclosure } from './journalist-parts.ts';
import { offersImplementation } from './journalist-view.ts';
import { showNotFound } from './not-found.ts';
import { findInDocument, markQuery, queryMatches } from './reader-search.ts';
import { parseReaderView, withReaderView, type ReaderView } from './reader-view.ts';
import { previousPage, returnTo, setUrl } from './router.ts';
import { documentPath, hashId, isResultsUrl, readerQuery } from './routes.ts';
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

/** One way of citing the clause: what it says, and a button copying it. */
function citeRow(label: string, text: string, lang: string, copy: string, done: string): HTMLElement {
  return h(
    'div',
    { class: 'cite-row' },
    h('p', { class: 'cite-row-label' }, label),
    h('p', { class: 'cite-text', lang }, text),
    h('button', { type: 'button', class: 'button cite-copy', onclick: () => void copyText(text, done) }, copy),
  );
}

/**
 * "Cite": opens the English citation, the Chinese one and the clause's link, each with its own copy button. The
 * button's name is its visible text; the clause it cites is its description. The panel is built when first opened
 * (a document has hundreds of clauses).
 */
function citeBox(doc: DocumentView, clause: ClauseView, labelId: string): HTMLElement {
  const summary = h('summary', { class: 'button cite', 'aria-describedby': labelId }, t('reader.cite'));
  const panel = h('div', { class: 'cite-panel' });
  const box = h('details', { class: 'cite-box' }, summary, panel);
  box.addEventListener('toggle', () => {
    if (!box.open || panel.firstChild) return;
    const url = clauseUrl(location.origin, doc.id, clause.id);
    append(panel, [
      citeRow(t('reader.citeEnglish'), citeEnglish(doc, clause, url), 'en', t('reader.copyEnglish'), t('reader.copiedEnglish')),
      citeRow(t('reader.citeChinese'), citeChinese(doc, clause, url), 'zh-CN', t('reader.copyChinese'), t('reader.copiedChinese')),
      citeRow(t('reader.permalink'), url, 'en', t('reader.copyLink'), t('reader.copiedLink')),
    ]);
  });
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !box.open) return;
    e.preventDefault();
    box.open = false;
    summary.focus();
  });
  return box;
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
      citeBox(doc, clause, labelId),
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

/** Marks the query's matches in each clause's Chinese and English (ranges from the API); returns how many. */
function markMatches(clauseList: HTMLElement, clauses: readonly ClauseView[]): number {
  let n = 0;
  for (const c of clauses) {
    const section = clauseList.querySelector(`[id="${CSS.escape(c.id)}"]`);
    if (!section) continue;
    const spans = (ms: ClauseView['matches']) => ms.map((m) => ({ start: m.start, end: m.start + m.length }));
    const zhText = section.querySelector('.clause-text');
    if (zhText) n += markQuery(zhText, spans(c.matches), n);
    const enText = section.querySelector('.clause-text-en');
    if (enText && c.translation) n += markQuery(enText, spans(c.translation.matches), n);
  }
  return n;
}

/**
 * Where "back to results" leads: the results page the reader was opened from (with its filters and page), else
 * the search for the query it marks; null when it was opened from neither.
 */
function resultsUrl(q: string): string | null {
  const from = previousPage();
  if (from && isResultsUrl(from)) return from;
  return q ? `/?${new URLSearchParams({ q })}` : null;
}

function backLink(url: string): HTMLElement {
  const link = h('a', { class: 'back-link', href: url }, t('reader.backToResults'));
  link.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    returnTo(url);
  });
  return h('p', { class: 'reader-back' }, link);
}

/**
 * The search bar stays at the top of the screen while the clauses scroll under it: a clause scrolled to (a link's
 * #fragment) must stop below it, so its height is kept in --reader-bar (read by the clauses' scroll margin). Set
 * at once, before the page scrolls to the clause, then whenever the bar's height changes.
 */
function keepClausesClearOf(reader: HTMLElement, bar: HTMLElement, signal: AbortSignal): void {
  const update = () => {
    const sticky = getComputedStyle(bar).position === 'sticky';
    reader.style.setProperty('--reader-bar', `${sticky ? bar.offsetHeight : 0}px`);
  };
  update();
  const observer = new ResizeObserver(update);
  observer.observe(bar);
  signal.addEventListener('abort', () => observer.disconnect());
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
  const q = readerQuery(location.search);
  try {
    const { document: doc, clauses, citedBy } = await getDocument(id, ctx.signal, q);
    // Titles of the documents its clauses cite: one (cached) request, only when some clause cites one.
    const titles = new Map(clauses.some((c) => c.cites.length > 0) ? (await listDocuments(ctx.signal)).documents.map((d) => [d.id, d] as const) : []);
    if (ctx.signal.aborted) return;
    const wanted = hashId(location.hash);
    if (wanted !== '' && !clauses.some((c) => c.id === wanted)) {
      showNotFound(ctx, { kind: 'clause', id: wanted, docId: doc.id, docTitle: doc.title });
      return;
    }
    setTitle(doc.title.zh);
    const view = parseReaderView(new URLSearchParams(location.search));
    const clauseList = h(
      'div',
      { class: 'clauses' },
      columnHeads(),
      clauses.map((c) => clauseSection(doc, c, titles)),
    );
    // The article exists before its content: the column switch changes its data-view.
    const matchCount = q ? markMatches(clauseList, clauses) : 0;
    const back = resultsUrl(q);
    const reader = h('article', { class: 'reader', 'data-view': view });
    const searchBar = h(
      'section',
      { class: 'reader-search', 'aria-label': t('reader.queryTools') },
      q && queryMatches(clauseList, q, matchCount, ctx.signal),
      findInDocument(clauseList),
    );
    append(reader, [
      back && backLink(back),
      documentHeader(doc, clauses.length, citedBy),
      offersImplementation(doc) && implementationSection(doc),
      h('div', { class: 'reader-body' }, toc(clauses), h('div', { class: 'reader-text' }, readerTools(reader, view, doc, clauses), searchBar, clauseList)),
    ]);
    enableTermTips(clauseList);
    replaceChildren(ctx.main, reader);
    keepClausesClearOf(reader, searchBar, ctx.signal);
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    if (error instanceof RequestError && error.status === 404) {
      showNotFound(ctx, { kind: 'document', id });
      return;
    }
    replaceChildren(
      ctx.main,
      errorBox(error, () => void showDocument(ctx, id)),
    );
  }
}
