import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { SecretBox } from '../mail/secret-box';

const DRAW_BYTES = 16;
const MAC_BYTES = 9;
const ID_LENGTH = Math.ceil(((DRAW_BYTES + MAC_BYTES) * 4) / 3);

/**
 * Option ids that carry their draw: base64url(draw id ‖ HMAC-SHA256(key, draw id ‖ question ‖ authored
 * option) truncated to 72 bits), the key derived from the installation's secrets key.
 *
 * Why: a submission can then be decoded and graded without reading its draw first, so the server
 * checks and records it in a single statement (learning_submit_quiz), which re-reads the draw under
 * the assignment's lock and compares its questions. Without the key, the ids say nothing about the
 * authored option behind them (the authored ids a/b/c/d are public in content/, and would tell their
 * authored positions); with a random draw id per attempt, the same option never gets the same id twice.
 */
@Injectable()
export class QuizOptionIds {
  private key: Buffer | null = null;

  constructor(private readonly box: SecretBox) {}

  make(drawId: string, questionId: string, authored: string): string {
    const draw = Buffer.from(drawId.replace(/-/g, ''), 'hex');
    return Buffer.concat([draw, this.mac(draw, questionId, authored)]).toString('base64url');
  }

  /** The draw an id claims to belong to (its MAC is checked only by matching it against `make`). */
  drawOf(id: string): string | null {
    if (typeof id !== 'string' || id.length !== ID_LENGTH) return null;
    const bytes = Buffer.from(id, 'base64url');
    if (bytes.length !== DRAW_BYTES + MAC_BYTES) return null;
    const hex = bytes.subarray(0, DRAW_BYTES).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(draw: Buffer, questionId: string, authored: string): Buffer {
    this.key ??= this.box.deriveKey('quiz-option-ids');
    // Length-prefixed parts, so that no two (question, option) pairs hash the same bytes.
    const parts = [questionId, authored].map((p) => Buffer.from(p, 'utf8'));
    const h = createHmac('sha256', this.key).update(draw);
    for (const part of parts) h.update(Buffer.from([part.length >> 8, part.length & 0xff])).update(part);
    return h.digest().subarray(0, MAC_BYTES);
  }
}
