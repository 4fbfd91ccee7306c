/**
 * The form of an invitation for someone without an account: name, password, and the second
 * factor: install an app, scan the QR code (or type the key over), type the code the app shows.
 */
import type { InvitationRow } from "../../accounts/invitations";
import { Heading, Paragraph } from "../../ui/content";
import { ErrorSummary, type FormState, PostForm, SubmitButton, TextField } from "../../ui/forms";
import { Layout, type LayoutUser } from "../../ui/layout";
import { TotpCodeField } from "../../ui/totp-code-field";
import { QrCode } from "./totp-qr-code";

export interface NewAccountProps {
  invitation: InvitationRow;
  serviceName: string;
  /** The base32 secret the app is set up with, and the otpauth:// URI the QR code holds. */
  secret: string;
  uri: string;
  form: FormState;
  csrfToken: string;
  user?: LayoutUser | undefined;
}

export function NewAccountForm({ invitation, serviceName, secret, uri, form, csrfToken, user }: NewAccountProps) {
  return (
    <Layout title="Account maken" user={user} csrfToken={csrfToken}>
      <ErrorSummary form={form} />
      <Heading>Maak uw account voor {serviceName}</Heading>
      <Paragraph>
        U bent uitgenodigd voor het team van {serviceName} in NotifyNL. U logt in met uw e-mailadres {invitation.emailAddress}, een
        wachtwoord en een code uit een app op uw telefoon.
      </Paragraph>
      <PostForm csrfToken={csrfToken}>
        <TextField
          name="naam"
          label="Uw naam"
          hint="Uw collega's zien deze naam in het team."
          autocomplete="name"
          form={form}
          maxlength={100}
        />
        <TextField
          name="wachtwoord"
          label="Kies een wachtwoord"
          hint="Minstens 12 tekens. Een zin van een paar woorden is lang en goed te onthouden."
          type="password"
          autocomplete="new-password"
          form={form}
          maxlength={256}
        />
        <Heading level={2}>Inloggen met een app op uw telefoon</Heading>
        <ol class="utrecht-ordered-list">
          <li class="utrecht-ordered-list__item">
            Installeer een app voor inloggen (authenticator-app) op uw telefoon, als u die nog niet hebt. Bijvoorbeeld Microsoft
            Authenticator of Google Authenticator.
          </li>
          <li class="utrecht-ordered-list__item">Open de app en kies voor een nieuw account toevoegen. Scan dan deze QR-code:</li>
        </ol>
        <QrCode text={uri} label="QR-code om NotifyNL aan uw app voor inloggen toe te voegen" />
        <Paragraph>Lukt scannen niet? Kies in de app voor een sleutel invoeren en typ deze sleutel over:</Paragraph>
        <p class="nl-paragraph">
          <code class="console-secret" id="totp-geheim">
            {secret}
          </code>
        </p>
        <ol class="utrecht-ordered-list" start={3}>
          <li class="utrecht-ordered-list__item">De app laat nu een code van 6 cijfers zien. Typ die code hieronder.</li>
        </ol>
        <TotpCodeField form={form} hint="De 6 cijfers die uw app nu laat zien. De code verandert elke 30 seconden." />
        <SubmitButton>Account maken</SubmitButton>
      </PostForm>
    </Layout>
  );
}
