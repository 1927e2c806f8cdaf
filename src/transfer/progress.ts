// A one-line progress report for long CLI work (rows, rows/s, ETA when the total is known),
// redrawn with \r on stderr at most a few times a second, only when asked or on a terminal.
// done() ends the line once, however often it is called.
export type Progress = { update: (rows: number) => void; done: () => void };

export function createProgress(options: { label: string; enabled: boolean; total?: number }): Progress {
  if (!options.enabled) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let last = 0;
  let rows = 0;
  let finished = false;
  const draw = () => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = Math.round(rows / seconds);
    let line = `${options.label}: ${rows}${options.total ? `/${options.total}` : ""} rows, ${rate} rows/s`;
    if (options.total && rate > 0) line += `, ETA ${Math.max(0, Math.ceil((options.total - rows) / rate))}s`;
    process.stderr.write(`\r${line}   `);
  };
  return {
    update: (n) => {
      rows = n;
      const now = Date.now();
      if (now - last >= 200) {
        last = now;
        draw();
      }
    },
    done: () => {
      if (finished) return;
      finished = true;
      draw();
      process.stderr.write("\n");
    },
  };
}
