/** GET /account: who is signed in, and signing out on every device. */
import { signedInPage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { Heading, Paragraph } from "../../ui/content";
import { PostForm, SubmitButton } from "../../ui/forms";
import { Layout } from "../../ui/layout";

export const getAccount = signedInPage(async ({ signedIn: { user }, csrfToken }) =>
  htmlPage(
    <Layout title="Mijn account" user={user} csrfToken={csrfToken}>
      <Heading>Mijn account</Heading>
      <dl class="utrecht-data-list utrecht-data-list--rows">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Naam</dt>
          <dd class="utrecht-data-list__item-value">{user.name}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">E-mailadres</dt>
          <dd class="utrecht-data-list__item-value">{user.emailAddress}</dd>
        </div>
      </dl>
      <Heading level={2}>Overal uitloggen</Heading>
      <Paragraph>Bent u ingelogd op een computer die u niet meer gebruikt? Log dan overal tegelijk uit, ook hier.</Paragraph>
      <PostForm csrfToken={csrfToken} action="/account/overal-uitloggen">
        <SubmitButton variant="secondary">Overal uitloggen</SubmitButton>
      </PostForm>
    </Layout>,
  ),
);
