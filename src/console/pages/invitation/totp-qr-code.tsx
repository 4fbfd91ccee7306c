/**
 * The QR code an authenticator app scans: uqr's module matrix drawn as SVG rectangles with
 * hono/jsx, one rectangle per run of dark modules in a row. It is part of the page (the
 * Content-Security-Policy allows no other source), and never an SVG string put into the page.
 */
import { encode } from "uqr";

/** The quiet zone around the code, in modules (ISO/IEC 18004 asks for 4). */
const QUIET_ZONE = 4;

interface Run {
  x: number;
  y: number;
  width: number;
}

function darkRuns(rows: readonly (readonly boolean[])[]): Run[] {
  const runs: Run[] = [];
  rows.forEach((row, y) => {
    let start = -1;
    row.forEach((dark, x) => {
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, width: x - start });
        start = -1;
      }
    });
    if (start >= 0) runs.push({ x: start, y, width: row.length - start });
  });
  return runs;
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const { data, size } = encode(text, { ecc: "M", border: QUIET_ZONE });
  return (
    <svg
      class="console-qr"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      {darkRuns(data).map((run) => (
        <rect x={run.x} y={run.y} width={run.width} height={1} fill="#000000" />
      ))}
    </svg>
  );
}
