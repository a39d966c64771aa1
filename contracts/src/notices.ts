/** What a notice is about; citizens turn WeChat delivery on or off per kind (通知设置). */
export const NOTICE_KIND_LABELS = {
  booking: '预约提醒',
  application: '办件进度',
  complaint: '投诉举报进度',
  credit: '关注组织的信用变化',
  placename: '关注地区的地名公告',
  family_search: '寻亲匹配提醒',
  community: '关注社区的居务/村务公开',
  policy: '政策通知',
  queue: '排队叫号',
  system: '系统通知',
} as const;
export type NoticeKind = keyof typeof NOTICE_KIND_LABELS;
export const NOTICE_KINDS = Object.keys(NOTICE_KIND_LABELS) as NoticeKind[];

/** A WeChat send of one notice (the outbox). */
export const DELIVERY_STATUS_LABELS = {
  queued: '等待发送',
  sending: '发送中',
  sent: '已发送',
  delivered: '已送达',
  failed: '发送失败',
  cancelled: '已取消',
} as const;
export type DeliveryStatus = keyof typeof DELIVERY_STATUS_LABELS;

export const DELIVERY_CHANNEL_LABELS = {
  mp_template: '公众号消息',
  mini_subscribe: '小程序订阅消息',
} as const;
export type DeliveryChannel = keyof typeof DELIVERY_CHANNEL_LABELS;
