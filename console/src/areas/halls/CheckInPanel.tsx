import { CameraOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { reason } from '../../app/api';
import { type CheckInResult, hallsApi } from './api';
import { CameraScanner } from './CameraScanner';

type Answer = { ok: true; result: CheckInResult } | { ok: false; code: string; message: string };

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * 签到: a USB scanner types the booking QR's text into this field and presses Enter; a tablet
 * uses its camera; anyone can type the 8-character code. The field takes the focus back whenever
 * nothing else wants it, so a scan never lands elsewhere. The answer is shown in large type.
 */
export function CheckInPanel({ hallId }: { hallId: number }) {
  const queryClient = useQueryClient();
  const input = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [camera, setCamera] = useState(false);

  useEffect(() => {
    const refocus = () => {
      setTimeout(() => {
        const active = document.activeElement;
        if (camera || document.querySelector('.ant-modal-wrap, .ant-drawer-open')) return;
        if (!active || active === document.body || !TYPING.has(active.tagName)) input.current?.focus();
      }, 0);
    };
    // A key pressed while nothing holds the focus (the scanner's first character) goes to the field.
    const onKey = (e: KeyboardEvent) => {
      const active = document.activeElement;
      if ((!active || active === document.body) && e.key.length === 1) input.current?.focus();
    };
    document.addEventListener('focusout', refocus);
    document.addEventListener('click', refocus);
    document.addEventListener('keydown', onKey, true);
    refocus();
    return () => {
      document.removeEventListener('focusout', refocus);
      document.removeEventListener('click', refocus);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [camera]);

  const checkIn = async (raw: string) => {
    const code = raw.trim();
    if (!code || busy) return;
    setBusy(true);
    try {
      const result = await hallsApi.checkIn(hallId, code);
      setAnswer({ ok: true, result });
      queryClient.invalidateQueries({ queryKey: ['halls', hallId] });
    } catch (err) {
      setAnswer({ ok: false, code: code.replace(/^MZBK:/i, '').toUpperCase(), message: reason(err) });
    } finally {
      setValue('');
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <Card
      size="small"
      title="签到"
      className="desk-card"
      extra={
        <Button icon={<CameraOutlined />} onClick={() => setCamera(true)}>
          摄像头扫码
        </Button>
      }
    >
      <Input
        ref={input}
        size="large"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={() => checkIn(value)}
        placeholder="扫描预约二维码，或输入8位预约码后按回车"
        autoComplete="off"
        spellCheck={false}
        data-testid="scan"
        className="desk-scan"
      />
      <div className="desk-answer" data-testid="check-in-answer" aria-live="assertive">
        {answer === null ? (
          <div className="desk-answer__idle">等待扫码…</div>
        ) : answer.ok ? (
          <div className="desk-answer__ok">
            <div className="desk-answer__title">
              <CheckCircleFilled /> 签到成功
            </div>
            <div className="desk-answer__big">排队号 {answer.result.ticket.label}</div>
            <div className="desk-answer__line">
              {answer.result.booker?.name ?? ''}
              {answer.result.partner ? `、${answer.result.partner.name}` : ''} · 预约码 {answer.result.code}
            </div>
          </div>
        ) : (
          <div className="desk-answer__fail">
            <div className="desk-answer__title">
              <CloseCircleFilled /> 未签到
            </div>
            <div className="desk-answer__big desk-answer__big--fail">{answer.message}</div>
            <div className="desk-answer__line">预约码 {answer.code}</div>
          </div>
        )}
      </div>
      <CameraScanner
        open={camera}
        onClose={() => setCamera(false)}
        onCode={(code) => {
          setCamera(false);
          checkIn(code);
        }}
      />
    </Card>
  );
}
