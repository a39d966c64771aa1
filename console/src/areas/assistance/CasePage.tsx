import { type UseQueryResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Descriptions, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, getToken, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, NotFound } from '../../app/states';
import { ActionForm } from './ActionForm';
import {
  ASSISTANCE_TYPES,
  assistanceApi,
  assistanceKeys,
  type CaseAction,
  type CaseView,
  type StaffCase,
  yuan,
} from './api';
import { Due } from './DueTag';
import { SurveyPhotoList } from './SurveyPhotos';

const REGISTRY: Record<string, string> = { alive: '正常', deceased: '已死亡', not_found: '查无此人' };

/** Opens a material in a new tab (fetched with the staff token: the address alone opens nothing). */
async function openMaterial(caseId: number, materialId: string) {
  const res = await fetch(`/api/staff/assistance/cases/${caseId}/materials/${materialId}`, {
    headers: { authorization: `Bearer ${getToken()}` },
  });
  if (!res.ok) throw new ApiError(res.status, 'MATERIAL', '材料无法打开，请稍后再试');
  window.open(URL.createObjectURL(await res.blob()), '_blank', 'noopener');
}

type Application = StaffCase['application'];

/**
 * One case: where it stands and its deadline, the household (names in full, ID numbers masked;
 * the server audits this read), what was declared against what the economic check found, the
 * materials, objections, every step, and the actions this account may take now.
 *
 * The inbox holds every case type this account decides (丧葬补助 too, decided by the county's
 * assistance officers): the case, its clock, steps and actions come from the engine's generic
 * route; only a 社会救助 case also loads its household and check (the assistance route knows no
 * other type and answers 404 for them).
 */
export default function CasePage() {
  const id = Number(useParams().id);
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: assistanceKeys.case(id),
    queryFn: () => assistanceApi.get(id),
    enabled: Number.isInteger(id) && id > 0,
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });
  const isAssistance = Boolean(query.data && ASSISTANCE_TYPES[query.data.case.type]);
  const application = useQuery({
    queryKey: assistanceKeys.application(id),
    queryFn: () => assistanceApi.application(id),
    enabled: isAssistance,
    retry: (n, err) => !(err instanceof ApiError && err.status < 500) && n < 2,
  });
  const [acting, setActing] = useState<CaseAction | null>(null);
  const act = useMutation({
    mutationFn: ({ form, opinion }: { form: Record<string, unknown>; opinion?: string }) =>
      assistanceApi.act(id, acting!.key, { form, opinion, version: query.data!.case.version }),
    onSuccess: () => {
      message.success(`已办理：${acting?.name}`);
      setActing(null);
      queryClient.invalidateQueries({ queryKey: ['assistance'] });
    },
    onError: (err) => message.error(reason(err)),
  });

  if (query.error instanceof ApiError && query.error.status === 404) return <NotFound />;
  return (
    <Async query={query}>
      {(c: CaseView) => {
        const a = application.data?.application;
        return (
          <>
            <PageHeader
              title={`${c.case.typeName} · ${c.case.number}`}
              sub={`${c.case.title} · ${c.case.statusName}`}
              extra={
                <Space wrap data-testid="actions">
                  {c.actions.map((x) => (
                    <Button
                      key={x.key}
                      type={x.key === 'withdraw' ? 'default' : 'primary'}
                      onClick={() => setActing(x)}
                    >
                      {x.name}
                    </Button>
                  ))}
                </Space>
              }
            />
            <Card size="small" style={{ marginBottom: 16 }} data-testid="current">
              <Descriptions size="small" column={3}>
                <Descriptions.Item label="当前环节">{c.current.stageName}</Descriptions.Item>
                <Descriptions.Item label="办理人">
                  {c.current.heldBy.includes('指定') && c.current.assignee ? c.current.assignee.name : c.current.heldBy}
                </Descriptions.Item>
                <Descriptions.Item label="办理期限">
                  <Due
                    dueOn={c.current.dueOn}
                    provisional={c.current.dueProvisional}
                    flag={c.current.flag}
                    daysLeft={c.current.workingDaysLeft}
                  />
                </Descriptions.Item>
                {c.current.basis && <Descriptions.Item label="依据">{c.current.basis}</Descriptions.Item>}
                {c.case.amountCents !== null && (
                  <Descriptions.Item label={isAssistance ? '救助金额' : '金额'}>
                    {yuan(c.case.amountCents)}
                    {isAssistance ? '/月' : ''}
                  </Descriptions.Item>
                )}
                {a && a.proposedAmountCents !== null && (
                  <Descriptions.Item label="乡镇拟定金额">{yuan(a.proposedAmountCents)}/月</Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            {isAssistance && <AssistanceApplication id={id} query={application} />}
            <Card size="small" title="办理记录">
              <Timeline
                data-testid="steps"
                items={[...c.steps].reverse().map((s) => ({
                  children: (
                    <div>
                      <strong>{s.actionName}</strong> → {s.stageName}
                      <div style={{ color: '#888' }}>
                        {new Date(s.at).toLocaleString('zh-CN')} · {s.organName} · {s.person}
                      </div>
                      {s.opinion && <div>意见：{s.opinion}</div>}
                    </div>
                  ),
                }))}
              />
            </Card>
            <ActionForm
              action={acting}
              monthly={isAssistance}
              caseId={id}
              open={acting !== null}
              busy={act.isPending}
              onSubmit={(form, opinion) => act.mutate({ form, opinion })}
              onCancel={() => setActing(null)}
            />
          </>
        );
      }}
    </Async>
  );
}

/** A 社会救助 case's application: the household, the declared means against the check, materials, objections. */
function AssistanceApplication({ id, query }: { id: number; query: UseQueryResult<{ application: Application }> }) {
  const { message } = AntApp.useApp();
  return (
    <Async query={query}>
      {({ application: a }) => (
        <>
          {a.check.findings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="核对结果与申报不符"
              description={a.check.findings.join('；')}
              data-testid="findings"
            />
          )}
          <Card size="small" title="申请信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label="居住地址">{a.address}</Descriptions.Item>
              <Descriptions.Item label="申请理由">{a.reason}</Descriptions.Item>
              {a.emergencyCause && <Descriptions.Item label="急难情形">{a.emergencyCause}</Descriptions.Item>}
              <Descriptions.Item label="申报家庭月收入">{yuan(a.declaredIncomeCents)}</Descriptions.Item>
              <Descriptions.Item label="申报财产">
                机动车{a.assets.vehicles}辆，住房{a.assets.houses}套，存款及证券{yuan(a.assets.depositsCents)}
              </Descriptions.Item>
              <Descriptions.Item label="核对授权">
                {a.consent.signedName} 于 {new Date(a.consent.signedAt).toLocaleString('zh-CN')} 签署
              </Descriptions.Item>
              {a.missingMaterials && (
                <Descriptions.Item label="已告知补齐">{a.missingMaterials.join('、')}</Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" title={`家庭成员（${a.householdSize}人）`} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="seq"
              pagination={false}
              dataSource={a.household}
              data-testid="household"
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '关系', dataIndex: 'relation' },
                { title: '身份证号', dataIndex: 'idNumber' },
                { title: '申报月收入', dataIndex: 'monthlyIncomeCents', render: yuan },
                { title: '健康', dataIndex: 'health' },
                { title: '残疾', dataIndex: 'disability' },
              ]}
            />
          </Card>
          <Card
            size="small"
            title="家庭经济状况核对"
            style={{ marginBottom: 16 }}
            extra={
              <Tag color={a.check.status === 'answered' ? 'green' : a.check.status === 'pending' ? 'blue' : undefined}>
                {{ none: '未发起', pending: '核对中', answered: '已反馈' }[a.check.status]}
              </Tag>
            }
            data-testid="check"
          >
            {a.check.result ? (
              <Table
                size="small"
                rowKey="idNumber"
                pagination={false}
                dataSource={a.check.result.persons}
                columns={[
                  { title: '身份证号', dataIndex: 'idNumber' },
                  { title: '户籍', dataIndex: 'registry', render: (r: string) => REGISTRY[r] ?? r },
                  { title: '工资', dataIndex: 'wagesMonthlyCents', render: yuan },
                  { title: '养老金', dataIndex: 'pensionMonthlyCents', render: yuan },
                  { title: '存款及证券', dataIndex: 'depositsCents', render: yuan },
                  { title: '住房', dataIndex: 'houses' },
                  { title: '车辆', dataIndex: 'vehicles' },
                  { title: '经营主体', dataIndex: 'businesses' },
                ]}
              />
            ) : (
              <span>
                {a.check.status === 'pending' ? '已向核对机构发出请求，等待反馈。' : '入户调查完成后发起核对。'}
              </span>
            )}
          </Card>
          <Card size="small" title="材料" style={{ marginBottom: 16 }}>
            {a.materials.length === 0 ? (
              <span>未上传材料</span>
            ) : (
              <Space wrap>
                {a.materials.map((m) => (
                  <Button
                    key={m.id}
                    size="small"
                    onClick={() => openMaterial(id, m.id).catch((err) => message.error(reason(err)))}
                  >
                    {m.label}（{m.mime === 'application/pdf' ? 'PDF' : '图片'}）
                  </Button>
                ))}
              </Space>
            )}
          </Card>
          <Card size="small" title="入户调查照片" style={{ marginBottom: 16 }} data-testid="survey-photos-card">
            <SurveyPhotoList caseId={id} photos={a.surveyPhotos} />
          </Card>
          {a.objections.length > 0 && (
            <Card size="small" title="公示异议" style={{ marginBottom: 16 }}>
              {a.objections.map((o) => (
                <p key={o.at}>
                  {new Date(o.at).toLocaleString('zh-CN')}：{o.reason}
                </p>
              ))}
            </Card>
          )}
        </>
      )}
    </Async>
  );
}
