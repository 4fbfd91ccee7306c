// Secrets (wrangler secret put / .dev.vars) are not in wrangler.toml, so `wrangler types` cannot see them.
declare namespace Cloudflare {
  interface Env {
    ADMIN_TOKEN: string;
    KEY_ENCRYPTION_KEY: string;
    CM_PRODUCT_TOKEN: string;
    CM_WEBHOOK_TOKEN: string;
    SMTP_PASSWORD: string;
  }
}
