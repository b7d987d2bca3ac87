import { BadRequestException, Injectable } from '@nestjs/common';
import archiver from 'archiver';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditTrailService } from '../audit-trail/audit-trail.service';
import type { Actor } from '../common/actor';
import { UniqueNames, certificateFileName } from './certificate-file-name';
import { CertificatesBulkRepository, type BulkCertificateRow } from './certificates-bulk.repository';

/** PDFs read from the database at a time (a certificate is ~50–150 kB). */
const BATCH = 25;

export interface BulkZip {
  filename: string;
  /** Certificates of the unit whose PDF is not rendered yet: not in the archive. */
  pending: number;
  writeTo(out: Writable): Promise<number>;
}

/**
 * HR downloads every stored certificate PDF of a unit (and the units below it) as one ZIP,
 * streamed: PDFs are read a batch at a time and each waits for the client before the next, so a
 * large unit never sits in memory. PDFs are already compressed, so they are stored, not deflated.
 */
@Injectable()
export class CertificatesBulkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CertificatesBulkRepository,
    private readonly auditTrail: AuditTrailService,
  ) {}

  async prepare(actor: Actor, organizationId: string, unitId: string): Promise<BulkZip> {
    if (!(await this.repository.unitOf(organizationId, unitId))) {
      const message = 'unitId: there is no such unit in your organisation';
      throw new BadRequestException({ statusCode: 400, message, error: 'Bad Request', fields: [{ field: 'unitId', message }] });
    }
    const pending = await this.repository.countPending(organizationId, unitId);
    await this.dataSource.transaction((m) =>
      this.auditTrail.append(m, {
        organizationId,
        actorId: actor.userId,
        action: 'certificates.bulk_downloaded',
        targetType: 'unit',
        targetId: unitId,
        details: { unitId, pending },
      }),
    );
    const [{ today }] = await this.dataSource.query(`SELECT to_char(org_today($1), 'YYYY-MM-DD') AS today`, [organizationId]);
    return { filename: `aman-certificates-${today}.zip`, pending, writeTo: (out) => this.write(organizationId, unitId, out) };
  }

  private async write(organizationId: string, unitId: string, out: Writable): Promise<number> {
    const archive = archiver('zip', { store: true });
    const failed = new Promise<never>((_, reject) => {
      archive.once('error', reject);
      out.once('close', () => reject(new Error('the client closed the connection')));
    });
    failed.catch(() => undefined);
    archive.pipe(out);
    const names = new UniqueNames();
    let after: BulkCertificateRow | null = null;
    let count = 0;
    for (;;) {
      const batch: BulkCertificateRow[] = await Promise.race([this.repository.nextBatch(organizationId, unitId, after, BATCH), failed]);
      for (const c of batch) {
        const entry = once(archive, 'entry');
        archive.append(c.pdf, { name: names.claim(certificateFileName(c), c.issuedOn), date: new Date(`${c.issuedOn}T00:00:00Z`) });
        await Promise.race([entry, failed]);
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), failed]);
        count++;
      }
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1];
    }
    const finished = once(out, 'finish');
    await Promise.race([archive.finalize(), failed]);
    await Promise.race([finished, failed]);
    return count;
  }
}
