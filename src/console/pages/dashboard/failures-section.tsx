/**
 * The failed messages of the period: per channel and failure status how many, what it means in
 * plain Dutch (the status names are the evidence page's, src/notifications/evidence/dutch-labels.ts),
 * and the provider's own codes where it gave one (CM.com's codes are explained in
 * docs/cm-status-mapping.md), so a team can tell a wrong number from an unreachable phone.
 */

import { channelLabel, statusLabel } from "../../../notifications/evidence/dutch-labels";
import type { FailureCount } from "../../dashboard/message-overview";
import { Heading, Paragraph } from "../../ui/content";
import { formatNumber } from "./dutch-format";

/** What a failure status means for the reader, and what they can do about it. */
const FAILURE_EXPLANATION: Readonly<Record<string, string>> = {
  "temporary-failure":
    "De telefoon of de mailbox was niet bereikbaar, bijvoorbeeld omdat de telefoon uit stond of de mailbox vol was. Het bericht is niet aangekomen.",
  "permanent-failure": "Het nummer of e-mailadres bestaat niet of neemt geen berichten aan. Controleer of het nummer of adres goed is.",
  "technical-failure":
    "Er ging iets mis bij NotifyNL of bij de verzendpartij. Het bericht is niet verstuurd. Probeer het later nog eens of neem contact met ons op.",
};

function Codes({ failure }: { failure: FailureCount }) {
  const known = failure.codes.filter((c) => c.code !== null);
  if (known.length === 0) return <>Geen code doorgegeven</>;
  return (
    <ul class="utrecht-unordered-list console-dashboard-codes">
      {failure.codes.map((c) => (
        <li class="utrecht-unordered-list__item">
          {c.code === null ? "Zonder code" : <code class="nl-code">{c.code}</code>}: {formatNumber(c.count)} keer
        </li>
      ))}
    </ul>
  );
}

export function FailuresSection({ failures, periodDays }: { failures: FailureCount[]; periodDays: number }) {
  return (
    <section>
      <Heading level={2}>Mislukte berichten en de reden</Heading>
      {failures.length === 0 ? (
        <Paragraph>{`In de laatste ${periodDays} dagen is geen enkel bericht mislukt.`}</Paragraph>
      ) : (
        <div class="utrecht-table-container utrecht-table-container--overflow-inline">
          <table class="utrecht-table utrecht-table--html-table" data-table="mislukt">
            <caption class="utrecht-table__caption">{`Mislukte berichten in de laatste ${periodDays} dagen`}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">
                  Soort bericht
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  Reden
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  Wat betekent dit?
                </th>
                <th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column">
                  Aantal
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  Code van de verzendpartij
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {failures.map((failure) => (
                <tr class="utrecht-table__row" data-status={failure.status} data-channel={failure.channel}>
                  <td class="utrecht-table__cell">{channelLabel(failure.channel)}</td>
                  <td class="utrecht-table__cell">
                    {statusLabel(failure.status)} <span class="console-dashboard-code">({failure.status})</span>
                  </td>
                  <td class="utrecht-table__cell">{FAILURE_EXPLANATION[failure.status] ?? ""}</td>
                  <td class="utrecht-table__cell utrecht-table__cell--numeric-data">{formatNumber(failure.count)}</td>
                  <td class="utrecht-table__cell">
                    <Codes failure={failure} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
