/**
 * What changed in one version (src/console/templates/version-changes.ts), as the history shows it:
 * each changed field with its old and new value, and the body as a line diff. Added and removed
 * lines are marked with a sign and a word, not only a colour, and carry hidden text for screen
 * readers, which mostly do not announce <ins> and <del>.
 */
import type { DiffEntry } from "../../templates/line-diff";
import { priorityLabel } from "../../templates/template-words";
import type { Change, VersionChanges } from "../../templates/version-changes";
import { Paragraph } from "../../ui/content";

function FieldChange({ label, change }: { label: string; change: Change<string | null> }) {
  return (
    <li class="utrecht-unordered-list__item">
      {label}: <del class="console-diff__removed">{change.from ?? "(leeg)"}</del> is nu{" "}
      <ins class="console-diff__added">{change.to ?? "(leeg)"}</ins>
    </li>
  );
}

function BodyDiff({ entries }: { entries: DiffEntry[] }) {
  return (
    <ol class="console-diff" aria-label="Wijzigingen in de tekst, regel voor regel">
      {entries.map((entry) => {
        if (entry.kind === "skipped")
          return (
            <li class="console-diff__skipped">{entry.count === 1 ? "1 regel niet gewijzigd" : `${entry.count} regels niet gewijzigd`}</li>
          );
        if (entry.kind === "added")
          return (
            <li>
              <ins class="console-diff__added">
                <span class="console-visually-hidden">Toegevoegd: </span>
                <span aria-hidden="true">+ </span>
                {entry.text}
              </ins>
            </li>
          );
        if (entry.kind === "removed")
          return (
            <li>
              <del class="console-diff__removed">
                <span class="console-visually-hidden">Verwijderd: </span>
                <span aria-hidden="true">− </span>
                {entry.text}
              </del>
            </li>
          );
        return (
          <li class="console-diff__same">
            <span aria-hidden="true">{"  "}</span>
            {entry.text}
          </li>
        );
      })}
    </ol>
  );
}

export function VersionDiff({ changes }: { changes: VersionChanges }) {
  const { name, subject, priority, body } = changes;
  if (!name && !subject && !priority && !body) return <Paragraph>De inhoud is niet veranderd.</Paragraph>;
  return (
    <>
      {name || subject || priority ? (
        <ul class="utrecht-unordered-list">
          {name ? <FieldChange label="Naam" change={name} /> : null}
          {subject ? <FieldChange label="Onderwerp" change={subject} /> : null}
          {priority ? (
            <FieldChange label="Hoe snel" change={{ from: priorityLabel(priority.from), to: priorityLabel(priority.to) }} />
          ) : null}
        </ul>
      ) : null}
      {body ? (
        <>
          <Paragraph>De tekst is gewijzigd:</Paragraph>
          <BodyDiff entries={body} />
        </>
      ) : null}
    </>
  );
}
