/** POST /uitloggen and POST /account/overal-uitloggen: end the session(s), drop the cookie, back to sign-in. */
import { signOut, signOutEverywhere } from "../../accounts/sign-out";
import { signedInPage } from "../../http/console-route";
import { cookieHeader } from "../../http/cookies";
import { seeOther } from "../../http/html-response";

export const postSignOut = signedInPage(async ({ services, signedIn: session, request, now }) => {
  await signOut(services.db, session, { requestId: request.requestId, at: now });
  return seeOther("/inloggen?melding=uitgelogd", { "set-cookie": cookieHeader(request, "session", "", 0) });
});

export const postSignOutEverywhere = signedInPage(async ({ services, signedIn: session, request, now }) => {
  await signOutEverywhere(services.db, session, { requestId: request.requestId, at: now });
  return seeOther("/inloggen?melding=uitgelogd", { "set-cookie": cookieHeader(request, "session", "", 0) });
});
