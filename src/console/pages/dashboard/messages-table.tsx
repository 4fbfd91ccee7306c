/**
 * The numbers of one channel's chart (messages-chart.tsx) as a table: one row per Dutch day, days
 * without messages as 0, and the period's totals. This is the accessible source of the chart's
 * numbers; the day is the row header. The shared Table (ui/content.tsx) has no row headers or
 * footer, hence this one, in the same NL Design System classes.
 */
import type { ChannelOverview, GroupCounts } from "../../dashboard/message-overview";
import { GROUP_LABEL, STATUS_GROUPS } from "../../dashboard/status-groups";
import { formatLongDay, formatNumber } from "./dutch-format";

const numeric = "utrecht-table__cell utrecht-table__cell--numeric-data";

function Counts({ counts, total }: { counts: GroupCounts; total: number }) {
  return (
    <>
      {STATUS_GROUPS.map((group) => (
        <td class={numeric} data-group={group}>
          {formatNumber(counts[group])}
        </td>
      ))}
      <td class={numeric} data-group="totaal">
        {formatNumber(total)}
      </td>
    </>
  );
}

export function MessagesTable({ caption, overview }: { caption: string; overview: ChannelOverview }) {
  return (
    <div class="utrecht-table-container utrecht-table-container--overflow-inline">
      <table class="utrecht-table utrecht-table--html-table" data-channel={overview.channel}>
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th scope="col" class="utrecht-table__header-cell">
              Dag
            </th>
            {[...STATUS_GROUPS.map((g) => GROUP_LABEL[g]), "Totaal"].map((label) => (
              <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {[...overview.days].reverse().map((day) => (
            <tr class="utrecht-table__row" data-day={day.day}>
              <th scope="row" class="utrecht-table__header-cell">
                {formatLongDay(day.day)}
              </th>
              <Counts counts={day.counts} total={day.total} />
            </tr>
          ))}
        </tbody>
        <tfoot class="utrecht-table__footer">
          <tr class="utrecht-table__row">
            <th scope="row" class="utrecht-table__header-cell">
              Totaal
            </th>
            <Counts counts={overview.totals} total={overview.total} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
