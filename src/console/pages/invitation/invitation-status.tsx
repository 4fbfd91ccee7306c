/**
 * The pages of an invitation link that cannot be used (any more): unknown (404), expired,
 * cancelled, used, or for an address that cannot accept it (410); and, when signed in as someone
 * else, which account to sign in with. Each says what happened and what to do now.
 */
import type { InvitationState } from "../../accounts/accept-invitation";
import type { ConsoleContext } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { Heading, Link, Paragraph } from "../../ui/content";
import { PostForm, SubmitButton } from "../../ui/forms";
import { Layout } from "../../ui/layout";

type ClosedKind = Exclude<InvitationState["kind"], "existing_account" | "new_account">;

const PAGES: Record<ClosedKind, { status: number; title: string; text: string; signIn?: boolean }> = {
  unknown: {
    status: 404,
    title: "Deze uitnodiging bestaat niet",
    text:
      "Misschien is de link niet helemaal goed overgenomen. Kopieer de link uit de e-mail nog een keer, in zijn geheel. " +
      "Werkt het dan nog niet? Vraag degene die u uitnodigde om een nieuwe uitnodiging.",
  },
  expired: {
    status: 410,
    title: "Deze uitnodiging is verlopen",
    text: "Een uitnodiging werkt 2 dagen. Vraag degene die u uitnodigde om u opnieuw uit te nodigen.",
  },
  cancelled: {
    status: 410,
    title: "Deze uitnodiging is ingetrokken",
    text: "De uitnodiging is ingetrokken en werkt niet meer. Denkt u dat dit niet klopt? Neem dan contact op met degene die u uitnodigde.",
  },
  accepted: {
    status: 410,
    title: "Deze uitnodiging is al gebruikt",
    text: "Met deze uitnodiging is al een account gemaakt of aan het team toegevoegd. Log in met uw e-mailadres, uw wachtwoord en de code uit uw app.",
    signIn: true,
  },
  not_usable: {
    status: 410,
    title: "Deze uitnodiging kan niet worden gebruikt",
    text: "Met dit e-mailadres kunt u deze uitnodiging niet accepteren. Neem contact op met degene die u uitnodigde.",
  },
};

export function closedInvitationPage(context: ConsoleContext, kind: ClosedKind): Promise<Response> {
  const page = PAGES[kind];
  const user = context.signedIn?.user;
  return htmlPage(
    <Layout title={page.title} user={user} csrfToken={context.csrfToken}>
      <Heading>{page.title}</Heading>
      <Paragraph>{page.text}</Paragraph>
      <Paragraph>
        {page.signIn && !user ? <Link href="/inloggen">Naar inloggen</Link> : <Link href="/">Naar de beginpagina</Link>}
      </Paragraph>
    </Layout>,
    { status: page.status },
  );
}

/** Signed in, but not as the account the invitation is for. */
export function otherAccountPage(context: ConsoleContext, invitedAddress: string): Promise<Response> {
  const user = context.signedIn?.user;
  return htmlPage(
    <Layout title="Uitnodiging voor een ander account" user={user} csrfToken={context.csrfToken}>
      <Heading>Deze uitnodiging is voor een ander account</Heading>
      <Paragraph>
        U bent ingelogd als {user?.emailAddress}. De uitnodiging is voor {invitedAddress}. Log uit en log daarna in met het account van{" "}
        {invitedAddress}. Open dan de link uit de e-mail opnieuw.
      </Paragraph>
      <PostForm csrfToken={context.csrfToken} action="/uitloggen">
        <SubmitButton variant="secondary">Uitloggen</SubmitButton>
      </PostForm>
    </Layout>,
    { status: 403 },
  );
}
