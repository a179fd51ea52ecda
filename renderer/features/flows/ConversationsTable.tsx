import {
  createColumnHelper,
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import type { FlowConversation } from '../../../preload/contract/analysis';
import { formatBytes, formatCount } from '../../lib/format';
import { formatTime, type TimeZoneMode } from '../../lib/time';
import { conversationId, protocolName, verdictLabel, verdictTone, type Verdict } from './flows-model';

/** Rows per page: thousands of conversations are paged, never all in the DOM. */
export const PAGE_SIZE = 100;

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, alphanumeric: sortFn_alphanumeric },
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
});
const helper = createColumnHelper<typeof features, FlowConversation>();

interface ConversationsTableProps {
  pairs: FlowConversation[];
  zone: TimeZoneMode;
  selectedId: string | null;
  onSelect: (pair: FlowConversation) => void;
  /** An address was clicked: its events in the timeline. */
  onAddress: (address: string) => void;
  /** An ENI was clicked: its flow records in the timeline. */
  onEni: (eni: string) => void;
}

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return <span className={`verdict verdict-${verdictTone(verdict)}`}>{verdictLabel(verdict)}</span>;
}

function PivotLink({ value, onClick, what }: { value: string; onClick: (value: string) => void; what: string }) {
  return (
    <button
      type="button"
      className="pivot mono"
      title={`Show the events of ${what} ${value} in the timeline`}
      onClick={(event) => {
        event.stopPropagation();
        onClick(value);
      }}
    >
      {value}
    </button>
  );
}

/** The conversations: sortable by bytes, records, first and last seen; paged. */
export function ConversationsTable({ pairs, zone, selectedId, onSelect, onAddress, onEni }: ConversationsTableProps) {
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor('verdict', {
          header: 'Verdict',
          sortFn: 'alphanumeric',
          cell: (info) => <VerdictBadge verdict={info.getValue()} />,
        }),
        helper.accessor('client', {
          header: 'Client',
          enableSorting: false,
          cell: (info) => <PivotLink value={info.getValue()} onClick={onAddress} what="address" />,
        }),
        helper.accessor('server', {
          header: 'Server',
          enableSorting: false,
          cell: (info) => <PivotLink value={info.getValue()} onClick={onAddress} what="address" />,
        }),
        helper.accessor((pair) => `${pair.serverPort}/${protocolName(pair.protocol)}`, {
          id: 'port',
          header: 'Port',
          enableSorting: false,
          cell: (info) => <span className="mono">{info.getValue()}</span>,
        }),
        helper.accessor('eni', {
          header: 'ENI',
          enableSorting: false,
          cell: (info) => <PivotLink value={info.getValue()} onClick={onEni} what="ENI" />,
        }),
        helper.accessor('records', {
          header: 'Records',
          sortFn: 'basic',
          sortDescFirst: true,
          cell: (info) => formatCount(info.getValue()),
        }),
        helper.accessor('bytes', {
          header: 'Bytes',
          sortFn: 'basic',
          sortDescFirst: true,
          cell: (info) => <span title={`${formatCount(info.getValue())} bytes`}>{formatBytes(info.getValue())}</span>,
        }),
        helper.accessor('first', {
          header: 'First',
          sortFn: 'basic',
          cell: (info) => <span className="mono">{formatTime(info.getValue(), zone)}</span>,
        }),
        helper.accessor('last', {
          header: 'Last',
          sortFn: 'basic',
          cell: (info) => <span className="mono">{formatTime(info.getValue(), zone)}</span>,
        }),
      ]),
    [zone, onAddress, onEni],
  );

  const table = useTable({
    features,
    columns,
    data: pairs,
    getRowId: conversationId,
    initialState: { sorting: [{ id: 'bytes', desc: true }], pagination: { pageIndex: 0, pageSize: PAGE_SIZE } },
  });

  const pageCount = table.getPageCount();
  const { pageIndex } = table.state.pagination;
  return (
    <div className="flows-table-wrap">
      <table className="data-table" aria-label="Conversations" aria-rowcount={pairs.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {canSort ? (
                      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={row.id === selectedId ? 'selected' : undefined}
              aria-selected={row.id === selectedId}
              tabIndex={0}
              onClick={() => onSelect(row.original)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onSelect(row.original);
                }
              }}
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {pairs.length === 0 && <p className="muted empty">No conversations.</p>}
      {pageCount > 1 && (
        <div className="pager" role="group" aria-label="Pages">
          <button type="button" className="button small" disabled={!table.getCanPreviousPage()} onClick={() => table.previousPage()}>
            Previous
          </button>
          <span>
            Page {pageIndex + 1} of {pageCount} ({formatCount(pairs.length)} conversations)
          </span>
          <button type="button" className="button small" disabled={!table.getCanNextPage()} onClick={() => table.nextPage()}>
            Next
          </button>
        </div>
      )}
    </div>
  );
}
