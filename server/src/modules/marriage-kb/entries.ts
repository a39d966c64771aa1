/**
 * 婚姻知识信息库: articles and FAQ on marriage registration, written from the Civil Code and
 * the 2025 revision of the 婚姻登记条例. Short enough to read on a phone; the public account
 * answers keywords with the same entries.
 */
export interface KnowledgeEntry {
  id: string;
  kind: 'article' | 'faq';
  title: string;
  summary: string;
  body: string;
  keywords: string[];
  serviceCode?: string;
}

export const ENTRIES: KnowledgeEntry[] = [
  {
    id: 'marriage-conditions',
    kind: 'article',
    title: '结婚登记需要满足哪些条件',
    serviceCode: 'MZ-HY-01',
    summary: '男满22周岁、女满20周岁，双方自愿，均无配偶，且无禁止结婚的亲属关系。',
    body: '依据《民法典》第一千零四十六条至第一千零四十九条：结婚应当男女双方完全自愿；结婚年龄男不得早于二十二周岁，女不得早于二十周岁；禁止重婚；直系血亲或者三代以内的旁系血亲禁止结婚。要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。',
    keywords: ['结婚', '条件', '年龄', '婚龄', '领证'],
  },
  {
    id: 'marriage-materials',
    kind: 'faq',
    title: '结婚登记要带什么材料？',
    serviceCode: 'MZ-HY-01',
    summary: '双方本人有效居民身份证；现场签署声明书。2025年起不再需要户口簿。',
    body: '2025年5月10日起施行的《婚姻登记条例》规定，内地居民办理结婚登记应当出具本人的居民身份证，并在登记员面前签署本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的声明。不再要求出具户口簿。合影照片多数登记处可现场拍摄，具体以当地为准。',
    keywords: ['材料', '身份证', '户口本', '户口簿', '照片', '带什么'],
  },
  {
    id: 'nationwide',
    kind: 'faq',
    title: '可以在外地领结婚证吗？',
    serviceCode: 'MZ-HY-01',
    summary: '可以。内地居民结婚、离婚登记实行全国通办，可在任一婚姻登记机关办理。',
    body: '修订后的《婚姻登记条例》规定，内地居民可以在全国范围内任一婚姻登记机关办理结婚登记、离婚登记，不受户籍地限制。办理离婚登记的两次到场须在同一登记机关。',
    keywords: ['全国通办', '异地', '外地', '户籍地', '跨省'],
  },
  {
    id: 'fee',
    kind: 'faq',
    title: '婚姻登记收费吗？',
    summary: '不收费。',
    body: '婚姻登记不收取任何费用。任何单位以"加急""预约"等名义收费的，请拨打12345投诉。',
    keywords: ['收费', '费用', '多少钱', '免费'],
  },
  {
    id: 'cooling-off',
    kind: 'article',
    title: '离婚冷静期怎么算',
    serviceCode: 'MZ-HY-02',
    summary: '自登记机关收到离婚登记申请之次日起30日；届满后30日内双方再到同一登记机关申请发给离婚证。',
    body: '依据《民法典》第一千零七十七条：自婚姻登记机关收到离婚登记申请之日起三十日内，任何一方不愿意离婚的，可以向婚姻登记机关撤回离婚登记申请。期间届满后的三十日内，双方应当亲自到婚姻登记机关申请发给离婚证；未申请的，视为撤回离婚登记申请。期间从申请的次日开始计算，最后一日是法定休假日的，以休假日结束的次日为最后一日。',
    keywords: ['离婚', '冷静期', '30天', '三十日', '撤回'],
  },
  {
    id: 'divorce-materials',
    kind: 'faq',
    title: '协议离婚要带什么？',
    serviceCode: 'MZ-HY-02',
    summary: '双方身份证、结婚证，以及双方签署的离婚协议书。',
    body: '双方当事人共同到场，出具本人居民身份证、本人的结婚证，以及双方当事人共同签署的离婚协议书。离婚协议书应当载明双方自愿离婚的意思表示以及对子女抚养、财产及债务处理等事项协商一致的意见。',
    keywords: ['离婚', '材料', '协议书', '结婚证'],
  },
  {
    id: 'reissue',
    kind: 'faq',
    title: '结婚证丢了怎么办？',
    serviceCode: 'MZ-HY-03',
    summary: '到婚姻登记机关申请补领，需本人身份证和照片。',
    body: '结婚证、离婚证遗失或者损毁的，当事人可以持居民身份证向婚姻登记机关申请补领。登记机关对当事人的婚姻登记档案进行查证，确认属实的予以补发。补领结婚证需双方合影照片，补领离婚证需本人照片。',
    keywords: ['结婚证丢了', '补办', '补领', '遗失', '损坏'],
  },
  {
    id: 'booking',
    kind: 'faq',
    title: '结婚登记需要预约吗？',
    summary: '多数登记处实行预约办理，可在本小程序预约时段；双方都需实名确认。',
    body: '在小程序选择登记处、日期和时段后提交预约，再将邀请码发给另一方，由其用本人微信确认。另一方24小时内未确认的，预约自动取消。5月20日、七夕等热门日期可能采用抽签方式分配号源。',
    keywords: ['预约', '520', '七夕', '抽签', '邀请码', '时段'],
  },
  {
    id: 'ceremony',
    kind: 'article',
    title: '颁证仪式',
    summary: '登记后可自愿选择颁证仪式，部分登记处提供特色颁证厅。',
    body: '颁证仪式由当事人自愿选择，不收费。仪式一般包括宣读结婚誓言、颁发结婚证等环节，可邀请亲友观礼。',
    keywords: ['颁证', '仪式', '誓言'],
  },
  {
    id: 'counselling',
    kind: 'article',
    title: '婚姻家庭辅导服务',
    summary: '多数登记处设有婚姻家庭辅导室，免费提供婚前辅导和离婚调解。',
    body: '婚姻家庭辅导室由专业社会工作者或心理咨询师提供服务，内容包括婚前教育、家庭关系调适、离婚冷静期辅导等，均免费、自愿。',
    keywords: ['辅导', '调解', '心理', '婚前'],
  },
];
