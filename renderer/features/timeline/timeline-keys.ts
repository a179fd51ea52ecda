/** What a shortcut key does on the timeline. */
export type TimelineKeyAction = 'close' | 'search' | 'next' | 'previous' | 'star' | 'tag' | 'note' | 'help';

/** The shortcuts, for the `?` list: key and what it does. */
export const TIMELINE_KEYS: readonly { key: string; action: string }[] = [
  { key: 'Click / Enter', action: 'Open the event in the detail pane' },
  { key: '↑ ↓ j k', action: 'Previous / next event' },
  { key: 'PageUp PageDown Home End', action: 'Page up / down, first / last event' },
  { key: '/', action: 'Search' },
  { key: 's', action: 'Star or unstar the selected event' },
  { key: 't', action: 'Tag the selected event' },
  { key: 'n', action: 'Add a note to the selected event' },
  { key: 'Esc', action: 'Close the detail pane (or this list)' },
  { key: '＋ / − on a value, Alt-click, Alt+Shift-click', action: 'Include / exclude the value in the search' },
  { key: '?', action: 'This list' },
];

const BY_KEY: Readonly<Record<string, TimelineKeyAction>> = {
  '/': 'search',
  j: 'next',
  k: 'previous',
  s: 'star',
  t: 'tag',
  n: 'note',
  '?': 'help',
};

/** What the minimal key event needs to say. */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** Whether the key went to a place where it is text (an input, a text area, an editable element). */
export function isTyping(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') === null) return false;
  // Buttons and checkboxes are inputs too, but keys pressed there are not text.
  return !(target instanceof HTMLInputElement && ['checkbox', 'radio', 'button', 'submit'].includes(target.type));
}

/**
 * The timeline action for a key press, or null to let it through. Letters do nothing while the
 * user types; Esc works everywhere; modified keys (Ctrl, Cmd, Alt) are the browser's.
 */
export function timelineKey(event: KeyLike): TimelineKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'close';
  if (isTyping(event.target)) return null;
  return BY_KEY[event.key] ?? null;
}
