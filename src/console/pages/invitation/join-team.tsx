/** The invitation for someone who already has an account in the organisation: one button to join the team. */
import type { InvitationRow } from "../../accounts/invitations";
import { Heading, Paragraph } from "../../ui/content";
import { PostForm, SubmitButton } from "../../ui/forms";
import { Layout, type LayoutUser } from "../../ui/layout";
import { permissionWords } from "../team/permission-labels";

export function JoinTeamPage({
  invitation,
  serviceName,
  user,
  csrfToken,
}: {
  invitation: InvitationRow;
  serviceName: string;
  user: LayoutUser;
  csrfToken: string;
}) {
  return (
    <Layout title={`Uitnodiging voor ${serviceName}`} user={user} csrfToken={csrfToken}>
      <Heading>Uitnodiging voor {serviceName}</Heading>
      <Paragraph>U bent uitgenodigd voor het team van {serviceName}.</Paragraph>
      <Paragraph>Uw rechten bij deze dienst: {permissionWords(invitation.permissions)}.</Paragraph>
      <PostForm csrfToken={csrfToken}>
        <SubmitButton>Uitnodiging accepteren</SubmitButton>
      </PostForm>
    </Layout>
  );
}
