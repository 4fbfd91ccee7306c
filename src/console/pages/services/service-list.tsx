/** GET /: the services of the user's organisation that they are on the team of. */
import { servicesOfUser } from "../../accounts/service-access";
import { signedInPage } from "../../http/console-route";
import { htmlPage } from "../../http/html-response";
import { Heading, Link, Paragraph } from "../../ui/content";
import { Layout } from "../../ui/layout";

export const getServiceList = signedInPage(async ({ services, signedIn: { user }, csrfToken }) => {
  const list = await servicesOfUser(services.db, user);
  return htmlPage(
    <Layout title="Uw diensten" user={user} csrfToken={csrfToken}>
      <Heading>Uw diensten</Heading>
      {list.length === 0 ? (
        <Paragraph>U hoort nog bij geen enkele dienst. Vraag een collega om u uit te nodigen.</Paragraph>
      ) : (
        <ul class="utrecht-link-list utrecht-link-list--html-ul">
          {list.map(({ service }) => (
            <li class="utrecht-link-list__item">
              <Link href={`/diensten/${service.id}`}>{service.name}</Link>
              {service.restricted ? " (proefmodus)" : ""}
            </li>
          ))}
        </ul>
      )}
    </Layout>,
  );
});
