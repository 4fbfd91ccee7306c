/**
 * The bulk jobs that are not done yet (src/console/dashboard/jobs-in-progress.ts): file name, when
 * it was sent in, where it is, and how many of its messages are handed to the provider so far.
 */

import { channelLabel } from "../../../notifications/evidence/dutch-labels";
import type { JobInProgress } from "../../dashboard/jobs-in-progress";
import { MAX_JOBS_SHOWN } from "../../dashboard/jobs-in-progress";
import { Heading, Paragraph } from "../../ui/content";
import { dutchDateTime } from "../../ui/dutch-date-time";
import { formatNumber } from "./dutch-format";

function jobState(job: JobInProgress): string {
  switch (job.status) {
    case "scheduled":
      return job.scheduledFor === null ? "Gepland" : `Gepland voor ${dutchDateTime(job.scheduledFor)}`;
    case "pending":
      return "Wacht op verwerking";
    case "in progress":
      return "Berichten worden aangemaakt";
    default:
      return "Berichten worden verstuurd";
  }
}

export function JobsSection({ jobs }: { jobs: JobInProgress[] }) {
  return (
    <section>
      <Heading level={2}>Bulkopdrachten die nog bezig zijn</Heading>
      {jobs.length === 0 ? (
        <Paragraph>Er zijn nu geen bulkopdrachten bezig.</Paragraph>
      ) : (
        <>
          <div class="utrecht-table-container utrecht-table-container--overflow-inline">
            <table class="utrecht-table utrecht-table--html-table" data-table="bulkopdrachten">
              <caption class="utrecht-table__caption">Bulkopdrachten die nog bezig zijn, nieuwste eerst</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  {["Bestand", "Soort bericht", "Verstuurd op", "Status", "Voortgang"].map((label) => (
                    <th scope="col" class="utrecht-table__header-cell">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {jobs.map((job) => (
                  <tr class="utrecht-table__row" data-job={job.id}>
                    <th scope="row" class="utrecht-table__header-cell">
                      {job.name === "" ? "(naam verwijderd)" : job.name}
                    </th>
                    <td class="utrecht-table__cell">{channelLabel(job.channel)}</td>
                    <td class="utrecht-table__cell">{dutchDateTime(job.createdAt)}</td>
                    <td class="utrecht-table__cell">{jobState(job)}</td>
                    <td class="utrecht-table__cell">{`${formatNumber(job.processed)} van ${formatNumber(job.total)} verwerkt`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paragraph>
            {`"Verwerkt" betekent: het bericht is doorgegeven aan de verzendpartij, of het is mislukt of geannuleerd voordat het weg kon.${
              jobs.length >= MAX_JOBS_SHOWN ? ` U ziet hier de ${MAX_JOBS_SHOWN} nieuwste.` : ""
            }`}
          </Paragraph>
        </>
      )}
    </section>
  );
}
