// The glossary: entries by category and search (/glossary?q=&category=&page=), and one entry with its
// variants, pinyin, note and concordance (/glossary/:id).
import { getGlossaryEntry, listGlossary, type GlossaryEntryResponse, type GlossaryEntryView } from './api.ts';
import { en, errorBox, h, isAbort, loading, replaceChildren, setTitle, zh, type Child } from './dom.ts';
import { t } from './i18n.ts';
import { pageCount } from './pagination.ts';
import { documentPath, entryPath } from './routes.ts';
import { navigate } from './router.ts';
import { searchQuery, withQuery, parseSearchState } from './search-state.ts';
import { CATEGORY_SLUGS, GLOSSARY_PAGE_SIZE, glossaryApiParams, glossaryUrl, parseGlossaryState, type GlossaryState } from './glossary-state.ts';
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
  replaceChildren(ctx.main, h('h1', { tabindex: '-1' }, t('glossary.pageTitle')), h('p', { class: 'lead' }, t('glossary.intro')), form, list);

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

function detailRow(label: string, value: Child | Child[]): Child[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

const listOr = (items: string[], lang: 'zh' | 'en'): Child =>
  items.length === 0
    ? t('glossary.none')
    : h(
        'ul',
        { class: 'inline-list' },
        items.map((v) => h('li', {}, lang === 'zh' ? zh(v) : en(v))),
      );

function entryDetail(res: GlossaryEntryResponse): Child[] {
  const { entry, concordance, perDocument } = res;
  const titles = new Map(perDocument.map((d) => [d.docId, d.title]));
  return [
    h('p', { class: 'back' }, h('a', { href: '/glossary' }, `← ${t('glossary.back')}`)),
    h('h1', { class: 'entry-title', tabindex: '-1' }, zh(entry.zh, 'entry-zh'), ' ', en(entry.en, 'entry-en')),
    h(
      'dl',
      { class: 'entry-meta-list' },
      detailRow(t('glossary.pinyin'), h('span', { class: 'pinyin' }, entry.pinyinTones)),
      detailRow(t('glossary.category'), h('a', { href: glossaryUrl({ q: '', category: entry.category, page: 1 }) }, categoryLabel(entry.category))),
      detailRow(t('glossary.variantsZh'), listOr(entry.variants.zh, 'zh')),
      detailRow(t('glossary.variantsEn'), listOr(entry.variants.en, 'en')),
      entry.note && detailRow(t('glossary.note'), entry.note),
      entry.source && detailRow(t('glossary.source'), entry.source),
    ),
    h('p', {}, h('a', { class: 'button', href: `/${searchQuery(withQuery(parseSearchState(new URLSearchParams()), entry.zh))}` }, t('glossary.searchClauses'))),
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
    replaceChildren(ctx.main, h('article', { class: 'entry' }, entryDetail(res)));
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    replaceChildren(
      ctx.main,
      errorBox(error, () => void showEntry(ctx, id)),
    );
  }
}
