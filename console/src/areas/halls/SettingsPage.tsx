import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { Async } from '../../app/states';
import { CalendarTab } from './settings/CalendarTab';
import { DisplayTab } from './settings/DisplayTab';
import { EntryCodesTab } from './settings/EntryCodesTab';
import { HoursTab } from './settings/HoursTab';
import { WindowsTab } from './settings/WindowsTab';
import { useHall } from './useHall';
import './halls.css';

/** 大厅设置: hours and lunch break, windows, the calendar, QR codes, the TV display. */
export default function SettingsPage() {
  const { hallId, query } = useHall();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'hours';
  return (
    <Async query={query}>
      {({ hall, windows }) => (
        <>
          <PageHeader title={hall.name} sub={`大厅设置 · ${hall.address}`} />
          <Tabs
            activeKey={tab}
            onChange={(key) => setParams({ tab: key }, { replace: true })}
            items={[
              { key: 'hours', label: '基本信息与办公时间', children: <HoursTab hall={hall} /> },
              { key: 'windows', label: '窗口', children: <WindowsTab hallId={hallId} windows={windows} /> },
              { key: 'calendar', label: '日历', children: <CalendarTab hall={hall} /> },
              { key: 'codes', label: '二维码', children: <EntryCodesTab hallId={hallId} windows={windows} /> },
              { key: 'display', label: '叫号屏', children: <DisplayTab hallId={hallId} /> },
            ]}
          />
        </>
      )}
    </Async>
  );
}
