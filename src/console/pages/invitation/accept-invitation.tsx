/**
 * GET and POST /uitnodiging/:token (anyone with the link): what the invitation leads to
 * (src/console/accounts/accept-invitation.ts). Without an account: the new-account form, and on
 * success a session and the service's page. With an account in the organisation: sign in first,
 * then one button. A link that cannot be used gets a page that says why (invitation-status.tsx).
 */
import {
  type AcceptResult,
  acceptAsExistingAccount,
  acceptAsNewAccount,
  type InvitationState,
  invitationForToken,
  MAX_NAME_LENGTH,
  offeredTotpSecret,
} from "../../accounts/accept-invitation";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../accounts/passwords";
import { totpUri } from "../../accounts/totp";
import { field } from "../../http/console-form";
import { anonymousPage, type ConsoleContext, signInRedirect } from "../../http/console-route";
import { cookieHeader } from "../../http/cookies";
import { htmlPage, seeOther } from "../../http/html-response";
import { endSessionStatement, startSession } from "../../sessions/sessions";
import { emptyForm, type FormState, hasErrors } from "../../ui/forms";
import { closedInvitationPage, otherAccountPage } from "./invitation-status";
import { JoinTeamPage } from "./join-team";
import { NewAccountForm } from "./new-account-form";

type NewAccountState = Extract<InvitationState, { kind: "new_account" }>;

const WRONG_CODE = "De code klopt niet. Kijk of de app de QR-code van deze pagina heeft gescand en vul de code in die de app nu laat zien.";

function stateOf(context: ConsoleContext): Promise<InvitationState> {
  return invitationForToken(context.services.db, String(context.request.params.token ?? ""), context.now);
}

async function renderNewAccount(context: ConsoleContext, state: NewAccountState, form: FormState, status = 200): Promise<Response> {
  const secret = await offeredTotpSecret(context.services, state.invitation);
  return htmlPage(
    <NewAccountForm
      invitation={state.invitation}
      serviceName={state.service.name}
      secret={secret}
      uri={totpUri(secret, state.invitation.emailAddress)}
      form={form}
      csrfToken={context.csrfToken}
      user={context.signedIn?.user}
    />,
    { status },
  );
}

function newAccountErrors(name: string, password: string, code: string): FormState["errors"] {
  return {
    naam:
      name === ""
        ? "Vul uw naam in."
        : name.length > MAX_NAME_LENGTH
          ? `Uw naam mag hoogstens ${MAX_NAME_LENGTH} tekens lang zijn.`
          : undefined,
    wachtwoord:
      password.length < MIN_PASSWORD_LENGTH
        ? `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`
        : password.length > MAX_PASSWORD_LENGTH
          ? `Kies een wachtwoord van hoogstens ${MAX_PASSWORD_LENGTH} tekens.`
          : undefined,
    code: code === "" ? "Vul de code uit uw app in." : undefined,
  };
}

/** Signed in as the new account, on the service's page; a session of someone else in this browser ends. */
async function signedInTo(context: ConsoleContext, result: Extract<AcceptResult, { ok: true }>): Promise<Response> {
  const { db } = context.services;
  if (context.signedIn && context.signedIn.user.id !== result.userId) await endSessionStatement(db, context.signedIn.session);
  const session = await startSession(db, result.userId, context.now);
  const headers = new Headers();
  headers.append("set-cookie", cookieHeader(context.request, "session", session.token));
  headers.append("set-cookie", cookieHeader(context.request, "form", "", 0));
  return seeOther(`/diensten/${result.serviceId}`, headers);
}

async function postNewAccount(context: ConsoleContext, state: NewAccountState): Promise<Response> {
  const form = context.form as URLSearchParams;
  const name = field(form, "naam", { max: MAX_NAME_LENGTH + 1 });
  const password = field(form, "wachtwoord", { trim: false, max: MAX_PASSWORD_LENGTH + 1 });
  const code = field(form, "code", { max: 10 });
  const values = { naam: name, code: "" };
  const errors = newAccountErrors(name, password, code);
  if (hasErrors({ values, errors })) return renderNewAccount(context, state, { values, errors }, 400);

  const result = await acceptAsNewAccount(
    context.services,
    state,
    { name, password, code },
    { requestId: context.request.requestId, at: context.now },
  );
  if (result.ok) return signedInTo(context, result);
  if (result.reason === "wrong_code") return renderNewAccount(context, state, { values, errors: { code: WRONG_CODE } }, 400);
  return closedInvitationPage(context, "accepted");
}

export const getInvitation = anonymousPage(async (context) => {
  const state = await stateOf(context);
  if (state.kind === "new_account") return renderNewAccount(context, state, emptyForm({ naam: "", code: "" }));
  if (state.kind !== "existing_account") return closedInvitationPage(context, state.kind);
  if (!context.signedIn) return seeOther(signInRedirect(context.url));
  if (context.signedIn.user.id !== state.user.id) return otherAccountPage(context, state.invitation.emailAddress);
  return htmlPage(
    <JoinTeamPage
      invitation={state.invitation}
      serviceName={state.service.name}
      user={context.signedIn.user}
      csrfToken={context.csrfToken}
    />,
  );
});

export const postInvitation = anonymousPage(async (context) => {
  const state = await stateOf(context);
  if (state.kind === "new_account") return postNewAccount(context, state);
  if (state.kind !== "existing_account") return closedInvitationPage(context, state.kind);
  if (!context.signedIn) return seeOther(signInRedirect(context.url));
  if (context.signedIn.user.id !== state.user.id) return otherAccountPage(context, state.invitation.emailAddress);
  const result = await acceptAsExistingAccount(context.services.db, state, context.signedIn.user, {
    requestId: context.request.requestId,
    at: context.now,
  });
  return result.ok ? seeOther(`/diensten/${result.serviceId}`) : closedInvitationPage(context, "accepted");
});
