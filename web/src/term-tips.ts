// Glossary terms in clause text: buttons whose English rendering shows in a small tip on keyboard focus, on
// click or tap, and on hover, and hides again on Escape. A title attribute would reach only mouse users.
// The tip is each button's accessible description, so screen readers announce "负面清单, button, negative list".
// They are spans with the button role rather than <button>s: a <button> is always inline-block, so a long
// term could not wrap and would leave ragged gaps in the Chinese lines.
import { tipOpensLeftward } from './bilingual.ts';
import { h } from './dom.ts';

export interface TermMark {
  entryId: string;
  en: string;
}

/** The term as a button with its (hidden) tip; `tipId` must be unique in the page. */
export function termButton(text: string, term: TermMark, tipId: string): HTMLElement {
  return h(
    'span',
    { class: 'term-wrap' },
    h('span', { class: 'term', role: 'button', tabindex: '0', 'aria-describedby': tipId, 'data-entry': term.entryId }, text),
    h('span', { id: tipId, class: 'term-tip', role: 'tooltip', lang: 'en', hidden: true }, term.en),
  );
}

function termAt(target: EventTarget | null): HTMLElement | null {
  if (!(target instanceof Element)) return null;
  return target.closest('.term-wrap')?.querySelector<HTMLElement>('.term') ?? null;
}

const tipOf = (button: HTMLElement): HTMLElement | null => document.getElementById(button.getAttribute('aria-describedby') ?? '');

/**
 * Shows and hides the tips of every term inside `root`, one at a time. The listeners sit on `root` (a
 * document has hundreds of terms), so they go away with it when the page is re-rendered.
 */
export function enableTermTips(root: HTMLElement): void {
  let open: { button: HTMLElement; tip: HTMLElement } | null = null;

  const hide = () => {
    if (open) open.tip.hidden = true;
    open = null;
  };
  const show = (button: HTMLElement) => {
    if (open?.button === button) return;
    hide();
    const tip = tipOf(button);
    if (!tip) return;
    tip.classList.toggle('leftward', tipOpensLeftward(button.getBoundingClientRect(), document.documentElement.clientWidth));
    tip.hidden = false;
    open = { button, tip };
  };

  root.addEventListener('focusin', (e) => {
    const button = termAt(e.target);
    if (button) show(button);
  });
  root.addEventListener('focusout', (e) => {
    if (open && termAt(e.target) === open.button) hide();
  });
  // A tap may not focus the button (Safari), so a click shows the tip too; a click elsewhere hides it.
  root.addEventListener('click', (e) => {
    const button = termAt(e.target);
    if (button) show(button);
    else hide();
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && open) {
      hide();
      e.preventDefault();
      return;
    }
    // What a <button> does by itself: Enter and Space activate it (and Space does not scroll the page).
    const button = e.key === 'Enter' || e.key === ' ' ? termAt(e.target) : null;
    if (button && e.target === button) {
      e.preventDefault();
      show(button);
    }
  });
  root.addEventListener('mouseover', (e) => {
    const button = termAt(e.target);
    if (button) show(button);
  });
  root.addEventListener('mouseout', (e) => {
    // Moving within the term (or onto its tip) keeps it; a tip opened from the keyboard stays while focused.
    if (!open || termAt(e.target) !== open.button) return;
    if (termAt(e.relatedTarget) === open.button || document.activeElement === open.button) return;
    hide();
  });
}
