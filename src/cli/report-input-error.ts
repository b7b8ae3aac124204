import { METRICS } from '../metrics/catalogue.js';
import { WHATIF_MEASURES } from '../metrics/whatif-measures.js';
import { InputError, ReportError } from '../run/index.js';

/** Every measure a report folder may hold: the run metrics and the what-if measures. */
export const REPORT_MEASURES = [...METRICS, ...WHATIF_MEASURES];

/**
 * Runs `read` over a report folder; a ReportError (the report cannot import InputError)
 * becomes the user error it is, naming file, line and column.
 */
export async function asInputErrors<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof ReportError) {
      const { file, line, column, columnName } = e.where;
      const col = column === undefined ? undefined : `column ${column}${columnName !== undefined ? ` (${columnName})` : ''}`;
      throw new InputError({ file, line, path: col }, e.problem);
    }
    throw e;
  }
}
