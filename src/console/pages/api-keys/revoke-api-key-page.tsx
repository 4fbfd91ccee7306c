/** Asking "are you sure?" before a key is revoked, with what revoking means. */
import type { ApiKeyRow } from "../../../admin/api-keys/api-key-object";
import { Alert, Heading, Link, Paragraph } from "../../ui/content";
import { dutchDateTime } from "../../ui/dutch-date-time";
import { PostForm, SubmitButton } from "../../ui/forms";
import { Layout, type LayoutService, type LayoutUser } from "../../ui/layout";
import { KEY_TYPE_LABELS } from "./key-types";

export function RevokeApiKeyPage({
  apiKey,
  user,
  csrfToken,
  service,
}: {
  apiKey: ApiKeyRow;
  user: LayoutUser;
  csrfToken: string;
  service: LayoutService;
}) {
  const list = `/diensten/${service.id}/api-sleutels`;
  return (
    <Layout
      title="API-sleutel intrekken"
      user={user}
      csrfToken={csrfToken}
      service={service}
      currentPath={`${list}/${apiKey.id}/intrekken`}
    >
      <Heading>API-sleutel ‘{apiKey.name}’ intrekken</Heading>
      {apiKey.revokedAt !== null ? (
        <Alert kind="info">Deze sleutel is al ingetrokken op {dutchDateTime(apiKey.revokedAt)}.</Alert>
      ) : (
        <>
          <Paragraph>
            Deze sleutel van de soort ‘{KEY_TYPE_LABELS[apiKey.keyType]}’ werkt daarna meteen niet meer. Systemen die hem gebruiken, kunnen
            dan geen berichten meer versturen. U kunt dit niet ongedaan maken.
          </Paragraph>
          <div class="console-actions">
            <PostForm csrfToken={csrfToken}>
              <SubmitButton variant="danger">Ja, sleutel intrekken</SubmitButton>
            </PostForm>
            <Link href={list}>Nee, terug naar de API-sleutels</Link>
          </div>
        </>
      )}
      {apiKey.revokedAt !== null ? (
        <Paragraph>
          <Link href={list}>Terug naar de API-sleutels</Link>
        </Paragraph>
      ) : null}
    </Layout>
  );
}
