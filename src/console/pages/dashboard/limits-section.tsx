/**
 * Today's use of the daily limits (src/console/dashboard/daily-limit-use.ts): per channel how many
 * were sent today, the limit and what is left, with a hint that "today" is the UTC day the limit
 * counts (so the counter starts again at 01:00 or 02:00 Dutch time, not at midnight).
 */

import { channelLabel } from "../../../notifications/evidence/dutch-labels";
import type { DailyLimitUse } from "../../dashboard/daily-limit-use";
import { Alert, Heading, Paragraph } from "../../ui/content";
import { formatClock, formatNumber } from "./dutch-format";

export function LimitsSection({ use }: { use: DailyLimitUse }) {
  return (
    <section>
      <Heading level={2}>Daglimiet vandaag</Heading>
      {use.channels === null ? (
        <Alert kind="warning">Het aantal berichten van vandaag is nu niet bekend. Probeer het later nog eens.</Alert>
      ) : (
        <div class="utrecht-table-container utrecht-table-container--overflow-inline">
          <table class="utrecht-table utrecht-table--html-table" data-table="daglimiet">
            <caption class="utrecht-table__caption">Berichten vandaag en de daglimiet</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">
                  Soort bericht
                </th>
                {["Verstuurd vandaag", "Daglimiet", "Nog over"].map((label) => (
                  <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {use.channels.map((row) => (
                <tr class="utrecht-table__row" data-channel={row.channel}>
                  <th scope="row" class="utrecht-table__header-cell">
                    {channelLabel(row.channel)}
                  </th>
                  <td class="utrecht-table__cell utrecht-table__cell--numeric-data" data-field="used">
                    {formatNumber(row.used)}
                  </td>
                  <td class="utrecht-table__cell utrecht-table__cell--numeric-data" data-field="limit">
                    {formatNumber(row.limit)}
                  </td>
                  <td class="utrecht-table__cell utrecht-table__cell--numeric-data" data-field="remaining">
                    {formatNumber(row.remaining)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Paragraph>
        {`De daglimiet telt per dag in UTC-tijd, niet in Nederlandse tijd. De teller begint elke nacht om ${formatClock(use.resetsAt)} uur Nederlandse tijd weer bij 0. Berichten met een testsleutel tellen niet mee. Een bulkopdracht telt mee op de dag dat u hem verstuurt, ook als de berichten later weggaan.`}
      </Paragraph>
    </section>
  );
}
