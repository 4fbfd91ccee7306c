/**
 * GET and POST /diensten/:serviceId/team/uitnodigen (manage_service): an email address and the
 * permissions; the invitation and its email are made by src/console/accounts/invitations.ts.
 */

import { validateEmailAddress } from "../../../notifications/recipients";
import { AccountRefusal, type AccountRefusalReason } from "../../accounts/account-refusal";
import { createInvitation } from "../../accounts/invitations";
import { field } from "../../http/console-form";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { Heading, Link, Paragraph } from "../../ui/content";
import { ChoiceGroup, ErrorSummary, emptyForm, type FormState, PostForm, SubmitButton, TextField } from "../../ui/forms";
import { Layout } from "../../ui/layout";
import { PERMISSION_CHOICES, PERMISSIONS_FIELD, permissionsValue, postedPermissions } from "./permission-labels";
import { teamPath } from "./team-list";

const REFUSALS: Partial<Record<AccountRefusalReason, string>> = {
  invalid_email: "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.",
  already_member: "Deze persoon zit al in het team van deze dienst.",
  already_invited: "Deze persoon heeft al een open uitnodiging voor deze dienst. Trek die eerst in als u een nieuwe wilt sturen.",
};

function render(context: ServiceContext, form: FormState, status = 200): Promise<Response> {
  const { signedIn, csrfToken, layoutService, access } = context;
  const base = teamPath(access.service.id);
  return htmlPage(
    <Layout title="Iemand uitnodigen" user={signedIn.user} csrfToken={csrfToken} service={layoutService} currentPath={`${base}/uitnodigen`}>
      <ErrorSummary form={form} />
      <Heading>Iemand uitnodigen</Heading>
      <Paragraph>De persoon krijgt een e-mail met een link. Met die link maakt de persoon een account. De link werkt 2 dagen.</Paragraph>
      <PostForm csrfToken={csrfToken}>
        <TextField name="email" label="E-mailadres" type="email" autocomplete="off" form={form} maxlength={320} />
        <ChoiceGroup
          name={PERMISSIONS_FIELD}
          legend="Wat mag deze persoon doen?"
          hint="Kies alles wat van toepassing is."
          form={form}
          choices={PERMISSION_CHOICES}
          multiple
        />
        <SubmitButton>Uitnodiging versturen</SubmitButton>
      </PostForm>
      <Paragraph>
        <Link href={base}>Terug naar het team</Link>
      </Paragraph>
    </Layout>,
    { status },
  );
}

export const getInviteMember = servicePage("manage_service", (context) =>
  render(context, emptyForm({ email: "", [PERMISSIONS_FIELD]: permissionsValue([]) })),
);

export const postInviteMember = servicePage("manage_service", async (context) => {
  const form = context.form as URLSearchParams;
  const email = field(form, "email", { max: 320 });
  const permissions = postedPermissions(form);
  const values = { email, [PERMISSIONS_FIELD]: permissionsValue(permissions) };
  const refuse = (message: string) => render(context, { values, errors: { email: message } }, 400);
  if (email === "") return refuse("Vul het e-mailadres in.");
  if (!validateEmailAddress(email).ok) return refuse(REFUSALS.invalid_email as string);

  const { services, access, signedIn, request, now } = context;
  try {
    const created = await createInvitation(
      { db: services.db, providers: services.providers, config: services.config, origin: context.url.origin },
      access.service,
      { emailAddress: email, permissions },
      { actor: signedIn.user.emailAddress, requestId: request.requestId, at: now },
    );
    return seeOther(`${teamPath(access.service.id)}?melding=${created.emailSent ? "uitgenodigd" : "uitnodiging-niet-verstuurd"}`);
  } catch (error) {
    const message = error instanceof AccountRefusal ? REFUSALS[error.reason] : undefined;
    if (message) return refuse(message);
    throw error;
  }
});
