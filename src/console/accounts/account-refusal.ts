/**
 * Why a change to a console account or team was refused. It is a NotifyError (400, English
 * message), so the admin API answers it like any other refusal; the console's pages read `reason`
 * and show their own Dutch text at the right field.
 */
import { NotifyError } from "../../errors";

export type AccountRefusalReason =
  /** The email address is not one Notify would send to. */
  | "invalid_email"
  /** The address is already on this service's team. */
  | "already_member"
  /** The address already has an open invitation to this service. */
  | "already_invited"
  /** The address has an account in another organisation (told to nobody: the message is generic). */
  /** The invitation was accepted or cancelled already. */
  | "invitation_closed"
  /** The change would leave the service without a member who manages it. */
  | "last_manager"
  /** A user may not take away their own manage_service. */
  | "own_manage_service"
  /** A user may not remove themselves from a team. */
  | "remove_self";

export class AccountRefusal extends NotifyError {
  readonly reason: AccountRefusalReason;
  constructor(reason: AccountRefusalReason, message: string, field?: string) {
    const error = reason === "invalid_email" ? "ValidationError" : "BadRequestError";
    super(400, [{ error, message: field ? `${field} ${message}` : message }], field ? [{ name: field, reason: message }] : []);
    this.name = "AccountRefusal";
    this.reason = reason;
  }
}
