import type { StaffPrincipal } from '../../platform/context';
import { assertReach, NATIONWIDE, type Reach, reachWhere } from '../../platform/auth';
import { badRequest, conflict } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { Wechat } from '../../wechat';
import { wechatAppError } from '../../wechat';
import type { HallPlaces } from './halls';
import type { MpModels } from './index';
import type { SceneRow } from './models';

export interface NewScene {
  kind: 'hall' | 'campaign';
  title: string;
  hallId?: number;
  divisionCode?: string;
  /** Days a temporary code lives (campaigns); permanent when omitted. */
  days?: number;
}

const view = (s: SceneRow) => ({
  id: s.id,
  scene: s.scene,
  kind: s.kind,
  title: s.title,
  hallId: s.hall_id,
  divisionCode: s.division_code,
  ticket: s.ticket,
  url: s.url,
  qrImage: s.ticket ? `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(s.ticket)}` : null,
  expiresAt: s.expires_at ? new Date(s.expires_at).toISOString() : null,
});

/**
 * Parameter QR codes: a hall's poster or a campaign's flyer. Who follows through one is
 * remembered with the scene, so notices can target "followers who came from hall 12".
 */
export type SceneResolver = (scene: string) => Promise<{ hallId?: number | null; divisionCode?: string | null } | null>;

export function makeScenes(p: Platform, wechat: Wechat, { Scene }: MpModels, halls: HallPlaces) {
  const resolvers: Array<{ prefix: string; resolve: SceneResolver }> = [];
  return {
    /** Scenes another module mints (e.g. halls' signed `hall:…` codes) are resolved by it. */
    registerResolver(prefix: string, resolve: SceneResolver) {
      resolvers.push({ prefix, resolve });
    },
    /**
     * A hall's code belongs to the hall (its division is the hall's, whatever was sent); a
     * campaign's to its region, or the whole country when it names none. Either must lie in the
     * staff member's scope (404 otherwise), so nobody takes another region's hall code.
     */
    async create(staff: StaffPrincipal, input: NewScene) {
      if (input.kind === 'hall' && !input.hallId)
        throw badRequest('HALL_REQUIRED', '大厅二维码需要指定服务大厅', { hallId: '请选择服务大厅' });
      let reach: Reach;
      if (input.kind === 'hall') {
        const hall = await halls.hall(input.hallId!);
        reach = { divisionCode: hall.divisionCode, hallId: hall.id };
        assertReach(staff, reach, '服务大厅');
      } else {
        reach = input.divisionCode ? { divisionCode: input.divisionCode, hallId: null } : NATIONWIDE;
        assertReach(staff, reach, '行政区划');
      }
      const scene =
        input.kind === 'hall'
          ? `hall:${input.hallId}`
          : `campaign:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      if (await Scene.findOne({ where: { scene } })) throw conflict('SCENE_EXISTS', '该大厅的关注二维码已存在');
      const qr = await wechat.mp
        .createQrcode(scene, input.days ? { expireSeconds: input.days * 86400 } : {})
        .catch((err: unknown) => {
          throw wechatAppError(err);
        });
      const row = await Scene.create({
        scene,
        kind: input.kind,
        title: input.title,
        hall_id: reach.hallId,
        division_code: reach.divisionCode || null,
        ticket: qr.ticket,
        url: qr.url,
        expires_at: qr.expireSeconds ? new Date(p.clock.now() + qr.expireSeconds * 1000) : null,
        created_by: staff.id,
        created_at: p.clock.date(),
      });
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'mp.scene.create',
        target: { type: 'mp_scene', id: row.id },
        detail: { scene },
      });
      return { scene: view(row) };
    },
    /** The codes of the staff member's scope: their halls' and regions' (nationwide accounts: all). */
    async list(staff: StaffPrincipal) {
      const where = reachWhere(staff, { division: 'division_code', hall: 'hall_id' }) ?? {};
      return { items: (await Scene.findAll({ where, order: [['id', 'DESC']], limit: 500 })).map(view) };
    },
    /** The scene behind an EventKey; unknown scenes still count (a hall code made elsewhere). */
    async resolve(scene: string): Promise<Pick<SceneRow, 'scene' | 'hall_id' | 'division_code'>> {
      const row = await Scene.findOne({ where: { scene } });
      if (row) return row;
      for (const r of resolvers.filter((x) => scene.startsWith(x.prefix))) {
        const found = await r.resolve(scene).catch(() => null);
        if (found)
          return {
            scene: scene.slice(0, 64),
            hall_id: found.hallId ?? null,
            division_code: found.divisionCode ?? null,
          };
      }
      const hall = /^hall:(\d{1,9})$/.exec(scene);
      return { scene: scene.slice(0, 64), hall_id: hall ? Number(hall[1]) : null, division_code: null };
    },
  };
}
