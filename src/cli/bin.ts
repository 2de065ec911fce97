// The entry of the compiled command line (dist-cli/speechdraft.cjs, see scripts/build-cli.mjs): `main` with
// the process's own streams, ending quietly when the reader of stdout goes away (`speechdraft show ID | head`).
import { main } from './main';

function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

export async function run(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  return main(argv);
}
