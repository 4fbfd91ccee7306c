import type { AppRouterType } from "../../http/routes";

/** The GOV.UK Notify v2 public API. */
export function registerV2Routes(_router: AppRouterType): void {}
