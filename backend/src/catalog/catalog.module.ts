import { Module } from '@nestjs/common';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';

@Module({ providers: [CatalogService, CatalogRepository], exports: [CatalogService] })
export class CatalogModule {}
