// Administrative filler: words that are frequent in every policy document of every field and that no translator
// needs a glossary entry for. They led `glossary candidates` before this list (疫情, 渠道, 用好, 全省, 我区 were
// its first five on the seed corpus). Kept short on purpose: a word goes here only when it is filler in any
// government text (place deixis, exhortation verbs, meeting and task words); a word general only in our corpus
// belongs in glossary/excluded.yaml, with its review.
export const ADMINISTRATIVE_FILLER: readonly string[] = [
  // "Our/this district, the whole province/city": the issuing body pointing at itself.
  '我区',
  '本区',
  '我市',
  '本市',
  '我省',
  '本省',
  '全省',
  '全市',
  '全区',
  '自治区',
  '区级',
  // Exhortations: "make good use of", "actively strive for", "establish and improve", "implement the work".
  '用好',
  '积极争取',
  '建立健全',
  '落实工作',
  '按规定',
  // Circumstance of the years the seed documents were written, not terminology of investment policy.
  '疫情',
  // Words of the document's own machinery (meetings, tasks, leadership, issuing).
  '大会',
  '任务',
  '领导',
  '印发',
  '通报',
  '情况',
  '每季度',
];
