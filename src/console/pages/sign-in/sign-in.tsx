/** GET and POST /inloggen: the form, and signing in (src/console/accounts/sign-in.ts). */
import { signIn } from "../../accounts/sign-in";
import { field } from "../../http/console-form";
import { anonymousPage, type ConsoleContext } from "../../http/console-route";
import { cookieHeader } from "../../http/cookies";
import { htmlPage, seeOther } from "../../http/html-response";
import { startSession } from "../../sessions/sessions";
import { emptyForm, type FormState } from "../../ui/forms";
import { SIGN_IN_FAILED, type SignInNotice, SignInPage } from "./sign-in-page";

const NOTICE_KEYS: Record<string, SignInNotice> = {
  uitgelogd: "signed-out",
  "wachtwoord-gewijzigd": "password-reset",
};

const THIS_SITE = "http://console.invalid";

/**
 * `terug` as a path on this site; "/" for anything else. It is parsed the way a browser will read
 * the Location header (tabs and newlines dropped, `\\` read as `/`), so `/\t/evil.example` or
 * `/\\evil.example` cannot turn into another host.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.length > 500) return "/";
  const url = new URL(value, THIS_SITE);
  return url.origin === THIS_SITE ? `${url.pathname}${url.search}` : "/";
}

function render(context: ConsoleContext, form: FormState, status = 200): Promise<Response> {
  const melding = context.url.searchParams.get("melding") ?? "";
  return htmlPage(<SignInPage form={form} csrfToken={context.csrfToken} notice={NOTICE_KEYS[melding]} />, { status });
}

export const getSignIn = anonymousPage(async (context) => {
  if (context.signedIn) return seeOther(safeReturnPath(context.url.searchParams.get("terug")));
  return render(context, emptyForm({ terug: safeReturnPath(context.url.searchParams.get("terug")) }));
});

export const postSignIn = anonymousPage(async (context) => {
  const form = context.form as URLSearchParams;
  const values = { email: field(form, "email", { max: 320 }), terug: safeReturnPath(field(form, "terug")) };
  const password = field(form, "wachtwoord", { trim: false, max: 256 });
  const code = field(form, "code", { max: 10 });
  const errors = {
    email: values.email === "" ? "Vul uw e-mailadres in." : undefined,
    wachtwoord: password === "" ? "Vul uw wachtwoord in." : undefined,
    code: code === "" ? "Vul de code uit uw app in." : undefined,
  };
  if (errors.email || errors.wachtwoord || errors.code) return render(context, { values, errors }, 400);

  const { db, secrets } = context.services;
  const result = await signIn(
    { db, secrets },
    { emailAddress: values.email, password, code },
    { requestId: context.request.requestId, at: context.now },
  );
  if (!result.ok) return render(context, { values, errors: { email: SIGN_IN_FAILED } }, 400);

  const session = await startSession(db, result.user.id, context.now);
  const headers = new Headers();
  headers.append("set-cookie", cookieHeader(context.request, "session", session.token));
  headers.append("set-cookie", cookieHeader(context.request, "form", "", 0));
  return seeOther(values.terug, headers);
});
