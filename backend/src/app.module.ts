import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { AssignmentsModule } from './assignments/assignments.module';
import { AuditModule } from './audit/audit.module';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
import { CatalogModule } from './catalog/catalog.module';
import { CertificatesModule } from './certificates/certificates.module';
import { DocumentsModule } from './documents/documents.module';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { AuthGuard } from './identity/auth.guard';
import { IdentityModule } from './identity/identity.module';
import { LearningModule } from './learning/learning.module';
import { PoliciesModule } from './policies/policies.module';
import { MailModule } from './mail/mail.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PartnersModule } from './partners/partners.module';
import { PeopleModule } from './people/people.module';
import { ReportChannelModule } from './report-channel/report-channel.module';
import { ReportChannelPosterModule } from './report-channel/poster.module';
import { ReportingModule } from './reporting/reporting.module';
import { SurveysModule } from './surveys/surveys.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { TeamModule } from './team/team.module';
import { TenancyGuard } from './tenancy/tenancy.guard';
import { TenancyModule } from './tenancy/tenancy.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('The database URL must be resolved before the app module is built');
    const staticFiles = existsSync(config.frontendDist)
      ? [
          ServeStaticModule.forRoot({
            rootPath: config.frontendDist,
            exclude: ['/api/{*path}'],
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)),
        AuditTrailModule,
        MailModule,
        TenancyModule,
        IdentityModule,
        OrganizationsModule,
        PartnersModule,
        PeopleModule,
        CatalogModule,
        DocumentsModule,
        CertificatesModule,
        LearningModule,
        AssignmentsModule,
        PoliciesModule,
        ReportingModule,
        ReportChannelPosterModule,
        ReportChannelModule,
        TeamModule,
        AuditModule,
        SurveysModule,
        IndicatorsModule,
        HealthModule,
        DemoModule,
        ...staticFiles,
      ],
      providers: [
        // Order matters: authenticate first, then check the organisation in the path.
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useExisting: TenancyGuard },
      ],
    };
  }
}
