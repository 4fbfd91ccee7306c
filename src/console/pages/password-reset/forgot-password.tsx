/**
 * GET and POST /wachtwoord-vergeten: asking for a reset link (src/console/accounts/password-reset.ts).
 * Every accepted post gets the same 303 to the same notice, at once, whether or not the address has
 * an account; the request itself runs after the answer.
 */
import { errorFields, log } from "../../../lib/log";
import { validateEmailAddress } from "../../../notifications/recipients";
import { requestPasswordReset } from "../../accounts/password-reset";
import { field } from "../../http/console-form";
import { anonymousPage } from "../../http/console-route";
import { htmlPage, seeOther } from "../../http/html-response";
import { emptyForm } from "../../ui/forms";
import { ForgotPasswordPage } from "./forgot-password-page";

export const getForgotPassword = anonymousPage(async ({ url, csrfToken }) =>
  htmlPage(
    <ForgotPasswordPage form={emptyForm()} csrfToken={csrfToken} requested={url.searchParams.get("melding") === "link-verstuurd"} />,
  ),
);

export const postForgotPassword = anonymousPage(async (context) => {
  const email = field(context.form as URLSearchParams, "email", { max: 320 });
  let error: string | undefined;
  if (email === "") error = "Vul uw e-mailadres in.";
  else if (!validateEmailAddress(email).ok) error = "Vul een geldig e-mailadres in, zoals naam@gemeente.nl.";
  if (error) {
    return htmlPage(<ForgotPasswordPage form={{ values: { email }, errors: { email: error } }} csrfToken={context.csrfToken} />, {
      status: 400,
    });
  }
  // After the answer, for known and unknown addresses alike: how long the answer takes (a database
  // write and an email only for an account) must not tell which addresses have one.
  const { requestId } = context.request;
  context.request.waitUntil(
    requestPasswordReset(context.services, { emailAddress: email, origin: context.request.origin }, { requestId, at: context.now }).catch(
      (error) => log.error("console_password_reset_failed", { request_id: requestId, ...errorFields(error) }),
    ),
  );
  return seeOther("/wachtwoord-vergeten?melding=link-verstuurd");
});
