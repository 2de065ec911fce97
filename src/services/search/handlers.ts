import type { HandlersOf } from '../../contract/define';
import type { searchContract } from '../../contract/search';
import type { ServiceContext } from '../context';

export function searchHandlers(ctx: ServiceContext): HandlersOf<typeof searchContract> {
  const { search } = ctx.library;
  return {
    'search.query': (input) => search.query(input),
    'search.similar': (input) => search.similar(input),
  };
}
