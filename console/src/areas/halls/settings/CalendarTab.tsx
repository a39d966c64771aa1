import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Calendar, Card, Checkbox, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { reason } from '../../../app/api';
import { ErrorState, Loading } from '../../../app/states';
import { type DayOverride, type DayView, type Hall, hallKeys, hallsApi } from '../api';
import { beijingToday } from '../../../app/beijing';

const sessionsText = (d: DayView) => d.sessions.map(([a, b]) => `${a}-${b}`).join(' ');
const isUnconfirmed = (d: DayView) => !d.published && !d.override;

function DayCell({ day }: { day: DayView | undefined }) {
  if (!day) return null;
  const cls = isUnconfirmed(day) ? 'day--unconfirmed' : day.open ? 'day--open' : 'day--closed';
  return (
    <div className={`day ${cls}${day.override ? ' day--override' : ''}`} data-testid={`day-${day.date}`}>
      {isUnconfirmed(day) ? '待公布' : day.open ? sessionsText(day) : '不办公'}
      <div>
        {isUnconfirmed(day) ? '需确认' : day.override ? day.note : day.festival && !day.open ? day.festival : ''}
      </div>
    </div>
  );
}

/**
 * The hall's calendar: the national calendar with the hall's weekly closures and its own
 * overrides (open a Saturday, close a day). Days past the State Council's published holiday
 * arrangement are 待公布 and not bookable until staff confirm them here.
 */
export function CalendarTab({ hall }: { hall: Hall }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [month, setMonth] = useState(() => dayjs(beijingToday()).startOf('month'));
  const from = month.format('YYYY-MM-DD');
  const query = useQuery({
    queryKey: hallKeys.calendar(hall.id, from),
    queryFn: () => hallsApi.calendar(hall.id, from, month.daysInMonth()),
  });
  const byDate = new Map((query.data?.days ?? []).map((d) => [d.date, d]));
  const unconfirmed = (query.data?.days ?? []).filter(isUnconfirmed);
  const [editing, setEditing] = useState<DayView | null>(null);
  const [confirming, setConfirming] = useState(false);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['halls', hall.id, 'calendar'] });
  const setDays = useMutation({
    mutationFn: (days: DayOverride[]) => hallsApi.setDays(hall.id, days),
    onSuccess: () => {
      refresh();
      setEditing(null);
      setConfirming(false);
      message.success('日历已更新');
    },
    onError: (err) => message.error(reason(err)),
  });
  const clear = useMutation({
    mutationFn: (date: string) => hallsApi.clearDay(hall.id, date),
    onSuccess: () => {
      refresh();
      setEditing(null);
      message.success('已恢复为默认安排');
    },
    onError: (err) => message.error(reason(err)),
  });

  return (
    <Card>
      {unconfirmed.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={`本月有 ${unconfirmed.length} 天在国务院节假日安排公布范围之外，群众暂时不能预约。请核对后确认每天是否办公。`}
          action={
            <Button size="small" type="primary" onClick={() => setConfirming(true)} data-testid="confirm-month">
              逐日确认
            </Button>
          }
        />
      )}
      {query.error ? (
        <ErrorState error={query.error} retry={() => query.refetch()} />
      ) : query.isPending ? (
        <Loading />
      ) : null}
      <Calendar
        className="settings-calendar"
        value={month}
        onPanelChange={(d: Dayjs) => setMonth(d.startOf('month'))}
        headerRender={() => (
          <Space className="settings-calendar__head">
            <Button
              icon={<LeftOutlined />}
              onClick={() => setMonth(month.subtract(1, 'month'))}
              data-testid="month-prev"
            />
            <b data-testid="month-title">{month.format('YYYY年M月')}</b>
            <Button icon={<RightOutlined />} onClick={() => setMonth(month.add(1, 'month'))} data-testid="month-next" />
            <Button onClick={() => setMonth(dayjs(beijingToday()).startOf('month'))}>本月</Button>
          </Space>
        )}
        onSelect={(d: Dayjs, info) => {
          if (info.source !== 'date') return;
          const day = byDate.get(d.format('YYYY-MM-DD'));
          if (day) setEditing(day);
        }}
        cellRender={(d: Dayjs, info) =>
          info.type === 'date' && d.month() === month.month() ? (
            <DayCell day={byDate.get(d.format('YYYY-MM-DD'))} />
          ) : null
        }
      />
      <DayEditor
        day={editing}
        hall={hall}
        busy={setDays.isPending || clear.isPending}
        onClose={() => setEditing(null)}
        onSave={(o) => setDays.mutate([o])}
        onClear={(date) => clear.mutate(date)}
      />
      <ConfirmMonth
        open={confirming}
        days={unconfirmed}
        hall={hall}
        busy={setDays.isPending}
        onClose={() => setConfirming(false)}
        onSave={(days) => setDays.mutate(days)}
      />
    </Card>
  );
}

function DayEditor({
  day,
  hall,
  busy,
  onClose,
  onSave,
  onClear,
}: {
  day: DayView | null;
  hall: Hall;
  busy: boolean;
  onClose: () => void;
  onSave: (o: DayOverride) => void;
  onClear: (date: string) => void;
}) {
  const [mode, setMode] = useState<'open' | 'closed'>('open');
  const [note, setNote] = useState('');
  const [lastDate, setLastDate] = useState<string | null>(null);
  if (day && day.date !== lastDate) {
    setLastDate(day.date);
    setMode(day.open || isUnconfirmed(day) ? 'open' : 'closed');
    setNote(day.override ? day.note : '');
  }
  return (
    <Modal
      open={Boolean(day)}
      title={day ? `${day.date} ${dayjs(day.date).format('dddd')}` : ''}
      onCancel={onClose}
      footer={
        day && (
          <Space>
            {day.override && (
              <Button onClick={() => onClear(day.date)} disabled={busy}>
                恢复默认安排
              </Button>
            )}
            <Button
              type="primary"
              loading={busy}
              onClick={() => onSave({ date: day.date, open: mode === 'open', note: note.trim() || null })}
              data-testid="day-save"
            >
              保存
            </Button>
          </Space>
        )
      }
    >
      {day && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div>
            当前：
            {isUnconfirmed(day) ? (
              <Tag color="orange">待公布</Tag>
            ) : day.open ? (
              <Tag color="green">办公</Tag>
            ) : (
              <Tag>不办公</Tag>
            )}
            {day.note}
          </div>
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)}>
            <Radio value="open">办公（{hall.hours.map(([a, b]) => `${a}-${b}`).join('，')}）</Radio>
            <Radio value="closed">不办公</Radio>
          </Radio.Group>
          <Input
            placeholder={mode === 'open' ? '说明，如：特别开放日' : '说明，如：元旦放假、设备检修'}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={100}
          />
        </Space>
      )}
    </Modal>
  );
}

/** Every 待公布 day of the month in one list: working days ticked, weekends not; staff correct and save. */
function ConfirmMonth({
  open,
  days,
  hall,
  busy,
  onClose,
  onSave,
}: {
  open: boolean;
  days: DayView[];
  hall: Hall;
  busy: boolean;
  onClose: () => void;
  onSave: (days: DayOverride[]) => void;
}) {
  const usual = (d: DayView) => {
    const wd = dayjs(d.date).day();
    return wd !== 0 && wd !== 6 && !hall.closedWeekdays.includes(wd);
  };
  const [opened, setOpened] = useState<Set<string>>(new Set());
  const [key, setKey] = useState('');
  const listKey = days.map((d) => d.date).join();
  if (open && key !== listKey) {
    setKey(listKey);
    setOpened(new Set(days.filter(usual).map((d) => d.date)));
  }
  return (
    <Modal
      open={open}
      title="确认待公布日期"
      width={560}
      onCancel={onClose}
      okText="确认并开放预约"
      confirmLoading={busy}
      onOk={() =>
        onSave(
          days.map((d) => ({ date: d.date, open: opened.has(d.date), note: opened.has(d.date) ? null : '不办公' })),
        )
      }
    >
      <Alert
        type="info"
        showIcon
        className="form-alert"
        title="已按常规勾选工作日。请对照国务院办公厅公布的节假日安排，取消节假日（如元旦），并勾选调休上班的周末。"
      />
      <Table<DayView>
        size="small"
        rowKey="date"
        pagination={false}
        scroll={{ y: 360 }}
        dataSource={days}
        columns={[
          { title: '日期', dataIndex: 'date', render: (d: string) => `${d} ${dayjs(d).format('ddd')}` },
          {
            title: '办公',
            width: 80,
            render: (_, d) => (
              <Checkbox
                checked={opened.has(d.date)}
                data-testid={`confirm-${d.date}`}
                onChange={(e) => {
                  const next = new Set(opened);
                  if (e.target.checked) next.add(d.date);
                  else next.delete(d.date);
                  setOpened(next);
                }}
              />
            ),
          },
        ]}
      />
    </Modal>
  );
}
