import { namedModules, type Module } from './module';

const count = (vars: Readonly<Record<string, { size: number }>>) => Object.values(vars).reduce((n, v) => n + v.size, 0);

/** The number of trainable parameters of `module` and its children (PyTorch's `sum(p.numel() for p in m.parameters())`). */
export function parameterCount(module: Module): number {
  return count(module.namedParameters());
}

/** One row of {@link summaryRows}. */
export interface SummaryRow {
  /** Dotted module name (`''` for the root). */
  name: string;
  type: string;
  /** Parameters of this module alone. */
  ownParameters: number;
  /** Parameters of this module and its descendants. */
  totalParameters: number;
  /** Buffer elements (running statistics) of this module alone. */
  ownBuffers: number;
}

/** Per-module parameter counts, depth-first (parents before children). */
export function summaryRows(module: Module): SummaryRow[] {
  return namedModules(module).map(([name, m]) => ({
    name,
    type: m.type,
    ownParameters: count(m.parameters),
    totalParameters: parameterCount(m),
    ownBuffers: count(m.buffers),
  }));
}

/**
 * A printable table of the module tree: name (indented by depth), type and parameter count (descendants
 * included), then the totals, e.g. `layer1.0.conv1  Conv2d  36,864`. Parameter-free modules are listed too.
 */
export function summary(module: Module): string {
  const rows = summaryRows(module);
  const fmt = (n: number) => n.toLocaleString('en-US');
  const lines = rows.map((r) => {
    const depth = r.name === '' ? 0 : r.name.split('.').length;
    return [`${'  '.repeat(depth)}${r.name === '' ? '(root)' : r.name}`, r.type, fmt(r.totalParameters)];
  });
  const widths = [0, 1, 2].map((c) => Math.max(...lines.map((l) => l[c]!.length), ['name', 'type', 'parameters'][c]!.length));
  const row = (cells: string[]) => `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padEnd(widths[1]!)}  ${cells[2]!.padStart(widths[2]!)}`;
  const buffers = rows.reduce((n, r) => n + r.ownBuffers, 0);
  return [
    row(['name', 'type', 'parameters']),
    ...lines.map(row),
    `total parameters: ${fmt(rows[0]!.totalParameters)}; buffer elements: ${fmt(buffers)}`,
  ].join('\n');
}
