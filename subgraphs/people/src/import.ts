// The people subgraph's face for writers outside the service (`@marquee/people/import`): the
// `marquee` command ingests and seeds people and credits through these stores, never through the
// tables themselves.
export {
  createPeopleImportStore,
  type ImportedCredit,
  type ImportedPerson,
  type PeopleImportStore,
} from './stores/peopleImport.ts';
export { createPeopleStore } from './stores/peopleStore.ts';
export {
  creditCopy,
  insertCrewCredits,
  personCopy,
  type CrewCreditOptions,
} from './stores/peopleBulkCopy.ts';
