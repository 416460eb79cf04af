// The search channels: full-text queries and saved searches. Handlers only translate between the
// contract and the services. Search builds on the archive (its records filter, its documents);
// the archive never imports search.
import type { archiveChannels } from '../../preload/contract.ts';
import type { SearchChannelName } from '../archive/handlers.ts';
import type { Db } from '../db/connection.ts';
import type { HandlersFor } from '../kernel/calls.ts';
import { deleteSavedSearch, listSavedSearches, saveSearch } from './saved.ts';
import { search } from './search.ts';

export function searchHandlers({ db }: { db: Db }): HandlersFor<Pick<typeof archiveChannels, SearchChannelName>> {
  return {
    // The caller's clearance is a parameter of every search: the classes they may see.
    'search.query': ({ query, filter, offset, limit }, ctx) => search(db, query, { filter, offset, limit, classes: ctx.viewer.classes }),
    'searches.list': () => listSavedSearches(db),
    'searches.save': (input, ctx) => saveSearch(db, input, ctx.actor),
    'searches.delete': ({ id }, ctx) => {
      deleteSavedSearch(db, id, ctx.actor);
      return { deleted: true as const };
    },
  };
}
