import { ReportError } from './report-error.js';
import type { ReportInfo } from './types.js';

/** report.json's text for a report's info: stable key order, 2-space indent, final newline. */
export function reportInfoJson(info: ReportInfo): string {
  return `${JSON.stringify({ title: info.title, createdFor: info.createdFor, info: info.info }, null, 2)}\n`;
}

/** Reads report.json back, checking its shape; problems name the file and the field. */
export function parseReportInfo(text: string, file: string): ReportInfo {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new ReportError({ file }, `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ReportError({ file }, 'expected a JSON object');
  const o = v as Record<string, unknown>;
  if (typeof o['title'] !== 'string') throw new ReportError({ file }, 'title: expected a string');
  const createdFor = o['createdFor'] ?? [];
  if (!Array.isArray(createdFor) || !createdFor.every((s) => typeof s === 'string')) {
    throw new ReportError({ file }, 'createdFor: expected an array of strings');
  }
  const info = o['info'] ?? [];
  if (!Array.isArray(info) || !info.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && typeof p[1] === 'string')) {
    throw new ReportError({ file }, 'info: expected an array of [label, value] string pairs');
  }
  return { title: o['title'], createdFor: createdFor as string[], info: info as [string, string][] };
}
