/**
 * GET /diensten/:serviceId (view): the service's overview. Messages per Dutch day and channel over
 * the retention period (chart and table), the failures and their reasons, today's use of the daily
 * limits, and the bulk jobs still in progress. The three reads run side by side; the queries are in
 * src/console/dashboard/.
 */
import { dailyLimitUse } from "../../dashboard/daily-limit-use";
import { jobsInProgress } from "../../dashboard/jobs-in-progress";
import { type ChannelOverview, messageOverview } from "../../dashboard/message-overview";
import { servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { Heading, Paragraph } from "../../ui/content";
import { Layout } from "../../ui/layout";
import { FailuresSection } from "./failures-section";
import { JobsSection } from "./jobs-section";
import { LimitsSection } from "./limits-section";
import { MessagesChart } from "./messages-chart";
import { MessagesTable } from "./messages-table";

function ChannelDays({ id, name, noun, overview }: { id: string; name: string; noun: string; overview: ChannelOverview }) {
  const title = `${name} per dag, de laatste ${overview.days.length} dagen`;
  return (
    <section>
      <Heading level={3}>{title}</Heading>
      <MessagesChart id={id} title={title} noun={noun} overview={overview} />
      <MessagesTable caption={`${name} per dag: de getallen`} overview={overview} />
    </section>
  );
}

export const getDashboard = servicePage("view", async ({ request, services, url, now, csrfToken, signedIn, access, layoutService }) => {
  const { service } = access;
  const periodDays = service.retentionDays;
  const [overview, limits, jobs] = await Promise.all([
    messageOverview(services.db, service.id, periodDays, now),
    dailyLimitUse(services, service, now, request.requestId),
    jobsInProgress(services.db, service.id, now),
  ]);
  return htmlPage(
    <Layout title="Overzicht" user={signedIn.user} csrfToken={csrfToken} service={layoutService} currentPath={url.pathname}>
      <Heading>Overzicht</Heading>
      <Paragraph lead>
        {`Hoe de berichten van deze dienst de laatste ${periodDays} dagen gingen. Oudere berichten bewaren we niet: de bewaartermijn van deze dienst is ${periodDays} dagen.`}
      </Paragraph>
      <section>
        <Heading level={2}>Berichten per dag</Heading>
        <Paragraph>
          De dagen zijn in Nederlandse tijd. Berichten met een testsleutel tellen niet mee. Afgeleverd: aangekomen bij de ontvanger, of bij
          e-mail aangenomen door de mailserver. Onderweg: nog niet verstuurd of nog geen bericht van de verzendpartij.
        </Paragraph>
        <ChannelDays id="sms-per-dag" name="Sms" noun="sms-berichten" overview={overview.channels.sms} />
        <ChannelDays id="e-mail-per-dag" name="E-mail" noun="e-mails" overview={overview.channels.email} />
      </section>
      <FailuresSection failures={overview.failures} periodDays={periodDays} />
      <LimitsSection use={limits} />
      <JobsSection jobs={jobs} />
    </Layout>,
  );
});
