/** The field for the 6-digit code of the authenticator app: on sign-in, a new account and a password reset. */
import { type FormState, TextField } from "./forms";

export function TotpCodeField({ form, hint = "De 6 cijfers die uw app nu laat zien." }: { form: FormState; hint?: string }) {
  return (
    <TextField
      name="code"
      label="Code uit uw app"
      hint={hint}
      autocomplete="one-time-code"
      inputmode="numeric"
      form={form}
      maxlength={10}
    />
  );
}
