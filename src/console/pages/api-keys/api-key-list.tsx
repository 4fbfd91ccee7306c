/** GET /diensten/:serviceId/api-sleutels: the service's API keys, what each kind may do, and a link to make one. */
import type { ApiKeyRow } from "../../../admin/api-keys/api-key-object";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { Alert, Heading, Paragraph, Table } from "../../ui/content";
import { dutchDateTime } from "../../ui/dutch-date-time";
import { Layout } from "../../ui/layout";
import { KEY_TYPE_HINTS, KEY_TYPE_LABELS } from "./key-types";
import { serviceApiKeys } from "./service-api-keys";

/** The fixed `?melding=` notices of this page (never text from the query itself). */
const NOTICES: Record<string, string> = {
  "sleutel-ingetrokken":
    "De API-sleutel is ingetrokken. Systemen die deze sleutel nog gebruiken, kunnen er geen berichten meer mee versturen.",
  "sleutel-al-ingetrokken": "Deze API-sleutel was al ingetrokken.",
};

function KeyStatus({ row, base }: { row: ApiKeyRow; base: string }) {
  if (row.revokedAt !== null) return <>Ingetrokken op {dutchDateTime(row.revokedAt)}</>;
  return (
    <a class="nl-link" href={`${base}/${row.id}/intrekken`}>
      Intrekken<span class="rhc-visually-hidden"> (sleutel {row.name})</span>
    </a>
  );
}

function KeyTypeExplanation() {
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows">
      {(["normal", "team", "test"] as const).map((type) => (
        <div class="utrecht-data-list__item">
          <dt class="utrecht-data-list__item-key">{KEY_TYPE_LABELS[type]}</dt>
          <dd class="utrecht-data-list__item-value">{KEY_TYPE_HINTS[type]}</dd>
        </div>
      ))}
    </dl>
  );
}

export const getApiKeyList = servicePage("manage_api_keys", async (context: ServiceContext) => {
  const { services, access, layoutService, signedIn, csrfToken, url } = context;
  const base = `/diensten/${access.service.id}/api-sleutels`;
  const keys = await serviceApiKeys(services.db, access.service.id);
  const notice = NOTICES[url.searchParams.get("melding") ?? ""];
  return htmlPage(
    <Layout title="API-sleutels" user={signedIn.user} csrfToken={csrfToken} service={layoutService} currentPath={base}>
      {notice ? <Alert kind="ok">{notice}</Alert> : null}
      <Heading>API-sleutels</Heading>
      <Paragraph>
        Met een API-sleutel verstuurt een systeem van uw organisatie berichten via deze dienst. Geef elk systeem een eigen sleutel. Trek een
        sleutel in als het systeem hem niet meer nodig heeft, of als iemand anders hem misschien kent.
      </Paragraph>
      <p class="nl-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${base}/nieuw`}>
          Nieuwe API-sleutel maken
        </a>
      </p>
      <Table
        caption="API-sleutels van deze dienst"
        rows={keys}
        empty="Deze dienst heeft nog geen API-sleutels."
        columns={[
          { header: "Naam", cell: (row) => row.name },
          { header: "Soort", cell: (row) => KEY_TYPE_LABELS[row.keyType] },
          { header: "Gemaakt op", cell: (row) => dutchDateTime(row.createdAt) },
          { header: "Laatst gebruikt", cell: (row) => (row.lastUsedAt === null ? "Nog niet gebruikt" : dutchDateTime(row.lastUsedAt)) },
          { header: "Status", cell: (row) => <KeyStatus row={row} base={base} /> },
        ]}
      />
      <Heading level={2}>Soorten sleutels</Heading>
      <KeyTypeExplanation />
    </Layout>,
  );
});
