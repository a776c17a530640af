import type { Instance } from './model';
import { euclideanTravel } from './travel';

/**
 * Reads a Solomon-format instance: the vehicle count and capacity, then one row per node (id, x, y,
 * demand, ready time, due date, service time) with node 0 the depot. Visit ids are the customer numbers,
 * location i is node i, and every vehicle runs from the depot within its time window.
 */
export function parseSolomon(text: string): Instance & { readonly name: string } {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const name = lines.find((line) => line.length > 0) ?? '';
  const numeric = lines.filter((line) => /^\d/.test(line)).map((line) => line.split(/\s+/).map(Number));
  const [fleet, ...rows] = numeric;
  if (fleet?.length !== 2 || rows.length < 2) throw new SyntaxError('not a Solomon instance');
  const [vehicleCount, capacity] = fleet as [number, number];
  const nodes = rows.map((row) => {
    if (row.length !== 7 || row.some(Number.isNaN)) throw new SyntaxError(`bad node row: ${row.join(' ')}`);
    const [id, x, y, demand, ready, due, service] = row as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return { id, x, y, demand, ready, due, service };
  });
  const depot = nodes[0]!;
  return {
    name,
    travel: euclideanTravel(nodes),
    visits: nodes.slice(1).map((node, i) => ({
      id: String(node.id),
      location: i + 1,
      service: node.service,
      demand: node.demand,
      windows: [[node.ready, node.due]],
    })),
    vehicles: Array.from({ length: vehicleCount }, (_, k) => ({
      id: `v${k + 1}`,
      start: 0,
      end: 0,
      shift: [depot.ready, depot.due],
      capacity,
    })),
  };
}
