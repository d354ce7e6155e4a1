"use client";
// Keeps recharts out of every page that has no chart, and out of server rendering.
import dynamic from "next/dynamic";
import type { Plot } from "@/grader/exercise-schema";

const Plots = dynamic(() => import("./Plots"), {
  ssr: false,
  loading: () => <p className="plot-loading">Drawing the chart…</p>,
});

export function PlotsSection({ plots }: { plots: Plot[] }) {
  return <Plots plots={plots} />;
}
