import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html.js';

describe('escapeHtml', () => {
  const cases = [
    { name: 'markup', s: '</script><script>alert(1)</script>', want: '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;' },
    { name: 'attribute breakout', s: '" onmouseover="x\' a=\'', want: '&quot; onmouseover=&quot;x&#39; a=&#39;' },
    { name: 'ampersands first, so entities are not doubled wrongly', s: '&lt;', want: '&amp;lt;' },
    { name: 'plain text unchanged', s: 'default-kube/ü 1', want: 'default-kube/ü 1' },
  ];
  for (const c of cases) it(c.name, () => expect(escapeHtml(c.s)).toBe(c.want));
});
