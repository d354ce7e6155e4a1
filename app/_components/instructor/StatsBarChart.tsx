"use client";
// A titled bar chart with its numbers also in a (visually hidden) table for screen readers.
// recharts is imported lazily and only in the browser, like the exercise page's plots.
import dynamic from "next/dynamic";

export interface BarDatum {
  label: string;
  value: number;
  /** Extra words for the tooltip and the table, e.g. "4 learners". */
  detail?: string;
}

const BarChartView = dynamic(() => import("./BarChartView"), {
  ssr: false,
  loading: () => <p className="chart-loading">Drawing the chart…</p>,
});

interface Props {
  title: string;
  data: BarDatum[];
  valueLabel: string;
  color?: string;
  /** Upper end of the value axis (e.g. 100 for percentages). */
  max?: number;
  empty: string;
}

export function StatsBarChart({ title, data, valueLabel, color = "#2563eb", max, empty }: Props) {
  return (
    <figure className="stats-chart">
      <figcaption>{title}</figcaption>
      {data.length === 0 ? (
        <p className="muted chart-empty">{empty}</p>
      ) : (
        <>
          {/* inert as well: the chart's SVG is focusable, and a hidden focusable is a trap. */}
          <div aria-hidden="true" inert>
            <BarChartView data={data} valueLabel={valueLabel} color={color} max={max} />
          </div>
          {/* The wrapper hides the table: a table itself grows to its content whatever its width,
              and a hidden one as wide as its longest label made the page scroll sideways. */}
          <div className="visually-hidden">
            <table>
              <thead>
                <tr>
                  <th scope="col">{title}</th>
                  <th scope="col">{valueLabel}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <tr key={d.label}>
                    <th scope="row">{d.label}</th>
                    <td>
                      {d.value}
                      {d.detail ? ` (${d.detail})` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
