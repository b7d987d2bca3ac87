import { BadRequestException } from '@nestjs/common';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { stripAttachmentMetadata } from './attachment-metadata';

const CAMERA = 'AmanTestCamera';

/** A 4×2 photo as a phone would store it: camera and GPS EXIF, turned by the orientation tag. */
async function phonePhoto(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  return sharp({ create: { width: 4, height: 2, channels: 3, background: '#c33' } })
    .toFormat(format)
    .withExif({ IFD0: { Make: CAMERA, Model: 'X1' }, IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 12/1 3/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 49/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse();
  }
  throw new Error('expected a refusal');
}

describe('stripAttachmentMetadata', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('drops GPS and camera EXIF from a %s and keeps it upright', async (format) => {
    const photo = await phonePhoto(format);
    const before = await sharp(photo).metadata();
    expect(before.exif?.toString('latin1')).toContain(CAMERA);
    expect(photo.includes(CAMERA)).toBe(true);

    const sut = await stripAttachmentMetadata({ name: 'C:\\Users\\me\\IMG_0001.HEIC.jpeg', data: photo });

    const after = await sharp(sut.data).metadata();
    expect(after.format).toBe(format);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(sut.data.includes(CAMERA)).toBe(false);
    // Orientation 6 means "turn 90°": the pixels are turned instead of the tag being kept.
    expect([after.width, after.height]).toEqual([2, 4]);
    expect(sut.type).toBe(`image/${format}`);
    expect(sut.name).toBe(`IMG_0001.HEIC.${format === 'jpeg' ? 'jpg' : format}`);
  });

  it('clears Author, Creator, Producer, Title, Subject, Keywords and the XMP stream of a PDF, keeping its pages', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 100]);
    doc.addPage([300, 100]);
    doc.setAuthor('Sari Wulandari');
    doc.setCreator('Scanner of Sari');
    doc.setProducer('ProducerMarker');
    doc.setTitle('Kronologi');
    doc.setSubject('SubjectMarker');
    doc.setKeywords(['KeywordMarker']);
    const xmp = doc.context.stream('<x:xmpmeta><dc:creator>Sari Wulandari</dc:creator></x:xmpmeta>', { Type: 'Metadata', Subtype: 'XML' });
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    expect(pdf.includes('Sari Wulandari')).toBe(true);

    const sut = await stripAttachmentMetadata({ name: 'kronologi.pdf', data: pdf });

    const back = await PDFDocument.load(sut.data, { updateMetadata: false });
    expect(back.getAuthor()).toBeUndefined();
    expect(back.getCreator()).toBeUndefined();
    expect(back.getProducer()).toBeUndefined();
    expect(back.getTitle()).toBeUndefined();
    expect(back.getSubject()).toBeUndefined();
    expect(back.getKeywords()).toBeUndefined();
    expect(back.catalog.get(PDFName.of('Metadata'))).toBeUndefined();
    expect(back.getPages().map((p) => p.getWidth())).toEqual([200, 300]);
    const raw = Buffer.from(await back.save({ useObjectStreams: false }));
    for (const marker of ['Sari Wulandari', 'ProducerMarker', 'SubjectMarker', 'KeywordMarker', 'xmpmeta']) expect(raw.includes(marker)).toBe(false);
    expect(sut).toMatchObject({ name: 'kronologi.pdf', type: 'application/pdf' });
  });

  it('reads the type from the bytes, not the name', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.setAuthor('Sari Wulandari');
    const sut = await stripAttachmentMetadata({ name: 'photo.jpg', data: Buffer.from(await doc.save()) });
    expect(sut.type).toBe('application/pdf');
    expect(sut.name).toBe('photo.pdf');
    expect(sut.data.includes('Sari Wulandari')).toBe(false);
  });

  it.each([
    ['a text file', Buffer.from('hello')],
    ['a GIF', Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')],
    ['a damaged PDF', Buffer.from('%PDF-1.7\nnot really')],
  ])('refuses %s with a 400 naming attachments', async (_what, data) => {
    await expect(refusal(stripAttachmentMetadata({ name: 'x', data }))).resolves.toMatchObject({ statusCode: 400, fields: [{ field: 'attachments' }] });
  });

  it('refuses a password-protected PDF, which it could not clean', async () => {
    // A minimal PDF whose trailer names an /Encrypt dictionary is enough for pdf-lib to see it as encrypted.
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 1, R: 2 }));
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    await expect(refusal(stripAttachmentMetadata({ name: 'x.pdf', data: pdf }))).resolves.toMatchObject({ message: expect.stringContaining('password') });
  });
});
