/**
 * Provider selection: SMS_PROVIDER / EMAIL_PROVIDER from config pick the real adapters; test-key
 * notifications always get the simulators, so they can never reach CM.com or an SMTP relay.
 */
import type { Config } from "../config";
import type { EmailProvider } from "../providers/email/email-provider";
import { createEmailSimulator } from "../providers/email/email-simulator";
import { createSmtpProvider } from "../providers/email/smtp";
import { createCmProvider } from "../providers/sms/cm";
import type { SmsProvider } from "../providers/sms/sms-provider";
import { createSmsSimulator } from "../providers/sms/sms-simulator";

/** The configured adapters plus the simulators (test keys). */
export interface Providers {
  sms: SmsProvider;
  email: EmailProvider;
  smsSimulator: SmsProvider;
  emailSimulator: EmailProvider;
}

/** Timeouts that tests shorten. */
export interface ProviderOptions {
  cmTimeoutMs?: number;
  smtpTimeoutMs?: number;
}

type ProviderConfig = Pick<
  Config,
  | "SMS_PROVIDER"
  | "CM_BASE_URL"
  | "CM_PRODUCT_TOKEN"
  | "EMAIL_PROVIDER"
  | "SMTP_HOST"
  | "SMTP_PORT"
  | "SMTP_USER"
  | "SMTP_PASSWORD"
  | "SMTP_STARTTLS"
  | "SMTP_SECURE"
>;

/** The configured providers plus the simulators. */
export function createProviders(config: ProviderConfig, options: ProviderOptions = {}): Providers {
  const smsSimulator = createSmsSimulator();
  const emailSimulator = createEmailSimulator();
  return {
    sms:
      config.SMS_PROVIDER === "cm"
        ? createCmProvider({ baseUrl: config.CM_BASE_URL, productToken: config.CM_PRODUCT_TOKEN, timeoutMs: options.cmTimeoutMs })
        : smsSimulator,
    email:
      config.EMAIL_PROVIDER === "smtp"
        ? createSmtpProvider({
            host: config.SMTP_HOST,
            port: config.SMTP_PORT,
            user: config.SMTP_USER,
            password: config.SMTP_PASSWORD,
            startTls: config.SMTP_STARTTLS,
            secure: config.SMTP_SECURE,
            timeoutMs: options.smtpTimeoutMs,
          })
        : emailSimulator,
    smsSimulator,
    emailSimulator,
  };
}

/** The SMS provider for a notification's key type. */
export function smsProviderFor(providers: Providers, keyType: "normal" | "team" | "test"): SmsProvider {
  return keyType === "test" ? providers.smsSimulator : providers.sms;
}

/** The email provider for a notification's key type. */
export function emailProviderFor(providers: Providers, keyType: "normal" | "team" | "test"): EmailProvider {
  return keyType === "test" ? providers.emailSimulator : providers.email;
}
