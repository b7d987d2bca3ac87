import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe, invisibleCharacterIn } from './validation';

class Inner {
  @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(20) email: string;
}
class Outer {
  @IsString() @IsNotEmpty() @MaxLength(10) name: string;
  @ValidateNested() @Type(() => Inner) admin: Inner;
}

describe('validation pipe', () => {
  const sut = createValidationPipe();
  const validate = (value: unknown) => sut.transform(value, { type: 'body', metatype: Outer });

  it('names every bad field once, with nested paths and the most basic problem first', async () => {
    const error = await validate({ admin: { email: 'nope' }, extra: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as { message: string; fields: { field: string; message: string }[] };
    expect(body.fields).toHaveLength(3);
    expect(body.fields).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'name should not be empty' },
        { field: 'admin.email', message: 'admin.email must be an email address' },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
    expect(body.message).toContain('admin.email must be an email address');
  });

  it('passes valid input through as the DTO class', async () => {
    await expect(validate({ name: 'Ayu', admin: { email: 'ayu@kantor.id' } })).resolves.toBeInstanceOf(Outer);
  });
});

describe('invisibleCharacterIn', () => {
  it('finds bidi controls and zero-width characters and leaves ordinary names alone', () => {
    expect(invisibleCharacterIn('Budi \u202Eodnaw')).toBe('U+202E');
    expect(invisibleCharacterIn('Siti\u200BRahma')).toBe('U+200B');
    expect(invisibleCharacterIn('\u2069')).toBe('U+2069');
    expect(invisibleCharacterIn('A\uFEFF')).toBe('U+FEFF');
    expect(invisibleCharacterIn("Ni Luh Putu Ça'ñé — 李")).toBeNull();
  });
});

describe('validation pipe and numbers past ±2^53', () => {
  const sut = createValidationPipe();

  it('refuses them in what the client sent, naming the field', async () => {
    const error = await sut.transform({ page: 1e300 }, { type: 'query' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toMatchObject({ fields: [{ field: 'page', message: 'page is out of range' }] });
  });

  it('leaves values the server made alone (an uploaded file is not walked byte by byte)', async () => {
    const file = { buffer: Buffer.alloc(16), size: 16, made: 2 ** 60 };
    await expect(sut.transform(file, { type: 'custom' })).resolves.toBe(file);
  });
});
