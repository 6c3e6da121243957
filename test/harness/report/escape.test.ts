import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptSourceForInline } from '../../../harness/report/escape.ts';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('leaves other text alone and is not idempotent by accident', () => {
    expect(escapeHtml('µs × — ok')).toBe('µs × — ok');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('jsonForScript', () => {
  const hostile = { text: '</script><script>alert(1)</script> <!-- & \u2028\u2029' };

  it('contains no character that could end or confuse a script element', () => {
    const json = jsonForScript(hostile);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toBe(
      '{"text":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u003c!-- \\u0026 \\u2028\\u2029"}',
    );
  });

  it('round-trips through JSON.parse and through JavaScript evaluation', () => {
    const json = jsonForScript(hostile);
    expect(JSON.parse(json)).toEqual(hostile);
    expect(new Function(`return ${json};`)()).toEqual(hostile);
  });

  it('maps undefined to null', () => {
    expect(jsonForScript(undefined)).toBe('null');
  });
});

describe('scriptSourceForInline', () => {
  it('breaks up </script and <!-- without changing the meaning of string literals', () => {
    const source = 'var a = "</script>"; var b = \'<!-- x\'; var c = "</SCRIPT";';
    const inline = scriptSourceForInline(source);
    expect(inline).not.toMatch(/<\/script|<!--/i);
    const run = (code: string) => new Function(`${code}; return [a, b, c];`)();
    expect(run(inline)).toEqual(run(source));
  });
});
