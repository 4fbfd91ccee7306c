/** The trial recipients of a service: what trial mode is, the list with a remove button each, and the add form. */
import type { TeamMemberRow } from "../../../admin/team-members/create-team-member";
import { Alert, Heading, Paragraph, Table } from "../../ui/content";
import { dutchDateTime } from "../../ui/dutch-date-time";
import { ErrorSummary, type FormState, PostForm, SubmitButton, TextField } from "../../ui/forms";
import { Layout, type LayoutService, type LayoutUser } from "../../ui/layout";

const TRIAL_MODE_EXPLAINED =
  "Een dienst in proefmodus kan alleen berichten versturen naar de e-mailadressen en mobiele nummers op deze lijst, zodat u veilig kunt testen voordat de dienst live gaat.";

const recipientOf = (row: TeamMemberRow) => row.emailAddress ?? row.phoneNumber ?? "";

export function TrialRecipientsPage({
  members,
  form,
  notice,
  user,
  csrfToken,
  service,
}: {
  members: readonly TeamMemberRow[];
  form: FormState;
  notice?: string | undefined;
  user: LayoutUser;
  csrfToken: string;
  service: LayoutService;
}) {
  const base = `/diensten/${service.id}/proefontvangers`;
  return (
    <Layout title="Proefontvangers" user={user} csrfToken={csrfToken} service={service} currentPath={base}>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <ErrorSummary form={form} />
      <Heading>Proefontvangers</Heading>
      <Paragraph>{TRIAL_MODE_EXPLAINED}</Paragraph>
      <Paragraph>
        {service.restricted
          ? "Deze dienst is in proefmodus."
          : "Deze dienst is live en kan naar iedereen versturen. Alleen API-sleutels van de soort ‘Team en proefontvangers’ versturen nog alleen naar deze lijst."}
      </Paragraph>
      <Table
        caption="Proefontvangers van deze dienst"
        rows={members}
        empty="Er staan nog geen proefontvangers op de lijst."
        columns={[
          { header: "E-mailadres of mobiel nummer", cell: recipientOf },
          { header: "Toegevoegd op", cell: (row) => dutchDateTime(row.createdAt) },
          {
            header: "Actie",
            cell: (row) => (
              <PostForm csrfToken={csrfToken} action={`${base}/${row.id}/verwijderen`} class="console-inline-form">
                <SubmitButton variant="secondary">
                  Verwijderen<span class="rhc-visually-hidden"> ({recipientOf(row)})</span>
                </SubmitButton>
              </PostForm>
            ),
          },
        ]}
      />
      <Heading level={2}>Proefontvanger toevoegen</Heading>
      <PostForm csrfToken={csrfToken} action={base}>
        <TextField
          name="ontvanger"
          label="E-mailadres of mobiel nummer"
          hint="Bijvoorbeeld naam@gemeente.nl of 06 12345678."
          form={form}
          maxlength={320}
        />
        <SubmitButton>Toevoegen</SubmitButton>
      </PostForm>
    </Layout>
  );
}
