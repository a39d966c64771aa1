import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { menuFor } from '../../app/areas';
import { PageHeader } from '../../app/PageHeader';
import { useStaff } from '../../app/session';
import { EmptyState } from '../../app/states';

/**
 * Where each account starts: the areas it may use, one click from each of their pages. Nothing
 * else — no check-ins, rankings or time-online counters.
 */
export default function HomePage() {
  const staff = useStaff();
  const groups = menuFor(staff.roles);
  return (
    <>
      <PageHeader title={`您好，${staff.displayName || staff.username}`} sub="请选择要办理的工作" />
      {groups.length === 0 ? (
        <EmptyState text="您的账号尚未分配可使用的功能，请联系系统管理员。" />
      ) : (
        <div className="home-cards" data-testid="home-areas">
          {groups.map(({ area, entries }) => (
            <Card key={area.key} size="small">
              <div className="home-card__title">
                {area.icon}
                {area.label}
              </div>
              {area.summary && (
                <Typography.Paragraph type="secondary" className="home-card__summary">
                  {area.summary}
                </Typography.Paragraph>
              )}
              <div className="home-card__links">
                {entries.map((e) => (
                  <Link key={e.path} to={`/${e.path}`}>
                    {e.label}
                  </Link>
                ))}
              </div>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
