import { fieldError } from '../common/validation';
import { PDFDict, PDFDocument, PDFName, PDFStream } from 'pdf-lib';
import sharp from 'sharp';

/** What a reporter may attach to a report (API.md "Confidential reports"). */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENTS_TOTAL_BYTES = 10 * 1024 * 1024;

export type AttachmentType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export interface CleanAttachment {
  /** The reporter's file name without folders or control characters, its extension matching `type`. */
  name: string;
  type: AttachmentType;
  data: Buffer;
}

const EXTENSION: Record<AttachmentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

// A phone photo is ~12-50 Mpx; this bounds what a decompression bomb can make us allocate.
const MAX_INPUT_PIXELS = 100_000_000;

const refused = (message: string) => fieldError('attachments', message);

/**
 * Returns the file re-made without what could identify the reporter: images are decoded and encoded
 * again (sharp writes no EXIF, GPS, camera, XMP or ICC data unless asked to), PDFs are rebuilt from
 * their pages only (no Info dictionary, no XMP stream, no document-level scripts or embedded files).
 * The type is read from the bytes, never from the name or the client's Content-Type, so a PDF named
 * `.jpg` is still cleaned as a PDF and anything else is refused.
 */
export async function stripAttachmentMetadata(file: { name: string; data: Buffer }): Promise<CleanAttachment> {
  const type = await detectType(file.data);
  const data = type === 'application/pdf' ? await cleanPdf(file.data) : await cleanImage(file.data, type);
  return { name: safeName(file.name, type), type, data };
}

async function detectType(data: Buffer): Promise<AttachmentType> {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  let format: string | undefined;
  try {
    format = (await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    format = undefined;
  }
  if (format === 'jpeg' || format === 'png' || format === 'webp') return `image/${format}`;
  throw refused('only JPEG, PNG or WebP images and PDF files can be attached');
}

async function cleanImage(data: Buffer, type: AttachmentType): Promise<Buffer> {
  try {
    // rotate() without an angle applies the EXIF orientation to the pixels first, so the photo still
    // stands upright once the orientation tag is gone with the rest.
    const image = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    if (type === 'image/jpeg') return await image.jpeg({ quality: 90 }).toBuffer();
    if (type === 'image/png') return await image.png().toBuffer();
    return await image.webp({ quality: 90 }).toBuffer();
  } catch {
    throw refused('an image could not be read; it may be damaged');
  }
}

async function cleanPdf(data: Buffer): Promise<Buffer> {
  let source: PDFDocument;
  try {
    // Loaded even when encrypted so that the refusal can say why (pdf-lib's own error class is
    // compiled to ES5 and fails instanceof).
    source = await PDFDocument.load(data, { updateMetadata: false, throwOnInvalidObject: true, ignoreEncryption: true });
  } catch {
    throw refused('a PDF could not be read; it may be damaged');
  }
  if (source.isEncrypted) throw refused('a PDF is password-protected; attach it without the password');
  // Pages and images may carry their own XMP streams and application data; cut the links before
  // copying so that copyPages, which follows references, leaves them behind.
  for (const [, object] of source.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : null;
    dict?.delete(PDFName.of('Metadata'));
    dict?.delete(PDFName.of('PieceInfo'));
  }
  try {
    // A new document holds only what its pages reach: the source's Info dictionary (Author, Creator,
    // Producer, Title, Subject, Keywords, dates), catalog XMP, outlines, scripts and attachments stay
    // behind, even as orphaned objects (pdf-lib writes every object of a context).
    const clean = await PDFDocument.create({ updateMetadata: false });
    const pages = await clean.copyPages(source, source.getPageIndices());
    for (const page of pages) clean.addPage(page);
    return Buffer.from(await clean.save({ useObjectStreams: true }));
  } catch {
    throw refused('a PDF could not be read; it may be damaged');
  }
}

function safeName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || 'attachment';
  return `${stem}.${EXTENSION[type]}`;
}
