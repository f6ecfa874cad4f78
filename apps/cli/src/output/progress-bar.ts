import { Presets, SingleBar } from 'cli-progress';
import { type Progress } from '../cli-context';

/**
 * The cli-progress bar on stderr: done/total, rate and ETA. Off a terminal (a CI log, a pipe) it
 * draws nothing, so stdout stays the command's answer alone.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  const bar = new SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted} | {status}',
      hideCursor: true,
      etaBuffer: 20,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let status = '';
  let value = 0;
  const rate = () => Math.round(value / Math.max(0.001, (Date.now() - started) / 1000));
  return {
    start: (total, done) => {
      value = done;
      bar.start(total, done, { status, rate: 0 });
    },
    update: (done, total, next) => {
      value = done;
      status = next ?? status;
      if (total !== undefined) bar.setTotal(total);
      bar.update(done, { status, rate: rate() });
    },
    note: (next) => {
      status = next;
      bar.update(value, { status, rate: rate() });
    },
    stop: () => bar.stop(),
  };
}
