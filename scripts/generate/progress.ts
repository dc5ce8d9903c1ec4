/** One line on the terminal, redrawn in place: a bar, the share done, rows written per second and the time left. */
export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastShare = -1;
  return {
    update(done: number, total: number, rows: number) {
      const seconds = (Date.now() - started) / 1000;
      const share = total ? done / total : 1;
      const width = 30;
      const filled = Math.round(share * width);
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      const left = share > 0 ? Math.round((seconds / share) * (1 - share)) : 0;
      const line =
        `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
        `${done.toLocaleString('en')}/${total.toLocaleString('en')} households · ${rate.toLocaleString('en')} rows/s · ` +
        `${left}s left`;
      if (stream.isTTY) stream.write(`\r${line}\u001b[K`);
      else if (Math.floor(share * 10) !== lastShare) {
        lastShare = Math.floor(share * 10);
        stream.write(`${line}\n`);
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
      return (Date.now() - started) / 1000;
    },
  };
}
