/**
 * What changed from one template version to the next, for the version history: the fields that
 * differ (name, subject, body, priority) and, for the body, a line diff (./line-diff.ts).
 */
import type { TemplatePriority, TemplateVersionRow } from "../../admin/templates/template-object";
import { type DiffEntry, lineDiff, withContext } from "./line-diff";

export interface Change<T> {
  from: T;
  to: T;
}

export interface VersionChanges {
  name?: Change<string>;
  subject?: Change<string | null>;
  priority?: Change<TemplatePriority>;
  /** The body's lines, unchanged stretches shortened. */
  body?: DiffEntry[];
}

type VersionContent = Pick<TemplateVersionRow, "name" | "subject" | "body" | "priority">;

export function versionChanges(previous: VersionContent, current: VersionContent): VersionChanges {
  const changes: VersionChanges = {};
  if (previous.name !== current.name) changes.name = { from: previous.name, to: current.name };
  if (previous.subject !== current.subject) changes.subject = { from: previous.subject, to: current.subject };
  if (previous.priority !== current.priority) changes.priority = { from: previous.priority, to: current.priority };
  if (previous.body !== current.body) changes.body = withContext(lineDiff(previous.body, current.body));
  return changes;
}
