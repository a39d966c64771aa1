import type { NoticesApi } from '../notices';

/** Every message the bookings module sends; data values are already in the citizen's words. */
type TemplateData = Record<string, string>;
const when = (data: TemplateData) => `${data.date} ${data.time}`;

export function registerBookingTemplates(notices: NoticesApi) {
  const define = (key: string, render: (data: TemplateData) => { title: string; body: string }) =>
    notices.templates.register<TemplateData>({ key, kind: 'booking', render });
  define('booking.confirmed', (data) => ({
    title: `预约成功：${data.service}`,
    body: `您已预约${data.hall}「${data.service}」，时间 ${when(data)}，预约码 ${data.code}。请携带：${data.materials}。到场后出示预约码签到。`,
  }));
  define('booking.awaiting_partner', (data) => ({
    title: `待对方确认：${data.service}`,
    body: `您已为${when(data)}在${data.hall}预约「${data.service}」，号源为您保留${data.hours}小时。请将邀请码 ${data.inviteCode} 发给另一方，由其用本人微信确认；逾期未确认的预约自动取消。`,
  }));
  define('booking.partner_confirmed', (data) => ({
    title: `双方已确认：${data.service}`,
    body: `${data.hall}「${data.service}」预约已由双方确认，时间 ${when(data)}，预约码 ${data.code}。请双方携带身份证按时到场。`,
  }));
  define('booking.lapsed', (data) => ({
    title: `预约已取消：${data.service}`,
    body: `另一方未在${data.hours}小时内确认，您在${data.hall}${when(data)}的「${data.service}」预约已自动取消，号源已释放。您可以重新预约。`,
  }));
  define('booking.cancelled', (data) => ({
    title: `预约已取消：${data.service}`,
    body: `您在${data.hall}${when(data)}的「${data.service}」预约已取消（${data.by}）。`,
  }));
  define('booking.reminder', (data) => ({
    title: `明天办事提醒：${data.service}`,
    body: `您预约了明天 ${data.time} 在${data.hall}办理「${data.service}」，地址：${data.address}。预约码 ${data.code}。请携带：${data.materials}。不能到场请提前取消。`,
  }));
  define('booking.checked_in', (data) => ({
    title: `已签到：${data.service}`,
    body: `您已在${data.hall}签到，排队号 ${data.ticket}，请留意叫号。`,
  }));
  define('booking.no_show', (data) => ({
    title: `未按时到场：${data.service}`,
    body: `您在${data.hall}${when(data)}的「${data.service}」预约未到场也未取消，已记录一次爽约。${data.rule}`,
  }));
  define('divorce.cooling_off', (data) => ({
    title: '离婚冷静期开始',
    body: `您的离婚登记申请已于${data.appliedOn}受理，冷静期至${data.coolingOffEndsOn}届满，期间任一方可撤回申请。届满后请于${data.secondFrom}至${data.secondUntil}期间双方再次到${data.hall}办理，逾期视为撤回。`,
  }));
  define('divorce.second_visit_open', (data) => ({
    title: '可以预约第二次到场',
    body: `离婚冷静期已届满。请于${data.secondUntil}前（含）双方共同到${data.hall}申请发给离婚证，现在可以在小程序预约时段。`,
  }));
  define('divorce.withdrawn', (data) => ({
    title: '离婚登记申请已撤回',
    body: `${data.by}已在冷静期内撤回于${data.appliedOn}在${data.hall}提交的离婚登记申请。`,
  }));
  define('divorce.lapsed', (data) => ({
    title: '离婚登记申请已失效',
    body: `双方未在${data.secondUntil}前到${data.hall}申请发给离婚证，按规定视为撤回离婚登记申请。`,
  }));
  define('rush.entered', (data) => ({
    title: `已参加抽签：${data.date}`,
    body: `您已参加${data.hall}${data.date}「${data.service}」的号源抽签，${data.deadline}截止报名后公开抽签，结果将通知您。`,
  }));
  define('rush.won', (data) => ({
    title: `抽签中签：${data.date}`,
    body: `恭喜，您在${data.hall}${data.date}「${data.service}」的抽签中签，时段 ${data.time}，预约码 ${data.code}。${data.next}`,
  }));
  define('rush.lost', (data) => ({
    title: `抽签未中签：${data.date}`,
    body: `很遗憾，${data.hall}${data.date}「${data.service}」号源有限，本次抽签未中签（随机种子 ${data.seed}，可公开复核）。您可以预约其他日期。`,
  }));
}
