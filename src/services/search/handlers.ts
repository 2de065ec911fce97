import { ApiError, type HandlersOf } from '../../contract/define';
import type { searchContract } from '../../contract/search';
import type { ServiceContext } from '../context';

export function searchHandlers(_ctx: ServiceContext): HandlersOf<typeof searchContract> {
  return {
    'search.query': async () => {
      throw new ApiError('unsupported', '搜索尚未实现');
    },
    'search.similar': async () => {
      throw new ApiError('unsupported', '相似素材尚未实现');
    },
  };
}
