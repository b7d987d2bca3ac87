import { BadRequestException, type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES } from './attachment-metadata';

const Base = FilesInterceptor('attachments', MAX_ATTACHMENTS, {
  // Files are kept in memory only (never written to disk in clear) and bounded: one file over the
  // total, one file too many, or a field too large stops the upload.
  limits: { fileSize: MAX_ATTACHMENTS_TOTAL_BYTES, files: MAX_ATTACHMENTS, fields: 40, fieldSize: 64 * 1024, parts: 60 },
});

/**
 * Multer's refusals (too many files, a file too large, an unknown file field) become 400 naming
 * `attachments`, like every other refusal of client input, instead of 413 without a field.
 */
@Injectable()
export class AttachmentsInterceptor extends Base implements NestInterceptor {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      const message = `at most ${MAX_ATTACHMENTS} files of ${MAX_ATTACHMENTS_TOTAL_BYTES / 1024 / 1024} MB in all, in the field "attachments"`;
      throw new BadRequestException({ statusCode: 400, message: `attachments: ${message}`, error: 'Bad Request', fields: [{ field: 'attachments', message }] });
    }
  }
}
