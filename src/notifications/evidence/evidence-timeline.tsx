/**
 * The timeline of one notification: every status change, oldest first, as a table with a caption
 * and column headers (screen readers announce each cell with its header), so the page can be read
 * aloud as well as printed.
 */
import { sourceLabel, statusLabel } from "./dutch-labels";
import { Moment } from "./evidence-time";
import type { HistoryEntry } from "./status-history";

const Status = ({ status }: { status: string | null }) =>
  status === null ? <span>—</span> : <span>{`${statusLabel(status)} (${status})`}</span>;

export function Timeline({ notificationId, history }: { notificationId: string; history: readonly HistoryEntry[] }) {
  return (
    <table>
      <caption>{`Tijdlijn van bericht ${notificationId}: elke stap, de oudste eerst`}</caption>
      <thead>
        <tr>
          <th scope="col">Tijd</th>
          <th scope="col">Poging</th>
          <th scope="col">Van</th>
          <th scope="col">Naar</th>
          <th scope="col">Door</th>
          <th scope="col">Verzendpartij</th>
          <th scope="col">Code van de verzendpartij</th>
          <th scope="col">Toelichting</th>
        </tr>
      </thead>
      <tbody>
        {history.map((entry) => (
          <tr>
            <th scope="row">
              <Moment at={entry.at} />
            </th>
            <td>{entry.attempt}</td>
            <td>
              <Status status={entry.fromStatus} />
            </td>
            <td>
              <Status status={entry.toStatus} />
            </td>
            <td>{sourceLabel(entry.source)}</td>
            <td>{entry.provider ?? "—"}</td>
            <td>{entry.providerStatus ?? "—"}</td>
            <td>{entry.detail ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
