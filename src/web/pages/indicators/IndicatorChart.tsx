import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Dashboard, IndicatorView } from "../../../shared/contracts/indicators";

/** DSFR colours: blue France for the figures, grey for the grid (the chart's data table says the same). */
const BLUE_FRANCE = "#000091";
const GRID = "#dddddd";
/** DSFR « orange terre battue »: a commitment's target, dashed. */
const TARGET = "#b34000";

/**
 * An indicator over the periods shown: bars for counts of people, a line for shares and medians.
 * Each commitment the indicator measures is a dashed target line.
 * Decorative for assistive technologies (aria-hidden): the table next to it gives every value and the commitments' results.
 */
export function IndicatorChart(props: { indicator: IndicatorView; periods: Dashboard["periods"] }) {
  const data = props.indicator.series.map((s) => ({
    period: props.periods.find((p) => p.key === s.period)?.key ?? s.period,
    value: s.cell.value,
  }));
  const line = props.indicator.unit !== "personnes";
  const targets = props.indicator.commitments.map((c) => (
    <ReferenceLine
      key={c.key}
      y={c.target}
      stroke={TARGET}
      strokeDasharray="6 3"
      ifOverflow="extendDomain"
      label={{ value: `Objectif ${c.target.toLocaleString("fr-FR")}`, position: "insideTopRight", fill: TARGET, fontSize: 12 }}
    />
  ));
  return (
    <div aria-hidden="true" style={{ width: "100%", height: 180 }}>
      <ResponsiveContainer>
        {line ? (
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="period" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals width={40} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Line type="monotone" dataKey="value" name={props.indicator.unit} stroke={BLUE_FRANCE} strokeWidth={2} isAnimationActive={false} connectNulls />
            {targets}
          </LineChart>
        ) : (
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="period" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="value" name="personnes" fill={BLUE_FRANCE} isAnimationActive={false} />
            {targets}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
