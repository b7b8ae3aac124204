/**
 * Text made safe for HTML element content and quoted attribute values: & < > " ' become
 * character references. Every user-supplied string (scenario, policy, pod and node names,
 * titles) goes through this before it reaches the page.
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
