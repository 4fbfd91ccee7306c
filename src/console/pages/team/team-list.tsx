/**
 * GET /diensten/:serviceId/team (view): who is on the team with which permissions, and the open
 * invitations. Members who manage the service also see the links to invite, change and cancel.
 */
import { listOpenInvitations } from "../../accounts/invitations";
import { listTeamMembers } from "../../accounts/team";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { Alert, Heading, Link, Paragraph, Table } from "../../ui/content";
import { dutchDateTime } from "../../ui/dutch-date-time";
import { PostForm, SubmitButton } from "../../ui/forms";
import { Layout } from "../../ui/layout";
import { permissionWords } from "./permission-labels";

type Notice = { kind: "ok" | "warning"; text: string };

const NOTICES: Record<string, Notice> = {
  uitgenodigd: { kind: "ok", text: "De uitnodiging is verstuurd." },
  "uitnodiging-niet-verstuurd": {
    kind: "warning",
    text: "De uitnodiging is gemaakt, maar de e-mail kon niet worden verstuurd. Trek de uitnodiging in en probeer het later opnieuw.",
  },
  ingetrokken: { kind: "ok", text: "De uitnodiging is ingetrokken." },
  "rechten-gewijzigd": { kind: "ok", text: "De rechten zijn gewijzigd." },
  verwijderd: { kind: "ok", text: "Het teamlid is uit het team verwijderd." },
};

export const teamPath = (serviceId: string) => `/diensten/${serviceId}/team`;

/** The team page; `problem` is shown (status 400) when a change from this page was refused. */
export async function renderTeam(context: ServiceContext, problem?: string): Promise<Response> {
  const { services, access, signedIn, csrfToken, layoutService, now, url } = context;
  const [members, invitations] = await Promise.all([
    listTeamMembers(services.db, access.service),
    listOpenInvitations(services.db, access.service.id, now),
  ]);
  const manages = access.permissions.includes("manage_service");
  const base = teamPath(access.service.id);
  const notice = problem ? undefined : NOTICES[url.searchParams.get("melding") ?? ""];
  return htmlPage(
    <Layout title="Team" user={signedIn.user} csrfToken={csrfToken} service={layoutService} currentPath={base}>
      {problem ? <Alert kind="error">{problem}</Alert> : null}
      {notice ? <Alert kind={notice.kind}>{notice.text}</Alert> : null}
      <Heading>Team</Heading>
      <Paragraph>Dit zijn de mensen die met deze dienst werken, en wat ze mogen doen.</Paragraph>
      {manages ? (
        <Paragraph>
          <Link href={`${base}/uitnodigen`}>Iemand uitnodigen</Link>
        </Paragraph>
      ) : null}
      <Table
        caption="Teamleden"
        rows={members}
        columns={[
          { header: "Naam", cell: (member) => member.name },
          { header: "E-mailadres", cell: (member) => member.emailAddress },
          { header: "Rechten", cell: (member) => permissionWords(member.permissions) },
          ...(manages
            ? [
                {
                  header: "Wijzigen",
                  cell: (member: (typeof members)[number]) => (
                    <a class="nl-link" href={`${base}/${member.userId}`}>
                      Wijzigen<span class="rhc-visually-hidden"> {member.name}</span>
                    </a>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Heading level={2}>Open uitnodigingen</Heading>
      <Table
        caption="Open uitnodigingen"
        rows={invitations}
        empty="Er zijn geen open uitnodigingen."
        columns={[
          { header: "E-mailadres", cell: (invitation) => invitation.emailAddress },
          { header: "Verloopt op", cell: (invitation) => dutchDateTime(invitation.expiresAt) },
          ...(manages
            ? [
                {
                  header: "Intrekken",
                  cell: (invitation: (typeof invitations)[number]) => (
                    <PostForm csrfToken={csrfToken} action={`${base}/uitnodigingen/${invitation.id}/intrekken`} class="console-inline-form">
                      <SubmitButton variant="secondary">
                        Intrekken<span class="rhc-visually-hidden"> uitnodiging voor {invitation.emailAddress}</span>
                      </SubmitButton>
                    </PostForm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Layout>,
    { status: problem ? 400 : 200 },
  );
}

export const getTeam = servicePage("view", (context) => renderTeam(context));
