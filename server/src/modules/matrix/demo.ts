import { isSqlite } from '../../platform/db';
import type { Platform } from '../../platform/platform';
import type { MatrixModels } from './index';
import type { MemberLevel } from './models';
import { articleSearchColumns } from './search-columns';

/**
 * Demo 矩阵成员 and 动态 articles (embedded demo seed only), so a fresh `npm start` shows a feed.
 * The accounts are fictional (名称带「演示」) and never synced: their next sync is set far ahead,
 * so the scheduler does not ask WeChat about appids it does not know. The links point at
 * mp.weixin.qq.com addresses that do not exist (演示).
 */
const MEMBERS: Array<{ key: string; name: string; level: MemberLevel; divisionCode: string; category: string }> = [
  { key: 'mca', name: '中国社会组织动态（演示）', level: 'national', divisionCode: '100000', category: '登记管理机关' },
  { key: 'bj', name: '北京社会组织（演示）', level: 'provincial', divisionCode: '110000', category: '登记管理机关' },
  { key: 'cy', name: '朝阳社会组织服务中心（演示）', level: 'county', divisionCode: '110105', category: '社会组织' },
];

const ARTICLES: Array<{ member: string; daysAgo: number; title: string; digest: string }> = [
  {
    member: 'mca',
    daysAgo: 1,
    title: '民政部部署开展2026年度全国性社会组织年度检查工作（演示）',
    digest: '各全国性社会组织应于规定时间内通过网上平台报送年度工作报告。',
  },
  {
    member: 'mca',
    daysAgo: 3,
    title: '打击整治非法社会组织专项行动取得阶段性成效（演示）',
    digest: '公众可通过「社会组织」查询登记信息，发现疑似非法社会组织可在线举报。',
  },
  {
    member: 'mca',
    daysAgo: 6,
    title: '社会组织信用信息公开：活动异常名录与严重违法失信名单怎么查（演示）',
    digest: '输入统一社会信用代码或名称，即可查看登记状态与信用记录。',
  },
  {
    member: 'bj',
    daysAgo: 2,
    title: '北京市社会组织参与社区养老服务经验交流会举行（演示）',
    digest: '20家社会组织分享了助餐、助洁、探访关爱等社区养老服务做法。',
  },
  {
    member: 'bj',
    daysAgo: 8,
    title: '北京市发布社会组织登记办事指南（演示）',
    digest: '社会团体、民办非企业单位、基金会成立登记所需材料一次说清。',
  },
  {
    member: 'cy',
    daysAgo: 4,
    title: '朝阳区社会组织志愿服务周启动（演示）',
    digest: '辖区社会组织开展敬老助残、邻里互助等志愿服务活动，欢迎居民报名。',
  },
];

/** Adds the demo members and their articles once; a second run changes nothing. */
export async function seedMatrixDemo(p: Platform, { Member, Article }: MatrixModels, changed: () => Promise<void>) {
  const sqlite = isSqlite(p.db);
  const now = p.clock.date();
  const farAhead = new Date('2099-01-01T00:00:00Z');
  let added = 0;
  for (const m of MEMBERS) {
    const appid = `wxdemo${m.key.padEnd(12, '0')}`;
    let member = await Member.findOne({ where: { appid } });
    if (!member) {
      member = await Member.create({
        name: m.name,
        appid,
        secret_enc: p.pii.encrypt(`demo-secret-${m.key}`),
        original_id: null,
        level: m.level,
        division_code: m.divisionCode,
        category: m.category,
        qr_url: null,
        active: true,
        sync_failures: 0,
        next_sync_at: farAhead,
      });
    }
    const articles = ARTICLES.filter((a) => a.member === m.key);
    for (const [i, a] of articles.entries()) {
      const articleId = `demo_${m.key}_${i + 1}`;
      if (await Article.findOne({ where: { member_id: member.id, article_id: articleId } })) continue;
      await Article.create({
        member_id: member.id,
        article_id: articleId,
        idx: 1,
        title: a.title,
        author: m.name.replace('（演示）', ''),
        digest: a.digest,
        ...articleSearchColumns(sqlite, a.title, a.digest),
        cover_url: null,
        url: `https://mp.weixin.qq.com/s/${articleId}`,
        published_at: new Date(now.getTime() - a.daysAgo * 86_400_000),
        wx_update_time: Math.floor(now.getTime() / 1000),
        deleted_at: null,
        pinned: false,
        hidden: false,
        tags: [],
        created_at: now,
        updated_at: now,
      } as never);
      added++;
    }
  }
  if (added) await changed();
  return added;
}
