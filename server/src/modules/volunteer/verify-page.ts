import { beijingDateTimeText } from '../../platform/clock';

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The public page a certificate's QR opens: valid or revoked, and the masked details. */
export function verifyPage(result: any | null, number: string): string {
  const head = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>志愿服务记录证明查验</title></head><body>`;
  if (!result)
    return `${head}<h1>志愿服务记录证明查验</h1><p>证明编号 ${esc(number)} 不存在或有误，请核对后再查询。</p></body></html>`;
  const c = result.content;
  const rows = (c.service.entries as any[])
    .map(
      (e) =>
        `<tr><td>${esc(e.date)}</td><td>${esc(e.activity)}</td><td>${esc(e.hours)}</td><td>${e.manual ? '补录' : e.kind === 'correction' ? '更正' : '扫码记录'}</td></tr>`,
    )
    .join('');
  return `${head}<h1>志愿服务记录证明查验</h1>
<p><strong>${result.valid ? '有效' : result.status === 'revoked' ? '已撤销' : '无效'}</strong>${
    result.status === 'revoked'
      ? `（撤销时间：${esc(beijingDateTimeText(result.revokedAt))}，原因：${esc(result.revokeReason)}）`
      : ''
  }</p>
<dl><dt>证明编号</dt><dd>${esc(result.number)}</dd><dt>开具日期</dt><dd>${esc(c.issuedOn)}</dd>
<dt>志愿者</dt><dd>${esc(c.volunteer.name)}（${esc(c.volunteer.idType)} ${esc(c.volunteer.idNumber)}）</dd>
<dt>志愿者编号</dt><dd>${esc(c.volunteer.volunteerNumber)}</dd>
<dt>服务时长</dt><dd>${esc(c.service.totalHours)} 小时${c.service.manualHours > 0 ? `（其中补录 ${esc(c.service.manualHours)} 小时）` : ''}</dd>
<dt>出具组织</dt><dd>${esc(c.issuer.name)}（联系方式 ${esc(c.issuer.contact)}，经办人 ${esc(c.issuer.handler)}）</dd></dl>
<table><thead><tr><th>日期</th><th>活动</th><th>时长（小时）</th><th>记录方式</th></tr></thead><tbody>${rows}</tbody></table>
<p>本证明经 Ed25519 数字签名，可用公布的公钥离线核验：签名 ${esc(result.signature)}</p></body></html>`;
}
