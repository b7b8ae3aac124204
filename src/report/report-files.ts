import { TABLE_ENTRIES } from './report-table-list.js';

/** report.json: the title and run facts the page shows (not a table). */
const INFO_FILE = 'report.json';
/** index.html: the page itself. */
const HTML_FILE = 'index.html';

/**
 * The files a report folder may hold: one per declared table (TABLE_ENTRIES, in the
 * order of the page's "Files" section), then report.json and index.html.
 */
export const REPORT_FILE_NAMES: readonly string[] = [...TABLE_ENTRIES.map((t) => t.decl.file), INFO_FILE, HTML_FILE];

/** The files the code names itself: the two tables every report has, report.json and index.html. */
export const REPORT_FILES = {
  runs: fileOf('runs'),
  summary: fileOf('summary'),
  info: INFO_FILE,
  html: HTML_FILE,
} as const;

/** What each file holds, one line each, for the page: the tables' declarations, then report.json. */
export const REPORT_FILE_DESCRIPTIONS: readonly (readonly [string, string])[] = [
  ...TABLE_ENTRIES.map((t) => [t.decl.file, t.decl.description] as const),
  [INFO_FILE, 'the title and run facts this page shows'],
];

function fileOf(name: 'runs' | 'summary'): string {
  return TABLE_ENTRIES.find((t) => t.name === name)!.decl.file;
}
