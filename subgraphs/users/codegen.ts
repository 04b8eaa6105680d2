import { subgraphCodegenConfig } from '@marquee/server-kit/codegen';

export default subgraphCodegenConfig({
  context: '../context.ts#UsersContext',
  scalars: { DateTime: 'Date' },
  mappers: {
    User: '../stores/userStore.ts#UserRecord',
    MovieList: '../stores/personalStore.ts#ListRecord',
    Preferences: '../stores/personalStore.ts#PreferencesRecord',
    Movie: '../stores/personalStore.ts#MovieReference',
    WatchlistEdge: '../stores/personalStore.ts#WatchlistEdgeModel',
  },
});
