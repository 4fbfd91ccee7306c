/** A moment on the evidence page: Dutch time, with the UTC time beside it and in `datetime`. */
import { dutchTime, utcTime } from "./dutch-labels";

export function Moment({ at }: { at: number | null }) {
  if (at === null) return <span>—</span>;
  return (
    <span>
      <time datetime={new Date(at).toISOString()}>{dutchTime(at)}</time> <span class="utc">({utcTime(at)})</span>
    </span>
  );
}
