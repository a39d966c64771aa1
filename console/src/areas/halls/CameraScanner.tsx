import { Alert, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * A tablet at the window: the camera reads the citizen's booking QR (jsQR, loaded only when the
 * camera is opened). Typing the code stays possible whatever happens here.
 */
export function CameraScanner({
  open,
  onCode,
  onClose,
}: {
  open: boolean;
  onCode: (code: string) => void;
  onClose: () => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    setError(null);
    (async () => {
      if (!navigator.mediaDevices?.getUserMedia) {
        setError('此浏览器无法使用摄像头（需要 HTTPS 或本机访问），请用扫码枪或手动输入预约码。');
        return;
      }
      try {
        const [{ default: jsQR }, media] = await Promise.all([
          import('jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ]);
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        const canvas = document.createElement('canvas');
        const context = canvas.getContext('2d', { willReadFrequently: true })!;
        timer = window.setInterval(() => {
          const v = video.current;
          if (!v || v.readyState < 2) return;
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          context.drawImage(v, 0, 0);
          const found = jsQR(
            context.getImageData(0, 0, canvas.width, canvas.height).data,
            canvas.width,
            canvas.height,
            {
              inversionAttempts: 'dontInvert',
            },
          );
          if (found?.data) {
            window.clearInterval(timer);
            onCode(found.data);
          }
        }, 200);
      } catch (err) {
        const name = (err as Error).name;
        setError(
          name === 'NotAllowedError'
            ? '没有摄像头权限：请在浏览器地址栏允许使用摄像头，或用扫码枪、手动输入预约码。'
            : name === 'NotFoundError'
              ? '没有找到摄像头，请用扫码枪或手动输入预约码。'
              : '摄像头无法打开，请用扫码枪或手动输入预约码。',
        );
      }
    })();
    return () => {
      stopped = true;
      window.clearInterval(timer);
      for (const t of stream?.getTracks() ?? []) t.stop();
    };
  }, [open]);

  return (
    <Modal open={open} title="摄像头扫码签到" footer={null} onCancel={onClose} destroyOnHidden width={520}>
      {error ? (
        <Alert type="warning" showIcon title={error} />
      ) : (
        <>
          {/* biome-ignore lint/a11y/useMediaCaption: a live camera picture has no speech to caption */}
          <video ref={video} className="desk-camera" playsInline muted />
          <p className="desk-camera__hint">请将预约二维码对准摄像头</p>
        </>
      )}
    </Modal>
  );
}
