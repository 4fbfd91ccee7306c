/**
 * Messages per day of one channel as a stacked bar chart: server-rendered SVG elements (no chart
 * library, no script), one bar per Dutch day, one segment per status group. Accessible as one
 * image (role="img") named by its <title> and described by its <desc>, which says the totals in
 * words; the table below the chart (messages-table.tsx) has every number. The groups differ in
 * pattern as well as colour (each colour has at least 3:1 contrast against white), white lines
 * separate the segments, and the legend names them in text. Every segment carries its day, group and
 * count as data attributes, so the chart can be checked against the table. Only presentation
 * attributes, no style attributes: the pages' Content-Security-Policy allows no inline styles.
 */
import type { ChannelOverview } from "../../dashboard/message-overview";
import { GROUP_LABEL, STATUS_GROUPS, type StatusGroup } from "../../dashboard/status-groups";
import { formatLongDay, formatNumber, formatShortDay } from "./dutch-format";

/** Colours of the groups: contrast against white 6.5:1 (green), 10:1 (blue), 6.5:1 (red), 7:1 (grey). */
const GROUP_COLOUR: Readonly<Record<StatusGroup, string>> = {
  afgeleverd: "#1e6b35",
  onderweg: "#154273",
  mislukt: "#b3261e",
  geannuleerd: "#595959",
};

const WIDTH = 720;
const HEIGHT = 280;
const PLOT = { left: 52, right: WIDTH - 8, top: 56, bottom: HEIGHT - 32 };
const TEXT = "#1a1a1a";
const AXIS = "#767676";
const GRID = "#d9d9d9";

/** A scale maximum of 1, 2 or 5 times a power of ten per tick, four ticks. */
function scaleFor(max: number): { top: number; step: number } {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  return { top: Math.max(step * 4, Math.ceil(max / step) * step), step };
}

function Patterns({ id }: { id: string }) {
  const c = GROUP_COLOUR;
  return (
    <defs>
      <pattern id={`${id}-onderweg`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={c.onderweg} />
        <rect width="1.5" height="6" fill="#ffffff" />
      </pattern>
      <pattern id={`${id}-mislukt`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={c.mislukt} />
        <circle cx="3" cy="3" r="1.2" fill="#ffffff" />
      </pattern>
      <pattern id={`${id}-geannuleerd`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill={c.geannuleerd} />
        <rect y="2.5" width="6" height="1.2" fill="#ffffff" />
      </pattern>
    </defs>
  );
}

const fillOf = (id: string, group: StatusGroup) => (group === "afgeleverd" ? GROUP_COLOUR.afgeleverd : `url(#${id}-${group})`);

function Legend({ id }: { id: string }) {
  return (
    <g>
      {STATUS_GROUPS.map((group, i) => (
        <g>
          <rect x={PLOT.left + i * 150} y="12" width="16" height="16" fill={fillOf(id, group)} stroke={TEXT} stroke-width="1" />
          <text x={PLOT.left + i * 150 + 22} y="25" font-size="14" fill={TEXT}>
            {GROUP_LABEL[group]}
          </text>
        </g>
      ))}
    </g>
  );
}

/** "12 sms: 10 afgeleverd, 1 onderweg, 1 mislukt, 0 geannuleerd." */
function chartSummary(overview: ChannelOverview, noun: string): string {
  const parts = STATUS_GROUPS.map((g) => `${formatNumber(overview.totals[g])} ${GROUP_LABEL[g].toLowerCase()}`);
  return `In totaal ${formatNumber(overview.total)} ${noun}: ${parts.join(", ")}.`;
}

export function MessagesChart({ id, title, noun, overview }: { id: string; title: string; noun: string; overview: ChannelOverview }) {
  const { days } = overview;
  const scale = scaleFor(Math.max(0, ...days.map((d) => d.total)));
  const perUnit = (PLOT.bottom - PLOT.top) / scale.top;
  const slot = (PLOT.right - PLOT.left) / days.length;
  const barWidth = Math.min(40, slot * 0.7);
  const labelEvery = Math.ceil(days.length / 12);
  const ticks = Array.from({ length: Math.round(scale.top / scale.step) + 1 }, (_, i) => i * scale.step);
  const round = (n: number) => Math.round(n * 100) / 100;
  return (
    <svg
      class="console-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      data-per-unit={String(round(perUnit))}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {`Staafdiagram met per dag de ${noun}, verdeeld in afgeleverd, onderweg, mislukt en geannuleerd. ${chartSummary(overview, noun)} De tabel onder het diagram heeft de getallen per dag.`}
      </desc>
      <Patterns id={id} />
      <Legend id={id} />
      {ticks.map((tick) => {
        const y = round(PLOT.bottom - tick * perUnit);
        return (
          <g>
            <line x1={PLOT.left} x2={PLOT.right} y1={y} y2={y} stroke={tick === 0 ? AXIS : GRID} stroke-width="1" />
            <text x={PLOT.left - 6} y={y + 4} font-size="12" text-anchor="end" fill={TEXT}>
              {formatNumber(tick)}
            </text>
          </g>
        );
      })}
      {days.map((day, i) => {
        const x = round(PLOT.left + i * slot + (slot - barWidth) / 2);
        let top = PLOT.bottom;
        return (
          <g data-day={day.day}>
            <title>{`${formatLongDay(day.day)}: ${formatNumber(day.total)} ${noun}`}</title>
            {STATUS_GROUPS.filter((group) => day.counts[group] > 0).map((group) => {
              const height = day.counts[group] * perUnit;
              top -= height;
              return (
                <rect
                  x={x}
                  y={round(top)}
                  width={round(barWidth)}
                  height={round(height)}
                  fill={fillOf(id, group)}
                  stroke="#ffffff"
                  stroke-width="1"
                  data-group={group}
                  data-count={String(day.counts[group])}
                />
              );
            })}
            {days.length <= 31 ? (
              <text
                x={round(x + barWidth / 2)}
                y={round(top - 4)}
                font-size="12"
                text-anchor="middle"
                fill={TEXT}
                data-total={String(day.total)}
              >
                {formatNumber(day.total)}
              </text>
            ) : null}
            {i % labelEvery === 0 ? (
              <text x={round(x + barWidth / 2)} y={PLOT.bottom + 18} font-size="12" text-anchor="middle" fill={TEXT}>
                {formatShortDay(day.day)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
