import { subgraphCodegenConfig } from '@marquee/server-kit/codegen';

export default subgraphCodegenConfig({
  context: '../context.ts#MoviesContext',
  mappers: {
    Movie: '../stores/movieStore.ts#MovieRecord',
    CatalogueStats: '../stores/catalogueStatsStore.ts#CatalogueStatsRecord',
    IngestionRun: '../stores/catalogueStatsStore.ts#IngestionRunRecord',
    MovieConnection: '../resolvers/MovieConnection.ts#MovieConnectionModel',
  },
  scalars: { DateTime: 'Date' },
});
