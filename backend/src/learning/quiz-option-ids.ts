import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { SecretBox } from '../mail/secret-box';

const DRAW_BYTES = 16;
const MAC_BYTES = 9;
/** HMAC-SHA512 gives 64 bytes: 7 options' MACs per question from one computation. */
const MAX_OPTIONS = Math.floor(64 / MAC_BYTES);
const ID_LENGTH = Math.ceil(((DRAW_BYTES + MAC_BYTES) * 4) / 3);

/**
 * Option ids that carry their draw: base64url(draw id ‖ 72 bits of MAC), the MACs of a question's options
 * being consecutive 9-byte slices of HMAC-SHA512(key, draw id ‖ question ‖ its authored option ids), in
 * authored order; the key is derived from the installation's secrets key. One HMAC per question, not
 * per option: a submission decodes every option of every answered question.
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

  /** The ids of a question's options (authored order in, the same order out) in one draw. */
  make(drawId: string, questionId: string, authored: readonly string[]): string[] {
    if (authored.length > MAX_OPTIONS) throw new Error(`A question has at most ${MAX_OPTIONS} options`);
    const draw = Buffer.from(drawId.replace(/-/g, ''), 'hex');
    const mac = this.mac(draw, [questionId, ...authored]);
    return authored.map((_, i) => Buffer.concat([draw, mac.subarray(i * MAC_BYTES, (i + 1) * MAC_BYTES)]).toString('base64url'));
  }

  /** The draw an id claims to belong to (its MAC is checked only by matching it against `make`). */
  drawOf(id: string): string | null {
    if (typeof id !== 'string' || id.length !== ID_LENGTH) return null;
    const bytes = Buffer.from(id, 'base64url');
    if (bytes.length !== DRAW_BYTES + MAC_BYTES) return null;
    const hex = bytes.subarray(0, DRAW_BYTES).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(draw: Buffer, parts: string[]): Buffer {
    this.key ??= this.box.deriveKey('quiz-option-ids');
    // Length-prefixed parts, so that no two lists of parts hash the same bytes.
    const h = createHmac('sha512', this.key).update(draw);
    for (const part of parts.map((p) => Buffer.from(p, 'utf8'))) h.update(Buffer.from([part.length >> 8, part.length & 0xff])).update(part);
    return h.digest();
  }
}
