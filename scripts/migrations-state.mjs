// Skipping `wrangler d1 migrations apply` when nothing changed saves 1.5–4 s on every `npm start`.
// After a successful apply we note the migration files and the identity (inode) of the local D1
// database file; the next start skips the apply only when both are unchanged. A new or replaced
// database file, or a new migration, always runs the real apply.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const MARKER = "notifynl-migrations.json";

function migrationFiles(root) {
  const dir = path.join(root, "migrations");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".sql"))
        .sort()
    : [];
}

function databaseFiles(stateDir) {
  const dir = path.join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
    .sort()
    .map((f) => ({ file: f, ino: statSync(path.join(dir, f)).ino }));
}

function snapshot(root, stateDir) {
  return JSON.stringify({ migrations: migrationFiles(root), databases: databaseFiles(stateDir) });
}

/** Whether the last apply covered exactly these migrations on this very database file. */
export function migrationsUpToDate(root, stateDir) {
  const marker = path.join(stateDir, MARKER);
  if (!existsSync(marker)) return false;
  const current = snapshot(root, stateDir);
  return JSON.parse(current).databases.length > 0 && readFileSync(marker, "utf8") === current;
}

/** Records a successful apply. */
export function recordMigrations(root, stateDir) {
  writeFileSync(path.join(stateDir, MARKER), snapshot(root, stateDir));
}
