import { warmUpNormalizer } from '../src/core/normalize';
import { TeamLibrary } from '../src/services/team/library';
import { startCluster } from '../tests/helpers/pg';
import { syntheticLibrary } from './reuse/synthetic';
warmUpNormalizer();
const N = Number(process.env.N ?? 10000);
const all = syntheticLibrary(N, 3000);
const cluster = await startCluster({ durable: false, sharedBuffers: '256MB' });
try {
  await TeamLibrary.init(cluster.url);
  const lib = await TeamLibrary.connect(cluster.url);
  const t0 = performance.now();
  await lib.bulk(() => lib.importDocs(all.map((d) => ({ name: d.id, title: d.title, text: d.text }))));
  await lib.pool.query('VACUUM ANALYZE');
  console.log('import', ((performance.now() - t0) / 1000).toFixed(1), 's');
  for (let round = 0; round < 2; round++)
    for (const q of ['改革', '高质量发展', '全面建设社会主义现代化国家', '的', '坚持以人民为中心的发展思想']) {
      const times: number[] = [];
      let total = 0;
      for (let k = 0; k < 5; k++) {
        const s0 = performance.now();
        total = (await lib.search(q, { limit: 20 })).total;
        times.push(performance.now() - s0);
      }
      times.sort((a, b) => a - b);
      console.log(q, total, times[2].toFixed(0), 'ms');
    }
  await lib.close();
} finally {
  cluster.stop();
}
