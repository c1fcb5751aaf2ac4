// Copying text for the user: the Clipboard API where the browser allows it (secure contexts), otherwise a
// dialog with the text selected, ready for Ctrl+C.
import { h } from './dom.ts';
import { t } from './i18n.ts';

const TOAST_MS = 4000;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

/** Shows a short message in the page's live region (read out by screen readers). */
export function announce(message: string): void {
  const toast = document.getElementById('toast');
  if (!toast) return;
  toast.textContent = message;
  toast.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => toast.classList.remove('visible'), TOAST_MS);
}

function showFallback(text: string): void {
  const area = h('textarea', { class: 'copy-area', readonly: true, rows: 6, 'aria-labelledby': 'copy-dialog-title' });
  area.value = text;
  const dialog = h(
    'dialog',
    { class: 'copy-dialog', 'aria-labelledby': 'copy-dialog-title' },
    h('h2', { id: 'copy-dialog-title' }, t('reader.citationText')),
    h('p', {}, t('reader.copyFallback')),
    area,
    h('button', { type: 'button', class: 'button primary', onclick: () => dialog.close() }, t('reader.close')),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  area.focus();
  area.select();
}

/** Copies `text`, then announces `message` (by default: a citation was copied). */
export async function copyText(text: string, message: string = t('reader.copied')): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('Clipboard API unavailable');
    await navigator.clipboard.writeText(text);
    announce(message);
  } catch {
    showFallback(text);
  }
}
