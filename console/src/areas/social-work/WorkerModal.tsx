import { SOCIAL_WORKER_LEVEL_NAMES, SOCIAL_WORKER_LEVELS } from '@minzheng/contracts';
import { Form, Input, InputNumber, Select } from 'antd';
import { type Station, socialWorkApi, type Worker, type WorkerInput } from './api';
import { blank, FormModal, required } from '../../app/forms';

/**
 * 登记社工 / 修改社工信息: level, certificate, dates, division, station, organization and the
 * staff account, sent as entered; the server checks scope, dates and duplicates and says why.
 */
export function WorkerModal({
  open,
  worker,
  stations,
  defaultDivision,
  onClose,
  onSaved,
}: {
  open: boolean;
  worker: Worker | null;
  stations: Station[];
  defaultDivision: string;
  onClose: () => void;
  onSaved: (w: Worker) => void;
}) {
  const editing = worker !== null;
  return (
    <FormModal
      open={open}
      title={editing ? `修改社工信息：${worker?.name}` : '登记社会工作者'}
      width={640}
      testId="sw-worker"
      resetKey={worker}
      initial={() =>
        worker
          ? {
              name: worker.name,
              level: worker.level,
              certificateNo: worker.certificateNo,
              certifiedOn: worker.certifiedOn,
              divisionCode: worker.divisionCode,
              stationId: worker.stationId ?? undefined,
              orgUscc: worker.orgUscc ?? '',
              staffId: worker.staffId ?? undefined,
            }
          : { level: 'assistant', divisionCode: defaultDivision }
      }
      send={async (v) => {
        const body: WorkerInput = {
          name: v.name,
          level: v.level,
          certificateNo: v.certificateNo,
          certifiedOn: v.certifiedOn,
          divisionCode: v.divisionCode,
          stationId: blank(v.stationId, editing) as number | null | undefined,
          orgUscc: blank(v.orgUscc, editing) as string | null | undefined,
          staffId: blank(v.staffId, editing) as number | null | undefined,
          ...(editing ? {} : { registeredOn: blank(v.registeredOn, false) as string | undefined }),
        };
        return (worker ? await socialWorkApi.updateWorker(worker.id, body) : await socialWorkApi.registerWorker(body))
          .worker;
      }}
      onClose={onClose}
      onSaved={onSaved}
    >
      <Form.Item name="name" label="姓名" rules={required('姓名')}>
        <Input maxLength={30} data-testid="sw-worker-name" />
      </Form.Item>
      <Form.Item name="level" label="职业水平等级" rules={[{ required: true, message: '请选择职业水平等级' }]}>
        <Select
          data-testid="sw-worker-level"
          options={SOCIAL_WORKER_LEVELS.map((l) => ({ value: l, label: SOCIAL_WORKER_LEVEL_NAMES[l] }))}
        />
      </Form.Item>
      <Form.Item name="certificateNo" label="证书编号" rules={required('证书编号')}>
        <Input maxLength={40} data-testid="sw-worker-cert" />
      </Form.Item>
      <Form.Item name="certifiedOn" label="取得证书日期" rules={required('取得证书日期')}>
        <Input type="date" data-testid="sw-worker-certified" />
      </Form.Item>
      {!editing && (
        <Form.Item name="registeredOn" label="登记日期" extra="尚未登记的留空：系统按规则提醒首次登记期限">
          <Input type="date" data-testid="sw-worker-registered" />
        </Form.Item>
      )}
      <Form.Item
        name="divisionCode"
        label="所在地区代码"
        rules={required('所在地区代码')}
        extra="区县6位、乡镇（街道）9位或村（社区）12位，如 110105001"
      >
        <Input maxLength={12} data-testid="sw-worker-division" />
      </Form.Item>
      <Form.Item name="stationId" label="所属社工站">
        <Select
          allowClear
          placeholder="不属于社工站的可不选"
          data-testid="sw-worker-station"
          options={stations.map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item
        name="orgUscc"
        label="所在社会工作服务机构（统一社会信用代码）"
        extra="须先在「社工站与机构」中登记该机构"
      >
        <Input maxLength={18} data-testid="sw-worker-org" />
      </Form.Item>
      <Form.Item name="staffId" label="工作台账号编号" extra="该社工使用工作台（角色须为社工站工作人员）时填写">
        <InputNumber min={1} style={{ width: '100%' }} data-testid="sw-worker-staff" />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 录入学时 (continuing education, entered once: the same course on the same day is refused) and
 * 记录登记 (first registration or re-registration, which needs the period's hours).
 */
export function WorkerStepModal({
  step,
  worker,
  today,
  onClose,
  onSaved,
}: {
  step: 'training' | 'registration' | null;
  worker: Worker | null;
  today: string;
  onClose: () => void;
  onSaved: (w: Worker) => void;
}) {
  return (
    <FormModal
      open={step !== null}
      title={step === 'training' ? `录入继续教育学时：${worker?.name}` : `记录登记：${worker?.name}`}
      testId="sw-step"
      resetKey={step}
      initial={() => (step === 'training' ? { completedOn: today } : { registeredOn: today })}
      send={async (v) =>
        (step === 'training'
          ? await socialWorkApi.addTraining(worker!.id, {
              hours: v.hours,
              course: v.course,
              completedOn: v.completedOn,
            })
          : await socialWorkApi.recordRegistration(worker!.id, v.registeredOn)
        ).worker
      }
      onClose={onClose}
      onSaved={onSaved}
      intro={
        worker && (
          <p>
            {worker.levelName}，本登记周期已有 {worker.hoursInPeriod}/{worker.hoursRequired} 学时
          </p>
        )
      }
    >
      {step === 'training' ? (
        <>
          <Form.Item name="course" label="课程名称" rules={required('课程名称')}>
            <Input maxLength={100} data-testid="sw-training-course" />
          </Form.Item>
          <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
            <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} data-testid="sw-training-hours" />
          </Form.Item>
          <Form.Item name="completedOn" label="完成日期" rules={required('完成日期')}>
            <Input type="date" data-testid="sw-training-date" />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="registeredOn"
          label="登记日期"
          rules={required('登记日期')}
          extra="再登记须本周期继续教育学时达标"
        >
          <Input type="date" data-testid="sw-registration-date" />
        </Form.Item>
      )}
    </FormModal>
  );
}
