import { FundProjectionScreenOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Col, Row, Select, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { hallKeys, hallsApi } from './api';
import { BookingsPanel } from './BookingsPanel';
import { CheckInPanel } from './CheckInPanel';
import { QueueList } from './QueueList';
import { QueuePanel } from './QueuePanel';
import { useHall, useServiceNames } from './useHall';
import './halls.css';

const windowKey = (hallId: number) => `mz-desk-window-${hallId}`;

/**
 * 窗口工作台, the page a window clerk keeps open all day: check-in by scan on the left, the
 * window's queue under it, the day's bookings and the hall's queue on the right. Every action
 * is one click or one scan.
 */
export default function DeskPage() {
  const { hallId, query } = useHall();
  const { names } = useServiceNames();
  const queue = useQuery({
    queryKey: hallKeys.queue(hallId),
    queryFn: () => hallsApi.queue(hallId),
    refetchInterval: 5000,
    enabled: query.isSuccess,
  });
  const [windowNumber, setWindowNumber] = useState<string | null>(() => localStorage.getItem(windowKey(hallId)));

  useEffect(() => {
    const windows = query.data?.windows ?? [];
    if (windows.length && !windows.some((w) => w.number === windowNumber)) setWindowNumber(windows[0].number);
  }, [query.data, windowNumber]);
  useEffect(() => {
    if (windowNumber) localStorage.setItem(windowKey(hallId), windowNumber);
  }, [hallId, windowNumber]);

  return (
    <Async query={query}>
      {({ hall, windows }) => {
        const w = windows.find((x) => x.number === windowNumber) ?? windows[0];
        const items = queue.data?.items ?? [];
        const waiting = items.filter((t) => t.status === 'waiting').length;
        return (
          <div className="desk">
            <PageHeader
              title={hall.name}
              sub="窗口工作台"
              extra={
                <>
                  {windows.length > 0 && (
                    <Select
                      value={w?.number}
                      onChange={setWindowNumber}
                      style={{ minWidth: 200 }}
                      options={windows.map((x) => ({ value: x.number, label: `${x.number} 号窗口 · ${x.name}` }))}
                      data-testid="window-select"
                    />
                  )}
                  <Link to={`/halls/${hallId}/settings`}>
                    <Button icon={<SettingOutlined />}>大厅设置</Button>
                  </Link>
                  <Link to={`/halls/${hallId}/settings?tab=display`}>
                    <Button icon={<FundProjectionScreenOutlined />}>叫号屏</Button>
                  </Link>
                </>
              }
            />
            <Row gutter={16}>
              <Col xs={24} lg={10}>
                <CheckInPanel hallId={hallId} />
                {w ? (
                  <QueuePanel key={w.number} hallId={hallId} window={w} items={items} serviceNames={names} />
                ) : (
                  <EmptyState text="本大厅还没有设置窗口，请先在大厅设置中添加窗口。" />
                )}
              </Col>
              <Col xs={24} lg={14}>
                <Tabs
                  items={[
                    { key: 'bookings', label: '预约名单', children: <BookingsPanel hallId={hallId} /> },
                    {
                      key: 'queue',
                      label: (
                        <span>
                          今日排队 <Badge count={waiting} showZero color="#999" />
                        </span>
                      ),
                      children: <QueueList items={items} serviceNames={names} />,
                    },
                  ]}
                />
              </Col>
            </Row>
          </div>
        );
      }}
    </Async>
  );
}
