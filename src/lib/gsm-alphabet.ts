/**
 * The GSM 03.38 default alphabet (the escape code 0x1B itself is not a character) and its
 * extension table, whose characters take two septets. Shared by Notify's fragment count
 * (notifications/render/sms.ts) and CM.com's part count (providers/sms/fragments.ts).
 */
export const GSM_BASIC: ReadonlySet<string> = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);

/** The extension table without the form feed (a page break, which Notify's clean-up never leaves in a message). */
export const GSM_EXTENSION: ReadonlySet<string> = new Set("^{}\\[~]|€");
