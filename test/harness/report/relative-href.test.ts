import { describe, expect, it } from 'vitest';
import { relativeHref } from '../../../harness/report/relative-href.ts';

describe('relativeHref', () => {
  it('keeps a plain relative path', () => {
    expect(relativeHref('outputs/naive-0/balances.csv')).toBe('outputs/naive-0/balances.csv');
  });

  it('percent-encodes each segment, not the slashes', () => {
    expect(relativeHref('outputs/a b#c?d%e-0/balances.csv')).toBe('outputs/a%20b%23c%3Fd%25e-0/balances.csv');
    expect(relativeHref('outputs/<img src=x>/f.csv')).toBe('outputs/%3Cimg%20src%3Dx%3E/f.csv');
  });

  it('turns Windows separators into slashes', () => {
    expect(relativeHref('outputs\\naive-0\\balances.csv')).toBe('outputs/naive-0/balances.csv');
  });

  it('refuses absolute paths and anything with a URL scheme', () => {
    for (const path of ['/etc/passwd', '\\\\server\\share', '//evil.example/x', 'javascript:alert(1)', 'JavaScript:alert(1)', 'http://x', 'data:text/html,x', 'C:\\reports\\x.csv', '']) {
      expect(relativeHref(path), path).toBeNull();
    }
  });
});
