import type { ApiDocs } from '../../platform/openapi';
import * as schemas from './schemas';

const dashboard = (path: string, summary: string) => ({
  method: 'get' as const,
  path,
  summary: `${summary}（from/to 为北京日期，含两端，最长366天；format=xlsx 下载 Excel）`,
  auth: 'staff' as const,
  query: schemas.statsQuerySchema,
});

/** The routes of this module for the OpenAPI document (/api/openapi.json), with the schemas they parse. */
export const apiDocs: ApiDocs = {
  tag: '统计分析',
  description: '工作人员所辖范围内的统计：由事件发生时更新的汇总表读取',
  operations: [
    dashboard('/api/staff/stats/bookings', '预约统计：按日、按大厅的预约、取消、未到场'),
    dashboard('/api/staff/stats/queue', '排队等候：按大厅、按时段的叫号数与等候时间中位数、90%分位'),
    dashboard('/api/staff/stats/complaints', '投诉统计：按日的新收、受理、答复、不予受理与平均办结天数'),
    dashboard(
      '/api/staff/stats/notices',
      '通知送达：按渠道（公众号消息、小程序订阅消息）的已发送、已送达、失败与成功率',
    ),
    dashboard('/api/staff/stats/followers', '公众号关注：按日的新关注、取消关注与关注人数'),
  ],
};
