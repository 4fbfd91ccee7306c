/** Headings, paragraphs, alerts and tables in the NL Design System's classes. */
import type { Child } from "hono/jsx";

export function Heading({ level = 1, children }: { level?: 1 | 2 | 3; children: Child }) {
  const className = `nl-heading nl-heading--level-${level}`;
  if (level === 1) return <h1 class={className}>{children}</h1>;
  if (level === 2) return <h2 class={className}>{children}</h2>;
  return <h3 class={className}>{children}</h3>;
}

export function Paragraph({ children, lead = false }: { children: Child; lead?: boolean }) {
  return <p class={lead ? "nl-paragraph nl-paragraph--lead" : "nl-paragraph"}>{children}</p>;
}

export function Link({ href, children }: { href: string; children: Child }) {
  return (
    <a class="nl-link" href={href}>
      {children}
    </a>
  );
}

/** A short message at the top of a page: done (ok), for your information, or a problem. */
export function Alert({ kind, children }: { kind: "ok" | "info" | "warning" | "error"; children: Child }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${kind}`} role={kind === "error" ? "alert" : "status"}>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => Child;
  numeric?: boolean;
}

export function Table<Row>({
  caption,
  columns,
  rows,
  empty,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  empty?: string;
}) {
  if (rows.length === 0 && empty) return <Paragraph>{empty}</Paragraph>;
  return (
    <div class="utrecht-table-container utrecht-table-container--overflow-inline">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {columns.map((column) => (
              <th scope="col" class={`utrecht-table__header-cell${column.numeric ? " utrecht-table__header-cell--numeric-column" : ""}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row) => (
            <tr class="utrecht-table__row">
              {columns.map((column) => (
                <td class={`utrecht-table__cell${column.numeric ? " utrecht-table__cell--numeric-data" : ""}`}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
