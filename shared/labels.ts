// Bilingual labels of fixed facet values. They are data (facet labels in API responses), not interface text.
import type { Bilingual, Category, DocStatus, Level } from './types.ts';

export const LEVEL_LABELS: Record<Level, Bilingual> = {
  national: { zh: '国家级', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
  district: { zh: '区县级', en: 'District' },
};

export const DOC_STATUS_LABELS: Record<DocStatus, Bilingual> = {
  in_force: { zh: '现行有效', en: 'In force' },
  pending: { zh: '尚未生效', en: 'Not yet in force' },
  expired: { zh: '已失效', en: 'Expired' },
  superseded: { zh: '已被替代', en: 'Superseded' },
  draft: { zh: '征求意见稿', en: 'Draft for comment' },
};

export const CATEGORY_LABELS: Record<Category, Bilingual> = {
  'market-access': { zh: '市场准入', en: 'Market access' },
  'investment-promotion': { zh: '投资促进', en: 'Investment promotion' },
  tax: { zh: '税收', en: 'Tax' },
  finance: { zh: '金融', en: 'Finance' },
  'land-and-factors': { zh: '土地与要素', en: 'Land and factors' },
  'talent-and-immigration': { zh: '人才与出入境', en: 'Talent and immigration' },
  'trade-and-customs': { zh: '贸易与海关', en: 'Trade and customs' },
  ip: { zh: '知识产权', en: 'Intellectual property' },
  innovation: { zh: '科技创新', en: 'Innovation' },
  industries: { zh: '产业', en: 'Industries' },
  'green-development': { zh: '绿色发展', en: 'Green development' },
  institutions: { zh: '机构', en: 'Institutions' },
  programmes: { zh: '专项行动与规划', en: 'Programmes' },
  'regions-and-platforms': { zh: '区域与平台', en: 'Regions and platforms' },
  governance: { zh: '政策与治理', en: 'Policy and governance' },
};
