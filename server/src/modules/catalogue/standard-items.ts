import type { Material, ServiceItemRow } from './models';

/**
 * The civil-affairs items every deployment starts with, written from the national regulations
 * they rest on. Codes are this system's own opaque identifiers (MZ-<area>-<n>); a province
 * that publishes its catalogue codes replaces them. Staff-edited items are never overwritten:
 * seeding only adds codes that are missing.
 */
export type StandardItem = Omit<ServiceItemRow, 'id' | 'search_text' | 'sort'>;

const m = (name: string, o: Partial<Material> = {}): Material => ({
  name, source: '申请人自备', copies: 0, original: true, format: '纸质', required: true, ...o,
});
const ID_CARD = (who = '本人') => m(`${who}有效居民身份证`, { copies: 1, note: '身份证过期可持临时身份证' });
const COUNTER = ['窗口办理'];
const ONLINE = ['网上办理', '窗口办理'];
const FREE = '不收费';
const LOCAL = '县级以上人民政府民政部门（以当地公布为准）';
const ENQ = '当地民政服务热线（见首页）';
const CMP = '12345 政务服务便民热线';

const marriage: StandardItem[] = [
  {
    code: 'MZ-HY-01', name: '内地居民结婚登记', area: 'marriage', type: '行政确认',
    basis: '《中华人民共和国民法典》第一千零四十六条至第一千零四十九条；《婚姻登记条例》（2025年修订）第四条至第七条',
    agency: '婚姻登记机关（县级人民政府民政部门或乡（镇）人民政府）',
    conditions: '男女双方完全自愿；男方年满22周岁、女方年满20周岁；双方均无配偶；双方没有直系血亲和三代以内旁系血亲关系；双方共同亲自到婚姻登记机关申请',
    audience: '内地居民', procedure: ['网上预约（可选）', '双方亲自到场、取号', '填写《申请结婚登记声明书》并当场签名', '登记员审查', '颁发结婚证', '颁证仪式（自愿）'],
    materials: [ID_CARD('双方'), m('双方近期半身免冠合影照片', { copies: 3, original: false, note: '2寸；多数登记机关可现场拍照', required: false }), m('《申请结婚登记声明书》', { source: '现场填写', original: false, note: '声明本人无配偶且与对方无禁止结婚的亲属关系，须在登记员面前签名' })],
    statutory_limit: '当场办结', promised_limit: '当场办结', fee: '不收费', result: '结婚证', channels: ['网上预约', '窗口办理'], bookable: true, visits: 1,
    cross_region: '全国通办：内地居民可在任一婚姻登记机关办理', place_hours: '各婚姻登记处，法定工作日办公（部分登记处在特殊日期另行开放）',
    enquiry: ENQ, complaint: CMP, keywords: '结婚 领证 登记结婚 婚姻登记 结婚证 扯证 民政局',
  },
  {
    code: 'MZ-HY-02', name: '内地居民离婚登记', area: 'marriage', type: '行政确认',
    basis: '《中华人民共和国民法典》第一千零七十六条至第一千零七十八条；《婚姻登记条例》（2025年修订）',
    agency: '婚姻登记机关',
    conditions: '双方自愿离婚，并对子女抚养、财产及债务处理等事项协商一致，签订书面离婚协议；双方在内地登记结婚或持有效结婚证；双方共同亲自到场',
    audience: '内地居民',
    procedure: ['双方亲自到场提交离婚登记申请（第一次到场）', '离婚冷静期30日（自收到申请之次日起算，期间任一方可撤回）', '冷静期届满后30日内双方再次亲自到同一登记机关申请发给离婚证（第二次到场）', '登记员审查', '颁发离婚证'],
    materials: [ID_CARD('双方'), m('双方的结婚证', { note: '遗失的可先补领或由登记机关核查档案' }), m('双方共同签署的离婚协议书', { copies: 3, original: false, note: '载明自愿离婚的意思表示以及对子女抚养、财产及债务处理等事项协商一致的意见' }), m('双方各2张近期半身免冠单人照片', { copies: 2, original: false, required: false, note: '第二次到场发证时使用' })],
    statutory_limit: '冷静期30日；届满后30日内双方到场', promised_limit: '第二次到场当场办结', fee: '不收费', result: '离婚证', channels: ['网上预约', '窗口办理'], bookable: true, visits: 2,
    cross_region: '全国通办；两次到场须在同一婚姻登记机关', place_hours: '各婚姻登记处，法定工作日办公',
    enquiry: ENQ, complaint: CMP, keywords: '离婚 协议离婚 离婚冷静期 离婚证',
  },
  {
    code: 'MZ-HY-03', name: '补领婚姻登记证', area: 'marriage', type: '行政确认',
    basis: '《婚姻登记条例》第十七条；《婚姻登记工作规范》',
    agency: '婚姻登记机关',
    conditions: '结婚证、离婚证遗失或者损毁，当事人依法登记结婚或离婚且现今仍维持该状况',
    audience: '内地居民', procedure: ['当事人亲自到场申请', '登记机关核查婚姻登记档案', '出具补领的结婚证或离婚证'],
    materials: [ID_CARD(), m('近期半身免冠照片', { copies: 3, original: false, note: '补领结婚证需双方合影3张；补领离婚证需本人单人照片2张' }), m('《申请补领婚姻登记证声明书》', { source: '现场填写', original: false }), m('能证明婚姻状况的档案材料', { source: '政府部门核发', required: false, note: '登记机关无档案时提供，如原登记机关出具的档案证明' })],
    statutory_limit: '当场办结（需调档的除外）', promised_limit: '当场办结', fee: FREE, result: '结婚证或离婚证', channels: ['网上预约', '窗口办理'], bookable: true, visits: 1,
    cross_region: '全国通办', place_hours: '各婚姻登记处，法定工作日办公', enquiry: ENQ, complaint: CMP, keywords: '补办结婚证 结婚证丢了 补领离婚证 遗失 补证',
  },
  {
    code: 'MZ-HY-04', name: '婚姻登记档案查询', area: 'marriage', type: '公共服务',
    basis: '《婚姻登记档案管理办法》',
    agency: '婚姻登记机关', conditions: '当事人本人或其委托的代理人查询本人婚姻登记档案', audience: '婚姻登记当事人',
    procedure: ['提出查询申请', '核对身份', '出具婚姻登记记录证明'],
    materials: [ID_CARD(), m('授权委托书及代理人身份证', { required: false, note: '委托他人查询时提供' })],
    statutory_limit: '当场办结', promised_limit: '当场办结', fee: FREE, result: '婚姻登记记录证明', channels: COUNTER, bookable: false, visits: 1,
    cross_region: '在保存档案的登记机关办理', place_hours: '各婚姻登记处，法定工作日办公', enquiry: ENQ, complaint: CMP, keywords: '婚姻状况证明 婚姻档案 结婚记录 查询',
  },
];

const assistance: StandardItem[] = [
  {
    code: 'MZ-JZ-01', name: '最低生活保障申请', area: 'assistance', type: '行政给付',
    basis: '《社会救助暂行办法》第九条至第十七条；《最低生活保障审核确认办法》（民发〔2021〕57号）',
    agency: '县级人民政府民政部门（乡镇人民政府、街道办事处受理初审）',
    conditions: '共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合当地规定',
    audience: '城乡居民家庭', procedure: ['向户籍所在地或经常居住地乡镇（街道）提出申请', '家庭经济状况核对与入户调查', '民主评议、审核确认', '公示7天', '按月发放低保金'],
    materials: [ID_CARD('申请人及共同生活家庭成员'), m('户口簿', { copies: 1 }), m('最低生活保障申请书', { source: '现场填写', original: false }), m('家庭经济状况核对授权书', { source: '现场填写', original: false, note: '共同生活家庭成员签字，授权查询存款、房产、车辆等信息' }), m('家庭收入及财产状况声明', { source: '现场填写', original: false }), m('残疾证、病历等相关证明', { required: false, copies: 1 })],
    statutory_limit: '自受理之日起30个工作日（特殊情况可延长至45个工作日）', promised_limit: '30个工作日', fee: FREE, result: '最低生活保障金', channels: ONLINE, bookable: true, visits: 1,
    cross_region: '可在经常居住地申请（按当地规定）', place_hours: '乡镇（街道）社会救助窗口，法定工作日', enquiry: ENQ, complaint: CMP, keywords: '低保 最低生活保障 困难家庭 救助金',
  },
  {
    code: 'MZ-JZ-02', name: '特困人员救助供养', area: 'assistance', type: '行政给付',
    basis: '《社会救助暂行办法》第十四条至第二十条；《特困人员认定办法》（民发〔2021〕43号）',
    agency: '县级人民政府民政部门',
    conditions: '老年人、残疾人以及未满16周岁的未成年人，同时具备无劳动能力、无生活来源、无法定赡养抚养扶养义务人或者其法定义务人无履行义务能力的条件',
    audience: '城乡特困人员', procedure: ['本人或委托他人向乡镇（街道）提出申请', '调查核实、公示', '县级民政部门审核确认', '分散或集中供养'],
    materials: [ID_CARD(), m('户口簿', { copies: 1 }), m('特困人员救助供养申请书', { source: '现场填写', original: false }), m('残疾证或相关医疗证明', { required: false, copies: 1 }), m('家庭经济状况核对授权书', { source: '现场填写', original: false })],
    statutory_limit: '自受理之日起20个工作日内作出决定', promised_limit: '20个工作日', fee: FREE, result: '特困人员救助供养证', channels: ONLINE, bookable: true, visits: 1,
    cross_region: '户籍所在地申请', place_hours: '乡镇（街道）社会救助窗口', enquiry: ENQ, complaint: CMP, keywords: '特困 五保 供养 孤老 孤儿 无依无靠',
  },
  {
    code: 'MZ-JZ-03', name: '临时救助', area: 'assistance', type: '行政给付',
    basis: '《社会救助暂行办法》第四十七条至第五十条；《关于进一步加强和改进临时救助工作的意见》',
    agency: '县级人民政府民政部门、乡镇人民政府（街道办事处）',
    conditions: '因火灾、交通事故等意外事件，或家庭成员突发重大疾病等原因导致基本生活暂时出现严重困难的家庭或个人',
    audience: '遭遇急难的家庭或个人', procedure: ['向乡镇（街道）申请（情况紧急的可先行救助）', '审核', '发放临时救助金或实物'],
    materials: [ID_CARD(), m('临时救助申请书', { source: '现场填写', original: false }), m('遭遇困难的相关证明', { copies: 1, note: '如医疗票据、事故证明等；急难情形可事后补齐' })],
    statutory_limit: '急难型先行救助；一般型按当地规定', promised_limit: '急难型当日救助', fee: FREE, result: '临时救助金或实物', channels: ONLINE, bookable: false, visits: 1,
    cross_region: '急难情形可向急难发生地申请', place_hours: '乡镇（街道）社会救助窗口', enquiry: ENQ, complaint: CMP, keywords: '急难 救急 临时困难 救助',
  },
];

const socialOrgs: StandardItem[] = [
  {
    code: 'MZ-SZ-01', name: '社会团体成立登记', area: 'social-orgs', type: '行政许可',
    basis: '《社会团体登记管理条例》第九条至第十二条',
    agency: '登记管理机关（县级以上人民政府民政部门）',
    conditions: '有50个以上个人会员或30个以上单位会员；有规范的名称和相应的组织机构；有固定的住所；有与其业务活动相适应的专职工作人员；有合法的资产和经费来源（全国性3万元以上、地方性1万元以上活动资金）；有独立承担民事责任的能力',
    audience: '拟成立社会团体的发起人', procedure: ['经业务主管单位审查同意（依法直接登记的除外）', '提交成立登记申请', '登记管理机关审查', '准予登记、发给登记证书'],
    materials: [m('登记申请书', { original: false, copies: 1 }), m('业务主管单位的批准文件', { required: false, note: '直接登记的社会团体无需提供' }), m('验资报告、场所使用权证明', { copies: 1 }), m('发起人和拟任负责人的基本情况、身份证明', { copies: 1 }), m('章程草案', { original: false, copies: 1 })],
    statutory_limit: '自收到全部有效文件之日起60日', promised_limit: '20个工作日', fee: FREE, result: '社会团体法人登记证书', channels: ONLINE, bookable: true, visits: 1,
    cross_region: '按登记管辖', place_hours: '民政部门政务服务窗口', enquiry: ENQ, complaint: CMP, keywords: '社团 协会 学会 商会 成立 注册',
  },
  {
    code: 'MZ-SZ-02', name: '基金会年度检查', area: 'social-orgs', type: '其他行政权力',
    basis: '《基金会管理条例》第三十六条；《基金会年度检查办法》',
    agency: '登记管理机关',
    conditions: '依法登记满一个会计年度的基金会、境外基金会代表机构',
    audience: '基金会', procedure: ['每年3月31日前报送上一年度工作报告', '业务主管单位初审（如有）', '登记管理机关审查', '作出年检结论（合格、基本合格、不合格）并公告'],
    materials: [m('年度工作报告', { original: false, format: '纸质或电子' }), m('年度财务会计报告及审计报告', { original: false, copies: 1 }), m('业务主管单位初审意见', { required: false })],
    statutory_limit: '每年3月31日前报送', promised_limit: '按当年年检通知', fee: FREE, result: '年检结论', channels: ONLINE, bookable: false, visits: 0,
    cross_region: '按登记管辖', place_hours: '网上办理', enquiry: ENQ, complaint: CMP, keywords: '年检 年报 基金会 年度报告',
  },
  {
    code: 'MZ-SZ-03', name: '民办非企业单位（社会服务机构）成立登记', area: 'social-orgs', type: '行政许可',
    basis: '《民办非企业单位登记管理暂行条例》第八条至第十二条',
    agency: '登记管理机关', conditions: '经业务主管单位审查同意；有规范的名称、必要的组织机构；有与其业务活动相适应的从业人员；有与其业务活动相适应的合法财产；有必要的场所',
    audience: '拟举办社会服务机构的单位或个人', procedure: ['业务主管单位审查同意', '提交登记申请', '审查', '准予登记'],
    materials: [m('登记申请书', { original: false }), m('业务主管单位的批准文件'), m('场所使用权证明', { copies: 1 }), m('验资报告', { copies: 1 }), m('拟任负责人的基本情况、身份证明', { copies: 1 }), m('章程草案', { original: false })],
    statutory_limit: '自收到全部有效文件之日起60日', promised_limit: '20个工作日', fee: FREE, result: '民办非企业单位登记证书', channels: ONLINE, bookable: true, visits: 1,
    cross_region: '按登记管辖', place_hours: '民政部门政务服务窗口', enquiry: ENQ, complaint: CMP, keywords: '民非 社会服务机构 民办学校 民办机构 注册',
  },
];

const elderly: StandardItem[] = [
  {
    code: 'MZ-YL-01', name: '养老机构备案', area: 'elderly', type: '其他行政权力',
    basis: '《中华人民共和国老年人权益保障法》第四十三条；《养老机构管理办法》（民政部令第66号）第九条至第十一条',
    agency: '县级人民政府民政部门', conditions: '已依法办理法人登记的养老机构，在收住老年人后10个工作日内备案',
    audience: '养老机构', procedure: ['提交备案申请书及承诺书', '民政部门当场备案并出具回执', '备案后双随机检查'],
    materials: [m('养老机构备案申请书', { original: false }), m('养老机构备案承诺书', { original: false, note: '承诺符合消防、卫生、食品安全等要求' }), m('营业执照或法人登记证书', { copies: 1 }), m('服务场所所有权或使用权证明', { copies: 1 }), m('消防安全相关材料', { copies: 1 })],
    statutory_limit: '材料齐全的当场备案', promised_limit: '即时办结', fee: FREE, result: '养老机构备案回执', channels: ONLINE, bookable: true, visits: 0,
    cross_region: '向服务场所所在地县级民政部门备案', place_hours: LOCAL, enquiry: ENQ, complaint: CMP, keywords: '养老院 敬老院 养老机构 备案',
  },
  {
    code: 'MZ-YL-02', name: '高龄津贴申领', area: 'elderly', type: '行政给付',
    basis: '《中华人民共和国老年人权益保障法》第三十三条；各省（区、市）高龄津贴制度',
    agency: '县级人民政府民政部门（乡镇、街道受理）', conditions: '达到当地规定年龄（多为80周岁以上）的本地户籍老年人',
    audience: '高龄老年人', procedure: ['本人或代办人申请', '乡镇（街道）审核', '按月发放津贴'],
    materials: [ID_CARD('老年人'), m('户口簿', { copies: 1 }), m('本人社会保障卡或银行卡', { copies: 1 })],
    statutory_limit: '按当地规定', promised_limit: '10个工作日', fee: FREE, result: '高龄津贴', channels: ONLINE, bookable: false, visits: 0,
    cross_region: '户籍所在地申请', place_hours: '乡镇（街道）便民服务中心', enquiry: ENQ, complaint: CMP, keywords: '高龄补贴 老人补贴 长寿金 80岁',
  },
];

const others: StandardItem[] = [
  {
    code: 'MZ-BZ-01', name: '惠民殡葬补贴', area: 'funeral', type: '行政给付',
    basis: '《殡葬管理条例》；民政部等《关于全面推行惠民殡葬政策的指导意见》（民发〔2012〕80号）及各地实施办法',
    agency: '县级人民政府民政部门、殡仪馆', conditions: '逝者为本地户籍居民（或按当地规定扩大的对象），遗体在殡仪馆火化',
    audience: '逝者家属', procedure: ['在殡仪馆办理火化时申请', '核对身份和死亡证明', '基本殡葬服务费用直接减免或事后申领'],
    materials: [m('逝者居民身份证或户口簿', { copies: 1 }), m('《居民死亡医学证明（推断）书》', { source: '政府部门核发', copies: 1 }), m('火化证明', { source: '殡仪馆出具', copies: 1 }), ID_CARD('经办人')],
    statutory_limit: '按当地规定', promised_limit: '当场减免或10个工作日', fee: FREE, result: '基本殡葬服务费用减免', channels: COUNTER, bookable: false, visits: 1,
    cross_region: '按当地规定', place_hours: '殡仪馆、乡镇（街道）民政窗口', enquiry: ENQ, complaint: CMP, keywords: '丧葬补贴 火化补贴 殡葬 减免',
  },
  {
    code: 'MZ-BZ-02', name: '公益性公墓安葬（放）申请', area: 'funeral', type: '公共服务',
    basis: '《殡葬管理条例》第八条、第九条', agency: '乡镇人民政府、公益性公墓管理单位', conditions: '本地村（居）民骨灰安葬（放）',
    audience: '逝者家属', procedure: ['提出申请', '审核', '安排墓位或格位'],
    materials: [m('火化证明', { copies: 1 }), ID_CARD('经办人'), m('逝者户口注销证明', { copies: 1, required: false })],
    statutory_limit: '按当地规定', promised_limit: '5个工作日', fee: '按当地物价部门核定标准', result: '安葬（放）凭证', channels: COUNTER, bookable: false, visits: 1,
    cross_region: '本地户籍', place_hours: '乡镇（街道）民政窗口', enquiry: ENQ, complaint: CMP, keywords: '墓地 公墓 骨灰安放 安葬',
  },
  {
    code: 'MZ-ZY-01', name: '志愿服务记录证明出具', area: 'volunteer', type: '公共服务',
    basis: '《志愿服务条例》第十九条；《志愿服务记录与证明出具办法》（民政部令第67号）',
    agency: '志愿服务组织或志愿服务活动组织者', conditions: '已实名注册并参加志愿服务、有志愿服务记录的志愿者',
    audience: '志愿者', procedure: ['志愿者提出申请', '组织者核对服务记录', '无偿、如实出具证明（可在线验证）'],
    materials: [m('志愿者本人有效身份证件信息', { format: '电子', original: false })],
    statutory_limit: '按组织者承诺', promised_limit: '即时出具（线上）', fee: '不收费（条例规定无偿出具）', result: '志愿服务记录证明', channels: ['网上办理'], bookable: false, visits: 0,
    cross_region: '全国通办（全国志愿服务信息系统）', place_hours: '网上办理', enquiry: ENQ, complaint: CMP, keywords: '志愿者证明 志愿时长 服务时长 志愿证明',
  },
  {
    code: 'MZ-ZY-02', name: '志愿者注册', area: 'volunteer', type: '公共服务',
    basis: '《志愿服务条例》第七条', agency: '志愿服务组织', conditions: '自愿参加志愿服务的公民，实名注册', audience: '公民',
    procedure: ['实名登记个人基本信息、服务技能、服务时间', '取得志愿者编号'],
    materials: [m('本人身份证件信息', { format: '电子', original: false })],
    statutory_limit: '即时办结', promised_limit: '即时办结', fee: FREE, result: '志愿者编号', channels: ['网上办理'], bookable: false, visits: 0,
    cross_region: '全国通办', place_hours: '网上办理', enquiry: ENQ, complaint: CMP, keywords: '当志愿者 注册志愿者 报名',
  },
  {
    code: 'MZ-SG-01', name: '社会工作者职业水平证书登记', area: 'social-work', type: '公共服务',
    basis: '《社会工作者职业水平评价暂行规定》；《社会工作者登记管理办法》', agency: '县级以上人民政府民政部门',
    conditions: '取得社会工作者职业水平证书，在社会工作岗位从业', audience: '社会工作者',
    procedure: ['提交登记申请', '审核', '予以登记'],
    materials: [ID_CARD(), m('社会工作者职业水平证书', { copies: 1 }), m('所在单位出具的从业证明', { copies: 1 })],
    statutory_limit: '按当地规定', promised_limit: '10个工作日', fee: FREE, result: '登记证明', channels: ONLINE, bookable: false, visits: 0,
    cross_region: '在执业所在地登记', place_hours: LOCAL, enquiry: ENQ, complaint: CMP, keywords: '社工证 社会工作师 登记 注册',
  },
  {
    code: 'MZ-XQ-01', name: '救助寻亲服务登记', area: 'family-search', type: '公共服务',
    basis: '《城市生活无着的流浪乞讨人员救助管理办法》及其实施细则', agency: '救助管理机构',
    conditions: '寻找在救助管理机构受助、身份不明的亲属', audience: '寻亲家庭',
    procedure: ['提交寻亲线索', '救助管理机构比对（含DNA比对）', '核实后安排接领返乡'],
    materials: [ID_CARD('寻亲人'), m('走失人员照片及体貌特征', { original: false, format: '纸质或电子' }), m('与走失人员关系证明', { required: false, copies: 1 })],
    statutory_limit: '无', promised_limit: '持续比对', fee: FREE, result: '寻亲比对结果', channels: ONLINE, bookable: false, visits: 0,
    cross_region: '全国通办（全国救助寻亲网）', place_hours: '救助管理站，24小时', enquiry: ENQ, complaint: CMP, keywords: '寻亲 走失 找人 流浪 救助站',
  },
  {
    code: 'MZ-XQ-02', name: '生活无着流浪乞讨人员求助', area: 'family-search', type: '行政给付',
    basis: '《城市生活无着的流浪乞讨人员救助管理办法》', agency: '救助管理机构',
    conditions: '自身无力解决食宿，无亲友投靠，不享受城市最低生活保障或者农村五保供养，正在城市流浪乞讨度日的人员', audience: '流浪乞讨人员',
    procedure: ['向救助管理站求助（或由公安、城管护送）', '询问登记', '提供临时食宿、医疗、返乡等救助'],
    materials: [m('本人身份信息', { required: false, note: '无法提供的如实告知即可' })],
    statutory_limit: '即时救助', promised_limit: '即时救助', fee: FREE, result: '临时救助', channels: COUNTER, bookable: false, visits: 1,
    cross_region: '全国通办', place_hours: '救助管理站，24小时', enquiry: ENQ, complaint: CMP, keywords: '流浪 乞讨 救助站 无家可归',
  },
  {
    code: 'MZ-SQ-01', name: '社区社会组织备案', area: 'community', type: '公共服务',
    basis: '民政部《关于大力培育发展社区社会组织的意见》（民发〔2017〕191号）', agency: '乡镇人民政府、街道办事处',
    conditions: '在社区（村）开展为民服务、公益慈善、邻里互助、文体娱乐等活动，尚未达到登记条件的社区社会组织', audience: '社区社会组织',
    procedure: ['向街道（乡镇）提交备案材料', '审核备案', '纳入管理服务'],
    materials: [m('备案申请表', { original: false }), m('负责人身份证明', { copies: 1 }), m('组织章程或活动规则', { original: false }), m('成员名单', { original: false })],
    statutory_limit: '按当地规定', promised_limit: '10个工作日', fee: FREE, result: '备案证明', channels: ONLINE, bookable: false, visits: 1,
    cross_region: '所在街道（乡镇）', place_hours: '街道（乡镇）便民服务中心', enquiry: ENQ, complaint: CMP, keywords: '社区组织 兴趣队 广场舞队 备案 居委会',
  },
  {
    code: 'MZ-DM-01', name: '地名命名、更名审批', area: 'divisions', type: '行政许可',
    basis: '《地名管理条例》（2022年）第十一条至第十五条', agency: '县级以上人民政府或其地名行政主管部门',
    conditions: '地名命名、更名符合《地名管理条例》规定的原则，并经专家论证、征求意见', audience: '申请单位',
    procedure: ['提交申请', '综合评估、专家论证、征求意见', '批准并公告'],
    materials: [m('地名命名（更名）申请书', { original: false }), m('拟用名称的理由及含义说明', { original: false }), m('标示地理实体位置和范围的图件', { copies: 1 })],
    statutory_limit: '按《地名管理条例》', promised_limit: '20个工作日', fee: FREE, result: '批准文件', channels: ONLINE, bookable: false, visits: 1,
    cross_region: '按管辖', place_hours: '民政部门政务服务窗口', enquiry: ENQ, complaint: CMP, keywords: '地名 路名 小区名称 命名 更名',
  },
  {
    code: 'MZ-DM-02', name: '标准地名证明', area: 'divisions', type: '公共服务',
    basis: '《地名管理条例》第二十四条', agency: '县级地名行政主管部门',
    conditions: '需证明地名、门（楼）牌标准名称的单位或个人', audience: '单位和个人',
    procedure: ['提出申请', '查询标准地名信息', '出具证明'],
    materials: [ID_CARD(), m('不动产权证书等相关证明', { copies: 1, required: false })],
    statutory_limit: '当场办结', promised_limit: '当场办结', fee: FREE, result: '标准地名（门牌）证明', channels: ONLINE, bookable: false, visits: 0,
    cross_region: '地名所在地', place_hours: LOCAL, enquiry: ENQ, complaint: CMP, keywords: '门牌证明 地址证明 门牌号',
  },
];

export const STANDARD_ITEMS: StandardItem[] = [...marriage, ...assistance, ...socialOrgs, ...elderly, ...others];
