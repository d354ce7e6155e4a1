"use client";
// Charts from an exercise's metadata (precomputed data: no code runs to draw them), drawn with
// recharts. Loaded lazily and only in the browser, from PlotsSection.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { Plot } from "@/grader/exercise-schema";
import { formatNumber } from "@/app/_lib/format";

const COLORS = ["#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2"];
const HEIGHT = 280;

type LinePlot = Extract<Plot, { kind: "line" }>;
type HistogramPlot = Extract<Plot, { kind: "histogram" }>;

function tick(v: unknown): string {
  return typeof v === "number" ? formatNumber(v) : String(v);
}

function LinePlotView({ plot }: { plot: LinePlot }) {
  const log = plot.yScale === "log";
  // A log axis cannot show zero or negative values: leave those points out.
  const data = plot.x.map((x, i) => {
    const row: Record<string, number | null> = { x };
    plot.series.forEach((s, k) => {
      const y = s.y[i];
      row[`s${k}`] = y === undefined || !Number.isFinite(y) || (log && y <= 0) ? null : y;
    });
    return row;
  });
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 24, left: 12 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis
          dataKey="x"
          type="number"
          domain={["dataMin", "dataMax"]}
          tickFormatter={tick}
          label={{ value: plot.xLabel, position: "insideBottom", offset: -14 }}
        />
        <YAxis
          scale={log ? "log" : "linear"}
          domain={["auto", "auto"]}
          allowDataOverflow={log}
          tickFormatter={tick}
          width={72}
          label={{ value: plot.yLabel + (log ? " (log)" : ""), angle: -90, position: "insideLeft", offset: 0, style: { textAnchor: "middle" } }}
        />
        <Tooltip formatter={(v) => tick(v)} labelFormatter={(l) => `${plot.xLabel} = ${tick(l)}`} />
        <Legend verticalAlign="top" height={28} />
        {plot.series.map((s, k) => (
          <Line
            key={s.label}
            type="monotone"
            dataKey={`s${k}`}
            name={s.label}
            stroke={COLORS[k % COLORS.length]}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

function HistogramView({ plot }: { plot: HistogramPlot }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <BarChart data={plot.bins} margin={{ top: 8, right: 16, bottom: 24, left: 12 }} barCategoryGap={1}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
        <XAxis dataKey="x" tickFormatter={tick} label={{ value: plot.xLabel, position: "insideBottom", offset: -14 }} />
        <YAxis
          tickFormatter={tick}
          width={56}
          label={{ value: plot.yLabel, angle: -90, position: "insideLeft", style: { textAnchor: "middle" } }}
        />
        <Tooltip formatter={(v) => [tick(v), plot.yLabel]} labelFormatter={(l) => `${plot.xLabel} ≈ ${tick(l)}`} />
        <Bar dataKey="count" fill={COLORS[0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export default function Plots({ plots }: { plots: Plot[] }) {
  return (
    <>
      {plots.map((plot, i) => (
        <figure className="plot" key={`${plot.title}-${i}`}>
          <figcaption>
            <strong>{plot.title}</strong>
            {plot.caption ? <span className="plot-caption">{plot.caption}</span> : null}
          </figcaption>
          <div className="plot-chart" role="img" aria-label={`${plot.title}: ${plot.yLabel} against ${plot.xLabel}`}>
            {plot.kind === "line" ? <LinePlotView plot={plot} /> : <HistogramView plot={plot} />}
          </div>
        </figure>
      ))}
    </>
  );
}
