/**
 * GET and POST /wachtwoord-herstellen/:token: a new password with the code from the authenticator
 * app (src/console/accounts/password-reset.ts). A link that does not work gets a page saying so:
 * 404 for an unknown link, 410 for an expired or used one.
 */

import { completePasswordReset, findResetLink } from "../../accounts/password-reset";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../../accounts/passwords";
import { field } from "../../http/console-form";
import { anonymousPage, type ConsoleContext } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { emptyForm, type FormState } from "../../ui/forms";
import { ResetPasswordPage, type UnusableLink, UnusableLinkPage } from "./reset-password-page";

/** The link is a secret: pages under it are not cached (htmlPage keeps the referrer on this site). */

const tokenOf = (context: ConsoleContext) => String(context.request.params.token ?? "");

function unusable(reason: UnusableLink): Promise<Response> {
  return htmlPage(<UnusableLinkPage reason={reason} />, { status: reason === "unknown" ? 404 : 410 });
}

function form(context: ConsoleContext, emailAddress: string, state: FormState, status = 200): Promise<Response> {
  return htmlPage(<ResetPasswordPage form={state} csrfToken={context.csrfToken} emailAddress={emailAddress} />, {
    status,
  });
}

function passwordErrors(password: string, repeated: string, code: string): FormState["errors"] {
  let wachtwoord: string | undefined;
  if (password === "") wachtwoord = "Kies een nieuw wachtwoord.";
  else if (password.length < MIN_PASSWORD_LENGTH) wachtwoord = `Uw wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens lang zijn.`;
  else if (password.length > MAX_PASSWORD_LENGTH) wachtwoord = `Uw wachtwoord mag hoogstens ${MAX_PASSWORD_LENGTH} tekens lang zijn.`;
  return {
    wachtwoord,
    herhaling: wachtwoord === undefined && repeated !== password ? "De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw." : undefined,
    code: code === "" ? "Vul de code uit uw app in." : undefined,
  };
}

export const getResetPassword = anonymousPage(async (context) => {
  const link = await findResetLink(context.services.db, tokenOf(context), context.now);
  if (link.state !== "open") return unusable(link.state);
  return form(context, link.user.emailAddress, emptyForm());
});

export const postResetPassword = anonymousPage(async (context) => {
  const token = tokenOf(context);
  const link = await findResetLink(context.services.db, token, context.now);
  if (link.state !== "open") return unusable(link.state);

  const posted = context.form as URLSearchParams;
  const password = field(posted, "wachtwoord", { trim: false, max: MAX_PASSWORD_LENGTH + 1 });
  const repeated = field(posted, "herhaling", { trim: false, max: MAX_PASSWORD_LENGTH + 1 });
  const code = field(posted, "code", { max: 10 });
  const errors = passwordErrors(password, repeated, code);
  if (Object.values(errors).some(Boolean)) return form(context, link.user.emailAddress, { values: {}, errors }, 400);

  const { db, secrets } = context.services;
  const result = await completePasswordReset(
    { db, secrets },
    { token, password, code },
    { requestId: context.request.requestId, at: context.now },
  );
  if (result.ok) return seeOther("/inloggen?melding=wachtwoord-gewijzigd");
  if (result.problem === "link") return unusable(result.state);
  if (result.problem === "code" && result.linkEnded) return unusable("too-many-codes");
  const message =
    result.problem === "code"
      ? "De code klopt niet. Vul de 6 cijfers in die uw app nu laat zien. Na 5 foute codes werkt deze link niet meer."
      : `Uw wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens lang zijn.`;
  return form(
    context,
    link.user.emailAddress,
    { values: {}, errors: result.problem === "code" ? { code: message } : { wachtwoord: message } },
    400,
  );
});
