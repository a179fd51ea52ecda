import { describe, expect, it } from 'vitest';
import {
  changedSizes,
  gridColumnState,
  gridDefinitions,
  MARKS_COLUMN,
  MARKS_WIDTH,
} from '../../../renderer/features/timeline/grid-table';
import { catalogColumns } from '../../../renderer/lib/fields';
import { FAKE_CATALOG } from '../fake-api.js';

const all = catalogColumns(FAKE_CATALOG);
const byName = (name: string) => all.find((column) => column.name === name) as (typeof all)[number];

describe('the grid column model (TanStack Table state)', () => {
  it('holds visibility, order and sizes for the shown columns out of all definitions', () => {
    const shown = [{ ...byName('eventName'), width: 240 }, byName('time')];
    const state = gridColumnState(all, shown);
    expect(state.columnOrder.slice(0, 3)).toEqual([MARKS_COLUMN, 'eventName', 'time']);
    expect(new Set(state.columnOrder).size).toBe(all.length + 1);
    expect(state.columnVisibility.eventName).toBeUndefined();
    expect(state.columnVisibility.time).toBeUndefined();
    expect(state.columnVisibility.userName).toBe(false);
    expect(state.columnSizing).toEqual({ [MARKS_COLUMN]: MARKS_WIDTH, eventName: 240, time: byName('time').width });
  });

  it('keeps shown columns the catalogue lacks, and reports only changed widths', () => {
    const extra = { ...byName('time'), name: 'custom', label: 'custom' };
    expect(gridDefinitions(all, [extra]).at(-1)).toBe(extra);
    expect(gridDefinitions(undefined, [extra])).toEqual([extra]);
    expect(gridDefinitions(all, [byName('time')])).toBe(all);
    expect(changedSizes({ a: 1, b: 2, [MARKS_COLUMN]: 110 }, { a: 1, b: 3, [MARKS_COLUMN]: 120 })).toEqual([['b', 3]]);
  });
});
