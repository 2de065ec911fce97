import type { HandlersOf } from '../../contract/define';
import type { searchContract } from '../../contract/search';
import type { ServiceContext } from '../context';

export function searchHandlers(ctx: ServiceContext): HandlersOf<typeof searchContract> {
  return {
    'search.query': async (input) => (await ctx.libraries.current()).search(input),
    'search.similar': async (input) => (await ctx.libraries.current()).similar(input),
  };
}
