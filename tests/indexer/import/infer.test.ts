// Inference of a document's metadata from its text, and the divisions table it reads regions from.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findRegion } from '../../../indexer/import/divisions.ts';
import { DOC_NUMBER_RE, inferMeta, isoDate } from '../../../indexer/import/infer.ts';

const deps = { findRegion: (text: string) => findRegion(text), english: (zh: string) => `EN(${zh})` };

describe('findRegion', () => {
  it('finds the most specific division a title names, with the English the corpus uses', () => {
    expect(findRegion('2021年防城港市扩大利用外资规模工作方案')).toEqual({
      zh: '广西壮族自治区防城港市',
      en: 'Fangchenggang, Guangxi Zhuang Autonomous Region',
      seat: '防城港市',
      level: 'municipal',
    });
    expect(findRegion('重庆市长寿区建设高质量外资集聚地三年行动计划')).toMatchObject({
      zh: '重庆市长寿区',
      en: 'Changshou District, Chongqing',
      level: 'district',
    });
    expect(findRegion('江西省以制造业为重点促进利用外资量质双升的若干举措')).toMatchObject({ zh: '江西省', en: 'Jiangxi Province', level: 'provincial' });
    expect(findRegion('陕西省外资条例')).toMatchObject({ en: 'Shaanxi Province' });
    expect(findRegion('南昌市招商引资办法')).toMatchObject({ zh: '江西省南昌市', level: 'municipal' });
  });

  it('reads 吉林省 as the province, not the city of 吉林, and names nothing in a national title', () => {
    expect(findRegion('吉林省关于进一步优化外商投资环境的实施意见')).toMatchObject({ zh: '吉林省', level: 'provincial' });
    expect(findRegion('关于以制造业为重点促进外资扩增量稳存量提质量的若干政策措施')).toBeNull();
  });
});

describe('isoDate and document numbers', () => {
  it('reads Arabic and Chinese numerals at the precision given', () => {
    expect(isoDate('2023年6月21日')).toBe('2023-06-21');
    expect(isoDate('二〇二二年十月二十五日')).toBe('2022-10-25');
    expect(isoDate('２０２１年１２月')).toBe('2021-12');
    expect(isoDate('2022-10-25')).toBe('2022-10-25');
    expect(isoDate('2022年13月')).toBeUndefined();
  });

  it('knows a document number standing alone', () => {
    for (const n of ['发改外资〔2022〕1586号', '国发〔2023〕11号', '赣府字[2021]3号']) expect(DOC_NUMBER_RE.test(n), n).toBe(true);
    expect(DOC_NUMBER_RE.test('全面落实《通知》(发改外资〔2022〕1586号）精神')).toBe(false);
  });
});

describe('inferMeta', () => {
  it('takes number, date and issuers from a record header', () => {
    const text =
      '发文机关：国家发展和改革委员会 商务部\n发文字号：发改外资〔2022〕1586号\n成文日期：2022年10月25日\n关于促进外资的若干措施\n一、优化投资环境\n（一）做好外资准入负面清单落实工作。\n';
    const { meta, fields } = inferMeta(text, deps);
    expect(meta).toMatchObject({
      title: { zh: '关于促进外资的若干措施', en: 'EN(关于促进外资的若干措施)' },
      docNumber: '发改外资〔2022〕1586号',
      date: '2022-10-25',
      issuer: [
        { zh: '国家发展和改革委员会', en: 'EN(国家发展和改革委员会)' },
        { zh: '商务部', en: 'EN(商务部)' },
      ],
      region: { zh: '中国', en: 'China' },
      level: 'national',
      status: 'final',
    });
    expect(fields).toEqual(expect.arrayContaining(['title.zh', 'title.en', 'docNumber', 'date', 'issuer', 'region', 'level', 'status']));
  });

  it('reads the signature block and its date, expanding 省 to the province; a draft is a draft', async () => {
    const jiangxi = inferMeta(await readFile('corpus/jiangxi-2023-fdi-manufacturing/source.txt', 'utf8'), deps);
    expect(jiangxi.meta.date).toBe('2023-06-21');
    expect(jiangxi.meta.issuer.map((i) => i.zh)).toEqual([
      '江西省发展改革委',
      '江西省商务厅',
      '江西省工业和信息化厅',
      '江西省自然资源厅',
      '江西省生态环境厅',
      '江西省交通运输厅',
    ]);
    expect(jiangxi.meta.source).toBe('https://guangfu.bjx.com.cn/news/20230628/1315626.shtml');
    const changshou = inferMeta(await readFile('corpus/changshou-2022-fdi-action-plan-draft/source.txt', 'utf8'), deps);
    expect(changshou.meta).toMatchObject({
      status: 'draft',
      date: '2022',
      level: 'district',
      issuer: [{ zh: '重庆市长寿区人民政府', en: "People's Government of Changshou District, Chongqing" }],
    });
    expect(changshou.fields).not.toContain('docNumber');
  });
});
