// The compare page, /compare?a=<clauseId>&b=<clauseId>: the two clauses side by side (stacked on a phone), each
// with its document, path, Chinese text and English; what only the first has is struck through (<del>), what only
// the second has is marked as added (<ins>), each with a label for screen readers; and the share in common.
import { compareClauses } from './api.ts';
import { anyUnofficial } from './bilingual.ts';
import { en, errorBox, h, isAbort, loading, replaceChildren, setTitle, zh, type Child } from './dom.ts';
import { pick, t } from './i18n.ts';
import { citedPath } from './journalist-parts.ts';
import { compareModel, type CompareSideModel, type DiffRun } from './journalist-view.ts';
import { parseCompare } from './routes.ts';
import { levelLabel, noTranslation, provenanceLabel, translationNotice, type ViewContext } from './view.ts';

/** A run of the Chinese: plain when common, <del>/<ins> with a spoken label when only one side has it. */
function run(r: DiffRun): Child {
  if (r.op === 'removed')
    return h(
      'del',
      { class: 'diff-removed' },
      h('span', { class: 'visually-hidden' }, `[${t('compare.omitted')}: `),
      r.text,
      h('span', { class: 'visually-hidden' }, ']'),
    );
  if (r.op === 'added')
    return h(
      'ins',
      { class: 'diff-added' },
      h('span', { class: 'visually-hidden' }, `[${t('compare.added')}: `),
      r.text,
      h('span', { class: 'visually-hidden' }, ']'),
    );
  return r.text;
}

function side(model: CompareSideModel): HTMLElement {
  const { doc, clause } = model;
  const headingId = `compare-${model.side}`;
  const tr = clause.translation;
  return h(
    'section',
    { class: `compare-side side-${model.side}`, 'aria-labelledby': headingId },
    h('p', { class: 'side-label' }, t(model.side === 'a' ? 'compare.first' : 'compare.second')),
    h('h2', { id: headingId, class: 'side-heading' }, h('a', { href: model.href }, pick(doc.region), ' ', citedPath(clause))),
    h('p', { class: 'side-doc' }, zh(doc.title.zh), ' ', en(doc.title.en, 'gloss side-doc-en')),
    h('p', { class: 'side-meta' }, levelLabel(doc.level), doc.date && ` · ${doc.date}`, doc.docNumber && [' · ', zh(doc.docNumber)]),
    h(
      'div',
      { class: 'side-zh' },
      h('p', { class: 'version-label' }, t('translation.chinese')),
      clause.heading && h('p', { class: 'side-text-heading', lang: 'zh-CN' }, clause.heading),
      h('p', { class: 'side-text', lang: 'zh-CN' }, model.runs.map(run)),
    ),
    h(
      'div',
      { class: 'side-en' },
      tr
        ? [
            h('p', { class: 'version-label' }, provenanceLabel(tr)),
            tr.heading && h('p', { class: 'side-text-heading', lang: 'en' }, tr.heading),
            h('p', { class: 'side-text-en', lang: 'en' }, tr.text),
          ]
        : noTranslation(),
    ),
  );
}

export async function showCompare(ctx: ViewContext): Promise<void> {
  const wanted = parseCompare(location.search);
  const title = h('h1', { tabindex: '-1' }, t('compare.pageTitle'));
  setTitle(t('compare.pageTitle'));
  if (!wanted) {
    replaceChildren(ctx.main, title, h('p', { class: 'notice' }, t('compare.missingParams')), h('p', {}, h('a', { href: '/' }, t('common.backToSearch'))));
    return;
  }
  replaceChildren(ctx.main, title, loading());
  try {
    const res = await compareClauses(wanted.a, wanted.b, ctx.signal);
    if (ctx.signal.aborted) return;
    const model = compareModel(res);
    setTitle(`${t('compare.pageTitle')}: ${pick(model.a.doc.region)} ${model.a.clause.path.zh} · ${pick(model.b.doc.region)} ${model.b.clause.path.zh}`);
    replaceChildren(
      ctx.main,
      h(
        'article',
        { class: 'compare' },
        title,
        h(
          'p',
          { class: 'compare-share' },
          h('strong', {}, model.identical ? t('compare.identical') : t('compare.share', { percent: model.sharePercent })),
          ' ',
          h('a', { href: model.swapHref, class: 'compare-swap' }, t('compare.swap')),
        ),
        !model.identical &&
          h(
            'p',
            { class: 'compare-legend hint' },
            h('del', { class: 'diff-removed', 'aria-hidden': 'true' }, t('compare.legendRemovedSample')),
            ' ',
            t('compare.legendRemoved'),
            ' ',
            h('ins', { class: 'diff-added', 'aria-hidden': 'true' }, t('compare.legendAddedSample')),
            ' ',
            t('compare.legendAdded'),
          ),
        anyUnofficial([res.a.clause, res.b.clause]) && translationNotice(),
        h('div', { class: 'compare-sides' }, side(model.a), side(model.b)),
      ),
    );
  } catch (error) {
    if (isAbort(error) || ctx.signal.aborted) return;
    replaceChildren(
      ctx.main,
      title,
      errorBox(error, () => void showCompare(ctx)),
    );
  }
}
