/** Choosing a new password from a reset link, and the pages for a link that no longer works. */

import { MIN_PASSWORD_LENGTH } from "../../accounts/passwords";
import { Heading, Link, Paragraph } from "../../ui/content";
import { ErrorSummary, type FormState, PostForm, SubmitButton, TextField } from "../../ui/forms";
import { Layout } from "../../ui/layout";
import { TotpCodeField } from "../../ui/totp-code-field";

export function ResetPasswordPage({ form, csrfToken, emailAddress }: { form: FormState; csrfToken: string; emailAddress: string }) {
  return (
    <Layout title="Nieuw wachtwoord kiezen">
      <ErrorSummary form={form} />
      <Heading>Nieuw wachtwoord kiezen</Heading>
      <Paragraph>
        U kiest een nieuw wachtwoord voor {emailAddress}. Daarna bent u overal uitgelogd en logt u in met het nieuwe wachtwoord.
      </Paragraph>
      <PostForm csrfToken={csrfToken}>
        <TextField
          name="wachtwoord"
          label="Nieuw wachtwoord"
          hint={`Minstens ${MIN_PASSWORD_LENGTH} tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.`}
          type="password"
          autocomplete="new-password"
          form={form}
          maxlength={256}
        />
        <TextField
          name="herhaling"
          label="Nieuw wachtwoord nog een keer"
          type="password"
          autocomplete="new-password"
          form={form}
          maxlength={256}
        />
        <TotpCodeField form={form} hint="De 6 cijfers die uw app voor inloggen (authenticator-app) nu laat zien." />
        <SubmitButton>Wachtwoord opslaan</SubmitButton>
      </PostForm>
    </Layout>
  );
}

export type UnusableLink = "unknown" | "expired" | "used" | "too-many-codes";

const UNUSABLE: Record<UnusableLink, { title: string; text: string }> = {
  unknown: {
    title: "Deze link werkt niet",
    text: "De link klopt niet. Misschien is hij niet helemaal gekopieerd. Vraag een nieuwe link aan.",
  },
  expired: {
    title: "Deze link is verlopen",
    text: "Een link om een nieuw wachtwoord te kiezen werkt 1 uur. Vraag een nieuwe link aan.",
  },
  used: {
    title: "Deze link is al gebruikt",
    text: "Een link werkt maar 1 keer. Hebt u al een nieuw wachtwoord gekozen? Log dan in met dat wachtwoord. Anders kunt u een nieuwe link aanvragen.",
  },
  "too-many-codes": {
    title: "Deze link werkt niet meer",
    text: "De code uit uw app was te vaak niet goed. Daarom werkt deze link niet meer. Vraag een nieuwe link aan en gebruik de code die uw app op dat moment laat zien.",
  },
};

export function UnusableLinkPage({ reason }: { reason: UnusableLink }) {
  const { title, text } = UNUSABLE[reason];
  return (
    <Layout title={title}>
      <Heading>{title}</Heading>
      <Paragraph>{text}</Paragraph>
      <Paragraph>
        <Link href="/wachtwoord-vergeten">Vraag een nieuwe link aan</Link>
      </Paragraph>
    </Layout>
  );
}
