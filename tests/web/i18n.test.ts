import { describe, expect, it } from 'vitest';
import { detectLocale, initI18n, locale, pick, setLocale, t } from '../../web/src/i18n.ts';

describe('detectLocale', () => {
  it('prefers a stored choice', () => {
    expect(detectLocale('zh', ['en-US'])).toBe('zh');
    expect(detectLocale('en', ['zh-CN'])).toBe('en');
  });

  it('falls back to the first browser language: zh* → zh, else en', () => {
    expect(detectLocale(null, ['zh-CN', 'en'])).toBe('zh');
    expect(detectLocale(null, ['zh-TW'])).toBe('zh');
    expect(detectLocale(null, ['ZH'])).toBe('zh');
    expect(detectLocale(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLocale(null, ['fr'])).toBe('en');
    expect(detectLocale(null, [])).toBe('en');
  });

  it('ignores a stored value that is not a locale', () => {
    expect(detectLocale('de', ['zh-CN'])).toBe('zh');
  });
});

describe('t and pick', () => {
  it('follow the interface language, with plurals', async () => {
    initI18n('en');
    expect(locale()).toBe('en');
    expect(t('search.results', { count: 1 })).toBe('1 clause');
    expect(t('search.results', { count: 3 })).toBe('3 clauses');
    expect(pick({ zh: '江西省', en: 'Jiangxi Province' })).toBe('Jiangxi Province');
    await setLocale('zh');
    expect(locale()).toBe('zh');
    expect(t('search.results', { count: 3 })).toBe('共 3 条结果');
    expect(pick({ zh: '江西省', en: 'Jiangxi Province' })).toBe('江西省');
  });

  it('does not escape interpolated text (the DOM is built from text nodes)', async () => {
    await setLocale('en');
    expect(t('reader.clauseLink', { path: 'A & <B>' })).toBe('Link to A & <B>');
  });
});
