import type { NoticesApi } from '../notices';

/** Every message the bookings module sends; data values are already in the citizen's words. */
type D = Record<string, string>;
const when = (d: D) => `${d.date} ${d.time}`;

export function registerBookingTemplates(notices: NoticesApi) {
  const t = (key: string, render: (d: D) => { title: string; body: string }) =>
    notices.templates.register<D>({ key, kind: 'booking', render });
  t('booking.confirmed', (d) => ({
    title: `预约成功：${d.service}`,
    body: `您已预约${d.hall}「${d.service}」，时间 ${when(d)}，预约码 ${d.code}。请携带：${d.materials}。到场后出示预约码签到。`,
  }));
  t('booking.awaiting_partner', (d) => ({
    title: `待对方确认：${d.service}`,
    body: `您已为${when(d)}在${d.hall}预约「${d.service}」，号源为您保留${d.hours}小时。请将邀请码 ${d.inviteCode} 发给另一方，由其用本人微信确认；逾期未确认的预约自动取消。`,
  }));
  t('booking.partner_confirmed', (d) => ({
    title: `双方已确认：${d.service}`,
    body: `${d.hall}「${d.service}」预约已由双方确认，时间 ${when(d)}，预约码 ${d.code}。请双方携带身份证按时到场。`,
  }));
  t('booking.lapsed', (d) => ({
    title: `预约已取消：${d.service}`,
    body: `另一方未在${d.hours}小时内确认，您在${d.hall}${when(d)}的「${d.service}」预约已自动取消，号源已释放。您可以重新预约。`,
  }));
  t('booking.cancelled', (d) => ({
    title: `预约已取消：${d.service}`,
    body: `您在${d.hall}${when(d)}的「${d.service}」预约已取消（${d.by}）。`,
  }));
  t('booking.reminder', (d) => ({
    title: `明天办事提醒：${d.service}`,
    body: `您预约了明天 ${d.time} 在${d.hall}办理「${d.service}」，地址：${d.address}。预约码 ${d.code}。请携带：${d.materials}。不能到场请提前取消。`,
  }));
  t('booking.checked_in', (d) => ({
    title: `已签到：${d.service}`,
    body: `您已在${d.hall}签到，排队号 ${d.ticket}，请留意叫号。`,
  }));
  t('booking.no_show', (d) => ({
    title: `未按时到场：${d.service}`,
    body: `您在${d.hall}${when(d)}的「${d.service}」预约未到场也未取消，已记录一次爽约。${d.rule}`,
  }));
  t('divorce.cooling_off', (d) => ({
    title: '离婚冷静期开始',
    body: `您的离婚登记申请已于${d.appliedOn}受理，冷静期至${d.coolingOffEndsOn}届满，期间任一方可撤回申请。届满后请于${d.secondFrom}至${d.secondUntil}期间双方再次到${d.hall}办理，逾期视为撤回。`,
  }));
  t('divorce.second_visit_open', (d) => ({
    title: '可以预约第二次到场',
    body: `离婚冷静期已届满。请于${d.secondUntil}前（含）双方共同到${d.hall}申请发给离婚证，现在可以在小程序预约时段。`,
  }));
  t('divorce.withdrawn', (d) => ({
    title: '离婚登记申请已撤回',
    body: `${d.by}已在冷静期内撤回于${d.appliedOn}在${d.hall}提交的离婚登记申请。`,
  }));
  t('divorce.lapsed', (d) => ({
    title: '离婚登记申请已失效',
    body: `双方未在${d.secondUntil}前到${d.hall}申请发给离婚证，按规定视为撤回离婚登记申请。`,
  }));
  t('rush.entered', (d) => ({
    title: `已参加抽签：${d.date}`,
    body: `您已参加${d.hall}${d.date}「${d.service}」的号源抽签，${d.deadline}截止报名后公开抽签，结果将通知您。`,
  }));
  t('rush.won', (d) => ({
    title: `抽签中签：${d.date}`,
    body: `恭喜，您在${d.hall}${d.date}「${d.service}」的抽签中签，时段 ${d.time}，预约码 ${d.code}。${d.next}`,
  }));
  t('rush.lost', (d) => ({
    title: `抽签未中签：${d.date}`,
    body: `很遗憾，${d.hall}${d.date}「${d.service}」号源有限，本次抽签未中签（随机种子 ${d.seed}，可公开复核）。您可以预约其他日期。`,
  }));
}
