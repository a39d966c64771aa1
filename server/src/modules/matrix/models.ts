import { DataTypes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

export type MemberLevel = 'national' | 'provincial' | 'municipal' | 'county';
export const MEMBER_LEVELS: readonly MemberLevel[] = ['national', 'provincial', 'municipal', 'county'];
export const LEVEL_NAMES: Record<MemberLevel, string> = {
  national: '全国',
  provincial: '省级',
  municipal: '市级',
  county: '县级',
};

export interface MemberRow {
  id: number;
  name: string;
  appid: string;
  secret_enc: string;
  original_id: string | null;
  level: MemberLevel;
  division_code: string;
  category: string;
  qr_url: string | null;
  active: boolean;
  sync_failures: number;
  next_sync_at: Date | null;
  last_error: string | null;
  last_synced_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ArticleRow {
  id: number;
  member_id: number;
  article_id: string;
  idx: number;
  title: string;
  author: string | null;
  digest: string | null;
  cover_url: string | null;
  url: string;
  published_at: Date;
  wx_update_time: number;
  deleted_at: Date | null;
  pinned: boolean;
  hidden: boolean;
  tags: string[];
  /** The keyword index's text and n-grams (search-columns.ts); never shown. */
  search_text: string | null;
  search_terms: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DistributionRow {
  id: number;
  source_article_id: number | null;
  title: string;
  author: string | null;
  digest: string | null;
  content: string;
  source_url: string | null;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export type DeliveryStatus = 'pending' | 'submitted' | 'published' | 'failed';

export interface DeliveryRow {
  id: number;
  distribution_id: number;
  member_id: number;
  status: DeliveryStatus;
  attempt: number;
  media_id: string | null;
  /** The cover's media_id on this member (material/add_material), kept across retries. */
  thumb_media_id: string | null;
  publish_id: string | null;
  article_url: string | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CoverRow {
  distribution_id: number;
  origin: 'upload' | 'source' | 'default';
  mime: string;
  size: number;
  data: Buffer;
  created_at: Date;
  updated_at: Date;
}

export type MemberModel = Model<MemberRow, Partial<MemberRow>> & MemberRow;
export type ArticleModel = Model<ArticleRow, Partial<ArticleRow>> & ArticleRow;
export type DistributionModel = Model<DistributionRow, Partial<DistributionRow>> & DistributionRow;
export type DeliveryModel = Model<DeliveryRow, Partial<DeliveryRow>> & DeliveryRow;
export type CoverModel = Model<CoverRow, Partial<CoverRow>> & CoverRow;

const timestamps = { underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const;

export function defineMatrixModels(db: Sequelize) {
  const Member = db.define<MemberModel>(
    'MatrixMember',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      name: DataTypes.STRING,
      appid: DataTypes.STRING,
      secret_enc: DataTypes.STRING,
      original_id: DataTypes.STRING,
      level: DataTypes.STRING,
      division_code: DataTypes.STRING,
      category: DataTypes.STRING,
      qr_url: DataTypes.STRING,
      active: DataTypes.BOOLEAN,
      sync_failures: DataTypes.INTEGER,
      next_sync_at: DataTypes.DATE,
      last_error: DataTypes.STRING,
      last_synced_at: DataTypes.DATE,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'matrix_members', ...timestamps },
  );
  const Article = db.define<ArticleModel>(
    'MatrixArticle',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      member_id: DataTypes.INTEGER,
      article_id: DataTypes.STRING,
      idx: DataTypes.INTEGER,
      title: DataTypes.STRING,
      author: DataTypes.STRING,
      digest: DataTypes.STRING,
      cover_url: DataTypes.STRING,
      url: DataTypes.STRING,
      published_at: DataTypes.DATE,
      wx_update_time: DataTypes.INTEGER,
      deleted_at: DataTypes.DATE,
      pinned: DataTypes.BOOLEAN,
      hidden: DataTypes.BOOLEAN,
      // A short list read whole: JSON text works the same on SQLite and MySQL.
      tags: {
        type: DataTypes.STRING,
        get(this: Model) {
          return JSON.parse((this.getDataValue('tags' as never) as string) ?? '[]');
        },
        set(this: Model, v: string[]) {
          this.setDataValue('tags' as never, JSON.stringify(v) as never);
        },
      },
      search_text: DataTypes.TEXT,
      search_terms: DataTypes.TEXT,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'matrix_articles', ...timestamps },
  );
  const Distribution = db.define<DistributionModel>(
    'MatrixDistribution',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      source_article_id: DataTypes.INTEGER,
      title: DataTypes.STRING,
      author: DataTypes.STRING,
      digest: DataTypes.STRING,
      content: DataTypes.TEXT,
      source_url: DataTypes.STRING,
      created_by: DataTypes.INTEGER,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'matrix_distributions', ...timestamps },
  );
  const Delivery = db.define<DeliveryModel>(
    'MatrixDelivery',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      distribution_id: DataTypes.INTEGER,
      member_id: DataTypes.INTEGER,
      status: DataTypes.STRING,
      attempt: DataTypes.INTEGER,
      media_id: DataTypes.STRING,
      thumb_media_id: DataTypes.STRING,
      publish_id: DataTypes.STRING,
      article_url: DataTypes.STRING,
      error: DataTypes.STRING,
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'matrix_deliveries', ...timestamps },
  );
  const Cover = db.define<CoverModel>(
    'MatrixDistributionCover',
    {
      distribution_id: { type: DataTypes.INTEGER, primaryKey: true },
      origin: DataTypes.STRING,
      mime: DataTypes.STRING,
      size: DataTypes.INTEGER,
      data: DataTypes.BLOB('medium'),
      created_at: DataTypes.DATE,
      updated_at: DataTypes.DATE,
    },
    { tableName: 'matrix_distribution_covers', ...timestamps },
  );
  return {
    Member: Member as ModelStatic<MemberModel>,
    Article: Article as ModelStatic<ArticleModel>,
    Distribution: Distribution as ModelStatic<DistributionModel>,
    Delivery: Delivery as ModelStatic<DeliveryModel>,
    Cover: Cover as ModelStatic<CoverModel>,
  };
}

/** What anyone may see of a member: never the secret. */
export const toMemberView = (m: MemberRow) => ({
  id: m.id,
  name: m.name,
  appid: m.appid,
  originalId: m.original_id,
  level: m.level,
  levelName: LEVEL_NAMES[m.level],
  divisionCode: m.division_code,
  category: m.category,
  qrUrl: m.qr_url ?? (m.original_id ? `https://open.weixin.qq.com/qr/code?username=${m.original_id}` : null),
  active: m.active,
});

/** Staff also see how syncing goes. */
export const toMemberAdminView = (m: MemberRow) => ({
  ...toMemberView(m),
  sync: {
    failures: m.sync_failures,
    nextAttemptAt: m.next_sync_at ? new Date(m.next_sync_at).toISOString() : null,
    lastError: m.last_error,
    lastSyncedAt: m.last_synced_at ? new Date(m.last_synced_at).toISOString() : null,
  },
});

export const toArticleView = (a: ArticleRow, member?: MemberRow) => ({
  id: a.id,
  title: a.title,
  author: a.author,
  digest: a.digest,
  cover: a.cover_url,
  link: a.url,
  publishedAt: new Date(a.published_at).toISOString(),
  pinned: Boolean(a.pinned),
  tags: a.tags,
  member: member
    ? {
        id: member.id,
        name: member.name,
        level: member.level,
        divisionCode: member.division_code,
        category: member.category,
      }
    : { id: a.member_id },
});
