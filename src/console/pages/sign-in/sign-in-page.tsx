/** The sign-in form: email address, password and the code from the authenticator app. */
import { Alert, Heading, Link, Paragraph } from "../../ui/content";
import { ErrorSummary, type FormState, PostForm, SubmitButton, TextField } from "../../ui/forms";
import { Layout } from "../../ui/layout";
import { TotpCodeField } from "../../ui/totp-code-field";

export const SIGN_IN_FAILED =
  "Het e-mailadres, het wachtwoord of de code klopt niet. Na 5 mislukte pogingen kunt u 15 minuten niet inloggen.";

export type SignInNotice = "signed-out" | "password-reset";

const NOTICES: Record<SignInNotice, string> = {
  "signed-out": "U bent uitgelogd.",
  "password-reset": "Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.",
};

export function SignInPage({ form, csrfToken, notice }: { form: FormState; csrfToken: string; notice?: SignInNotice | undefined }) {
  return (
    <Layout title="Inloggen">
      {notice ? <Alert kind="info">{NOTICES[notice]}</Alert> : null}
      <ErrorSummary form={form} />
      <Heading>Inloggen bij NotifyNL</Heading>
      <Paragraph>Log in met uw e-mailadres, uw wachtwoord en de code uit uw app voor inloggen (authenticator-app).</Paragraph>
      <PostForm csrfToken={csrfToken}>
        <input type="hidden" name="terug" value={form.values.terug ?? ""} />
        <TextField name="email" label="E-mailadres" type="email" autocomplete="username" form={form} maxlength={320} />
        <TextField name="wachtwoord" label="Wachtwoord" type="password" autocomplete="current-password" form={form} maxlength={256} />
        <TotpCodeField form={form} />
        <SubmitButton>Inloggen</SubmitButton>
      </PostForm>
      <Paragraph>
        <Link href="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
      </Paragraph>
    </Layout>
  );
}
