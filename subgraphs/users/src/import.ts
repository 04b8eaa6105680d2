// The users subgraph's face for writers outside the service (`@marquee/users/import`): the
// `marquee` command ingests and seeds accounts, and `marquee token` looks one up and sets its
// role, through these stores, never through the tables themselves.
export {
  createUserImportStore,
  type ImportedUser,
  type UserImportStore,
} from './stores/userImport.ts';
export { createUserStore } from './stores/userStore.ts';
