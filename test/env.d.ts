declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    /** Base URL of the Node-side test support server (callback receiver, SMTP inbox). */
    TEST_SUPPORT_URL: string;
  }
}

declare module "*?raw" {
  const text: string;
  export default text;
}
