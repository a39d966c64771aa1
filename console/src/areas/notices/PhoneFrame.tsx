import type { BroadcastData } from './api';
import './notices.css';

/** WeChat's limit on a thing field: 20 characters, the rest cut with an ellipsis (as the server sends it). */
const thing = (s: string) => {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : chars.join('');
};

/**
 * How the follower sees the broadcast: the public account's template message on a phone, the
 * fields cut to WeChat's limits exactly as the server will send them.
 */
export function PhoneFrame({ data, link }: { data: Partial<BroadcastData>; link?: string }) {
  return (
    <div className="phone" data-testid="phone-preview">
      <div className="phone__bar">民政服务</div>
      <div className="phone__screen">
        <div className="phone__time">{data.date || '—'}</div>
        <div className="phone__card">
          <div className="phone__card-title">政策通知</div>
          <dl className="phone__fields">
            <dt>通知标题</dt>
            <dd data-testid="phone-title">{thing(data.title ?? '') || '（未填写）'}</dd>
            <dt>通知内容</dt>
            <dd data-testid="phone-content">{thing(data.content ?? '') || '（未填写）'}</dd>
            <dt>时间</dt>
            <dd>{data.date || '（未填写）'}</dd>
          </dl>
          {link && <div className="phone__link">进入小程序查看 ›</div>}
        </div>
      </div>
    </div>
  );
}
