/** Signing out of this browser, or of every browser at once ("overal uitloggen"), each audited. */
import { auditInsert } from "../../admin/audit";
import type { Db } from "../../db/database";
import { endAllSessionsStatement, endSessionStatement, type SignedIn } from "../sessions/sessions";

interface Meta {
  requestId: string;
  at: number;
}

function entry(signedIn: SignedIn) {
  return { organisationId: signedIn.user.organisationId, serviceId: null, targetType: "user", targetId: signedIn.user.id };
}

export async function signOut(db: Db, signedIn: SignedIn, meta: Meta): Promise<void> {
  await db.batch([
    endSessionStatement(db, signedIn.session),
    auditInsert(db, { actor: signedIn.user.emailAddress, ...meta }, { ...entry(signedIn), action: "user.sign_out" }),
  ]);
}

export async function signOutEverywhere(db: Db, signedIn: SignedIn, meta: Meta): Promise<void> {
  await db.batch([
    endAllSessionsStatement(db, signedIn.user.id),
    auditInsert(db, { actor: signedIn.user.emailAddress, ...meta }, { ...entry(signedIn), action: "user.sign_out_everywhere" }),
  ]);
}
