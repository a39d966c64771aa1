import { createHmac, createPrivateKey, createPublicKey, sign, verify as verifySignature } from 'node:crypto';
import { Op } from 'sequelize';
import { CERTIFICATE_STATUS_NAMES } from '@minzheng/contracts';
import type { StaffPrincipal } from '../../platform/context';
import { maskIdNumber, maskName } from '../identity';
import type { Access } from './access';
import { certificatePdf } from './certificate-pdf';
import type { VolunteerDeps } from './deps';
import {
  certificateNotFoundError,
  certificateNumberInvalidError,
  certificateStateError,
  noHoursForCertificateError,
  orgNotFoundError,
} from './errors';
import type { Ledger } from './ledger';
import type { CertificateRow } from './models';
import type { VolunteerNotices } from './notices';
import type { Volunteers } from './volunteers';

// PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Stable JSON: keys sorted at every level, so the signed bytes never depend on insertion order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * 志愿服务记录证明: requested by the volunteer, issued by the organization (free); numbered, the
 * number carrying a keyed check so a changed digit is caught; signed with Ed25519 over the
 * canonical public content (masked), so the QR's data verifies offline with the published key;
 * revocable with a reason; public verification by number.
 */
export function makeCertificates(
  deps: VolunteerDeps,
  access: Access,
  volunteers: Volunteers,
  ledger: Ledger,
  tell: VolunteerNotices,
) {
  const { p, models } = deps;
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, p.config.volunteerCertKey]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const checkOf = (body: string) =>
    createHmac('sha256', p.config.volunteerCertKey)
      .update(`volunteer-cert-number|${body}`)
      .digest('hex')
      .slice(0, 4)
      .toUpperCase();
  const numberFor = (year: string, id: number) => {
    const body = `ZM${year}${String(id).padStart(8, '0')}`;
    return `${body}${checkOf(body)}`;
  };
  const wellFormed = (number: string) => {
    const m = /^(ZM\d{12})([0-9A-F]{4})$/.exec(number);
    return Boolean(m && checkOf(m[1]) === m[2]);
  };

  const staffView = (c: CertificateRow, extra: Record<string, unknown> = {}) => ({
    id: c.id,
    number: c.number,
    status: c.status,
    statusName: CERTIFICATE_STATUS_NAMES[c.status],
    purpose: c.purpose,
    requestedAt: c.requested_at,
    issuedAt: c.issued_at,
    revokedAt: c.revoked_at,
    revokeReason: c.revoke_reason,
    content: c.content ? JSON.parse(c.content) : null,
    ...extra,
  });

  const pdfOf = async (cert: CertificateRow, origin: string) => {
    if (!cert.number || !cert.content || !cert.signature) throw certificateStateError('该证明尚未开具，开具后才能下载');
    const volunteer = (await models.Volunteer.findByPk(cert.volunteer_id))!;
    return {
      number: cert.number,
      pdf: await certificatePdf({
        name: p.pii.decrypt(volunteer.name_enc),
        revoked: cert.status === 'revoked',
        verifyUrl: `${origin}/verify/${cert.number}`,
        content: JSON.parse(cert.content),
        signature: cert.signature,
      }),
    };
  };

  return {
    publicKeyPem,
    async request(userId: number, orgId: number, purpose: string) {
      const volunteer = await volunteers.require(userId);
      const org = await models.Org.findByPk(orgId);
      if (!org) throw orgNotFoundError();
      const minutes =
        (await models.Ledger.sum('minutes', { where: { volunteer_id: volunteer.id, org_id: orgId } })) ?? 0;
      if (!(Number(minutes) > 0)) throw noHoursForCertificateError();
      const row = await p.db.transaction(async (transaction) => {
        const row = await models.Certificate.create(
          {
            number: null,
            volunteer_id: volunteer.id,
            org_id: orgId,
            purpose,
            status: 'requested',
            content: null,
            signature: null,
            handler_id: null,
            requested_at: p.clock.date(),
          },
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'volunteer.certificate.request',
            target: { type: 'volunteer_certificate', id: row.id },
          },
          transaction,
        );
        return row;
      });
      return { certificate: staffView(row) };
    },
    async mine(userId: number) {
      const volunteer = await volunteers.require(userId);
      const rows = await models.Certificate.findAll({ where: { volunteer_id: volunteer.id }, order: [['id', 'DESC']] });
      return { items: rows.map((r) => staffView(r)) };
    },
    async forStaff(staff: StaffPrincipal, status?: string) {
      const ids = await access.visibleOrgIds(staff);
      const where: Record<string, unknown> = {};
      if (ids !== null) where.org_id = { [Op.in]: ids };
      if (status) where.status = status;
      const rows = await models.Certificate.findAll({ where, order: [['id', 'DESC']], limit: 200 });
      const people = await models.Volunteer.findAll({ where: { id: { [Op.in]: rows.map((r) => r.volunteer_id) } } });
      const byId = new Map(people.map((v) => [v.id, v]));
      return {
        items: rows.map((r) => {
          const v = byId.get(r.volunteer_id)!;
          return staffView(r, { volunteer: { number: v.number, name: maskName(p.pii.decrypt(v.name_enc)) } });
        }),
      };
    },
    async issue(staff: StaffPrincipal, id: number) {
      const cert = await models.Certificate.findByPk(id);
      if (!cert) throw certificateNotFoundError();
      const org = await access.org(staff, cert.org_id).catch(() => {
        throw certificateNotFoundError();
      });
      if (cert.status !== 'requested') throw certificateStateError('该证明已开具或已撤销');
      const volunteer = (await models.Volunteer.findByPk(cert.volunteer_id))!;
      const entries = await models.Ledger.findAll({
        where: { volunteer_id: volunteer.id, org_id: org.id },
        order: [['seq', 'ASC']],
      });
      const activities = await models.Activity.findAll({
        where: { id: { [Op.in]: [...new Set(entries.map((e) => e.activity_id))] } },
      });
      const titles = new Map(activities.map((a) => [a.id, a.title]));
      const handler = await deps.staff.profile(staff.id);
      const number = numberFor(p.clock.today().slice(0, 4), cert.id);
      const total = entries.reduce((s, e) => s + e.minutes, 0);
      const manual = entries.filter((e) => e.kind === 'manual').reduce((s, e) => s + e.minutes, 0);
      const name = p.pii.decrypt(volunteer.name_enc);
      // What the certificate says. The signed part is masked, so its QR may travel.
      const content = {
        number,
        issuedOn: p.clock.today(),
        volunteer: {
          name: maskName(name),
          idType: '居民身份证',
          idNumber: maskIdNumber(p.pii.decrypt(volunteer.id_number_enc)),
          volunteerNumber: volunteer.number,
        },
        service: {
          totalHours: Math.round((total / 60) * 100) / 100,
          manualHours: Math.round((manual / 60) * 100) / 100,
          entries: entries.map((e) => ({
            activity: titles.get(e.activity_id) ?? '',
            date: new Date(e.start_at).toISOString().slice(0, 10),
            hours: Math.round((e.minutes / 60) * 100) / 100,
            kind: e.kind,
            /** 补录 is marked on the certificate too. */
            manual: e.kind === 'manual',
          })),
        },
        issuer: { name: org.name, contact: org.contact, handler: handler?.displayName ?? '' },
        purpose: cert.purpose,
      };
      const signature = sign(null, Buffer.from(canonicalJson(content)), privateKey).toString('base64');
      await p.db.transaction(async (transaction) => {
        const [n] = await models.Certificate.update(
          {
            number,
            status: 'issued',
            content: JSON.stringify(content),
            signature,
            handler_id: staff.id,
            issued_at: p.clock.date(),
          },
          { where: { id: cert.id, status: 'requested' }, transaction },
        );
        if (n !== 1) throw certificateStateError('该证明已开具或已撤销');
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'volunteer.certificate.issue',
            target: { type: 'volunteer_certificate', id: cert.id },
            detail: { number },
          },
          transaction,
        );
        await tell.tell(
          cert.volunteer_id,
          { title: '志愿服务记录证明已开具', body: `${org.name}已为您开具志愿服务记录证明，编号 ${number}。` },
          {},
          transaction,
        );
      });
      await cert.reload();
      return { certificate: staffView(cert) };
    },
    async revoke(staff: StaffPrincipal, id: number, reason: string) {
      const cert = await models.Certificate.findByPk(id);
      if (!cert) throw certificateNotFoundError();
      await access.org(staff, cert.org_id).catch(() => {
        throw certificateNotFoundError();
      });
      if (cert.status !== 'issued') throw certificateStateError('只有有效的证明可以撤销');
      await p.db.transaction(async (transaction) => {
        await cert.update({ status: 'revoked', revoked_at: p.clock.date(), revoke_reason: reason }, { transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'volunteer.certificate.revoke',
            target: { type: 'volunteer_certificate', id: cert.id },
            detail: { reason },
          },
          transaction,
        );
      });
      return { certificate: staffView(cert) };
    },
    /** Public: valid or revoked, with the masked content, its signature and the key to check it. */
    async verify(number: string) {
      const n = number.trim().toUpperCase();
      if (!wellFormed(n)) throw certificateNumberInvalidError();
      const cert = await models.Certificate.findOne({ where: { number: n } });
      if (!cert || !cert.content || !cert.signature) throw certificateNumberInvalidError();
      const content = JSON.parse(cert.content);
      const signatureValid = verifySignature(
        null,
        Buffer.from(canonicalJson(content)),
        publicKey,
        Buffer.from(cert.signature, 'base64'),
      );
      return {
        number: n,
        valid: cert.status === 'issued' && signatureValid,
        status: cert.status,
        statusName: CERTIFICATE_STATUS_NAMES[cert.status],
        revokedAt: cert.revoked_at,
        revokeReason: cert.revoke_reason,
        content,
        signature: cert.signature,
        algorithm: 'Ed25519',
        signedBytes: 'canonical JSON of content (keys sorted)',
        publicKey: publicKeyPem,
      };
    },
    /** The volunteer's own certificate as a PDF, with their full name (issued or revoked, never a request). */
    async pdfForVolunteer(userId: number, id: number, origin: string) {
      const volunteer = await volunteers.require(userId);
      const cert = await models.Certificate.findByPk(id);
      if (!cert || cert.volunteer_id !== volunteer.id) throw certificateNotFoundError();
      return pdfOf(cert, origin);
    },
    /** The same PDF for the issuing organization's admins and officers (audited: a full name). */
    async pdfForStaff(staff: StaffPrincipal, id: number, origin: string) {
      const cert = await models.Certificate.findByPk(id);
      if (!cert) throw certificateNotFoundError();
      await access.org(staff, cert.org_id).catch(() => {
        throw certificateNotFoundError();
      });
      const pdf = await pdfOf(cert, origin);
      await p.audit.record({
        actor: { type: 'staff', id: staff.id },
        action: 'volunteer.certificate.pdf',
        target: { type: 'volunteer_certificate', id: cert.id },
      });
      return pdf;
    },
    ledgerTotals: ledger.totals,
  };
}

export type Certificates = ReturnType<typeof makeCertificates>;
