/** The console's answers when a page cannot be shown: not found, not allowed, form refused, error. */
import { htmlPage } from "../http/html-response";
import { Heading, Link, Paragraph } from "../ui/content";
import { Layout, type LayoutUser } from "../ui/layout";

interface StatusPageProps {
  user?: LayoutUser | undefined;
  csrfToken?: string | undefined;
}

export function notFoundPage({ user, csrfToken }: StatusPageProps = {}): Promise<Response> {
  return htmlPage(
    <Layout title="Pagina niet gevonden" user={user} csrfToken={csrfToken}>
      <Heading>Pagina niet gevonden</Heading>
      <Paragraph>Deze pagina bestaat niet, of u hebt er geen toegang toe. Controleer het adres.</Paragraph>
      <Paragraph>
        <Link href="/">Naar de beginpagina</Link>
      </Paragraph>
    </Layout>,
    { status: 404 },
  );
}

export function forbiddenPage({ user, csrfToken }: StatusPageProps = {}): Promise<Response> {
  return htmlPage(
    <Layout title="Geen toestemming" user={user} csrfToken={csrfToken}>
      <Heading>U hebt geen toestemming voor deze pagina</Heading>
      <Paragraph>Vraag iemand uit het team van deze dienst die het team beheert om u die toestemming te geven.</Paragraph>
      <Paragraph>
        <Link href="/">Naar de beginpagina</Link>
      </Paragraph>
    </Layout>,
    { status: 403 },
  );
}

export function formRefusedPage({ user, csrfToken }: StatusPageProps = {}): Promise<Response> {
  return htmlPage(
    <Layout title="Formulier niet verwerkt" user={user} csrfToken={csrfToken}>
      <Heading>Het formulier is niet verwerkt</Heading>
      <Paragraph>
        Het formulier is verlopen of kwam niet van deze website. Er is niets opgeslagen of verstuurd. Ga terug, laad de pagina opnieuw en
        probeer het nog een keer.
      </Paragraph>
    </Layout>,
    { status: 403 },
  );
}

export function errorPage({ user, csrfToken }: StatusPageProps = {}): Promise<Response> {
  return htmlPage(
    <Layout title="Er ging iets mis" user={user} csrfToken={csrfToken}>
      <Heading>Er ging iets mis</Heading>
      <Paragraph>Er is iets misgegaan aan onze kant. Probeer het over een paar minuten opnieuw.</Paragraph>
    </Layout>,
    { status: 500 },
  );
}
