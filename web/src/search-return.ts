// "Back to results": the search page remembers, per tab, the list it last showed and how far it was scrolled;
// the reader (web/src/reader*.ts) offers the way back. Usage from the reader:
//
//   const back = resultsReturn();            // null when no search was shown in this tab
//   if (back) link.href = back.url;          // a real link: it opens in a new tab too
//   link.onclick = (e) => { e.preventDefault(); returnToResults(); };
//
// returnToResults() navigates to the list, and the search page, once it has rendered that list, scrolls back
// to where it was (and to the card of the clause last opened from it, if the list changed height).
import { navigate } from './router.ts';
import { RESULTS_STORAGE_KEY, parseSavedResults, type SavedResults } from './search-state.ts';

let pendingRestore: SavedResults | null = null;

// The browser's Back to the list restores it too. This module is loaded before the router starts, so this
// listener runs before the router's and the search page finds the position waiting when it renders.
window.addEventListener('popstate', () => {
  const saved = read();
  pendingRestore = saved && saved.url === location.pathname + location.search ? saved : null;
});

function read(): SavedResults | null {
  try {
    return parseSavedResults(sessionStorage.getItem(RESULTS_STORAGE_KEY));
  } catch {
    // Storage can be disabled; there is then no way back beyond the browser's own.
    return null;
  }
}

/** Called by the search page as its list is shown, scrolled and left. */
export function rememberResults(saved: SavedResults): void {
  try {
    sessionStorage.setItem(RESULTS_STORAGE_KEY, JSON.stringify(saved));
  } catch {
    // Not remembered: "back to results" is then not offered.
  }
}

/** The results list last shown in this tab (its URL, scroll position, last clause opened), or null. */
export function resultsReturn(): SavedResults | null {
  return read();
}

/** Goes back to the results last shown, restoring the scroll position once they render. False when there are none. */
export function returnToResults(): boolean {
  const saved = read();
  if (!saved) return false;
  pendingRestore = saved;
  navigate(saved.url);
  return true;
}

/** For the search page: the scroll position to restore for the list at `url`, once (null when not coming back). */
export function takeRestore(url: string): SavedResults | null {
  const saved = pendingRestore;
  pendingRestore = null;
  return saved && saved.url === url ? saved : null;
}
