/**
 * GET and POST /diensten/:serviceId/team/:userId (manage_service): a member's permissions, and the
 * button that removes them from the team (POST …/verwijderen, remove-member.ts). The rules (keep a
 * manager, not yourself) are in src/console/accounts/team.ts; this page says them in Dutch.
 */
import { AccountRefusal, type AccountRefusalReason } from "../../accounts/account-refusal";
import { changeMemberPermissions, findTeamMember, type TeamMember } from "../../accounts/team";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { Heading, Link, Paragraph } from "../../ui/content";
import { ChoiceGroup, ErrorSummary, type FormState, PostForm, SubmitButton } from "../../ui/forms";
import { Layout } from "../../ui/layout";
import { PERMISSION_CHOICES, PERMISSION_LABELS, PERMISSIONS_FIELD, permissionsValue, postedPermissions } from "./permission-labels";
import { teamPath } from "./team-list";

/** The form's name for a refused removal (the remove section carries its id). */
export const REMOVE_FIELD = "verwijderen";

const ONLY_MANAGER = `Dit is het enige teamlid dat het team en de instellingen beheert. Geef eerst iemand anders het recht ‘${PERMISSION_LABELS.manage_service}’.`;

/** The Dutch text of a refused change, at the field it concerns. */
const REFUSALS: Record<"permissions" | "remove", Partial<Record<AccountRefusalReason, string>>> = {
  permissions: {
    own_manage_service: `U kunt uw eigen recht ‘${PERMISSION_LABELS.manage_service}’ niet uitzetten. Vraag een ander teamlid dat het team beheert om dat te doen.`,
    last_manager: ONLY_MANAGER,
  },
  remove: {
    remove_self: "U kunt uzelf niet uit het team verwijderen.",
    last_manager: ONLY_MANAGER,
  },
};

export function memberOf(context: ServiceContext): Promise<TeamMember> {
  return findTeamMember(context.services.db, context.access.service, String(context.request.params.userId ?? ""));
}

export function renderMember(context: ServiceContext, member: TeamMember, form: FormState, status = 200): Promise<Response> {
  const { signedIn, csrfToken, layoutService, access } = context;
  const base = teamPath(access.service.id);
  const self = member.userId === signedIn.user.id;
  const removeError = form.errors[REMOVE_FIELD];
  return htmlPage(
    <Layout
      title={`Rechten van ${member.name}`}
      user={signedIn.user}
      csrfToken={csrfToken}
      service={layoutService}
      currentPath={`${base}/${member.userId}`}
    >
      <ErrorSummary form={form} />
      <Heading>Rechten van {member.name}</Heading>
      <Paragraph>E-mailadres: {member.emailAddress}</Paragraph>
      <PostForm csrfToken={csrfToken} action={`${base}/${member.userId}`}>
        <ChoiceGroup
          name={PERMISSIONS_FIELD}
          legend="Wat mag deze persoon doen?"
          hint={self ? `U kunt uw eigen recht ‘${PERMISSION_LABELS.manage_service}’ niet uitzetten.` : "Kies alles wat van toepassing is."}
          form={form}
          choices={PERMISSION_CHOICES}
          multiple
        />
        <SubmitButton>Rechten opslaan</SubmitButton>
      </PostForm>
      <section id={`veld-${REMOVE_FIELD}`} aria-labelledby="verwijderen-titel">
        <h2 class="nl-heading nl-heading--level-2" id="verwijderen-titel">
          Uit het team verwijderen
        </h2>
        {removeError ? <div class="utrecht-form-field-error-message">{removeError}</div> : null}
        {self ? (
          <Paragraph>U kunt uzelf niet uit het team verwijderen. Vraag een ander teamlid dat het team beheert.</Paragraph>
        ) : (
          <>
            <Paragraph>
              Na het verwijderen kan {member.name} niet meer bij deze dienst. Hoort deze persoon bij geen andere dienst meer? Dan wordt het
              account ook gesloten.
            </Paragraph>
            <PostForm csrfToken={csrfToken} action={`${base}/${member.userId}/verwijderen`}>
              <SubmitButton variant="danger">{`${member.name} uit het team verwijderen`}</SubmitButton>
            </PostForm>
          </>
        )}
      </section>
      <Paragraph>
        <Link href={base}>Terug naar het team</Link>
      </Paragraph>
    </Layout>,
    { status },
  );
}

/** The member page again with the Dutch text of a refusal; anything else is thrown on. */
export function renderRefusal(
  context: ServiceContext,
  member: TeamMember,
  change: "permissions" | "remove",
  values: FormState["values"],
  error: unknown,
): Promise<Response> {
  const message = error instanceof AccountRefusal ? REFUSALS[change][error.reason] : undefined;
  if (!message) throw error;
  const field = change === "permissions" ? PERMISSIONS_FIELD : REMOVE_FIELD;
  return renderMember(context, member, { values, errors: { [field]: message } }, 400);
}

export const getTeamMember = servicePage("manage_service", async (context) => {
  const member = await memberOf(context);
  return renderMember(context, member, { values: { [PERMISSIONS_FIELD]: permissionsValue(member.permissions) }, errors: {} });
});

export const postTeamMember = servicePage("manage_service", async (context) => {
  const member = await memberOf(context);
  const permissions = postedPermissions(context.form as URLSearchParams);
  const { services, access, signedIn, request, now } = context;
  try {
    await changeMemberPermissions(services.db, access.service, signedIn.user, member.userId, permissions, {
      actor: signedIn.user.emailAddress,
      requestId: request.requestId,
      at: now,
    });
  } catch (error) {
    return renderRefusal(context, member, "permissions", { [PERMISSIONS_FIELD]: permissionsValue(permissions) }, error);
  }
  return seeOther(`${teamPath(access.service.id)}?melding=rechten-gewijzigd`);
});
