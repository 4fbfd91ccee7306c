/** The form for a new API key, and the page that shows the new key: once, with a warning to copy it now. */

import type { KeyType } from "../../../admin/api-keys/api-key-object";
import { Alert, Heading, Link, Paragraph } from "../../ui/content";
import { ChoiceGroup, ErrorSummary, type FormState, PostForm, SubmitButton, TextField } from "../../ui/forms";
import { Layout, type LayoutService, type LayoutUser } from "../../ui/layout";
import { KEY_TYPE_CHOICES, KEY_TYPE_LABELS } from "./key-types";

interface FrameProps {
  user: LayoutUser;
  csrfToken: string;
  service: LayoutService;
}

const listPath = (service: LayoutService) => `/diensten/${service.id}/api-sleutels`;

export function NewApiKeyPage({ form, ...frame }: FrameProps & { form: FormState }) {
  return (
    <Layout title="Nieuwe API-sleutel" {...frame} currentPath={`${listPath(frame.service)}/nieuw`}>
      <ErrorSummary form={form} />
      <Heading>Nieuwe API-sleutel</Heading>
      <PostForm csrfToken={frame.csrfToken}>
        <TextField
          name="naam"
          label="Naam van de sleutel"
          hint="Bijvoorbeeld de naam van het systeem dat de sleutel gebruikt. De naam staat ook aan het begin van de sleutel."
          form={form}
          maxlength={255}
        />
        <ChoiceGroup name="soort" legend="Soort sleutel" form={form} choices={KEY_TYPE_CHOICES} />
        <SubmitButton>Sleutel maken</SubmitButton>
      </PostForm>
      <Paragraph>
        <Link href={listPath(frame.service)}>Terug naar de API-sleutels</Link>
      </Paragraph>
    </Layout>
  );
}

export function CreatedApiKeyPage({ name, keyType, apiKey, ...frame }: FrameProps & { name: string; keyType: KeyType; apiKey: string }) {
  return (
    <Layout title="API-sleutel gemaakt" {...frame} currentPath={`${listPath(frame.service)}/nieuw`}>
      <Heading>API-sleutel gemaakt</Heading>
      <Alert kind="warning">
        Kopieer de sleutel nu en bewaar hem op een veilige plek. U ziet hem hierna nooit meer. Bent u hem kwijt? Trek hem dan in en maak een
        nieuwe.
      </Alert>
      <dl class="utrecht-data-list utrecht-data-list--rows">
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Naam</dt>
          <dd class="utrecht-data-list__item-value">{name}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Soort</dt>
          <dd class="utrecht-data-list__item-value">{KEY_TYPE_LABELS[keyType]}</dd>
        </div>
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">Sleutel</dt>
          <dd class="utrecht-data-list__item-value">
            <code class="console-secret" id="api-sleutel">
              {apiKey}
            </code>
          </dd>
        </div>
      </dl>
      <Paragraph>Deel de sleutel alleen met de mensen die het systeem beheren. Zet hem nooit in een e-mail of chatbericht.</Paragraph>
      <Paragraph>
        <Link href={listPath(frame.service)}>Ik heb de sleutel gekopieerd: terug naar de API-sleutels</Link>
      </Paragraph>
    </Layout>
  );
}
