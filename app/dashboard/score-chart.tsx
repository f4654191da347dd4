"use client";
// Scores over time: practice checks and mock exams, with the exam's pass line.
import { CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ScorePoint } from "@/lib/dashboard/summary";

export function ScoreChart({ points, passPercent }: { points: ScorePoint[]; passPercent: number }) {
  const data = (kind: ScorePoint["kind"]) => points.filter((p) => p.kind === kind).map((p) => ({ ...p, time: new Date(p.at).getTime() }));
  const format = (t: number) => new Date(t).toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return (
    <figure>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} />
            <XAxis dataKey="time" type="number" domain={["dataMin", "dataMax"]} tickFormatter={format} name="Date" stroke="currentColor" fontSize={12} />
            <YAxis dataKey="percent" type="number" domain={[0, 100]} unit="%" name="Score" stroke="currentColor" fontSize={12} />
            <Tooltip
              cursor={{ strokeDasharray: "3 3" }}
              content={({ payload }) => {
                const p = payload?.[0]?.payload as (ScorePoint & { time: number }) | undefined;
                return p ? (
                  <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-900 shadow">
                    {p.label}: {p.percent}% ({format(p.time)})
                  </div>
                ) : null;
              }}
            />
            <Legend />
            <ReferenceLine y={passPercent} stroke="#e11d48" strokeDasharray="4 4" label={{ value: `pass ${passPercent}%`, position: "insideTopRight", fontSize: 11, fill: "#e11d48" }} />
            <Scatter name="Practice checks" data={data("practice")} fill="#326ce5" />
            <Scatter name="Mock exams" data={data("exam")} fill="#059669" shape="diamond" />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        Scores over time:{" "}
        {points.map((p) => `${p.label} ${p.percent}% on ${new Date(p.at).toDateString()}`).join("; ")}
      </figcaption>
    </figure>
  );
}
