import type { ReactNode } from "react";
import "./responsiveTable.css";

export type ResponsiveRow = { key: string; cells: ReactNode[] };

/**
 * A DSFR table that becomes one card per row on a phone (under 576 px, see responsiveTable.css):
 * each cell then shows its column's heading above its value (`data-label`). The markup stays a
 * real table with its caption and column headings, for screen readers and for wide screens.
 */
export function ResponsiveTable(props: { caption: ReactNode; headers: string[]; rows: ResponsiveRow[]; className?: string }) {
  return (
    <div className={`fr-table fr-table--no-scroll tandem-cards ${props.className ?? ""}`}>
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, one per column heading
                <td key={i} data-label={props.headers[i]}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
