"use client";
// Horizontal bar chart (recharts) for the classroom statistics: one bar per label, longest
// labels on the left. Loaded lazily and only in the browser, from StatsBarChart.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BarDatum } from "./StatsBarChart";

const ROW = 30;

function shorten(label: string, max = 30): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export default function BarChartView({ data, valueLabel, color, max }: { data: BarDatum[]; valueLabel: string; color: string; max?: number }) {
  return (
    <ResponsiveContainer width="100%" height={data.length * ROW + 44}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 18, left: 8 }} barCategoryGap={6}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
        <XAxis type="number" allowDecimals={false} domain={[0, max ?? "auto"]} label={{ value: valueLabel, position: "insideBottom", offset: -10 }} />
        <YAxis type="category" dataKey="label" width={210} tickFormatter={(v: string) => shorten(v)} interval={0} />
        <Tooltip
          formatter={(v) => [String(v), valueLabel]}
          labelFormatter={(label, payload) => {
            const detail = (payload?.[0]?.payload as BarDatum | undefined)?.detail;
            return detail ? `${label} — ${detail}` : String(label);
          }}
        />
        <Bar dataKey="value" fill={color} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
