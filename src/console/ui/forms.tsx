/**
 * Form building blocks. Every field shows its label, an optional hint, and, when the last submit
 * was refused, the value the user typed and a Dutch message at the field (linked from the error
 * summary at the top, as the NL Design System and GOV.UK patterns do). Ids are derived from the
 * field name, so a summary link and its field always match.
 */
import type { Child } from "hono/jsx";

/** What a form shows: the values to fill in and the message per field name. */
export interface FormState {
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
}

export const emptyForm = (values: FormState["values"] = {}): FormState => ({ values, errors: {} });

export function hasErrors(form: FormState): boolean {
  return Object.values(form.errors).some((message) => message !== undefined);
}

const fieldId = (name: string) => `veld-${name}`;
const errorId = (name: string) => `fout-${name}`;
const hintId = (name: string) => `uitleg-${name}`;

export function HiddenCsrf({ token }: { token?: string | undefined }) {
  return token ? <input type="hidden" name="_csrf" value={token} /> : null;
}

/** "Er is een probleem" with a link to each field in error; nothing when the form is fine. */
export function ErrorSummary({ form, labels }: { form: FormState; labels?: Record<string, string> }) {
  const entries = Object.entries(form.errors).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (entries.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error console-error-summary" role="alert" aria-labelledby="foutmeldingen-titel">
      <div class="utrecht-alert__content">
        <h2 class="nl-heading nl-heading--level-2" id="foutmeldingen-titel">
          Er is een probleem
        </h2>
        <ul>
          {entries.map(([name, message]) => (
            <li>
              <a class="nl-link" href={`#${fieldId(name)}`}>
                {labels?.[name] ? `${labels[name]}: ${message}` : message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  form: FormState;
  hint?: string | undefined;
}

/** A field's hint and its error message, with the ids its input's aria-describedby names. */
function FieldMessages({ name, hint, error }: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <div class="utrecht-form-field-description" id={hintId(name)}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <div class="utrecht-form-field-error-message" id={errorId(name)}>
          {error}
        </div>
      ) : null}
    </>
  );
}

function FieldFrame({ name, label, form, hint, children }: FieldProps & { children: Child }) {
  const error = form.errors[name];
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? " utrecht-form-field--invalid" : ""}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={fieldId(name)}>
          {label}
        </label>
      </div>
      <FieldMessages name={name} hint={hint} error={error} />
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

function describedBy(name: string, form: FormState, hint: string | undefined): string | undefined {
  const ids = [hint ? hintId(name) : null, form.errors[name] ? errorId(name) : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function TextField(
  props: FieldProps & {
    type?: "text" | "email" | "password" | "tel" | "number" | "datetime-local";
    autocomplete?: string;
    inputmode?: "numeric" | "text" | "email" | "tel";
    maxlength?: number;
    required?: boolean;
  },
) {
  const { name, form, hint, type = "text" } = props;
  const invalid = form.errors[name] !== undefined;
  return (
    <FieldFrame {...props}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${invalid ? " utrecht-textbox--invalid" : ""}`}
        id={fieldId(name)}
        name={name}
        type={type}
        value={type === "password" ? undefined : form.values[name]}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        required={props.required}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy(name, form, hint)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxlength?: number; required?: boolean }) {
  const { name, form, hint } = props;
  const invalid = form.errors[name] !== undefined;
  return (
    <FieldFrame {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? " utrecht-textarea--invalid" : ""}`}
        id={fieldId(name)}
        name={name}
        rows={props.rows ?? 8}
        maxlength={props.maxlength}
        required={props.required}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy(name, form, hint)}
      >
        {form.values[name] ?? ""}
      </textarea>
    </FieldFrame>
  );
}

export interface Choice {
  value: string;
  label: string;
  hint?: string;
  /** Shown but fixed (e.g. a permission every member has); a disabled box is not posted. */
  disabled?: boolean;
}

/** Radio buttons (one choice) or checkboxes (several) in a fieldset with a legend. */
export function ChoiceGroup({
  name,
  legend,
  form,
  choices,
  multiple = false,
  hint,
}: {
  name: string;
  legend: string;
  form: FormState;
  choices: readonly Choice[];
  multiple?: boolean;
  hint?: string;
}) {
  const error = form.errors[name];
  const selected = new Set((form.values[name] ?? "").split(","));
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? " utrecht-form-fieldset--invalid" : ""}`}
      id={fieldId(name)}
      aria-describedby={describedBy(name, form, hint)}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      <FieldMessages name={name} hint={hint} error={error} />
      {choices.map((choice, index) => {
        const id = `${fieldId(name)}-${index}`;
        return (
          <div class={`utrecht-form-field ${multiple ? "utrecht-form-field--checkbox" : "utrecht-form-field--radio"}`}>
            <div class="utrecht-form-field__input">
              <input
                class={multiple ? "utrecht-checkbox utrecht-checkbox--html-input" : "utrecht-radio-button utrecht-radio-button--html-input"}
                type={multiple ? "checkbox" : "radio"}
                id={id}
                name={name}
                value={choice.value}
                checked={selected.has(choice.value)}
                disabled={choice.disabled}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class={`utrecht-form-label ${multiple ? "utrecht-form-label--checkbox" : "utrecht-form-label--radio"}`} for={id}>
                {choice.label}
              </label>
              {choice.hint ? <div class="utrecht-form-field-description">{choice.hint}</div> : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

export function SubmitButton({
  children,
  variant = "primary",
  name,
  value,
}: {
  children: Child;
  variant?: "primary" | "secondary" | "danger";
  name?: string;
  value?: string;
}) {
  const kind = variant === "danger" ? "utrecht-button--danger" : `utrecht-button--${variant}-action`;
  return (
    <button type="submit" class={`utrecht-button ${kind}`} name={name} value={value}>
      {children}
    </button>
  );
}

/** A POST form with the CSRF token; `action` defaults to the page's own URL. */
export function PostForm({
  csrfToken,
  action,
  children,
  class: className,
}: {
  csrfToken: string;
  action?: string;
  children: Child;
  class?: string;
}) {
  return (
    <form method="post" action={action} novalidate class={className}>
      <HiddenCsrf token={csrfToken} />
      {children}
    </form>
  );
}
