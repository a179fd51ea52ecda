import type { MouseEvent } from 'react';

/** Adds `field:value` to the search; `exclude` (Shift- or Alt-click) adds `NOT field:value`. */
export type PivotHandler = (field: string, value: string, exclude: boolean) => void;

interface PivotValueProps {
  field: string;
  /** The value as the query language matches it. */
  value: string;
  /** What to show, when it differs from the value (times in the chosen zone). */
  label?: string;
  onPivot: PivotHandler;
  /** Inside the grid the row is the tab stop, so values are reached by mouse only. */
  focusable?: boolean;
  className?: string;
}

/**
 * One clickable evidence value. The value is attacker-controlled text: it is only ever a text
 * child or an attribute value here.
 */
export function PivotValue({ field, value, label, onPivot, focusable = true, className }: PivotValueProps) {
  const onClick = (event: MouseEvent) => {
    event.stopPropagation();
    onPivot(field, value, event.shiftKey || event.altKey);
  };
  return (
    <button
      type="button"
      className={className ? `pivot ${className}` : 'pivot'}
      tabIndex={focusable ? 0 : -1}
      title={`Filter ${field} = ${shorten(value)} (Shift- or Alt-click to exclude)`}
      onClick={onClick}
    >
      {label ?? value}
    </button>
  );
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
