/**
 * GET and POST /diensten/:serviceId/api-sleutels/nieuw: making a key with createApiKey
 * (src/admin/api-keys/create-api-key.ts, which stores only the encrypted secret and the audit row).
 * The POST answers with the key itself, never a redirect: the key must not be in a URL, and is
 * not stored in plain text anywhere to show it again.
 */
import { createApiKey } from "../../../admin/api-keys/create-api-key";
import { changeService } from "../../../admin/shared/service-change";
import { NotifyError } from "../../../errors";
import { field } from "../../http/console-form";
import { type ServiceContext, servicePage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { emptyForm, type FormState } from "../../ui/forms";
import { isKeyType } from "./key-types";
import { CreatedApiKeyPage, NewApiKeyPage } from "./new-api-key-page";

const MAX_NAME = 255;

function nameError(name: string): string | undefined {
  if (name === "") return "Vul een naam in.";
  if (name.length > MAX_NAME) return `De naam mag hoogstens ${MAX_NAME} tekens lang zijn.`;
  return undefined;
}

function frame(context: ServiceContext) {
  return { user: context.signedIn.user, csrfToken: context.csrfToken, service: context.layoutService };
}

function refused(context: ServiceContext, form: FormState): Promise<Response> {
  return htmlPage(<NewApiKeyPage form={form} {...frame(context)} />, { status: 400 });
}

export const getNewApiKey = servicePage("manage_api_keys", async (context) =>
  htmlPage(<NewApiKeyPage form={emptyForm()} {...frame(context)} />),
);

export const postNewApiKey = servicePage("manage_api_keys", async (context) => {
  const posted = context.form as URLSearchParams;
  const values = { naam: field(posted, "naam", { max: MAX_NAME + 1 }), soort: field(posted, "soort", { max: 10 }) };
  const errors: FormState["errors"] = {
    naam: nameError(values.naam),
    soort: isKeyType(values.soort) ? undefined : "Kies de soort sleutel.",
  };
  if (errors.naam || errors.soort || !isKeyType(values.soort)) return refused(context, { values, errors });

  const { db, secrets } = context.services;
  const meta = { actor: context.signedIn.user.emailAddress, requestId: context.request.requestId, at: context.now };
  try {
    const input = { name: values.naam, key_type: values.soort };
    const created = await changeService(context.access.service.id, () => createApiKey(db, secrets, context.access.service, input, meta));
    return htmlPage(<CreatedApiKeyPage name={created.name} keyType={created.key_type} apiKey={created.key} {...frame(context)} />);
  } catch (error) {
    // createApiKey's one refusal: an active key of this service already has the name.
    if (error instanceof NotifyError && error.status === 400) {
      return refused(context, { values, errors: { naam: "Deze dienst heeft al een sleutel met deze naam. Kies een andere naam." } });
    }
    throw error;
  }
});
