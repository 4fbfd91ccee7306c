/** Column helpers shared by the tables: times are integer milliseconds since the epoch (UTC). */
import { sql } from "drizzle-orm";
import { integer } from "drizzle-orm/sqlite-core";

export const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;
export const createdAt = () => integer("created_at").notNull().default(now);
