import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page's title, an optional line under it, and its actions on the right. */
export function PageHeader({ title, sub, extra }: { title: ReactNode; sub?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <Typography.Title level={4} className="page-header__title">
          {title}
        </Typography.Title>
        {sub && <div className="page-header__sub">{sub}</div>}
      </div>
      {extra && <div className="page-header__extra">{extra}</div>}
    </div>
  );
}
