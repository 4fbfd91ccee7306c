/** The archive or unarchive button of a template: a CSRF form posting to …/archiveren or …/terugzetten. */
import type { TemplateRow } from "../../../admin/templates/template-object";
import { PostForm, SubmitButton } from "../../ui/forms";
import { templatesPath } from "./template-request";

export function ArchiveButton({
  template,
  csrfToken,
}: {
  template: Pick<TemplateRow, "id" | "serviceId" | "archived">;
  csrfToken: string;
}) {
  return template.archived ? (
    <PostForm csrfToken={csrfToken} action={templatesPath(template.serviceId, template.id, "terugzetten")}>
      <SubmitButton variant="secondary">Sjabloon terugzetten</SubmitButton>
    </PostForm>
  ) : (
    <PostForm csrfToken={csrfToken} action={templatesPath(template.serviceId, template.id, "archiveren")}>
      <SubmitButton variant="secondary">Sjabloon archiveren</SubmitButton>
    </PostForm>
  );
}
