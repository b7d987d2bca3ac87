import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import {
  BODY_MAX,
  LOCALES,
  type Locale,
  MAIL_TEMPLATE_KINDS,
  type MailTemplateKind,
  SUBJECT_MAX,
} from './mail-templates';

/** What an author types; the service checks placeholders, the link line, HTML and web addresses (400 naming the field). */
export class MailTemplateInputDto {
  @ApiProperty({
    maxLength: SUBJECT_MAX,
    example: 'Aman: selesaikan "{{module}}" sebelum {{dueDate}}',
    description: 'One line; placeholders of the kind',
  })
  @IsString()
  @MaxLength(SUBJECT_MAX)
  subject: string;

  @ApiProperty({
    maxLength: BODY_MAX,
    description:
      'Plain text with the placeholders of the kind and one line holding only {{link}}, where Aman puts the link; no HTML, no web addresses',
  })
  @IsString()
  @MaxLength(BODY_MAX)
  body: string;
}

export class MailTemplateDto {
  @ApiProperty({ enum: MAIL_TEMPLATE_KINDS }) kind: MailTemplateKind;
  @ApiProperty({ enum: LOCALES }) lang: Locale;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({
    description:
      "True when this is Aman's default wording (the organisation has none of its own)",
  })
  isDefault: boolean;
  @ApiProperty({
    type: [String],
    example: ['name', 'organization', 'module', 'dueDate'],
    description: 'Placeholders usable in subject and body, besides {{link}}',
  })
  placeholders: readonly string[];
  @ApiProperty({ nullable: true, type: Date }) updatedAt: Date | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Who saved the organisation’s wording',
  })
  updatedByName: string | null;
}

export class MailPreviewDto {
  @ApiProperty({ description: "The subject in the template's language" })
  subject: string;
  @ApiProperty({
    description: 'The whole text as sent: this language first, the other below',
  })
  text: string;
  @ApiProperty({
    description:
      'The HTML part, made from the text: everything escaped, only links to this installation clickable',
  })
  html: string;
}
