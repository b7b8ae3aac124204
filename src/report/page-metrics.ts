import type { MetricDef } from '../metrics/types.js';
import { uniqueInOrder } from './aggregate/unique-in-order.js';
import type { ReportTables } from './types.js';

/**
 * The metrics a page shows: those of the catalogue that the report's runs or summary hold,
 * in catalogue order, then any id the files hold that the catalogue does not know (a report
 * from another version), with the id as its label, so nothing in the files goes unshown.
 */
export function pageMetrics(catalogue: readonly MetricDef[], tables: ReportTables): MetricDef[] {
  const ids = uniqueInOrder([...tables.runs.flatMap((r) => Object.keys(r.values)), ...tables.summary.map((s) => s.metric)]);
  const present = new Set(ids);
  const known = new Set(catalogue.map((m) => m.id));
  return [
    ...catalogue.filter((m) => present.has(m.id)),
    ...ids.filter((id) => !known.has(id)).map((id): MetricDef => ({
      id, label: id, unit: 'count', higherIsBetter: null, definition: 'Not in this version\'s metric catalogue (the report was written by another version).',
    })),
  ];
}
