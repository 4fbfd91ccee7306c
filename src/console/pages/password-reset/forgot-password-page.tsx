/** The "forgot your password" form, and the one answer it always gets (it never says whether an account exists). */
import { Alert, Heading, Link, Paragraph } from "../../ui/content";
import { ErrorSummary, type FormState, PostForm, SubmitButton, TextField } from "../../ui/forms";
import { Layout } from "../../ui/layout";

export const RESET_REQUESTED =
  "Als dit e-mailadres bij een account hoort, ontvangt u binnen een paar minuten een e-mail met een link om een nieuw wachtwoord te kiezen.";

export function ForgotPasswordPage({ form, csrfToken, requested = false }: { form: FormState; csrfToken: string; requested?: boolean }) {
  return (
    <Layout title="Wachtwoord vergeten">
      <ErrorSummary form={form} />
      <Heading>Wachtwoord vergeten</Heading>
      {requested ? (
        <>
          <Alert kind="ok">{RESET_REQUESTED}</Alert>
          <Paragraph>
            De link werkt 1 uur. Geen e-mail gekregen? Kijk ook in uw map met ongewenste e-mail, of vraag het over een paar minuten opnieuw.
          </Paragraph>
        </>
      ) : (
        <Paragraph>
          Vul het e-mailadres in waarmee u inlogt. U krijgt dan een e-mail met een link om een nieuw wachtwoord te kiezen. Daarna hebt u ook
          de code uit uw app voor inloggen nodig.
        </Paragraph>
      )}
      <PostForm csrfToken={csrfToken} action="/wachtwoord-vergeten">
        <TextField name="email" label="E-mailadres" type="email" autocomplete="username" form={form} maxlength={320} />
        <SubmitButton>{requested ? "Stuur nog een link" : "Stuur mij een link"}</SubmitButton>
      </PostForm>
      <Paragraph>
        <Link href="/inloggen">Terug naar inloggen</Link>
      </Paragraph>
    </Layout>
  );
}
