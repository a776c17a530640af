/**
 * Charts drawn with Observable Plot (SVG): one <rect> per KPI row, one interval per effect, each with a
 * <title> that says the figures behind it. Loaded on demand, so the sign-in and plan pages never pay for it.
 */
import * as Plot from '@observablehq/plot';

/**
 * Plot names each mark's group with aria-label; on a <g> without a role (a rule, an axis) that name is
 * not permitted (axe: aria-prohibited-attr), so every named group says it is a group.
 */
function withGroupRoles<T extends SVGSVGElement | HTMLElement>(chart: T): T {
  for (const group of chart.querySelectorAll('g[aria-label]:not([role])'))
    group.setAttribute('role', 'group');
  return chart;
}

export interface Bar {
  label: string;
  value: number;
  title: string;
}

export function barChart(bars: Bar[], options: { yLabel: string; ariaLabel: string; percent: boolean }) {
  return withGroupRoles(
    Plot.plot({
      ariaLabel: options.ariaLabel,
      marginBottom: 70,
      width: Math.max(360, Math.min(960, bars.length * 56 + 80)),
      height: 320,
      style: { fontSize: '12px', color: '#1a1a1a', background: 'transparent' },
      x: { label: null, tickRotate: -30, domain: bars.map((bar) => bar.label) },
      y: {
        label: options.percent ? `${options.yLabel} (%)` : options.yLabel,
        grid: true,
        ...(options.percent ? { percent: true } : {}),
      },
      marks: [
        Plot.barY(bars, { x: 'label', y: 'value', fill: '#1f5fa8', title: 'title', className: 'kpi-bar' }),
        Plot.ruleY([0]),
      ],
    }),
  );
}

export interface IntervalRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  title: string;
}

/** Each effect as a 95% interval (a bar from lower to upper) with its estimate as a dot; zero marked. */
export function intervalChart(
  rows: IntervalRow[],
  options: { xLabel: string; ariaLabel: string; percent: boolean },
) {
  return withGroupRoles(
    Plot.plot({
      ariaLabel: options.ariaLabel,
      marginLeft: 24,
      marginRight: 24,
      width: 640,
      height: 60 + rows.length * 48,
      style: { fontSize: '12px', color: '#1a1a1a', background: 'transparent' },
      x: {
        label: options.percent ? `${options.xLabel} (%)` : options.xLabel,
        grid: true,
        ...(options.percent ? { percent: true } : {}),
      },
      // One interval per chart, named by the x label: the y axis would only repeat it.
      y: { axis: null, domain: rows.map((row) => row.label) },
      marks: [
        Plot.ruleX([0], { stroke: '#555', strokeDasharray: '4 3' }),
        Plot.link(rows, {
          x1: 'lower',
          x2: 'upper',
          y1: 'label',
          y2: 'label',
          stroke: '#a31f34',
          strokeWidth: 3,
          title: 'title',
          className: 'effect-interval',
        }),
        Plot.dot(rows, {
          x: 'estimate',
          y: 'label',
          fill: '#a31f34',
          r: 5,
          title: 'title',
          className: 'effect-estimate',
        }),
      ],
    }),
  );
}
