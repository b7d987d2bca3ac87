import { Module } from '@nestjs/common';
import { TenancyGuard } from './tenancy.guard';
import { TenancyRepository } from './tenancy.repository';

@Module({ providers: [TenancyGuard, TenancyRepository], exports: [TenancyGuard, TenancyRepository] })
export class TenancyModule {}
