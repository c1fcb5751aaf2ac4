// The glossary: entries by category and search (/glossary?q=&category=&page=), and one entry with its
// variants, pinyin, note and concordance (/glossary/:id).
import {
  getEntryConcordance,
  getGlossaryEntry,
  listGlossary,
  type ConcordancePairView,
  type ConcordanceResponse,
  type GlossaryEntryResponse,
  type GlossaryEntryView,
} from './api.ts';
import { copyText } from './clipboard.ts';
import { en, errorBox, h, isAbort, loading, markedText, replaceChildren, setTitle, zh, type Child } from './dom.ts';
import { excerptRuns } from './segments.ts';
import { locale, t } from './i18n.ts';
import { pageCount } from './pagination.ts';
import { documentPath, entryPath } from './routes.ts';
import { navigate } from './router.ts';
import { searchQuery, withQuery, parseSearchState } from './search-state.ts';
import {
  CATEGORY_SLUGS,
  CONCORDANCE_SORTS,
  GLOSSARY_PAGE_SIZE,
  exportUrl,
  glossaryApiParams,
  glossaryUrl,
  pairText,
  parseGlossaryState,
  termPairText,
  type ConcordanceSort,
  type ExportFormat,
  type GlossaryState,
} from './glossary-state.ts';
import { categoryLabel, pager, pathLabel, type ViewContext } from './view.ts';

function entryRow(e: GlossaryEntryView): HTMLElement {
  return h(
    'li',
    { class: 'entry-row' },
    h('a', { href: entryPath(e.id), class: 'entry-link' }, zh(e.zh, 'entry-zh'), ' ', h('span', { class: 'pinyin' }, e.pinyinTones), ' ', en(e.en, 'entry-en')),
    h(
      'span',
      { class: 'entry-meta' },
      h('span', { class: 'badge' }, categoryLabel(e.category)),
      ' ',
      h('span', { class: 'count' }, t('glossary.occurrences', { count: e.occurrences })),
    ),
  );
}

export async function showGlossary(ctx: ViewContext): Promise<void> {
  const state = parseGlossaryState(new URLSearchParams(location.search));
  setTitle(t('glossary.pageTitle'));
  const input = h('input', { id: 'gq', name: 'q', type: 'search', value: state.q, autocomplete: 'off', spellcheck: 'false' });
  const select = h(
    'select',
    { id: 'gcat', name: 'category' },
    h('option', { value: '' }, t('glossary.allCategories')),
    CATEGORY_SLUGS.map((c) => h('option', { value: c, selected: c === state.category }, categoryLabel(c))),
  );
  const form = h(
    'form',
    { role: 'search', class: 'glossary-form', action: '/glossary' },
    h('div', { class: 'field' }, h('label', { for: 'gq' }, t('glossary.searchLabel')), input),
    h('div', { class: 'field' }, h('label', { for: 'gcat' }, t('glossary.categoryLabel')), select),
    h('button', { type: 'submit', class: 'button primary' }, t('glossary.submit')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(glossaryUrl({ q: input.value.trim(), category: select.value as GlossaryState['category'], page: 1 }));
  });
  const list = h('section', { class: 'entries', 'aria-labelledby': 'entries-heading' }, loading());
  replaceChildren(ctx.main, h('h1', { tabindex: '-1' }, t('glossary.pageTitle')), h('p', { class: 'lead' }, t('glossary.intro')), form, exportBar(state), list);

  try {
    const res = await listGlossary(glossaryApiParams(state), ctx.signal);
    if (ctx.signal.aborted) return;
    replaceChildren(
      list,
      h('h2', { id: 'entries-heading', class: 'results-heading' }, t('glossary.entries', { count: res.total })),
      res.entries.length === 0 ? h('p', { class: 'empty' }, t('glossary.noEntries')) : h('ul', { class: 'entry-list' }, res.entries.map(entryRow)),
      pager(
        state.page,
        pageCount(res.total, GLOSSARY_PAGE_SIZE, Number.MAX_SAFE_INTEGER),
        (page) => glossaryUrl({ ...state, page }),
        (page) => navigate(glossaryUrl({ ...state, page })),
      ),
    );
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    replaceChildren(
      list,
      errorBox(error, () => void showGlossary(ctx)),
    );
  }
}

const FORMATS: readonly [ExportFormat, 'glossary.exportTbx' | 'glossary.exportCsv' | 'glossary.exportJson'][] = [
  ['tbx', 'glossary.exportTbx'],
  ['csv', 'glossary.exportCsv'],
  ['json', 'glossary.exportJson'],
];

/** Download links of the glossary as the list shows it (TBX for CAT tools, CSV, JSON). */
function exportBar(state: Pick<GlossaryState, 'q' | 'category'>): HTMLElement {
  return h(
    'div',
    { class: 'export-bar' },
    h('span', { class: 'export-label' }, `${t('glossary.export')}: `),
    FORMATS.flatMap(([format, label]) => [
      h('a', { class: 'button export-link', href: exportUrl(format, state), download: '', 'data-format': format }, t(label)),
      ' ',
    ]),
    h('span', { class: 'hint' }, t('glossary.exportHint')),
    ' ',
    h('a', { href: '/glossary/candidates', class: 'candidates-link' }, t('candidates.link')),
  );
}

function copyButton(label: string, text: string, aria?: string): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'button copy-button',
      'aria-label': aria ?? label,
      'data-copy': text,
      onclick: () => void copyText(text, t('glossary.copiedTerm')),
    },
    label,
  );
}

/** A note or source with the entry ids it names as links to those entries. */
function linkedNote(text: string, refs: GlossaryEntryResponse['noteRefs']): Child[] {
  if (refs.length === 0) return [text];
  const byId = new Map(refs.map((r) => [r.id, r]));
  // Ids are slugs ([a-z0-9-]): nothing in them needs escaping in a pattern.
  const ids = refs.map((r) => r.id).join('|');
  return text.split(new RegExp(`(?<![a-z0-9-])(${ids})(?![a-z0-9-])`)).map((part, i) => {
    const ref = i % 2 === 1 ? byId.get(part) : undefined;
    return ref ? h('a', { href: entryPath(ref.id), class: 'note-ref', title: `${ref.zh} ${ref.en}` }, part) : part;
  });
}

/** Notes and sources are written in English only: in the Chinese interface they say so. */
function englishText(children: Child[]): Child[] {
  return [h('span', { lang: 'en' }, children), locale() === 'zh' ? h('span', { class: 'lang-label' }, ` ${t('glossary.englishOnly')}`) : null];
}

function detailRow(label: string, value: Child | Child[]): Child[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

const listOr = (items: string[], lang: 'zh' | 'en'): Child =>
  items.length === 0
    ? t('glossary.none')
    : h(
        'ul',
        { class: 'inline-list' },
        items.map((v) =>
          h('li', {}, lang === 'zh' ? zh(v) : en(v), ' ', copyButton(t('glossary.copyVariant'), v, t('glossary.copyVariantLabel', { text: v }))),
        ),
      );

/** Marks from the API's ranges (no HTML is parsed). */
const marked = (text: string, ranges: ConcordancePairView['zh']['ranges']): Child[] => markedText(excerptRuns(text, ranges));

function pairItem(p: ConcordancePairView): HTMLElement {
  const reason = p.alignment.reason ? t(`glossary.reason.${p.alignment.reason}`) : '';
  return h(
    'li',
    { class: `pair pair-${p.alignment.status}` },
    h('p', { class: 'pair-zh', lang: 'zh-CN' }, marked(p.zh.text, p.zh.ranges)),
    p.en ? h('p', { class: 'pair-en', lang: 'en' }, marked(p.en.text, p.en.ranges)) : h('p', { class: 'pair-note' }, t('glossary.noEnglish', { reason })),
    p.en && p.alignment.status === 'uncertain' && h('p', { class: 'pair-note' }, t('glossary.uncertain', { reason })),
    h(
      'p',
      { class: 'pair-meta' },
      h(
        'a',
        { class: 'pair-source', href: documentPath(p.docId, p.clauseId) },
        p.docTitle ? [zh(p.docTitle.zh, 'kwic-doc'), ' · '] : null,
        pathLabel(p.pathSegments) || p.clauseId,
      ),
      ' ',
      copyButton(t('glossary.copyLine'), pairText(p)),
    ),
  );
}

function renderingList(res: ConcordanceResponse): HTMLElement {
  return h(
    'ul',
    { class: 'rendering-counts' },
    res.renderings.map((r) =>
      h(
        'li',
        { class: 'rendering-count', 'data-rendering': r.rendering ?? '' },
        r.rendering === null ? h('span', { class: 'muted' }, t('glossary.otherRendering')) : en(r.rendering),
        r.preferred ? h('span', { class: 'badge' }, t('glossary.preferred')) : null,
        ' ',
        h('span', { class: 'count' }, String(r.count)),
      ),
    ),
  );
}

/** The bilingual concordance of an entry: counts per rendering, a sort choice, the pairs. Loaded after the entry. */
function pairsSection(id: string, signal: AbortSignal): HTMLElement {
  const body = h('div', { class: 'pairs-body' }, loading());
  const select = h(
    'select',
    { id: 'pair-sort', name: 'sort' },
    CONCORDANCE_SORTS.map((s) =>
      h('option', { value: s }, t(s === 'document' ? 'glossary.sortDocument' : s === 'left' ? 'glossary.sortLeft' : 'glossary.sortRight')),
    ),
  );
  const load = async (sort: ConcordanceSort) => {
    replaceChildren(body, loading());
    try {
      const res = await getEntryConcordance(id, new URLSearchParams({ sort, limit: '500' }), signal);
      if (signal.aborted) return;
      replaceChildren(
        body,
        renderingList(res),
        res.truncated && h('p', { class: 'hint' }, t('glossary.truncated')),
        h('p', { class: 'count' }, t('glossary.lines', { count: res.total })),
        h('ol', { class: 'pairs', 'aria-labelledby': 'pairs-heading' }, res.pairs.map(pairItem)),
      );
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      replaceChildren(
        body,
        errorBox(error, () => void load(select.value as ConcordanceSort)),
      );
    }
  };
  select.addEventListener('change', () => void load(select.value as ConcordanceSort));
  void load('document');
  return h(
    'section',
    { class: 'pairs-section', 'aria-labelledby': 'pairs-heading' },
    h('h2', { id: 'pairs-heading' }, t('glossary.pairs')),
    h('p', { class: 'hint' }, t('glossary.pairsIntro')),
    h(
      'p',
      { class: 'pairs-tools' },
      h('label', { for: 'pair-sort' }, `${t('glossary.sortLabel')} `),
      select,
      ' ',
      h(
        'a',
        { class: 'button export-link', href: `/api/glossary/${encodeURIComponent(id)}/concordance?format=csv`, download: '', 'data-format': 'pairs-csv' },
        t('glossary.exportConcordance'),
      ),
    ),
    body,
  );
}

function entryDetail(res: GlossaryEntryResponse, signal: AbortSignal): Child[] {
  const { entry, concordance, perDocument } = res;
  const titles = new Map(perDocument.map((d) => [d.docId, d.title]));
  return [
    h('p', { class: 'back' }, h('a', { href: '/glossary' }, `← ${t('glossary.back')}`)),
    h('h1', { class: 'entry-title', tabindex: '-1' }, zh(entry.zh, 'entry-zh'), ' ', en(entry.en, 'entry-en')),
    h('div', { class: 'entry-tools' }, copyButton(t('glossary.copyPair'), termPairText(entry)), ' ', exportBar({ q: entry.zh, category: '' })),
    h(
      'dl',
      { class: 'entry-meta-list' },
      detailRow(t('glossary.pinyin'), h('span', { class: 'pinyin' }, entry.pinyinTones)),
      detailRow(t('glossary.category'), h('a', { href: glossaryUrl({ q: '', category: entry.category, page: 1 }) }, categoryLabel(entry.category))),
      detailRow(t('glossary.variantsZh'), listOr(entry.variants.zh, 'zh')),
      detailRow(t('glossary.variantsEn'), listOr(entry.variants.en, 'en')),
      entry.note && detailRow(t('glossary.note'), englishText(linkedNote(entry.note, res.noteRefs))),
      entry.source && detailRow(t('glossary.source'), englishText(linkedNote(entry.source, res.noteRefs))),
    ),
    h('p', {}, h('a', { class: 'button', href: `/${searchQuery(withQuery(parseSearchState(new URLSearchParams()), entry.zh))}` }, t('glossary.searchClauses'))),
    pairsSection(entry.id, signal),
    h('h2', {}, t('glossary.perDocument')),
    perDocument.length === 0
      ? h('p', {}, t('glossary.concordanceEmpty'))
      : h(
          'ul',
          { class: 'per-document' },
          perDocument.map((d) =>
            h(
              'li',
              {},
              h('a', { href: documentPath(d.docId) }, d.title ? zh(d.title.zh) : d.docId),
              ' ',
              h('span', { class: 'count' }, t('glossary.lines', { count: d.count })),
            ),
          ),
        ),
    h('h2', { id: 'concordance-heading' }, t('glossary.concordance'), ' ', h('span', { class: 'count' }, t('glossary.lines', { count: concordance.length }))),
    concordance.length > 0 &&
      h(
        'ol',
        { class: 'kwic', 'aria-labelledby': 'concordance-heading' },
        concordance.map((line) => {
          const title = titles.get(line.docId);
          return h(
            'li',
            { class: 'kwic-line' },
            h('span', { class: 'kwic-left', lang: 'zh-CN' }, h('span', {}, line.left)),
            h('mark', { class: 'kwic-match', lang: 'zh-CN' }, line.match),
            h('span', { class: 'kwic-right', lang: 'zh-CN' }, line.right),
            h(
              'a',
              { class: 'kwic-source', href: documentPath(line.docId, line.clauseId) },
              title ? [zh(title.zh, 'kwic-doc'), ' · '] : null,
              pathLabel(line.pathSegments) || line.clauseId,
            ),
          );
        }),
      ),
  ];
}

export async function showEntry(ctx: ViewContext, id: string): Promise<void> {
  replaceChildren(ctx.main, loading());
  try {
    const res = await getGlossaryEntry(id, ctx.signal);
    if (ctx.signal.aborted) return;
    setTitle(`${res.entry.zh} ${res.entry.en}`);
    replaceChildren(ctx.main, h('article', { class: 'entry' }, entryDetail(res, ctx.signal)));
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    replaceChildren(
      ctx.main,
      errorBox(error, () => void showEntry(ctx, id)),
    );
  }
}
